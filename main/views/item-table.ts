// One analysis (authenticity or reputation) as the findings table sees it: the shared
// ScoredItems of the analysis (values, statuses, orgs, sorted values — every rule of DESIGN §4
// is counted there, shared/scored-items.ts) plus what only the table needs, built lazily and
// kept as long as the analysis: text haystacks, item keys, sort orders, filter results.

import { AUTHENTICITY_STATUSES, type AuthenticityAnalysis } from '../../shared/authenticity';
import type { HistogramName } from '../../shared/cutoff';
import { orgKey } from '../../shared/org';
import { REPUTATION_STATUSES, type ReputationAnalysis } from '../../shared/reputation';
import { aboveCurve, CURVE_CUTOFFS, cutoffCounts, type ScoredItems } from '../../shared/scored-items';
import type { BuildKind, Org } from '../../shared/types';
import type { SideSummary, ThresholdCurve } from '../../shared/api';

export { isFinding, isUnder, SCORED } from '../../shared/scored-items';

export interface TableItem {
  org: Org;
  domain: string;
  cidrText?: string;
  comments: string[];
}

export interface ItemTable extends ScoredItems {
  kind: BuildKind;
  items: readonly TableItem[];
  statusNames: readonly string[];
  histograms: Partial<Record<HistogramName, number[]>>;
  /** Lazily: lower-cased text per item for the text filter. */
  haystack?: string[];
  /** Lazily: item key → position. */
  keyIndex?: Map<string, number>;
  /** Lazily: the longest CIDR text (authenticity). */
  cidrChars?: number;
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

export function tableOf(analysis: AuthenticityAnalysis | ReputationAnalysis): ItemTable {
  let table = tables.get(analysis);
  if (!table) {
    table = {
      ...analysis.table,
      kind: analysis.kind,
      items: analysis.items,
      statusNames: analysis.kind === 'sender-model' ? AUTHENTICITY_STATUSES : REPUTATION_STATUSES,
      histograms: analysis.histograms,
      sorts: new Map(),
      pairSorts: new WeakMap(),
      filtered: new Map(),
    };
    tables.set(analysis, table);
  }
  return table;
}

export function sideSummary(table: ScoredItems, cutoff: number): SideSummary {
  return cutoffCounts(table, cutoff);
}

export function thresholdCurve(a: ScoredItems, b?: ScoredItems, org?: { a: number; b?: number }): ThresholdCurve {
  const curve: ThresholdCurve = { cutoffs: [...CURVE_CUTOFFS], aboveA: aboveCurve(a, org?.a) };
  if (b) curve.aboveB = aboveCurve(b, org?.b);
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

/** The most characters of any item's CIDR text (0 for reputation), computed once per analysis. */
export function cidrChars(table: ItemTable): number {
  if (table.cidrChars === undefined) {
    let most = 0;
    for (const item of table.items) if (item.cidrText !== undefined && item.cidrText.length > most) most = item.cidrText.length;
    table.cidrChars = most;
  }
  return table.cidrChars;
}
