// Binary search over a domain's sorted entries (the neighbourhood of the detail pane); the
// cutoff counts have theirs in shared/cutoff.ts.

/** First index in [lo, hi) whose value is ≥ x, for any array-like of numbers or bigints. */
export function lowerBound<T extends number | bigint>(values: ArrayLike<T>, x: T, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
