// The items of one analysis (authenticity or reputation) as the cutoff sees them: one value per
// item — the CIDR mean, or the reputation score — and a status, plus what makes every
// cutoff-dependent count a binary search: the scored values sorted once, overall and per org.
// Every surface (the CLI's reports, the app's cards, org list and curve) counts through here,
// so DESIGN §4's rules — at or under the cutoff, finding, summary, org summary — each live in
// one function.

import { countAtOrBelow, cutoffLimit, histogramOf, isUnderCutoff } from './cutoff';
import { compareOrgs, orgKey } from './org';
import type { Org, OrgSummary } from './types';

/** Status code 0 is `scored` in both analyses; the others name what the model lacks. */
export const SCORED = 0;

export interface ScoredItems {
  n: number;
  /** Per item: the value the cutoff applies to; NaN when not scored. */
  value: Float64Array;
  /** Per item: index into the analysis's status names (0 = scored). */
  status: Uint8Array;
  /** Items per status code. */
  statusCounts: number[];
  /** Distinct orgs ascending (DESIGN §6), each item's position in that list, items per org. */
  orgs: Org[];
  orgOf: Uint32Array;
  orgItems: Uint32Array;
  /** Scored values ascending: overall, and per org. */
  sortedValues: Float64Array;
  orgValues: Float64Array[];
}

export function scoredItems(items: readonly { org: Org }[], value: Float64Array, status: Uint8Array, statusNames: number): ScoredItems {
  const n = items.length;
  // Items usually arrive sorted by org, so orgs are runs; a Map keeps it right regardless.
  const orgPos = new Map<string, number>();
  const orgList: Org[] = [];
  const firstOrg = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const key = orgKey(items[i].org);
    let o = orgPos.get(key);
    if (o === undefined) {
      o = orgList.length;
      orgPos.set(key, o);
      orgList.push(items[i].org);
    }
    firstOrg[i] = o;
  }
  const order = orgList.map((_, i) => i).sort((a, b) => compareOrgs(orgList[a], orgList[b]));
  const rank = new Uint32Array(orgList.length);
  order.forEach((o, r) => (rank[o] = r));
  const orgs = order.map((o) => orgList[o]);
  const orgOf = new Uint32Array(n);
  const orgItems = new Uint32Array(orgs.length);
  const orgScored = new Uint32Array(orgs.length);
  const statusCounts = new Array<number>(statusNames).fill(0);
  let scored = 0;
  for (let i = 0; i < n; i++) {
    const o = rank[firstOrg[i]];
    orgOf[i] = o;
    orgItems[o]++;
    statusCounts[status[i]]++;
    if (status[i] === SCORED) {
      orgScored[o]++;
      scored++;
    }
  }
  const sortedValues = new Float64Array(scored);
  const orgValues = Array.from(orgScored, (c) => new Float64Array(c));
  const fill = new Uint32Array(orgs.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] !== SCORED) continue;
    sortedValues[k++] = value[i];
    orgValues[orgOf[i]][fill[orgOf[i]]++] = value[i];
  }
  sortedValues.sort();
  for (const v of orgValues) v.sort();
  return { n, value, status, statusCounts, orgs, orgOf, orgItems, sortedValues, orgValues };
}

/** At or under the cutoff: scored, and its value ≤ cutoff + 1e-9 (DESIGN §4). */
export function isUnder(t: ScoredItems, i: number, cutoff: number): boolean {
  return t.status[i] === SCORED && isUnderCutoff(t.value[i], cutoff);
}

/** A finding: under the cutoff, or not scored. */
export function isFinding(t: ScoredItems, i: number, cutoff: number): boolean {
  return t.status[i] !== SCORED || isUnderCutoff(t.value[i], cutoff);
}

export interface CutoffCounts {
  items: number;
  scored: number;
  uncovered: number;
  underCutoff: number;
  findings: number;
}

/** The counts of all items at a cutoff. */
export function cutoffCounts(t: ScoredItems, cutoff: number): CutoffCounts {
  const scored = t.sortedValues.length;
  const underCutoff = countAtOrBelow(t.sortedValues, cutoffLimit(cutoff));
  const uncovered = t.n - scored;
  return { items: t.n, scored, uncovered, underCutoff, findings: underCutoff + uncovered };
}

/** The org summary of DESIGN §4, per org in `t.orgs` order. */
export function orgSummaries(t: ScoredItems, cutoff: number): OrgSummary[] {
  const limit = cutoffLimit(cutoff);
  return t.orgs.map((org, o) => {
    const values = t.orgValues[o];
    const underCutoff = countAtOrBelow(values, limit);
    const uncovered = t.orgItems[o] - values.length;
    return { org, items: t.orgItems[o], underCutoff, uncovered, findings: underCutoff + uncovered };
  });
}

/** The org summary of one org position, with the counts of its items only. */
export function orgCutoffCounts(t: ScoredItems, o: number, cutoff: number): CutoffCounts {
  const values = t.orgValues[o];
  const underCutoff = countAtOrBelow(values, cutoffLimit(cutoff));
  const uncovered = t.orgItems[o] - values.length;
  return { items: t.orgItems[o], scored: values.length, uncovered, underCutoff, findings: underCutoff + uncovered };
}

export const CURVE_CUTOFFS: readonly number[] = Array.from({ length: 101 }, (_, k) => k / 100);

/** Share of ALL items that are scored and above each cutoff of 0, 0.01, …, 1. */
export function aboveCurve(t: ScoredItems, org?: number): number[] {
  const values = org === undefined ? t.sortedValues : t.orgValues[org];
  const n = org === undefined ? t.n : t.orgItems[org];
  return CURVE_CUTOFFS.map((c) => (n === 0 ? 0 : (values.length - countAtOrBelow(values, cutoffLimit(c))) / n));
}

/** One org position's histogram of the item values (CIDR-averaged, or reputation): one per scored item. */
export function orgValueHistogram(t: ScoredItems, o: number): number[] {
  return histogramOf(t.orgValues[o]);
}

/** The position of an org in `t.orgs`, or -1. */
export function orgPosition(t: ScoredItems, org: Org): number {
  const key = orgKey(org);
  return t.orgs.findIndex((x) => orgKey(x) === key);
}
