// Binary search over ascending Float64Arrays: the cutoff-dependent counts read the sorted
// scored values instead of walking every item on each cutoff move.

/** How many values are ≤ x (the first index whose value is > x). */
export function countAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose value is ≥ x, for any array-like of numbers or bigints. */
export function lowerBound<T extends number | bigint>(values: ArrayLike<T>, x: T, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
