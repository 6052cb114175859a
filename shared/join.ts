// The join of DESIGN §4: a model entry of the item's domain matches the item when their address
// ranges overlap. Prefixes nest or are disjoint, so the matches of a feedback CIDR [s, e] are
// the entries that start inside it (they nest inside it, or share its start and contain it)
// plus the entries that start before s and contain s — a chain of nested prefixes, found by
// walking parent links from the last entry that starts before s. Binary search over each
// domain's sorted integers; never a nested loop over address objects.

import { endV6, type Cidr } from './cidr';
import type { SenderModelIndex } from './sender-model-index';

/** A finished join: per item, its domain in the build and its matched entries (CSR layout). */
export interface JoinResult {
  /** Domain position in the build per item, -1 when the build has no such domain. */
  itemDomain: Int32Array;
  /** Matches of item i are matchEntries[matchOffsets[i] .. matchOffsets[i+1]), global entry ids. */
  matchOffsets: Uint32Array;
  /** Global entry id: v4 position, or v4 count + v6 position. Sorted by address, then prefix. */
  matchEntries: Uint32Array;
}

export interface JoinQuery {
  domain: string;
  cidr: Cidr;
}

export function findDomain(domains: string[], domain: string): number {
  let lo = 0;
  let hi = domains.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = domains[mid];
    if (d === domain) return mid;
    if (d < domain) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const V4_STACK = new Int32Array(33);

/**
 * Parent links (nearest enclosing entry in the same domain, -1 for none) are derived, computed
 * per domain on first use and cached with the index.
 */
class ParentLinks {
  readonly v4: Int32Array;
  readonly v6: Int32Array;
  private readonly v4Done: Uint8Array;
  private readonly v6Done: Uint8Array;
  constructor(private readonly index: SenderModelIndex) {
    this.v4 = new Int32Array(index.v4Start.length);
    this.v6 = new Int32Array(index.v6Hi.length);
    this.v4Done = new Uint8Array(index.domains.length);
    this.v6Done = new Uint8Array(index.domains.length);
  }
  ensureV4(domain: number): void {
    if (this.v4Done[domain]) return;
    this.v4Done[domain] = 1;
    const { v4Offsets, v4Start, v4Prefix } = this.index;
    const a = v4Offsets[domain];
    const b = v4Offsets[domain + 1];
    // Single addresses only (the common case): nothing encloses anything.
    let prefixes = false;
    for (let i = a; i < b && !prefixes; i++) prefixes = v4Prefix[i] < 32;
    if (!prefixes) {
      this.v4.fill(-1, a, b);
      return;
    }
    // The stack is a chain of nested prefixes: at most one per prefix length.
    const stack = V4_STACK;
    let depth = 0;
    for (let i = a; i < b; i++) {
      while (depth > 0 && v4Start[stack[depth - 1]] + POW2[32 - v4Prefix[stack[depth - 1]]] - 1 < v4Start[i]) depth--;
      this.v4[i] = depth > 0 ? stack[depth - 1] : -1;
      stack[depth++] = i;
    }
  }
  ensureV6(domain: number): void {
    if (this.v6Done[domain]) return;
    this.v6Done[domain] = 1;
    const { v6Offsets, v6Hi, v6Lo, v6Prefix } = this.index;
    const stack: number[] = [];
    for (let i = v6Offsets[domain]; i < v6Offsets[domain + 1]; i++) {
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const [eh, el] = endV6(v6Hi[top], v6Lo[top], v6Prefix[top]);
        if (eh > v6Hi[i] || (eh === v6Hi[i] && el >= v6Lo[i])) break;
        stack.pop();
      }
      this.v6[i] = stack.length > 0 ? stack[stack.length - 1] : -1;
      stack.push(i);
    }
  }
}

const parentCache = new WeakMap<SenderModelIndex, ParentLinks>();

function parentsOf(index: SenderModelIndex): ParentLinks {
  let links = parentCache.get(index);
  if (!links) {
    links = new ParentLinks(index);
    parentCache.set(index, links);
  }
  return links;
}

/** Entry ids of a join, appended without a JS array (a join can find millions). Reusable. */
export class MatchBuffer {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(entry: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = entry;
  }
  clear(): void {
    this.length = 0;
  }
}

/**
 * The join one item at a time: the matches of a feedback CIDR, appended to a reusable buffer
 * in address order. Reports and views match item by item as they go, so no array of every
 * match of every item (tens of millions on a heavy feedback pull) is ever held.
 */
export class Matcher {
  private readonly links: ParentLinks;
  private lastDomain: string | null = null;
  private lastPosition = -1;
  constructor(readonly index: SenderModelIndex) {
    this.links = parentsOf(index);
  }
  /** The domain's position in the build, -1 when the build does not have it. */
  domainOf(domain: string): number {
    // Items come sorted by org then domain, so a domain is usually the previous item's.
    if (domain !== this.lastDomain) {
      this.lastPosition = findDomain(this.index.domains, domain);
      this.lastDomain = domain;
    }
    return this.lastPosition;
  }
  /** Clears `out`, then fills it with the matches of `cidr` in domain position `domain`. */
  matches(domain: number, cidr: Cidr, out: MatchBuffer): void {
    out.clear();
    if (domain >= 0) matchInto(this.index, this.links, domain, cidr, out);
  }
  /** The matches of `cidr` in domain position `domain` as a span (none when the domain is -1). */
  span(domain: number, cidr: Cidr, out: MatchSpan): void {
    if (domain < 0) out.clear();
    else spanInto(this.index, this.links, domain, cidr, out);
  }
}

/** 2^k for k = 0…32: the size of an IPv4 prefix of length 32 − k. */
const POW2 = Float64Array.from({ length: 33 }, (_, k) => 2 ** k);

/**
 * The matches of one CIDR, without listing them: the entries that contain it and start before
 * it (a chain of nested prefixes, at most one per prefix length, so 129 places are enough),
 * then one contiguous run of entry ids [from, to) — the entries that start inside it. Global
 * entry ids, in address order. A /16 on a big domain matches thousands of entries: they are
 * read straight from the build's arrays.
 */
export class MatchSpan {
  readonly enclosing = new Uint32Array(129);
  enclosingCount = 0;
  from = 0;
  to = 0;
  get count(): number {
    return this.enclosingCount + this.to - this.from;
  }
  clear(): void {
    this.enclosingCount = 0;
    this.from = 0;
    this.to = 0;
  }
}

/** Reused while one span is found (the join is synchronous). */
const before = new Int32Array(129);

function spanInto(index: SenderModelIndex, links: ParentLinks, domain: number, cidr: Cidr, span: MatchSpan): void {
  span.clear();
  if (cidr.family === 4) {
    const a = index.v4Offsets[domain];
    const b = index.v4Offsets[domain + 1];
    if (a === b) return;
    links.ensureV4(domain);
    const starts = index.v4Start;
    const prefixes = index.v4Prefix;
    const parent = links.v4;
    const s = cidr.start;
    const e = s + POW2[32 - cidr.prefix] - 1;
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    let depth = 0;
    for (let j = lo - 1; j >= a; j = parent[j]) {
      if (starts[j] + POW2[32 - prefixes[j]] - 1 >= s) before[depth++] = j;
    }
    for (let k = 0; k < depth; k++) span.enclosing[k] = before[depth - 1 - k];
    span.enclosingCount = depth;
    // The run of entries that start inside: up to the first start past the CIDR's end.
    let end = lo;
    hi = b;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (starts[mid] <= e) end = mid + 1;
      else hi = mid;
    }
    span.from = lo;
    span.to = end;
    return;
  }
  const a = index.v6Offsets[domain];
  const b = index.v6Offsets[domain + 1];
  if (a === b) return;
  links.ensureV6(domain);
  const base = index.v4Start.length;
  const { v6Hi, v6Lo, v6Prefix } = index;
  const [eh, el] = endV6(cidr.hi, cidr.lo, cidr.prefix);
  let lo = a;
  let hi = b;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v6Hi[mid] < cidr.hi || (v6Hi[mid] === cidr.hi && v6Lo[mid] < cidr.lo)) lo = mid + 1;
    else hi = mid;
  }
  let depth = 0;
  for (let j = lo - 1; j >= a; j = links.v6[j]) {
    const [jh, jl] = endV6(v6Hi[j], v6Lo[j], v6Prefix[j]);
    if (jh > cidr.hi || (jh === cidr.hi && jl >= cidr.lo)) before[depth++] = base + j;
  }
  for (let k = 0; k < depth; k++) span.enclosing[k] = before[depth - 1 - k];
  span.enclosingCount = depth;
  let end = lo;
  while (end < b && (v6Hi[end] < eh || (v6Hi[end] === eh && v6Lo[end] <= el))) end++;
  span.from = base + lo;
  span.to = base + end;
}

const scratchSpan = new MatchSpan();

function matchInto(index: SenderModelIndex, links: ParentLinks, domain: number, cidr: Cidr, out: MatchBuffer): void {
  spanInto(index, links, domain, cidr, scratchSpan);
  for (let k = 0; k < scratchSpan.enclosingCount; k++) out.push(scratchSpan.enclosing[k]);
  for (let e = scratchSpan.from; e < scratchSpan.to; e++) out.push(e);
}

/**
 * Every item's matches at once (CSR). For tests and the bench's cross-checks against peers;
 * the analysis and the reports use a Matcher item by item instead.
 */
export function join(index: SenderModelIndex, queries: readonly JoinQuery[]): JoinResult {
  const n = queries.length;
  const itemDomain = new Int32Array(n);
  const matchOffsets = new Uint32Array(n + 1);
  const matches = new MatchBuffer(Math.max(1024, n * 4));
  const links = parentsOf(index);
  let lastDomain: string | null = null;
  let d = -1;
  for (let i = 0; i < n; i++) {
    const query = queries[i];
    if (query.domain !== lastDomain) {
      d = findDomain(index.domains, query.domain);
      lastDomain = query.domain;
    }
    itemDomain[i] = d;
    if (d >= 0) matchInto(index, links, d, query.cidr, matches);
    matchOffsets[i + 1] = matches.length;
  }
  return { itemDomain, matchOffsets, matchEntries: matches.data.slice(0, matches.length) };
}

export function entryScore(index: SenderModelIndex, entry: number): number {
  const v4 = index.v4Start.length;
  return entry < v4 ? index.v4Score[entry] : index.v6Score[entry - v4];
}
