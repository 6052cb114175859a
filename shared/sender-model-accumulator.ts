// Collects a sender-model build from a reader (DESIGN §3.1) into a SenderModelIndex: domains
// normalised, entries normalised, a domain seen in several records gets all their entries, an
// entry listed twice for a domain counts once with the later score (as the notebook's
// dictionary did), and null or non-finite scores are dropped — each reported.

import { maskV4, parseCidr, parseIPv4Bytes, parsedV4 } from './cidr';
import { normaliseDomain } from './domain';
import { Growable } from './growable';
import { ProblemList } from './problems';
import type { EntryWhere, SenderModelSink } from './sender-model-sink';
import type { SenderModelIndex } from './sender-model-index';
import type { Problem } from './types';

export interface SenderModelImportStats {
  kept: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
  /** Problems beyond MAX_KEPT_PROBLEMS are counted, not kept, so a broken build cannot exhaust memory. */
  problemsDropped: number;
}

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
  private readonly problems = new ProblemList();
  private rejected = 0;
  private readonly decoder = new TextDecoder();
  private finished: { index: SenderModelIndex; stats: SenderModelImportStats } | null = null;

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
      this.report({
        row: where.record,
        field: where.path ? `${where.path}.domain` : 'domain',
        value: domain,
        reason: 'not a valid domain; its entries are dropped',
      });
      return false;
    }
    let id = this.domainIds.get(normal);
    if (id === undefined) {
      id = this.domainNames.length;
      this.domainIds.set(normal, id);
      this.domainNames.push(normal);
    }
    this.currentDomain = id;
    this.v4.begin(id);
    return true;
  }

  addEntryBytes(bytes: Uint8Array, start: number, end: number, score: number | null, where: () => EntryWhere): void {
    if (this.currentDomain < 0) return;
    if (score === null || !Number.isFinite(score)) {
      this.dropScore(this.decoder.decode(bytes.subarray(start, end)), score, where);
      return;
    }
    if (parseIPv4Bytes(bytes, start, end)) {
      // pushV4 by hand (parseIPv4Bytes has masked the address): a double passed to a call that
      // is not inlined is boxed, and this runs once per entry of the build.
      const v4 = this.v4;
      if (v4.at === CHUNK) v4.nextChunk();
      const k = v4.at++;
      v4.s[k] = parsedV4.start;
      v4.p[k] = parsedV4.prefix;
      v4.c[k] = score;
      v4.length++;
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

  reject(problem: Problem): void {
    this.rejected++;
    this.report(problem);
  }

  report(problem: Problem): void {
    // The first MAX_KEPT_PROBLEMS kept, their values cut to 100 characters (DESIGN §3.3).
    this.problems.add(problem);
  }

  private pushV4(start: number, prefix: number, score: number): void {
    this.v4.push(maskV4(start, prefix), prefix, score);
  }

  private dropScore(cidr: string, score: number | null, where: () => EntryWhere): void {
    this.rejected++;
    const w = where();
    this.report({
      row: w.record,
      field: w.path ? `${w.path}.score` : 'score',
      value: String(score),
      reason: `score is ${score === null ? 'null' : 'not a finite number'}; entry ${cidr} dropped`,
    });
  }

  /**
   * Sorts, de-duplicates and packs everything into a SenderModelIndex. The entries as they
   * arrived are let go once packed (at 20M entries they are ~260 MB, and the import still holds
   * the accumulator while it writes the snapshot): a later call returns the same result.
   */
  finish(): { index: SenderModelIndex; stats: SenderModelImportStats } {
    this.finished ??= this.pack();
    return this.finished;
  }

  private pack(): { index: SenderModelIndex; stats: SenderModelImportStats } {
    // Domains in sorted order; rank[id] is the sorted position of domain id.
    const order = this.domainNames.map((_, i) => i).sort((a, b) => (this.domainNames[a] < this.domainNames[b] ? -1 : 1));
    const rank = new Uint32Array(order.length);
    order.forEach((id, position) => (rank[id] = position));
    const domains = order.map((id) => this.domainNames[id]);

    const v4 = packV4(rank, domains.length, this.v4);
    this.v4.release();
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
      stats: { kept, rejected: this.rejected, replaced: v4.replaced + v6.replaced, problems: this.problems.kept, problemsDropped: this.problems.dropped },
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
 * Packs the IPv4 entries domain by domain (in sorted domain order): a domain's entries — one
 * run of the input, or several when the domain came back in later records — are gathered into
 * 64-bit keys (address, then prefix << 26 | arrival), sorted natively unless they arrived
 * sorted, and an entry listed twice (same address and prefix) keeps its later score. A domain's
 * keys stay in cache while they are sorted, and no per-entry permutation of the whole build is
 * made.
 */
function packV4(rank: Uint32Array, domainCount: number, columns: V4Columns) {
  const n = columns.length;
  const { start, prefix, score, segmentDomain, segmentStart } = columns;
  const segments = segmentDomain.length;
  // Segments grouped by domain rank, in arrival order within a domain (a stable counting sort).
  const segmentOffsets = new Uint32Array(domainCount + 1);
  for (let t = 0; t < segments; t++) segmentOffsets[rank[segmentDomain[t]] + 1]++;
  for (let d = 0; d < domainCount; d++) segmentOffsets[d + 1] += segmentOffsets[d];
  const cursor = segmentOffsets.slice(0, domainCount);
  const segmentOrder = new Uint32Array(segments);
  for (let t = 0; t < segments; t++) segmentOrder[cursor[rank[segmentDomain[t]]]++] = t;
  const segmentEnd = (t: number): number => (t + 1 < segments ? segmentStart[t + 1] : n);

  const outStart = new Uint32Array(n);
  const outPrefix = new Uint8Array(n);
  const outScore = new Float64Array(n);
  const outOffsets = new Uint32Array(domainCount + 1);
  let out = 0;
  let replaced = 0;
  // Sort keys: high word the address, low word (prefix << 26 | arrival in the domain), so a
  // native sort of 64-bit integers orders by address, prefix, then arrival (later wins).
  let keys = new BigUint64Array(1024);
  let words = new Uint32Array(keys.buffer);
  let scores = new Float64Array(1024);
  let spare = new Uint32Array(0);
  for (let d = 0; d < domainCount; d++) {
    outOffsets[d] = out;
    let m = 0;
    for (let u = segmentOffsets[d]; u < segmentOffsets[d + 1]; u++) {
      const t = segmentOrder[u];
      m += segmentEnd(t) - segmentStart[t];
    }
    if (m === 0) continue;
    if (keys.length < m) {
      keys = new BigUint64Array(Math.max(m, keys.length * 2));
      words = new Uint32Array(keys.buffer);
      scores = new Float64Array(keys.length);
    }
    let k = 0;
    let sorted = true;
    let previousStart = -1;
    let previousPrefix = -1;
    for (let u = segmentOffsets[d]; u < segmentOffsets[d + 1]; u++) {
      const t = segmentOrder[u];
      const end = segmentEnd(t);
      for (let i = segmentStart[t]; i < end; i++) {
        const c = i >>> CHUNK_BITS;
        const j = i & CHUNK_MASK;
        const s = start[c][j];
        const p = prefix[c][j];
        words[2 * k] = ((p << 26) | k) >>> 0;
        words[2 * k + 1] = s;
        scores[k] = score[c][j];
        if (s < previousStart || (s === previousStart && p <= previousPrefix)) sorted = false;
        previousStart = s;
        previousPrefix = p;
        k++;
      }
    }
    if (!sorted) {
      if (m <= 16) insertionSortPairs(words, m);
      else if (m < RADIX_FROM) keys.subarray(0, m).sort();
      else {
        if (spare.length < 2 * m) spare = new Uint32Array(2 * Math.max(m, keys.length));
        radixSortPairs(words, spare, m);
      }
    }
    for (k = 0; k < m; k++) {
      const s = words[2 * k + 1];
      const low = words[2 * k];
      const p = low >>> 26;
      // Same address and prefix as the next key: the next one arrived later and replaces this.
      if (k + 1 < m && words[2 * k + 3] === s && words[2 * k + 2] >>> 26 === p) {
        replaced++;
        continue;
      }
      outStart[out] = s;
      outPrefix[out] = p;
      outScore[out] = scores[low & 0x3ffffff];
      out++;
    }
  }
  outOffsets[domainCount] = out;
  // Views, not copies, when entries were replaced: a copy would need the memory twice (~260 MB
  // more at 20M entries) for the sake of a few unused bytes at the end of each buffer.
  if (out === n) return { offsets: outOffsets, start: outStart, prefix: outPrefix, score: outScore, replaced };
  return { offsets: outOffsets, start: outStart.subarray(0, out), prefix: outPrefix.subarray(0, out), score: outScore.subarray(0, out), replaced };
}

/** From this many entries a domain's keys are radix-sorted (fewer passes than a comparison sort's levels). */
const RADIX_FROM = 4096;

/**
 * Sorts the first `m` (low, high) word pairs of `words` as 64-bit keys (high word first), by a
 * stable LSD radix sort: by prefix (the low word's top 6 bits), then by the address in 11-, 11-
 * and 10-bit digits. The low word's other bits are the arrival order, already ascending, so
 * stability finishes the order. `spare` holds at least 2m words.
 */
function radixSortPairs(words: Uint32Array, spare: Uint32Array, m: number): void {
  const counts = new Uint32Array(2049);
  // By prefix: words → spare.
  for (let k = 0; k < m; k++) counts[(words[2 * k] >>> 26) + 1]++;
  for (let b = 0; b < 64; b++) counts[b + 1] += counts[b];
  for (let k = 0; k < m; k++) {
    const low = words[2 * k];
    const at = 2 * counts[low >>> 26]++;
    spare[at] = low;
    spare[at + 1] = words[2 * k + 1];
  }
  // By address bits 0–10: spare → words.
  counts.fill(0);
  for (let k = 0; k < m; k++) counts[(spare[2 * k + 1] & 0x7ff) + 1]++;
  for (let b = 0; b < 2048; b++) counts[b + 1] += counts[b];
  for (let k = 0; k < m; k++) {
    const high = spare[2 * k + 1];
    const at = 2 * counts[high & 0x7ff]++;
    words[at] = spare[2 * k];
    words[at + 1] = high;
  }
  // By address bits 11–21: words → spare.
  counts.fill(0);
  for (let k = 0; k < m; k++) counts[((words[2 * k + 1] >>> 11) & 0x7ff) + 1]++;
  for (let b = 0; b < 2048; b++) counts[b + 1] += counts[b];
  for (let k = 0; k < m; k++) {
    const high = words[2 * k + 1];
    const at = 2 * counts[(high >>> 11) & 0x7ff]++;
    spare[at] = words[2 * k];
    spare[at + 1] = high;
  }
  // By address bits 22–31: spare → words.
  counts.fill(0);
  for (let k = 0; k < m; k++) counts[(spare[2 * k + 1] >>> 22) + 1]++;
  for (let b = 0; b < 1024; b++) counts[b + 1] += counts[b];
  for (let k = 0; k < m; k++) {
    const high = spare[2 * k + 1];
    const at = 2 * counts[high >>> 22]++;
    words[at] = spare[2 * k];
    words[at + 1] = high;
  }
}

/** Sorts the first `m` (low, high) word pairs of `words` as 64-bit keys (high word first) would sort. */
function insertionSortPairs(words: Uint32Array, m: number): void {
  for (let i = 1; i < m; i++) {
    const low = words[2 * i];
    const high = words[2 * i + 1];
    let j = i - 1;
    while (j >= 0 && (words[2 * j + 1] > high || (words[2 * j + 1] === high && words[2 * j] > low))) {
      words[2 * j + 2] = words[2 * j];
      words[2 * j + 3] = words[2 * j + 1];
      j--;
    }
    words[2 * j + 2] = low;
    words[2 * j + 3] = high;
  }
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * The IPv4 entries as they arrive, in fixed-size chunks of typed arrays: appending never copies
 * and never holds an array twice its size, and each store has one array type, so the decode
 * loop stays monomorphic. Entries are not tagged with their domain: a segment records where
 * each beginDomain's entries start (a domain seen in several records has several segments).
 */
class V4Columns {
  length = 0;
  readonly start: Uint32Array[] = [];
  readonly prefix: Uint8Array[] = [];
  readonly score: Float64Array[] = [];
  readonly segmentDomain: number[] = [];
  readonly segmentStart: number[] = [];
  /** The chunk being filled and the next free place in it (the accumulator writes here). */
  s = new Uint32Array(0);
  p = new Uint8Array(0);
  c = new Float64Array(0);
  at = CHUNK;

  /** Entries pushed from now on belong to `domain`. */
  begin(domain: number): void {
    const last = this.segmentDomain.length - 1;
    if (last >= 0 && this.segmentStart[last] === this.length) this.segmentDomain[last] = domain;
    else if (last < 0 || this.segmentDomain[last] !== domain) {
      this.segmentDomain.push(domain);
      this.segmentStart.push(this.length);
    }
  }

  push(start: number, prefix: number, score: number): void {
    if (this.at === CHUNK) this.nextChunk();
    const k = this.at++;
    this.s[k] = start;
    this.p[k] = prefix;
    this.c[k] = score;
    this.length++;
  }

  /** Drops the entries (they have been packed); the length stays, for progress. */
  release(): void {
    this.start.length = 0;
    this.prefix.length = 0;
    this.score.length = 0;
    this.s = new Uint32Array(0);
    this.p = new Uint8Array(0);
    this.c = new Float64Array(0);
    this.at = CHUNK;
  }

  nextChunk(): void {
    this.start.push((this.s = new Uint32Array(CHUNK)));
    this.prefix.push((this.p = new Uint8Array(CHUNK)));
    this.score.push((this.c = new Float64Array(CHUNK)));
    this.at = 0;
  }
}

function packV6(
  rank: Uint32Array,
  domainCount: number,
  entryDomain: Uint32Array,
  hi: BigUint64Array,
  lo: BigUint64Array,
  prefix: Uint8Array,
  score: Float64Array,
) {
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
      if (j !== undefined && hi[i] === hi[j] && lo[i] === lo[j] && prefix[i] === prefix[j]) {
        replaced++;
        continue;
      }
      outHi[out] = hi[i];
      outLo[out] = lo[i];
      outPrefix[out] = prefix[i];
      outScore[out] = score[i];
      out++;
    }
  }
  outOffsets[domainCount] = out;
  return { offsets: outOffsets, hi: outHi.slice(0, out), lo: outLo.slice(0, out), prefix: outPrefix.slice(0, out), score: outScore.slice(0, out), replaced };
}
