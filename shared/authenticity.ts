// Authenticity analysis (DESIGN §4): per feedback item, the stats of the model entries that
// match it (count, min, mean, max), its status, and the two histograms. The join runs item by
// item through a Matcher, so no array of every match is held; what the views and reports need
// later is kept as typed arrays, and a new cutoff only re-reads the means (scored-items.ts).

import { binIndex, emptyHistogram, HISTOGRAM_BINS } from './cutoff';
import { formatIPv4, formatIPv6 } from './cidr';
import type { AuthenticityItem } from './items';
import { MatchSpan, Matcher, type MatchBuffer } from './join';
import { SCORED, scoredItems, type ScoredItems } from './scored-items';
import type { SenderModelIndex } from './sender-model-index';
import type { AuthenticityStatus } from './types';

export const AUTHENTICITY_STATUSES: readonly AuthenticityStatus[] = ['scored', 'uncovered-cidr', 'uncovered-domain'];
const UNCOVERED_CIDR = 1;
const UNCOVERED_DOMAIN = 2;
/** Words per item of `itemBins`: 50 bins in two 32-bit words. */
export const ITEM_BIN_WORDS = 2;

/** What is computed once per (build, feedback pull) and can be stored and read back as it is. */
export interface AuthenticityStats {
  /** Domain position in the build per item, -1 when the build lacks the domain. */
  itemDomain: Int32Array;
  count: Uint32Array;
  /** NaN when the item is not scored. */
  min: Float64Array;
  mean: Float64Array;
  max: Float64Array;
  /** Index into AUTHENTICITY_STATUSES. */
  status: Uint8Array;
  /** One value per distinct (domain, model entry) that matches any item (DESIGN §4). */
  individual: number[];
  /** Per item, ITEM_BIN_WORDS words: the individual-histogram bins its matches fall in. */
  itemBins: Uint32Array;
}

export interface AuthenticityAnalysis extends AuthenticityStats {
  kind: 'sender-model';
  items: AuthenticityItem[];
  /** The means as the cutoff sees them. */
  table: ScoredItems;
  histograms: { individual: number[]; cidrAveraged: number[] };
}

export function analyseAuthenticity(index: SenderModelIndex, items: AuthenticityItem[]): AuthenticityAnalysis {
  return authenticityAnalysis(items, authenticityStats(index, items));
}

export function authenticityStats(index: SenderModelIndex, items: AuthenticityItem[]): AuthenticityStats {
  const n = items.length;
  const itemDomain = new Int32Array(n);
  const count = new Uint32Array(n);
  const min = new Float64Array(n).fill(NaN);
  const mean = new Float64Array(n).fill(NaN);
  const max = new Float64Array(n).fill(NaN);
  const status = new Uint8Array(n);
  const itemBins = new Uint32Array(n * ITEM_BIN_WORDS);
  const individual = emptyHistogram();
  const v4Count = index.v4Start.length;
  const { v4Score, v6Score } = index;
  // A bit per model entry: whether its score is already in the individual histogram. Entries
  // are per domain, so an entry id already names (domain, entry).
  const seen = new Uint32Array(((v4Count + index.v6Hi.length) >>> 5) + 1);
  const matcher = new Matcher(index);
  const span = new MatchSpan();
  for (let i = 0; i < n; i++) {
    const d = matcher.domainOf(items[i].domain);
    itemDomain[i] = d;
    matcher.span(d, items[i].cidr, span);
    const m = span.count;
    if (m === 0) {
      status[i] = d < 0 ? UNCOVERED_DOMAIN : UNCOVERED_CIDR;
      continue;
    }
    const { enclosing, enclosingCount, from } = span;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let bins0 = 0;
    let bins1 = 0;
    for (let k = 0; k < m; k++) {
      const entry = k < enclosingCount ? enclosing[k] : from + k - enclosingCount;
      const score = entry < v4Count ? v4Score[entry] : v6Score[entry - v4Count];
      sum += score;
      if (score < lo) lo = score;
      if (score > hi) hi = score;
      const bin = binIndex(score);
      if (bin < 32) bins0 |= 1 << bin;
      else bins1 |= 1 << (bin - 32);
      const bit = 1 << (entry & 31);
      if ((seen[entry >>> 5] & bit) === 0) {
        seen[entry >>> 5] |= bit;
        individual[bin]++;
      }
    }
    count[i] = m;
    min[i] = lo;
    max[i] = hi;
    mean[i] = sum / m;
    status[i] = SCORED;
    itemBins[i * ITEM_BIN_WORDS] = bins0;
    itemBins[i * ITEM_BIN_WORDS + 1] = bins1;
  }
  return { itemDomain, count, min, mean, max, status, individual, itemBins };
}

/** The analysis of stored (or just computed) stats: the cutoff's view and the histograms. */
export function authenticityAnalysis(items: AuthenticityItem[], stats: AuthenticityStats): AuthenticityAnalysis {
  const table = scoredItems(items, stats.mean, stats.status, AUTHENTICITY_STATUSES.length);
  const cidrAveraged = emptyHistogram();
  for (let i = 0; i < items.length; i++) if (stats.status[i] === SCORED) cidrAveraged[binIndex(stats.mean[i])]++;
  return { kind: 'sender-model', items, ...stats, table, histograms: { individual: stats.individual, cidrAveraged } };
}

/**
 * The individual histogram of some of the items only (an org's): one value per distinct
 * (domain, model entry) that matches any of them (DESIGN §4), the entries re-joined item by item
 * and counted once through a bit per entry id, as `authenticityStats` does for all items.
 */
export function individualHistogram(
  index: SenderModelIndex,
  analysis: AuthenticityStats & { items: AuthenticityItem[] },
  positions: Iterable<number>,
): number[] {
  const bins = emptyHistogram();
  const v4Count = index.v4Start.length;
  const { v4Score, v6Score } = index;
  const seen = new Uint32Array(((v4Count + index.v6Hi.length) >>> 5) + 1);
  const matcher = new Matcher(index);
  const span = new MatchSpan();
  for (const i of positions) {
    const d = analysis.itemDomain[i];
    if (d < 0) continue;
    matcher.span(d, analysis.items[i].cidr, span);
    const { enclosing, enclosingCount, from } = span;
    for (let k = 0; k < span.count; k++) {
      const entry = k < enclosingCount ? enclosing[k] : from + k - enclosingCount;
      const bit = 1 << (entry & 31);
      if ((seen[entry >>> 5] & bit) !== 0) continue;
      seen[entry >>> 5] |= bit;
      bins[binIndex(entry < v4Count ? v4Score[entry] : v6Score[entry - v4Count])]++;
    }
  }
  return bins;
}

/** Whether one of the item's matches falls in bin `bin` of the individual histogram. */
export function itemHasIndividualBin(analysis: AuthenticityStats, i: number, bin: number): boolean {
  if (bin < 0 || bin >= HISTOGRAM_BINS) return false;
  const word = analysis.itemBins[i * ITEM_BIN_WORDS + (bin < 32 ? 0 : 1)];
  return (word & (1 << (bin < 32 ? bin : bin - 32))) !== 0;
}

export function statusName(analysis: { status: Uint8Array }, i: number): AuthenticityStatus {
  return AUTHENTICITY_STATUSES[analysis.status[i]];
}

/** A model entry in normal form: `198.51.100.7/32`, `2001:db8::/48`. */
export function formatEntry(index: SenderModelIndex, entry: number): string {
  const v4 = index.v4Start.length;
  if (entry < v4) return `${formatIPv4(index.v4Start[entry])}/${index.v4Prefix[entry]}`;
  const j = entry - v4;
  return `${formatIPv6(index.v6Hi[j], index.v6Lo[j])}/${index.v6Prefix[j]}`;
}

/** The matches of item i, re-joined one item at a time (the detail pane, the JSON report). */
export function itemMatches(matcher: Matcher, analysis: AuthenticityAnalysis, i: number, out: MatchBuffer): void {
  matcher.matches(analysis.itemDomain[i], analysis.items[i].cidr, out);
}
