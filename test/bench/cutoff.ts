// Cutoff-change bench: what moving the cutoff recomputes — the findings count, the org summary
// and the histograms — once the join is done.
//
// - app: the views' path (main/views): the analysis seen as an ItemTable, built once (scored
//   means sorted, per org too, histograms), then each cutoff is binary searches (`overview`).
// - from scratch: shared/authenticity's authenticitySummary + authenticityHistograms, a pass
//   over every item per cutoff (the CLI's path, which computes one cutoff per run).
// Both must agree on every count; the bench checks it.

import { authenticityHistograms, authenticitySummary, type AuthenticityAnalysis } from '../../shared/authenticity';
import { authenticityTable } from '../../main/views/item-table';
import { overview } from '../../main/views/overview';
import type { Resolved } from '../../main/views/view-context';
import { median, round } from './join';

export interface CutoffTiming {
  cutoffs: number;
  /** Building the views' table once after the join (sorting the means, per org). */
  tableBuildMs: number;
  /** Median time of one cutoff change through the views (summary, orgs, histograms, curve). */
  appMs: number;
  /** Median time of one cutoff change recomputed from scratch over every item. */
  scratchMs: number;
  orgs: number;
  findingsAt03: number;
}

const CUTOFFS = Array.from({ length: 41 }, (_, k) => k / 40);

export function measureCutoff(analysis: AuthenticityAnalysis, buildId: string, feedbackId: string): CutoffTiming {
  let t = performance.now();
  const table = authenticityTable(analysis);
  const tableBuildMs = performance.now() - t;
  const resolvedAt = (cutoff: number): Resolved => ({
    kind: 'sender-model',
    feedback: feedbackId,
    cutoff,
    cutoffSource: 'given',
    a: { id: buildId, table, auth: analysis },
  });

  const app: number[] = [];
  const scratch: number[] = [];
  let findingsAt03 = -1;
  let orgs = 0;
  // Two rounds; the first warms both paths up, the second is measured.
  for (let round = 0; round < 2; round++) {
    for (const cutoff of CUTOFFS) {
      t = performance.now();
      const view = overview(resolvedAt(cutoff));
      const appMs = performance.now() - t;
      t = performance.now();
      const { summary, orgs: orgSummaries } = authenticitySummary(analysis, cutoff);
      const histograms = authenticityHistograms(analysis);
      const scratchMs = performance.now() - t;
      if (round === 1) {
        app.push(appMs);
        scratch.push(scratchMs);
      }
      // The two paths must agree.
      const a = view.summaryA;
      if (a.findings !== summary.findings || a.underCutoff !== summary.underCutoff || a.scored !== summary.scored || a.items !== summary.items) {
        throw new Error(`cutoff ${cutoff}: the views count ${JSON.stringify(a)}, shared/authenticity ${JSON.stringify(summary)}`);
      }
      if (view.orgs.length !== orgSummaries.length || view.orgs.some((o, i) => o.findingsA !== orgSummaries[i].findings || o.underCutoffA !== orgSummaries[i].underCutoff)) {
        throw new Error(`cutoff ${cutoff}: the org summaries of the views and of shared/authenticity differ`);
      }
      if (JSON.stringify(view.histogramsA) !== JSON.stringify(histograms)) throw new Error('the histograms of the views and of shared/authenticity differ');
      if (cutoff === 0.3) findingsAt03 = summary.findings;
      orgs = orgSummaries.length;
    }
  }
  return { cutoffs: CUTOFFS.length, tableBuildMs: round(tableBuildMs), appMs: round(median(app), 2), scratchMs: round(median(scratch), 2), orgs, findingsAt03 };
}
