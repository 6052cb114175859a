// The view queries behind the Authenticity and Reputation views (DESIGN §7): overview, one page
// of rows, one finding's detail, the findings by sending network, and the export of what the
// table shows. Arguments arrive
// validated with defaults applied (shared/api.ts). Only bins, org lists and one page of rows
// leave here — never the raw arrays.

import type { z } from 'zod';
import type { apiArgs, ApiResults } from '../../shared/api';
import { detail, normaliseKey, type DetailKey } from './detail';
import { findItem } from './item-table';
import type { Resolved } from './view-context';
import { exportFile } from './export-rows';
import { notesIndex } from './note-badges';
import { networkGroups } from './networks';
import { noteChanges } from './note-changes';
import { overview } from './overview';
import { findingRow } from './row-figures';
import { queryPositions } from './row-query';
import { resolve, type ViewsContext } from './view-context';

export type { ViewsContext, ViewCache, ViewWorkspace } from './view-context';

export type ViewMethod =
  | 'authenticityOverview'
  | 'authenticityRows'
  | 'authenticityDetail'
  | 'authenticityNetworks'
  | 'reputationOverview'
  | 'reputationRows'
  | 'reputationDetail'
  | 'exportRows'
  | 'noteChanges';

/** Validated arguments (zod output: defaults filled in). */
export type ViewArgs<M extends ViewMethod> = z.output<(typeof apiArgs)[M]>;

export type Views = { [M in ViewMethod]: (args: ViewArgs<M>) => Promise<ApiResults[M]> };

type RowsArgs = ViewArgs<'authenticityRows'>;

export function createViews(ctx: ViewsContext): Views {
  const rows = (kind: 'sender-model' | 'reputation', args: RowsArgs) => {
    const r = resolve(ctx, args, kind);
    const notes = notesIndex(ctx.workspace.listNotes());
    const positions = queryPositions(r, args.filter, args.sort, notes, ctx.cache);
    const end = Math.min(positions.length, args.offset + args.limit);
    const page = [];
    for (let k = args.offset; k < end; k++) page.push(findingRow(r, positions[k], notes));
    return { r, total: positions.length, page, notes, located: args.locate ? locate(r, positions, args.locate) : undefined };
  };
  return {
    async authenticityOverview(args) {
      return overview(resolve(ctx, args, 'sender-model'), args.org === undefined ? undefined : { org: args.org, cache: ctx.cache });
    },
    async authenticityRows(args) {
      const { total, page, located } = rows('sender-model', args);
      return { total, offset: args.offset, rows: page, ...(located !== undefined ? { located } : {}) };
    },
    async authenticityDetail(args) {
      return detail(ctx, resolve(ctx, args, 'sender-model'), args);
    },
    async authenticityNetworks(args) {
      return networkGroups(resolve(ctx, args, 'sender-model'), args.by, args.org);
    },
    async reputationOverview(args) {
      return overview(resolve(ctx, args, 'reputation'), args.org === undefined ? undefined : { org: args.org, cache: ctx.cache });
    },
    async reputationRows(args) {
      const { total, page, located } = rows('reputation', args);
      return { total, offset: args.offset, rows: page, ...(located !== undefined ? { located } : {}) };
    },
    async reputationDetail(args) {
      return detail(ctx, resolve(ctx, args, 'reputation'), args);
    },
    async noteChanges(args) {
      return { changes: noteChanges(ctx, args) };
    },
    async exportRows(args) {
      const r = resolve(ctx, args, args.view === 'authenticity' ? 'sender-model' : 'reputation');
      const notes = notesIndex(ctx.workspace.listNotes());
      const positions = queryPositions(r, args.filter, args.sort, notes, ctx.cache);
      const end = Math.min(positions.length, args.offset + args.limit);
      // Rows are made one at a time as the file is written, never all at once.
      function* rowsToWrite() {
        for (let k = args.offset; k < end; k++) yield findingRow(r, positions[k], notes);
      }
      return exportFile(ctx.workspace.dataDir, r, rowsToWrite(), Math.max(0, end - args.offset), args.format, { filter: args.filter, sort: args.sort });
    },
  };
}

/** Where an item is in the listed order; -1 when it is not listed (filtered out, or unknown). */
function locate(r: Resolved, positions: Uint32Array, key: DetailKey): number {
  let k: DetailKey;
  try {
    k = normaliseKey(key);
  } catch {
    return -1;
  }
  const i = findItem(r.a.table, k.org, k.domain, r.kind === 'sender-model' ? k.cidr : undefined);
  return i < 0 ? -1 : positions.indexOf(i);
}
