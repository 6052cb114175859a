// The sender context (DESIGN §8) as the findings table reads it: every item's context of the
// chosen context snapshot, worked out once per (analysis, context snapshot) and kept with both
// — the filters, sorts and the grouping by sending network all read these arrays, and a
// replaced snapshot (a new source object) starts afresh.

import type { SenderContext } from '../../shared/sender-context';
import type { NetworkKind } from '../../shared/sender-context-view';
import { sendingNetworks } from '../../shared/sending-network';
import type { ItemTable } from './item-table';
import type { ContextSide, Resolved } from './view-context';

export interface ContextColumns {
  /** Per item: its context, null when the snapshot does not cover it. */
  contexts: ReadonlyArray<SenderContext | null>;
  /** Lazily: lower-cased PTR names, AS and deciding SPF term per item, for the text filter. */
  haystack?: string[];
  /** Lazily: each item's sending networks, by kind. */
  networks: Partial<Record<NetworkKind, string[][]>>;
  /** Sort orders of the context columns, by column and direction. */
  sorts: Map<string, Uint32Array>;
}

const kept = new WeakMap<ItemTable, WeakMap<ContextSide['source'], ContextColumns>>();

/** The context columns of side A's items; the caller has checked that a context is chosen. */
export function contextColumns(r: Resolved): ContextColumns {
  const context = r.context;
  if (!context) throw new Error('a filter or sort of the sender context needs a context snapshot: pick one in the context bar');
  const table = r.a.table;
  let bySource = kept.get(table);
  if (!bySource) kept.set(table, (bySource = new WeakMap()));
  let columns = bySource.get(context.source);
  if (!columns) {
    const contexts = table.items.map((item) => context.source.contextOf({ org: item.org, domain: item.domain, cidr: item.cidrText ?? '' }));
    columns = { contexts, networks: {}, sorts: new Map() };
    bySource.set(context.source, columns);
  }
  return columns;
}

export function contextHaystack(columns: ContextColumns): string[] {
  columns.haystack ??= columns.contexts.map((c) =>
    c === null ? '' : [...(c.ptr ?? []), c.asn === null ? '' : `as${c.asn}`, c.asName ?? '', c.spfMechanism ?? ''].join('\u0001').toLowerCase(),
  );
  return columns.haystack;
}

export function networksOf(columns: ContextColumns, by: NetworkKind): string[][] {
  let networks = columns.networks[by];
  if (!networks) {
    networks = columns.contexts.map((c) => sendingNetworks(c, by));
    columns.networks[by] = networks;
  }
  return networks;
}
