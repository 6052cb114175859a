// One item as a table row: both sides' figures, Δ, the transition, comments, reasons and the
// note badge. Built for one page at a time, never for every item.

import { deltaOf as deltaBetween, transitionAt, TRANSITIONS } from '../../shared/compare';
import type { FindingRow, SideFigures } from '../../shared/api';
import type { Transition } from '../../shared/types';
import { contextColumns } from './context-columns';
import { isFinding, isUnder } from './item-table';
import { badgeFor, notesFor, type NotesIndex } from './note-badges';
import type { Resolved, Side } from './view-context';

const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function sideFigures(side: Side, i: number, cutoff: number): SideFigures {
  const { table } = side;
  const base = {
    status: table.statusNames[table.status[i]] as SideFigures['status'],
    underCutoff: isUnder(table, i, cutoff),
    finding: isFinding(table, i, cutoff),
  };
  if (side.auth) {
    const a = side.auth;
    return {
      status: base.status,
      count: a.count[i],
      min: nullable(a.min[i]),
      mean: nullable(a.mean[i]),
      max: nullable(a.max[i]),
      underCutoff: base.underCutoff,
      finding: base.finding,
    };
  }
  const rep = side.rep!;
  return { status: base.status, risk: nullable(rep.risk[i]), score: nullable(rep.score[i]), underCutoff: base.underCutoff, finding: base.finding };
}

/** B − A of the item's value, null unless both sides scored (DESIGN §4). */
export function deltaOf(r: Resolved, i: number): number | null {
  return r.b ? deltaBetween(r.a.table, r.b.table, i) : null;
}

export const TRANSITION_CODES: readonly Transition[] = TRANSITIONS;

/** Index into TRANSITION_CODES; -1 without B. */
export function transitionCode(r: Resolved, i: number): number {
  if (!r.b) return -1;
  return TRANSITION_CODES.indexOf(transitionAt(r.a.table, r.b.table, i, r.cutoff));
}

export function findingRow(r: Resolved, i: number, notes: NotesIndex): FindingRow {
  const item = r.a.table.items[i];
  const row: FindingRow = { org: item.org, domain: item.domain, a: sideFigures(r.a, i, r.cutoff), comments: item.comments };
  if (item.cidrText !== undefined) row.cidr = item.cidrText;
  if (r.b) {
    row.b = sideFigures(r.b, i, r.cutoff);
    row.delta = deltaOf(r, i);
    row.transition = TRANSITION_CODES[transitionCode(r, i)];
  }
  if (r.a.rep) row.reasons = r.a.rep.reasons[i];
  if (r.context) row.context = contextColumns(r).contexts[i];
  const own = (note: { domain?: string; cidr?: string }) => (r.kind === 'reputation' ? note.domain !== undefined : note.cidr !== undefined);
  const badge = badgeFor(notesFor(notes, item.org, item.domain, item.cidrText), own, { buildA: r.a.id, a: row.a, buildB: r.b?.id, b: row.b });
  if (badge) row.note = badge;
  return row;
}
