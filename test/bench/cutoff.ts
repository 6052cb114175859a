// Cutoff-change bench: what moving the cutoff recomputes — the findings count, the org summary
// and the histograms — once the join is done.
//
// - app: the views' path (main/views): the analysis seen as an ItemTable, built once (scored
//   means sorted, per org too, histograms), then each cutoff is binary searches (`overview`).
// - from scratch: a plain pass over every item per cutoff with the §4 rule, written here
//   apart from shared/scored-items.ts, as the reference the binary searches must agree with.
// Both must agree on every count; the bench checks it.

import type { AuthenticityAnalysis } from '../../shared/authenticity';
import { isUnderCutoff } from '../../shared/cutoff';
import { tableOf } from '../../main/views/item-table';
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
  const table = tableOf(analysis);
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
      const { summary, orgs: orgSummaries } = fromScratch(analysis, cutoff);
      const histograms = analysis.histograms;
      const scratchMs = performance.now() - t;
      if (round === 1) {
        app.push(appMs);
        scratch.push(scratchMs);
      }
      // The two paths must agree.
      const a = view.summaryA;
      if (a.findings !== summary.findings || a.underCutoff !== summary.underCutoff || a.scored !== summary.scored || a.items !== summary.items) {
        throw new Error(`cutoff ${cutoff}: the views count ${JSON.stringify(a)}, a pass over the items ${JSON.stringify(summary)}`);
      }
      if (
        view.orgs.length !== orgSummaries.length ||
        view.orgs.some((o, i) => o.findingsA !== orgSummaries[i].findings || o.underCutoffA !== orgSummaries[i].underCutoff)
      ) {
        throw new Error(`cutoff ${cutoff}: the org summaries of the views and of a pass over the items differ`);
      }
      if (JSON.stringify(view.histogramsA) !== JSON.stringify(histograms)) throw new Error("the views do not show the analysis's histograms");
      if (cutoff === 0.3) findingsAt03 = summary.findings;
      orgs = orgSummaries.length;
    }
  }
  return { cutoffs: CUTOFFS.length, tableBuildMs: round(tableBuildMs), appMs: round(median(app), 2), scratchMs: round(median(scratch), 2), orgs, findingsAt03 };
}

/** The counts of DESIGN §4 by one pass over every item: the reference for the views' searches. */
function fromScratch(analysis: AuthenticityAnalysis, cutoff: number) {
  const summary = { items: 0, scored: 0, underCutoff: 0, findings: 0 };
  const orgs = new Map<string, { findings: number; underCutoff: number }>();
  const order: string[] = [];
  analysis.items.forEach((item, i) => {
    const key = `${typeof item.org}:${item.org}`;
    let org = orgs.get(key);
    if (!org) {
      orgs.set(key, (org = { findings: 0, underCutoff: 0 }));
      order.push(key);
    }
    const scored = analysis.status[i] === 0;
    const under = scored && isUnderCutoff(analysis.mean[i], cutoff);
    summary.items++;
    if (scored) summary.scored++;
    if (under) {
      summary.underCutoff++;
      org.underCutoff++;
    }
    if (under || !scored) {
      summary.findings++;
      org.findings++;
    }
  });
  return { summary, orgs: order.map((k) => orgs.get(k)!) };
}
