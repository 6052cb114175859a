// The overview of a view: summary counts (A, B), the 50-bin histograms, the org list with
// finding counts (and transitions with B), and the threshold curve. Everything that moves with
// the cutoff is a binary search over sorted values, or one pass over the items for the
// transitions (shared/scored-items.ts, shared/compare.ts); nothing here is proportional to the
// size of the build.

import type { Overview, OverviewOrg } from '../../shared/api';
import { transitionAt } from '../../shared/compare';
import { isFinding, orgSummaries } from '../../shared/scored-items';
import { emptyTransitions } from '../../shared/compare';
import { sideSummary, thresholdCurve } from './item-table';
import type { Resolved } from './view-context';

export function overview(r: Resolved): Overview {
  const a = r.a.table;
  const counts = orgSummaries(a, r.cutoff);
  const orgs: OverviewOrg[] = a.orgs.map((org, o) => ({
    org,
    itemsA: counts[o].items,
    findingsA: counts[o].findings,
    underCutoffA: counts[o].underCutoff,
    uncoveredA: counts[o].uncovered,
  }));
  const out: Overview = {
    kind: r.kind,
    feedback: r.feedback,
    buildA: r.a.id,
    cutoff: r.cutoff,
    cutoffSource: r.cutoffSource,
    summaryA: sideSummary(a, r.cutoff),
    histogramsA: a.histograms,
    orgs,
    thresholdCurve: thresholdCurve(a, r.b?.table),
  };
  if (r.b) {
    const b = r.b.table;
    out.buildB = r.b.id;
    out.summaryB = sideSummary(b, r.cutoff);
    out.histogramsB = b.histograms;
    const transitions = emptyTransitions();
    for (const org of orgs) {
      org.findingsB = 0;
      org.transitions = emptyTransitions();
    }
    for (let i = 0; i < a.n; i++) {
      const org = orgs[a.orgOf[i]];
      const t = transitionAt(a, b, i, r.cutoff);
      transitions[t]++;
      org.transitions![t]++;
      if (isFinding(b, i, r.cutoff)) org.findingsB!++;
    }
    out.transitions = transitions;
  }
  return out;
}
