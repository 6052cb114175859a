// One analysis (authenticity or reputation) seen as a table of items with one value each —
// the CIDR mean or the reputation score — plus the cutoff-independent structures that make a
// cutoff move cheap: the scored values sorted once (counts and the threshold curve become
// binary searches), the same per org, the histograms, and lazily the text haystacks and item
// keys. Kept in a WeakMap keyed by the analysis object, so they live exactly as long as the
// cache keeps the analysis.

import { AUTHENTICITY_STATUSES, authenticityHistograms, type AuthenticityAnalysis } from '../../shared/authenticity';
import { CUTOFF_TOLERANCE, type HistogramName } from '../../shared/cutoff';
import { compareOrgs, orgKey } from '../../shared/org';
import { REPUTATION_STATUSES, reputationHistogram, type ReputationAnalysis } from '../../shared/reputation';
import type { BuildKind, Org } from '../../shared/types';
import type { SideSummary, ThresholdCurve } from '../../shared/api';
import { countAtOrBelow } from './sorted-search';

export const SCORED = 0;

export interface TableItem {
  org: Org;
  domain: string;
  cidrText?: string;
  comments: string[];
}

export interface ItemTable {
  kind: BuildKind;
  items: readonly TableItem[];
  n: number;
  /** The CIDR mean (authenticity) or the score (reputation); NaN when not scored. */
  value: Float64Array;
  status: Uint8Array;
  statusNames: readonly string[];
  /** Scored values ascending. */
  sortedValues: Float64Array;
  /** Distinct orgs ascending, and each item's position in that list. */
  orgs: Org[];
  orgOf: Uint32Array;
  orgItems: Uint32Array;
  /** Per org, its scored values ascending. */
  orgValues: Float64Array[];
  histograms: Partial<Record<HistogramName, number[]>>;
  /** Lazily: lower-cased text per item for the text filter. */
  haystack?: string[];
  /** Lazily: item key → position. */
  keyIndex?: Map<string, number>;
  /** Sort orders by column and direction (B-dependent ones in `pairSorts`). */
  sorts: Map<string, Uint32Array>;
  pairSorts: WeakMap<ItemTable, Map<string, Uint32Array>>;
  /** Filter results by request key, most recent last (scrolling asks for many pages of one). */
  filtered: Map<string, Uint32Array>;
}

export function itemKey(org: Org, domain: string, cidr?: string): string {
  return `${orgKey(org)}\u0000${domain}\u0000${cidr ?? ''}`;
}

const tables = new WeakMap<object, ItemTable>();

export function authenticityTable(analysis: AuthenticityAnalysis): ItemTable {
  let table = tables.get(analysis);
  if (!table) {
    table = buildTable('sender-model', analysis.items, analysis.mean, analysis.status, AUTHENTICITY_STATUSES, authenticityHistograms(analysis));
    tables.set(analysis, table);
  }
  return table;
}

export function reputationTable(analysis: ReputationAnalysis): ItemTable {
  let table = tables.get(analysis);
  if (!table) {
    table = buildTable('reputation', analysis.items, analysis.score, analysis.status, REPUTATION_STATUSES, { reputation: reputationHistogram(analysis) });
    tables.set(analysis, table);
  }
  return table;
}

function buildTable(
  kind: BuildKind,
  items: readonly TableItem[],
  value: Float64Array,
  status: Uint8Array,
  statusNames: readonly string[],
  histograms: Partial<Record<HistogramName, number[]>>,
): ItemTable {
  const n = items.length;
  // Items arrive sorted by org (DESIGN §6), so orgs are runs; a Map keeps it right regardless.
  const orgPos = new Map<string, number>();
  const orgList: Org[] = [];
  for (const item of items) {
    const key = orgKey(item.org);
    if (!orgPos.has(key)) {
      orgPos.set(key, orgList.length);
      orgList.push(item.org);
    }
  }
  const order = orgList.map((_, i) => i).sort((a, b) => compareOrgs(orgList[a], orgList[b]));
  const rank = new Uint32Array(orgList.length);
  order.forEach((o, r) => (rank[o] = r));
  const orgs = order.map((o) => orgList[o]);
  const orgOf = new Uint32Array(n);
  const orgItems = new Uint32Array(orgs.length);
  const orgScored = new Uint32Array(orgs.length);
  let scored = 0;
  for (let i = 0; i < n; i++) {
    const o = rank[orgPos.get(orgKey(items[i].org))!];
    orgOf[i] = o;
    orgItems[o]++;
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
  return { kind, items, n, value, status, statusNames, sortedValues, orgs, orgOf, orgItems, orgValues, histograms, sorts: new Map(), pairSorts: new WeakMap(), filtered: new Map() };
}

/** Under the cutoff: scored and value ≤ cutoff + 1e-9 (DESIGN §4). */
export function isUnder(table: ItemTable, i: number, cutoff: number): boolean {
  return table.status[i] === SCORED && table.value[i] <= cutoff + CUTOFF_TOLERANCE;
}

export function isFinding(table: ItemTable, i: number, cutoff: number): boolean {
  return table.status[i] !== SCORED || table.value[i] <= cutoff + CUTOFF_TOLERANCE;
}

export function sideSummary(table: ItemTable, cutoff: number): SideSummary {
  const scored = table.sortedValues.length;
  const underCutoff = countAtOrBelow(table.sortedValues, cutoff + CUTOFF_TOLERANCE);
  const uncovered = table.n - scored;
  return { items: table.n, scored, uncovered, underCutoff, findings: underCutoff + uncovered };
}

/** Per org (in `table.orgs` order): items, under the cutoff, not scored, findings. */
export function orgCounts(table: ItemTable, cutoff: number): Array<{ items: number; underCutoff: number; uncovered: number; findings: number }> {
  return table.orgs.map((_, o) => {
    const values = table.orgValues[o];
    const underCutoff = countAtOrBelow(values, cutoff + CUTOFF_TOLERANCE);
    const uncovered = table.orgItems[o] - values.length;
    return { items: table.orgItems[o], underCutoff, uncovered, findings: underCutoff + uncovered };
  });
}

export const CURVE_CUTOFFS: readonly number[] = Array.from({ length: 101 }, (_, k) => k / 100);

/** Share of ALL items that are scored and above each cutoff of 0, 0.01, …, 1. */
export function aboveCurve(table: ItemTable): number[] {
  const scored = table.sortedValues.length;
  return CURVE_CUTOFFS.map((c) => (table.n === 0 ? 0 : (scored - countAtOrBelow(table.sortedValues, c + CUTOFF_TOLERANCE)) / table.n));
}

export function thresholdCurve(a: ItemTable, b?: ItemTable): ThresholdCurve {
  const curve: ThresholdCurve = { cutoffs: [...CURVE_CUTOFFS], aboveA: aboveCurve(a) };
  if (b) curve.aboveB = aboveCurve(b);
  return curve;
}

export function haystackOf(table: ItemTable, reasons?: string[][]): string[] {
  if (!table.haystack) {
    table.haystack = table.items.map((item, i) =>
      [String(item.org), item.domain, item.cidrText ?? '', ...item.comments, ...(reasons?.[i] ?? [])].join('\u0001').toLowerCase(),
    );
  }
  return table.haystack;
}

export function findItem(table: ItemTable, org: Org, domain: string, cidr?: string): number {
  if (!table.keyIndex) {
    table.keyIndex = new Map();
    table.items.forEach((item, i) => table.keyIndex!.set(itemKey(item.org, item.domain, item.cidrText), i));
  }
  return table.keyIndex.get(itemKey(org, domain, cidr)) ?? -1;
}
