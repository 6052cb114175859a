// The overview of a view: summary counts (A, B), the 50-bin histograms, the org list with
// finding counts (and transitions with B), and the threshold curve — of all orgs, or scoped to
// one org with the all-orgs summary beside it. Everything that moves with the cutoff is a binary
// search over sorted values, or one pass over the items for the transitions
// (shared/scored-items.ts, shared/compare.ts).

import type { Overview, OverviewOrg } from '../../shared/api';
import { emptyTransitions, transitionAt } from '../../shared/compare';
import { isFinding, orgCutoffCounts, orgSummaries } from '../../shared/scored-items';
import type { Org } from '../../shared/types';
import { cidrChars, sideSummary, thresholdCurve } from './item-table';
import { orgHistograms } from './org-histograms';
import { orgIndex, type Resolved, type ViewCache } from './view-context';

/** `scope`: the org to scope to, and the cache its individual histogram re-joins the build from. */
export function overview(r: Resolved, scope?: { org: Org; cache: ViewCache }): Overview {
  const a = r.a.table;
  // Scoped to an org: A and B hold the same items (one feedback pull), so one org position.
  const o = scope === undefined ? undefined : orgIndex(r, scope.org);
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
    thresholdCurve: thresholdCurve(a, r.b?.table, o === undefined ? undefined : { a: o, b: o }),
  };
  if (r.kind === 'sender-model') out.cidrChars = cidrChars(a);
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
  if (scope === undefined || o === undefined) return out;
  const { cache } = scope;
  out.org = a.orgs[o];
  out.allOrgs = { summaryA: out.summaryA, ...(out.summaryB ? { summaryB: out.summaryB } : {}), ...(out.transitions ? { transitions: out.transitions } : {}) };
  out.summaryA = orgCutoffCounts(a, o, r.cutoff);
  out.histogramsA = orgHistograms(cache, r.a, o);
  if (r.b) {
    out.summaryB = orgCutoffCounts(r.b.table, o, r.cutoff);
    out.histogramsB = orgHistograms(cache, r.b, o);
    out.transitions = orgs[o].transitions;
  }
  return out;
}
