// Sort orders per column, computed once per (analysis, column, direction) and cached with the
// analysis; B-dependent columns are cached per (A, B). Every order is stable: ties keep the
// default order (org, domain, CIDR — the order the items already have). Empty values (not
// scored) go last in both directions, so "lowest mean first" starts with real numbers.

import { compareCidrs, type Cidr } from '../../shared/cidr';
import type { RowSort } from '../../shared/api';
import { compareText } from '../../shared/org';
import { CONTEXT_SORT_COLUMNS, fcrdnsRank, spfRank } from '../../shared/sender-context-view';
import { ptrNetwork } from '../../shared/sending-network';
import { contextColumns } from './context-columns';
import { deltaOf } from './row-figures';
import type { ItemTable } from './item-table';
import type { Resolved } from './view-context';

/** Columns whose order changes with the cutoff or the notes: sorted per request, after filtering. */
export const VOLATILE_COLUMNS = new Set<RowSort['column']>(['transition', 'note']);

export function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function byNumber(keys: Float64Array, direction: RowSort['direction']): Uint32Array {
  const sign = direction === 'asc' ? 1 : -1;
  return identity(keys.length).sort((x, y) => {
    const a = keys[x];
    const b = keys[y];
    const an = a !== a;
    const bn = b !== b;
    if (an || bn) return an === bn ? x - y : an ? 1 : -1;
    return (a - b) * sign || x - y;
  });
}

/** Text keys (DNS names: ASCII, so UTF-16 order is code-point order); null keys last in both directions. */
function byText(keys: ReadonlyArray<string | null>, direction: RowSort['direction']): Uint32Array {
  const sign = direction === 'asc' ? 1 : -1;
  return identity(keys.length).sort((x, y) => {
    const a = keys[x];
    const b = keys[y];
    if (a === null || b === null) return a === b ? x - y : a === null ? 1 : -1;
    return (a < b ? -1 : a > b ? 1 : 0) * sign || x - y;
  });
}

function byCompare(n: number, compare: (x: number, y: number) => number, direction: RowSort['direction']): Uint32Array {
  const sign = direction === 'asc' ? 1 : -1;
  return identity(n).sort((x, y) => compare(x, y) * sign || x - y);
}

/** Maps the column to the key that sorts it for this kind of view; null: the default order. */
function canonical(r: Resolved, column: RowSort['column']): RowSort['column'] | null {
  const auth = r.kind === 'sender-model';
  switch (column) {
    case 'mean':
    case 'score':
      return 'mean';
    case 'meanB':
    case 'scoreB':
    case 'delta':
      return r.b ? (column === 'delta' ? 'delta' : 'meanB') : null;
    case 'count':
    case 'min':
    case 'max':
    case 'cidr':
      return auth ? column : null;
    case 'risk':
      return auth ? null : 'risk';
    case 'transition':
      return r.b ? 'transition' : null;
    default:
      // The sender context's columns sort only with a context chosen (cached with its columns).
      return CONTEXT_SORT_COLUMNS.has(column) && !r.context ? null : column;
  }
}

/** The stable order of every item for a cacheable column, or null for the default order. */
export function cachedOrder(r: Resolved, sort: RowSort | undefined): Uint32Array | null {
  if (!sort) return null;
  const column = canonical(r, sort.column);
  if (column === null || VOLATILE_COLUMNS.has(column)) return null;
  if (column === 'org' && sort.direction === 'asc') return null;
  const a = r.a.table;
  const key = `${column}:${sort.direction}`;
  const cache = CONTEXT_SORT_COLUMNS.has(column) ? contextColumns(r).sorts : column === 'meanB' || column === 'delta' ? pairCache(a, r.b!.table) : a.sorts;
  let order = cache.get(key);
  if (!order) {
    order = computeOrder(r, column, sort.direction);
    cache.set(key, order);
  }
  return order;
}

function pairCache(a: ItemTable, b: ItemTable): Map<string, Uint32Array> {
  let cache = a.pairSorts.get(b);
  if (!cache) {
    cache = new Map();
    a.pairSorts.set(b, cache);
  }
  return cache;
}

function computeOrder(r: Resolved, column: RowSort['column'], direction: RowSort['direction']): Uint32Array {
  const a = r.a.table;
  const n = a.n;
  switch (column) {
    case 'org':
      return byCompare(n, (x, y) => a.orgOf[x] - a.orgOf[y], direction);
    case 'domain':
      return byCompare(n, (x, y) => compareText(a.items[x].domain, a.items[y].domain), direction);
    case 'cidr': {
      const items = r.a.auth!.items;
      return byCompare(n, (x, y) => compareCidrs(items[x].cidr as Cidr, items[y].cidr as Cidr), direction);
    }
    case 'status':
      return byCompare(n, (x, y) => a.status[x] - a.status[y], direction);
    case 'count':
      return byNumber(Float64Array.from(r.a.auth!.count), direction);
    case 'min':
      return byNumber(r.a.auth!.min, direction);
    case 'max':
      return byNumber(r.a.auth!.max, direction);
    case 'mean':
      return byNumber(a.value, direction);
    case 'risk':
      return byNumber(r.a.rep!.risk, direction);
    case 'meanB':
      return byNumber(r.b!.table.value, direction);
    case 'delta': {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = deltaOf(r, i) ?? NaN;
      return byNumber(keys, direction);
    }
    case 'spf':
      return byNumber(Float64Array.from(contextColumns(r).contexts, spfRank), direction);
    case 'fcrdns':
      return byNumber(Float64Array.from(contextColumns(r).contexts, fcrdnsRank), direction);
    case 'asn':
      return byNumber(
        Float64Array.from(contextColumns(r).contexts, (c) => c?.asn ?? NaN),
        direction,
      );
    case 'ptr': {
      // By the first name's network, then the name: one provider's addresses stand together.
      const keys = contextColumns(r).contexts.map((c) => (c?.ptr && c.ptr.length > 0 ? `${ptrNetwork(c.ptr[0])}\u0000${c.ptr[0]}` : null));
      return byText(keys, direction);
    }
    default:
      return identity(n);
  }
}

/** Sorts filtered positions by a per-request integer rank (transition, note), stably. */
export function sortByRank(positions: Uint32Array, rank: (i: number) => number, direction: RowSort['direction']): Uint32Array {
  const ranks = new Float64Array(positions.length);
  for (let k = 0; k < positions.length; k++) ranks[k] = rank(positions[k]);
  const order = byNumber(ranks, direction);
  const out = new Uint32Array(positions.length);
  for (let k = 0; k < order.length; k++) out[k] = positions[order[k]];
  return out;
}

export function isVolatile(r: Resolved, sort: RowSort | undefined): boolean {
  if (!sort) return false;
  const column = canonical(r, sort.column);
  return column !== null && VOLATILE_COLUMNS.has(column);
}
