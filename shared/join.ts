// The join of DESIGN §4: a model entry of the item's domain matches the item when their address
// ranges overlap. Prefixes nest or are disjoint, so the matches of a feedback CIDR [s, e] are
// the entries that start inside it (they nest inside it, or share its start and contain it)
// plus the entries that start before s and contain s — a chain of nested prefixes, found by
// walking parent links from the last entry that starts before s. Binary search over each
// domain's sorted integers; never a nested loop over address objects.

import { endV4, endV6, type Cidr } from './cidr';
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
    const stack: number[] = [];
    for (let i = v4Offsets[domain]; i < v4Offsets[domain + 1]; i++) {
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (endV4(v4Start[top], v4Prefix[top]) >= v4Start[i]) break;
        stack.pop();
      }
      this.v4[i] = stack.length > 0 ? stack[stack.length - 1] : -1;
      stack.push(i);
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

/** Matches of one feedback CIDR within one domain of the build, appended to `out` in address order. */
export function matchCidr(index: SenderModelIndex, domain: number, cidr: Cidr, out: number[]): void {
  const links = parentsOf(index);
  const before: number[] = [];
  if (cidr.family === 4) {
    const a = index.v4Offsets[domain];
    const b = index.v4Offsets[domain + 1];
    if (a === b) return;
    links.ensureV4(domain);
    const starts = index.v4Start;
    const s = cidr.start;
    const e = endV4(s, cidr.prefix);
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo - 1; j >= a; j = links.v4[j]) {
      if (endV4(starts[j], index.v4Prefix[j]) >= s) before.push(j);
    }
    for (let k = before.length - 1; k >= 0; k--) out.push(before[k]);
    for (let k = lo; k < b && starts[k] <= e; k++) out.push(k);
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
  for (let j = lo - 1; j >= a; j = links.v6[j]) {
    const [jh, jl] = endV6(v6Hi[j], v6Lo[j], v6Prefix[j]);
    if (jh > cidr.hi || (jh === cidr.hi && jl >= cidr.lo)) before.push(base + j);
  }
  for (let k = before.length - 1; k >= 0; k--) out.push(before[k]);
  for (let k = lo; k < b && (v6Hi[k] < eh || (v6Hi[k] === eh && v6Lo[k] <= el)); k++) out.push(base + k);
}

export function join(index: SenderModelIndex, queries: JoinQuery[]): JoinResult {
  const itemDomain = new Int32Array(queries.length);
  const matchOffsets = new Uint32Array(queries.length + 1);
  const matches: number[] = [];
  for (let i = 0; i < queries.length; i++) {
    const d = findDomain(index.domains, queries[i].domain);
    itemDomain[i] = d;
    if (d >= 0) matchCidr(index, d, queries[i].cidr, matches);
    matchOffsets[i + 1] = matches.length;
  }
  return { itemDomain, matchOffsets, matchEntries: Uint32Array.from(matches) };
}

export function entryScore(index: SenderModelIndex, entry: number): number {
  const v4 = index.v4Start.length;
  return entry < v4 ? index.v4Score[entry] : index.v6Score[entry - v4];
}
