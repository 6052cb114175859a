// Filter and sort for the findings table and its export: positions into the items, in display
// order. The result of one (context, filter, sort) is kept for a few requests, because
// scrolling asks for many pages of the same list.

import { binIndex } from '../../shared/cutoff';
import { itemHasIndividualBin } from '../../shared/authenticity';
import { normaliseOrg, orgKey } from '../../shared/org';
import type { RowFilter, RowSort } from '../../shared/api';
import { fcrdnsFilterOf, inSpfUnderCutoff, spfFilterOf } from '../../shared/sender-context-view';
import { contextColumns, contextHaystack, networksOf } from './context-columns';
import { haystackOf, isFinding, isUnder, SCORED } from './item-table';
import { NOTE_RANK, notesFor, type NotesIndex } from './note-badges';
import { TRANSITION_CODES, transitionCode } from './row-figures';
import { cachedOrder, identity, isVolatile, sortByRank } from './sort-orders';
import type { Resolved, Side, ViewCache } from './view-context';

const KEPT_RESULTS = 8;
/** A status filter value besides the real statuses: scored and at or under the cutoff. */
export const UNDER_CUTOFF = 'under-cutoff';

/** Tables and context sources by identity: a replaced snapshot is a new object, so never a stale hit. */
const tableIds = new WeakMap<object, number>();
let nextTableId = 1;
function tableId(t: object): number {
  let id = tableIds.get(t);
  if (id === undefined) tableIds.set(t, (id = nextTableId++));
  return id;
}

export function queryPositions(r: Resolved, filter: RowFilter, sort: RowSort | undefined, notes: NotesIndex, cache: ViewCache): Uint32Array {
  const volatile = isVolatile(r, sort);
  const key = JSON.stringify([
    r.feedback,
    r.b ? tableId(r.b.table) : 0,
    r.context ? tableId(r.context.source) : 0,
    r.cutoff,
    filter,
    sort ?? null,
    volatile && sort?.column === 'note' ? notes.stamp : '',
  ]);
  const kept = r.a.table.filtered;
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const order = cachedOrder(r, sort) ?? identity(r.a.table.n);
  let positions = applyFilter(r, order, filter, cache);
  if (volatile && sort) {
    positions =
      sort.column === 'note'
        ? sortByRank(positions, (i) => noteRank(r, i, notes), sort.direction)
        : sortByRank(positions, (i) => transitionCode(r, i), sort.direction);
  }
  kept.set(key, positions);
  if (kept.size > KEPT_RESULTS) kept.delete(kept.keys().next().value!);
  return positions;
}

function noteRank(r: Resolved, i: number, notes: NotesIndex): number {
  const item = r.a.table.items[i];
  const note = notesFor(notes, item.org, item.domain, item.cidrText)[0];
  return note ? NOTE_RANK[note.status] : NaN;
}

type Test = (i: number) => boolean;

function applyFilter(r: Resolved, order: Uint32Array, filter: RowFilter, cache: ViewCache): Uint32Array {
  const tests: Test[] = [];
  const a = r.a.table;
  if (filter.org !== undefined) {
    const org = normaliseOrg(filter.org);
    const o = org === null ? -1 : a.orgs.findIndex((x) => orgKey(x) === orgKey(org));
    tests.push((i) => a.orgOf[i] === o);
  }
  if (filter.statuses && filter.statuses.length > 0) tests.push(statusTest(r, filter.statuses));
  if (filter.findingsOnly) {
    // With B, an item that is a finding on either side stays: fixed items are worth seeing.
    const b = r.b?.table;
    tests.push(b ? (i) => isFinding(a, i, r.cutoff) || isFinding(b, i, r.cutoff) : (i) => isFinding(a, i, r.cutoff));
  }
  if (filter.transitions && filter.transitions.length > 0 && r.b) {
    const wanted = new Set(filter.transitions.map((t) => TRANSITION_CODES.indexOf(t)));
    tests.push((i) => wanted.has(transitionCode(r, i)));
  }
  if (filter.bin) tests.push(binTest(r, filter.bin));
  tests.push(...contextTests(r, filter));
  const words = (filter.text ?? '')
    .toLowerCase()
    .split(/\s+/u)
    .filter((w) => w !== '');
  if (words.length > 0) {
    const hay = haystackOf(a, r.a.rep?.reasons);
    // With a context, a word may also be in the PTR names, the AS or the deciding SPF term.
    const more = r.context ? contextHaystack(contextColumns(r)) : null;
    tests.push(more ? (i) => words.every((w) => hay[i].includes(w) || more[i].includes(w)) : (i) => words.every((w) => hay[i].includes(w)));
  }
  if (tests.length === 0) return order;
  const out = new Uint32Array(order.length);
  let k = 0;
  outer: for (let j = 0; j < order.length; j++) {
    const i = order[j];
    for (const test of tests) if (!test(i)) continue outer;
    out[k++] = i;
  }
  return out.slice(0, k);
}

/** The sender context's filters (DESIGN §8); each needs a context snapshot. */
function contextTests(r: Resolved, filter: RowFilter): Test[] {
  const wanted = {
    spf: filter.spf && filter.spf.length > 0 ? new Set(filter.spf) : null,
    fcrdns: filter.fcrdns && filter.fcrdns.length > 0 ? new Set(filter.fcrdns) : null,
  };
  if (!wanted.spf && !wanted.fcrdns && !filter.inSpfUnderCutoff && !filter.network) return [];
  const columns = contextColumns(r);
  const { contexts } = columns;
  const a = r.a.table;
  const tests: Test[] = [];
  if (wanted.spf) tests.push((i) => wanted.spf!.has(spfFilterOf(contexts[i])));
  if (wanted.fcrdns) tests.push((i) => wanted.fcrdns!.has(fcrdnsFilterOf(contexts[i])));
  if (filter.inSpfUnderCutoff) tests.push((i) => inSpfUnderCutoff(contexts[i], isUnder(a, i, r.cutoff)));
  if (filter.network) {
    const { by, value } = filter.network;
    const networks = networksOf(columns, by);
    tests.push((i) => networks[i].includes(value));
  }
  return tests;
}

function statusTest(r: Resolved, statuses: string[]): Test {
  const a = r.a.table;
  const known = new Set([...a.statusNames, UNDER_CUTOFF]);
  const unknown = statuses.filter((s) => !known.has(s));
  if (unknown.length > 0) throw new Error(`unknown status filter '${unknown[0]}'; use ${[...known].join(', ')}`);
  const codes = new Set(statuses.map((s) => a.statusNames.indexOf(s)).filter((c) => c >= 0));
  const under = statuses.includes(UNDER_CUTOFF);
  return (i) => codes.has(a.status[i]) || (under && isUnder(a, i, r.cutoff));
}

function binTest(r: Resolved, bin: NonNullable<RowFilter['bin']>): Test {
  const side: Side | undefined = bin.build === 'B' ? r.b : r.a;
  if (!side) throw new Error('a histogram bin of build B was picked, but no build B is chosen');
  const t = side.table;
  if (bin.histogram === 'individual') {
    if (!side.auth) throw new Error('the individual histogram belongs to the authenticity view');
    const auth = side.auth;
    return (i) => itemHasIndividualBin(auth, i, bin.index);
  }
  return (i) => t.status[i] === SCORED && binIndex(t.value[i]) === bin.index;
}
