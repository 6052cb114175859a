// The histograms of one org (the overview scoped to an org): the CIDR-averaged and reputation
// ones are a pass over the org's sorted values; the individual one re-joins the org's items to
// count each matched model entry once (shared/authenticity.ts), so it is kept per (analysis,
// org) — a cutoff move must not join again.

import { individualHistogram, type AuthenticityAnalysis } from '../../shared/authenticity';
import type { HistogramName } from '../../shared/cutoff';
import { orgValueHistogram } from '../../shared/scored-items';
import type { ViewCache, Side } from './view-context';

const individualByOrg = new WeakMap<AuthenticityAnalysis, Map<number, number[]>>();

function orgIndividual(cache: ViewCache, side: Side, o: number): number[] {
  const analysis = side.auth!;
  let byOrg = individualByOrg.get(analysis);
  if (!byOrg) individualByOrg.set(analysis, (byOrg = new Map()));
  let bins = byOrg.get(o);
  if (!bins) {
    const orgOf = side.table.orgOf;
    function* positions() {
      for (let i = 0; i < orgOf.length; i++) if (orgOf[i] === o) yield i;
    }
    bins = individualHistogram(cache.senderModel(side.id), analysis, positions());
    byOrg.set(o, bins);
  }
  return bins;
}

export function orgHistograms(cache: ViewCache, side: Side, o: number): Partial<Record<HistogramName, number[]>> {
  if (side.auth) return { individual: orgIndividual(cache, side, o), cidrAveraged: orgValueHistogram(side.table, o) };
  return { reputation: orgValueHistogram(side.table, o) };
}
