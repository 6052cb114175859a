// Findings grouped by sending network (DESIGN §8's last bullet): per network — the registered
// domain of the items' PTR names, or their AS — how many items and findings it has, over all
// orgs and per org, so that "38 of org 54's findings are one mailing-list provider's addresses"
// is one look. An item with names in two networks counts in each; the table's network filter
// lists exactly the items counted here.

import type { NetworkGroup, NetworkGroups } from '../../shared/api';
import { isFinding } from '../../shared/scored-items';
import type { NetworkKind } from '../../shared/sender-context-view';
import type { Org } from '../../shared/types';
import { contextColumns, networksOf } from './context-columns';
import { orgIndex, type Resolved } from './view-context';

/** More networks than this are cut (the list says how many there are). */
export const MAX_NETWORKS = 1000;

interface Tally {
  items: number;
  findings: number;
  /** Per org position: items, findings. */
  orgs: Map<number, { items: number; findings: number }>;
  asName: string | null;
}

export function networkGroups(r: Resolved, by: NetworkKind, org?: Org): NetworkGroups {
  const columns = contextColumns(r);
  const networks = networksOf(columns, by);
  const a = r.a.table;
  const scope = org === undefined ? -1 : orgIndex(r, org);
  const tallies = new Map<string, Tally>();
  const without = { items: 0, findings: 0 };
  for (let i = 0; i < a.n; i++) {
    const finding = isFinding(a, i, r.cutoff) ? 1 : 0;
    const mine = networks[i];
    if (mine.length === 0) {
      without.items++;
      without.findings += finding;
      continue;
    }
    for (const network of mine) {
      let t = tallies.get(network);
      if (!t) tallies.set(network, (t = { items: 0, findings: 0, orgs: new Map(), asName: columns.contexts[i]?.asName ?? null }));
      t.items++;
      t.findings += finding;
      const o = a.orgOf[i];
      const perOrg = t.orgs.get(o);
      if (perOrg) {
        perOrg.items++;
        perOrg.findings += finding;
      } else t.orgs.set(o, { items: 1, findings: finding });
    }
  }
  const scoped = (t: Tally) => (scope < 0 ? 0 : (t.orgs.get(scope)?.findings ?? 0));
  const ranked = [...tallies.entries()].sort(
    ([x, tx], [y, ty]) => scoped(ty) - scoped(tx) || ty.findings - tx.findings || ty.items - tx.items || (x < y ? -1 : x > y ? 1 : 0),
  );
  const groups: NetworkGroup[] = ranked.slice(0, MAX_NETWORKS).map(([network, t]) => ({
    network,
    label: by === 'as' ? `AS${network}${t.asName ? ` ${t.asName}` : ''}` : network,
    items: t.items,
    findings: t.findings,
    orgs: [...t.orgs.entries()]
      .sort(([ox, x], [oy, y]) => y.findings - x.findings || y.items - x.items || ox - oy)
      .map(([o, counts]) => ({ org: a.orgs[o], ...counts })),
  }));
  return { by, context: r.context!.id, cutoff: r.cutoff, networks: groups, total: tallies.size, without };
}
