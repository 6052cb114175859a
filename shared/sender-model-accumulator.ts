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
  private readonly v4Domain = new Growable(Uint32Array, 1 << 16);
  private readonly v4Start = new Growable(Uint32Array, 1 << 16);
  private readonly v4Prefix = new Growable(Uint8Array, 1 << 16);
  private readonly v4Score = new Growable(Float64Array, 1 << 16);
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
    return this.v4Start.length + this.v6Hi.length;
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
      this.report({ row: where.record, field: `${where.path}.domain`, value: domain, reason: 'not a valid domain; its entries are dropped' });
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
      this.report({ row: w.record, field: `${w.path}.cidr`, value: cidr, reason: `${parsed.reason}; entry dropped` });
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
    this.v4Domain.push(this.currentDomain);
    this.v4Start.push(maskV4(start, prefix));
    this.v4Prefix.push(prefix);
    this.v4Score.push(score);
  }

  private dropScore(cidr: string, score: number | null, where: () => EntryWhere): void {
    this.rejected++;
    const w = where();
    this.report({ row: w.record, field: `${w.path}.score`, value: String(score), reason: `score is ${score === null ? 'null' : 'not a finite number'}; entry ${cidr} dropped` });
  }

  /** Sorts, de-duplicates and packs everything into a SenderModelIndex. */
  finish(): { index: SenderModelIndex; stats: SenderModelImportStats } {
    // Domains in sorted order; rank[id] is the sorted position of domain id.
    const order = this.domainNames.map((_, i) => i).sort((a, b) => (this.domainNames[a] < this.domainNames[b] ? -1 : 1));
    const rank = new Uint32Array(order.length);
    order.forEach((id, position) => (rank[id] = position));
    const domains = order.map((id) => this.domainNames[id]);

    const v4 = packV4(rank, domains.length, this.v4Domain.view(), this.v4Start.view(), this.v4Prefix.view(), this.v4Score.view());
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

function packV4(rank: Uint32Array, domainCount: number, entryDomain: Uint32Array, start: Uint32Array, prefix: Uint8Array, score: Float64Array) {
  const { perm, offsets } = groupByDomain(rank, domainCount, entryDomain);
  const outStart = new Uint32Array(perm.length);
  const outPrefix = new Uint8Array(perm.length);
  const outScore = new Float64Array(perm.length);
  const outOffsets = new Uint32Array(domainCount + 1);
  let out = 0;
  let replaced = 0;
  // Sort keys: high word the address, low word (prefix << 26 | position in the domain), so a
  // native sort of 64-bit integers orders by address, prefix, then arrival (later wins).
  let keys = new BigUint64Array(0);
  for (let d = 0; d < domainCount; d++) {
    outOffsets[d] = out;
    const a = offsets[d];
    const b = offsets[d + 1];
    const n = b - a;
    if (isSortedStrictly(perm, a, b, start, prefix)) {
      for (let k = a; k < b; k++) {
        const i = perm[k];
        outStart[out] = start[i]; outPrefix[out] = prefix[i]; outScore[out] = score[i]; out++;
      }
      continue;
    }
    if (keys.length < n) keys = new BigUint64Array(Math.max(n, keys.length * 2));
    const segment = keys.subarray(0, n);
    const words = new Uint32Array(segment.buffer, segment.byteOffset, n * 2);
    for (let k = 0; k < n; k++) {
      const i = perm[a + k];
      words[2 * k] = ((prefix[i] << 26) | k) >>> 0;
      words[2 * k + 1] = start[i];
    }
    segment.sort();
    for (let k = 0; k < n; k++) {
      const low = words[2 * k];
      const i = perm[a + (low & 0x3ffffff)];
      const next = k + 1 < n ? words[2 * k + 2] : -1;
      // Same address and prefix as the next key: the next one arrived later and replaces this.
      if (k + 1 < n && words[2 * k + 3] === start[i] && next >>> 26 === prefix[i]) { replaced++; continue; }
      outStart[out] = start[i]; outPrefix[out] = prefix[i]; outScore[out] = score[i]; out++;
    }
  }
  outOffsets[domainCount] = out;
  return { offsets: outOffsets, start: outStart.slice(0, out), prefix: outPrefix.slice(0, out), score: outScore.slice(0, out), replaced };
}

function isSortedStrictly(perm: Uint32Array, a: number, b: number, start: Uint32Array, prefix: Uint8Array): boolean {
  for (let k = a + 1; k < b; k++) {
    const i = perm[k - 1];
    const j = perm[k];
    if (start[i] > start[j] || (start[i] === start[j] && prefix[i] >= prefix[j])) return false;
  }
  return true;
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
