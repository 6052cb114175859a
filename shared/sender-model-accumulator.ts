// Collects a sender-model build from a reader (DESIGN §3.1) into a SenderModelIndex: domains
// normalised, entries normalised, a domain seen in several records gets all their entries, an
// entry listed twice for a domain counts once with the later score (as the notebook's
// dictionary did), and null or non-finite scores are dropped — each reported.

import { maskV4, parseCidr, parseIPv4Bytes, parsedV4 } from './cidr';
import { normaliseDomain } from './domain';
import { Growable } from './growable';
import type { EntryWhere, SenderModelSink } from './sender-model-sink';
import type { SenderModelIndex } from './sender-model-index';
import type { Problem } from './types';

export interface SenderModelImportStats {
  kept: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
  /** Problems beyond this many are counted, not kept, so a broken build cannot exhaust memory. */
  problemsDropped: number;
}

const MAX_PROBLEMS = 10_000;

export class SenderModelAccumulator implements SenderModelSink {
  private readonly domainIds = new Map<string, number>();
  private readonly domainNames: string[] = [];
  private currentDomain = -1;
  private version: string | null = null;
  private threshold: number | null = null;
  private readonly v4 = new V4Columns();
  private readonly v6Domain = new Growable(Uint32Array);
  private readonly v6Hi = new Growable(BigUint64Array);
  private readonly v6Lo = new Growable(BigUint64Array);
  private readonly v6Prefix = new Growable(Uint8Array);
  private readonly v6Score = new Growable(Float64Array);
  private readonly problems: Problem[] = [];
  private problemsDropped = 0;
  private rejected = 0;
  private readonly decoder = new TextDecoder();

  /** Entries taken so far (before de-duplication), for progress. */
  get entries(): number {
    return this.v4.length + this.v6Hi.length;
  }

  setVersion(version: string | null): void {
    if (version !== null) this.version = version;
  }

  setThreshold(threshold: number | null): void {
    if (threshold !== null && Number.isFinite(threshold)) this.threshold = threshold;
  }

  beginDomain(domain: string, where: EntryWhere): boolean {
    const normal = normaliseDomain(domain);
    if (normal === null) {
      this.currentDomain = -1;
      this.rejected++;
      this.report({ row: where.record, field: where.path ? `${where.path}.domain` : 'domain', value: domain, reason: 'not a valid domain; its entries are dropped' });
      return false;
    }
    let id = this.domainIds.get(normal);
    if (id === undefined) {
      id = this.domainNames.length;
      this.domainIds.set(normal, id);
      this.domainNames.push(normal);
    }
    this.currentDomain = id;
    return true;
  }

  addEntryBytes(bytes: Uint8Array, start: number, end: number, score: number | null, where: () => EntryWhere): void {
    if (this.currentDomain < 0) return;
    if (score === null || !Number.isFinite(score)) {
      this.dropScore(this.decoder.decode(bytes.subarray(start, end)), score, where);
      return;
    }
    if (parseIPv4Bytes(bytes, start, end)) {
      this.pushV4(parsedV4.start, parsedV4.prefix, score);
      return;
    }
    this.addEntry(this.decoder.decode(bytes.subarray(start, end)), score, where);
  }

  addEntry(cidr: string, score: number | null, where: () => EntryWhere): void {
    if (this.currentDomain < 0) return;
    if (score === null || !Number.isFinite(score)) {
      this.dropScore(cidr, score, where);
      return;
    }
    const parsed = parseCidr(cidr);
    if (!parsed.ok) {
      this.rejected++;
      const w = where();
      this.report({ row: w.record, field: w.path ? `${w.path}.cidr` : 'cidr', value: cidr, reason: `${parsed.reason}; entry dropped` });
      return;
    }
    const c = parsed.cidr;
    if (c.family === 4) this.pushV4(c.start, c.prefix, score);
    else {
      this.v6Domain.push(this.currentDomain);
      this.v6Hi.push(c.hi);
      this.v6Lo.push(c.lo);
      this.v6Prefix.push(c.prefix);
      this.v6Score.push(score);
    }
  }

  report(problem: Problem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.problemsDropped++;
  }

  private pushV4(start: number, prefix: number, score: number): void {
    this.v4.push(this.currentDomain, maskV4(start, prefix), prefix, score);
  }

  private dropScore(cidr: string, score: number | null, where: () => EntryWhere): void {
    this.rejected++;
    const w = where();
    this.report({ row: w.record, field: w.path ? `${w.path}.score` : 'score', value: String(score), reason: `score is ${score === null ? 'null' : 'not a finite number'}; entry ${cidr} dropped` });
  }

  /** Sorts, de-duplicates and packs everything into a SenderModelIndex. */
  finish(): { index: SenderModelIndex; stats: SenderModelImportStats } {
    // Domains in sorted order; rank[id] is the sorted position of domain id.
    const order = this.domainNames.map((_, i) => i).sort((a, b) => (this.domainNames[a] < this.domainNames[b] ? -1 : 1));
    const rank = new Uint32Array(order.length);
    order.forEach((id, position) => (rank[id] = position));
    const domains = order.map((id) => this.domainNames[id]);

    const v4 = packV4(rank, domains.length, this.v4);
    const v6 = packV6(rank, domains.length, this.v6Domain.view(), this.v6Hi.view(), this.v6Lo.view(), this.v6Prefix.view(), this.v6Score.view());
    const index: SenderModelIndex = {
      domains,
      v4Offsets: v4.offsets,
      v4Start: v4.start,
      v4Prefix: v4.prefix,
      v4Score: v4.score,
      v6Offsets: v6.offsets,
      v6Hi: v6.hi,
      v6Lo: v6.lo,
      v6Prefix: v6.prefix,
      v6Score: v6.score,
      version: this.version,
      threshold: this.threshold,
    };
    const kept = v4.start.length + v6.hi.length;
    return {
      index,
      stats: { kept, rejected: this.rejected, replaced: v4.replaced + v6.replaced, problems: this.problems, problemsDropped: this.problemsDropped },
    };
  }
}

/** Stable counting sort of entry positions by their domain's sorted rank. */
function groupByDomain(rank: Uint32Array, domainCount: number, entryDomain: Uint32Array): { perm: Uint32Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(domainCount + 1);
  for (let i = 0; i < entryDomain.length; i++) offsets[rank[entryDomain[i]] + 1]++;
  for (let d = 0; d < domainCount; d++) offsets[d + 1] += offsets[d];
  const cursor = offsets.slice(0, domainCount);
  const perm = new Uint32Array(entryDomain.length);
  for (let i = 0; i < entryDomain.length; i++) perm[cursor[rank[entryDomain[i]]]++] = i;
  return { perm, offsets };
}

/**
 * Sorts the IPv4 entries by (domain rank, address, prefix, arrival) with a stable LSD radix sort
 * of entry positions — prefix, low 16 address bits, high 16 address bits, then domain — and
 * packs them, an entry listed twice for a domain (same address and prefix) keeping its later
 * score. Linear in the entries: no comparison sort per domain, no key per entry.
 */
function packV4(rank: Uint32Array, domainCount: number, columns: V4Columns) {
  const n = columns.length;
  const { start, prefix, domain } = columns;
  const chunks = start.length;
  // Histograms of every digit in one sequential pass, then turned into bucket starts.
  const byPrefix = new Uint32Array(34);
  const byLow = new Uint32Array(65537);
  const byHigh = new Uint32Array(65537);
  const byDomain = new Uint32Array(domainCount + 1);
  for (let c = 0; c < chunks; c++) {
    const s = start[c];
    const p = prefix[c];
    const d = domain[c];
    const length = Math.min(CHUNK, n - c * CHUNK);
    for (let k = 0; k < length; k++) {
      const v = s[k];
      byLow[(v & 0xffff) + 1]++;
      byHigh[(v >>> 16) + 1]++;
      byPrefix[p[k] + 1]++;
      byDomain[rank[d[k]] + 1]++;
    }
  }
  for (let i = 1; i < byLow.length; i++) {
    byLow[i] += byLow[i - 1];
    byHigh[i] += byHigh[i - 1];
  }
  for (let i = 1; i < byPrefix.length; i++) byPrefix[i] += byPrefix[i - 1];
  for (let i = 1; i < byDomain.length; i++) byDomain[i] += byDomain[i - 1];
  const domainStarts = byDomain.slice();

  let a = new Uint32Array(n);
  let b = new Uint32Array(n);
  for (let c = 0; c < chunks; c++) {
    const p = prefix[c];
    const length = Math.min(CHUNK, n - c * CHUNK);
    for (let k = 0; k < length; k++) a[byPrefix[p[k]]++] = c * CHUNK + k;
  }
  for (let i = 0; i < n; i++) {
    const e = a[i];
    b[byLow[start[e >>> CHUNK_BITS][e & CHUNK_MASK] & 0xffff]++] = e;
  }
  for (let i = 0; i < n; i++) {
    const e = b[i];
    a[byHigh[start[e >>> CHUNK_BITS][e & CHUNK_MASK] >>> 16]++] = e;
  }
  for (let i = 0; i < n; i++) {
    const e = a[i];
    b[byDomain[rank[domain[e >>> CHUNK_BITS][e & CHUNK_MASK]]]++] = e;
  }
  const order = b;
  a = b = new Uint32Array(0);

  const { score } = columns;
  const outStart = new Uint32Array(n);
  const outPrefix = new Uint8Array(n);
  const outScore = new Float64Array(n);
  const outOffsets = new Uint32Array(domainCount + 1);
  let out = 0;
  let replaced = 0;
  for (let d = 0; d < domainCount; d++) {
    outOffsets[d] = out;
    const last = domainStarts[d + 1] - 1;
    for (let k = domainStarts[d]; k <= last; k++) {
      const e = order[k];
      const c = e >>> CHUNK_BITS;
      const j = e & CHUNK_MASK;
      const s = start[c][j];
      const p = prefix[c][j];
      if (k < last) {
        // Same address and prefix as the next one: the next one arrived later and replaces this.
        const f = order[k + 1];
        if (start[f >>> CHUNK_BITS][f & CHUNK_MASK] === s && prefix[f >>> CHUNK_BITS][f & CHUNK_MASK] === p) {
          replaced++;
          continue;
        }
      }
      outStart[out] = s;
      outPrefix[out] = p;
      outScore[out] = score[c][j];
      out++;
    }
  }
  outOffsets[domainCount] = out;
  if (out === n) return { offsets: outOffsets, start: outStart, prefix: outPrefix, score: outScore, replaced };
  return { offsets: outOffsets, start: outStart.slice(0, out), prefix: outPrefix.slice(0, out), score: outScore.slice(0, out), replaced };
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * The IPv4 entries as they arrive, in fixed-size chunks of typed arrays: appending never copies
 * and never holds an array twice its size (a 20M-entry build is ~340 MB here), and every store
 * has one array type, so it stays monomorphic in the decode loop.
 */
class V4Columns {
  length = 0;
  readonly domain: Uint32Array[] = [];
  readonly start: Uint32Array[] = [];
  readonly prefix: Uint8Array[] = [];
  readonly score: Float64Array[] = [];
  private d = new Uint32Array(0);
  private s = new Uint32Array(0);
  private p = new Uint8Array(0);
  private c = new Float64Array(0);
  private at = CHUNK;

  push(domain: number, start: number, prefix: number, score: number): void {
    if (this.at === CHUNK) this.nextChunk();
    const k = this.at++;
    this.d[k] = domain;
    this.s[k] = start;
    this.p[k] = prefix;
    this.c[k] = score;
    this.length++;
  }

  private nextChunk(): void {
    this.domain.push((this.d = new Uint32Array(CHUNK)));
    this.start.push((this.s = new Uint32Array(CHUNK)));
    this.prefix.push((this.p = new Uint8Array(CHUNK)));
    this.score.push((this.c = new Float64Array(CHUNK)));
    this.at = 0;
  }
}

function packV6(rank: Uint32Array, domainCount: number, entryDomain: Uint32Array, hi: BigUint64Array, lo: BigUint64Array, prefix: Uint8Array, score: Float64Array) {
  const { perm, offsets } = groupByDomain(rank, domainCount, entryDomain);
  const outHi = new BigUint64Array(perm.length);
  const outLo = new BigUint64Array(perm.length);
  const outPrefix = new Uint8Array(perm.length);
  const outScore = new Float64Array(perm.length);
  const outOffsets = new Uint32Array(domainCount + 1);
  let out = 0;
  let replaced = 0;
  for (let d = 0; d < domainCount; d++) {
    outOffsets[d] = out;
    // IPv6 entries are few next to IPv4; a comparator sort on positions is plenty (stable).
    const segment = Array.from(perm.subarray(offsets[d], offsets[d + 1]));
    segment.sort((i, j) => (hi[i] !== hi[j] ? (hi[i] < hi[j] ? -1 : 1) : lo[i] !== lo[j] ? (lo[i] < lo[j] ? -1 : 1) : prefix[i] - prefix[j]));
    for (let k = 0; k < segment.length; k++) {
      const i = segment[k];
      const j = segment[k + 1];
      if (j !== undefined && hi[i] === hi[j] && lo[i] === lo[j] && prefix[i] === prefix[j]) { replaced++; continue; }
      outHi[out] = hi[i]; outLo[out] = lo[i]; outPrefix[out] = prefix[i]; outScore[out] = score[i]; out++;
    }
  }
  outOffsets[domainCount] = out;
  return { offsets: outOffsets, hi: outHi.slice(0, out), lo: outLo.slice(0, out), prefix: outPrefix.slice(0, out), score: outScore.slice(0, out), replaced };
}
