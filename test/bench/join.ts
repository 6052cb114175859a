// Join + stats bench: analyseAuthenticity (DESIGN §4: overlap join, count/min/mean/max, statuses,
// the individual scores) over every feedback item, against a build loaded from its snapshot.
// Loading is timed apart; the join is run several times: the first run also derives the
// build's parent links (cached with the index), the median is the steady state.

import { analyseAuthenticity, type AuthenticityAnalysis } from '../../shared/authenticity';
import type { AuthenticityItem } from '../../shared/items';
import type { SenderModelIndex } from '../../shared/sender-model-index';

export interface JoinTiming {
  items: number;
  /** First run on a freshly loaded build (includes deriving the parent links). */
  firstMs: number;
  /** Median of the following runs. */
  medianMs: number;
  runsMs: number[];
  matches: number;
  scored: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(ms: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}

export function measureJoin(index: SenderModelIndex, items: AuthenticityItem[], runs: number): { timing: JoinTiming; analysis: AuthenticityAnalysis } {
  let t = performance.now();
  let analysis = analyseAuthenticity(index, items);
  const firstMs = performance.now() - t;
  const runsMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    analysis = analyseAuthenticity(index, items);
    runsMs.push(performance.now() - t);
  }
  let scored = 0;
  for (let i = 0; i < items.length; i++) if (analysis.count[i] > 0) scored++;
  return {
    timing: {
      items: items.length,
      firstMs: round(firstMs),
      medianMs: round(median(runsMs)),
      runsMs: runsMs.map((v) => round(v)),
      matches: analysis.count.reduce((a, b) => a + b, 0),
      scored,
    },
    analysis,
  };
}
