// The overview of a view: summary counts (A, B), the 50-bin histograms, the org list with
// finding counts (and transitions with B), and the threshold curve — of all orgs, or scoped to
// one org with the all-orgs summary beside it. Everything that moves with the cutoff is a binary
// search over sorted values, or one pass over the items for the transitions
// (shared/scored-items.ts, shared/compare.ts).

import type { Overview, OverviewOrg } from '../../shared/api';
import { emptyTransitions, transitionAt } from '../../shared/compare';
import { normaliseOrg } from '../../shared/org';
import { isFinding, orgCutoffCounts, orgPosition, orgSummaries } from '../../shared/scored-items';
import type { Org, TransitionCounts } from '../../shared/types';
import { cidrChars, sideSummary, thresholdCurve } from './item-table';
import { orgHistograms } from './org-histograms';
import type { Resolved, ViewCache } from './view-context';

/** `scope`: the org to scope to, and the cache its individual histogram re-joins the build from. */
export function overview(r: Resolved, scope?: { org: Org; cache: ViewCache }): Overview {
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
  if (r.kind === 'sender-model') out.cidrChars = cidrChars(a);
  let orgTransitions: TransitionCounts[] = [];
  if (r.b) {
    const b = r.b.table;
    out.buildB = r.b.id;
    out.summaryB = sideSummary(b, r.cutoff);
    out.histogramsB = b.histograms;
    const transitions = emptyTransitions();
    orgTransitions = orgs.map(() => emptyTransitions());
    for (const org of orgs) org.findingsB = 0;
    for (let i = 0; i < a.n; i++) {
      const o = a.orgOf[i];
      const t = transitionAt(a, b, i, r.cutoff);
      transitions[t]++;
      orgTransitions[o][t]++;
      if (isFinding(b, i, r.cutoff)) orgs[o].findingsB!++;
    }
    orgs.forEach((org, o) => (org.transitions = orgTransitions[o]));
    out.transitions = transitions;
  }
  if (scope === undefined) return out;
  const { cache } = scope;

  // Scoped to an org: A and B hold the same items (one feedback pull), so one org position.
  const org = normaliseOrg(scope.org);
  const o = org === null ? -1 : orgPosition(a, org);
  if (o < 0) throw new Error(`org ${String(scope.org)} has no items in feedback pull '${r.feedback}'; pick an org from the list`);
  out.org = a.orgs[o];
  out.allOrgs = { summaryA: out.summaryA, ...(out.summaryB ? { summaryB: out.summaryB } : {}), ...(out.transitions ? { transitions: out.transitions } : {}) };
  out.summaryA = orgCutoffCounts(a, o, r.cutoff);
  out.histogramsA = orgHistograms(cache, r.a, o);
  out.thresholdCurve = thresholdCurve(a, r.b?.table, { a: o, b: o });
  if (r.b) {
    out.summaryB = orgCutoffCounts(r.b.table, o, r.cutoff);
    out.histogramsB = orgHistograms(cache, r.b, o);
    out.transitions = orgTransitions[o];
  }
  return out;
}
