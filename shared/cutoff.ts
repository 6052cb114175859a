// The cutoff rule and the histograms (DESIGN §4).

export const DEFAULT_CUTOFF = 0.3;
/** So that reputation 1 − 0.7 = 0.30000000000000004 is at a cutoff of 0.3. */
export const CUTOFF_TOLERANCE = 1e-9;
export const HISTOGRAM_BINS = 50;

/** The histograms of DESIGN §4: two of an authenticity analysis, one of a reputation analysis. */
export const HISTOGRAM_NAMES = ['individual', 'cidrAveraged', 'reputation'] as const;
export type HistogramName = (typeof HISTOGRAM_NAMES)[number];

/** The largest value still at or under the cutoff: every count of DESIGN §4 compares with it. */
export function cutoffLimit(cutoff: number): number {
  return cutoff + CUTOFF_TOLERANCE;
}

export function isUnderCutoff(value: number, cutoff: number): boolean {
  return value <= cutoffLimit(cutoff);
}

/** How many of the ascending `sorted` values are ≤ x: the cutoff counts as one binary search. */
export function countAtOrBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** --cutoff when given; else the build's threshold; else 0.3. */
export function effectiveCutoff(given: number | null | undefined, threshold: number | null | undefined): number {
  if (given !== null && given !== undefined) return given;
  if (threshold !== null && threshold !== undefined && Number.isFinite(threshold)) return threshold;
  return DEFAULT_CUTOFF;
}

/** Bin i holds [i/50, (i+1)/50); the last also holds 1; values outside [0, 1] fall in the end bins. */
export function binIndex(value: number): number {
  return Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(value * HISTOGRAM_BINS + 1e-9)));
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BINS).fill(0);
}

export function histogramOf(values: Iterable<number>): number[] {
  const bins = emptyHistogram();
  for (const v of values) bins[binIndex(v)]++;
  return bins;
}
