// Findings by sending network (DESIGN §8), under the org list: per network — the registered
// domain of the PTR names (`mcsv.net`) or the AS — its findings in all orgs and, with an org
// chosen, in that org, so that "42 of org 54's findings are one mailing-list provider's
// addresses" is one look. Click a network to list its items in the table.

import { memo } from 'react';
import type { NetworkGroups, ViewContext } from '../../shared/api';
import type { NetworkKind } from '../../shared/sender-context-view';
import type { Org } from '../../shared/types';
import { api } from '../api';
import { formatCount } from '../common/format';
import { Pending } from '../common/pending';
import { ErrorBanner } from '../common/states';
import { useApi } from '../common/use-api';

interface NetworkListProps {
  context: ViewContext & { context: string };
  by: NetworkKind;
  org?: Org;
  selected?: { by: NetworkKind; value: string };
  onBy: (by: NetworkKind) => void;
  onSelect: (network: { by: NetworkKind; value: string } | undefined) => void;
}

const sameOrg = (x: Org, y: Org | undefined) => y !== undefined && String(x) === String(y);

export const NetworkList = memo(function NetworkList({ context, by, org, selected, onBy, onSelect }: NetworkListProps) {
  const key = JSON.stringify([context, by, org ?? null]);
  const groups = useApi<NetworkGroups>(key, () => api.authenticityNetworks({ ...context, by, ...(org !== undefined ? { org } : {}) }));
  const g = groups.data;
  const max = Math.max(1, ...(g?.networks ?? []).map((n) => n.findings));
  return (
    <nav className="network-list panel" aria-label="Findings by sending network" data-loading={groups.loading}>
      <Pending active={groups.loading} label="Grouping the findings…" />
      <header className="org-head">
        <h3 className="panel-title">Networks{g ? ` (${formatCount(g.total)})` : ''}</h3>
        <select value={by} onChange={(e) => onBy(e.target.value as NetworkKind)} aria-label="Group findings by" className="small-select">
          <option value="ptr">by PTR domain</option>
          <option value="as">by AS</option>
        </select>
      </header>
      {groups.error && <ErrorBanner error={groups.error} onRetry={groups.reload} />}
      {g && g.networks.length === 0 && (
        <p className="muted small-text network-empty">No item has {by === 'ptr' ? 'PTR names' : 'an AS'} in this context snapshot.</p>
      )}
      <ul>
        {g?.networks.map((n) => {
          const active = selected?.by === by && selected.value === n.network;
          const mine = org === undefined ? undefined : n.orgs.find((o) => sameOrg(o.org, org));
          // Scoped to an org, the networks it has no items in stay out of its list.
          if (org !== undefined && !mine && !active) return null;
          const shown = mine ? mine.findings : org === undefined ? n.findings : 0;
          const others = n.orgs.filter((o) => o.findings > 0).slice(0, 3);
          return (
            <li key={n.network} data-network={n.network}>
              <button
                type="button"
                className="network-row"
                aria-pressed={active}
                onClick={() => onSelect(active ? undefined : { by, value: n.network })}
                title={`${n.label}: ${n.findings} findings of ${n.items} items in all orgs${mine ? `; org ${org}: ${mine.findings} findings of ${mine.items} items` : ''}`}
              >
                <span className="org-name">
                  <span className={by === 'ptr' ? 'mono' : undefined}>{n.label}</span> —{' '}
                  <span className="num" data-count="findings">
                    {formatCount(shown)}
                  </span>{' '}
                  finding{shown === 1 ? '' : 's'}
                  {org !== undefined ? <span className="muted"> of org {String(org)}</span> : null}
                </span>
                <span className="org-bars" aria-hidden="true">
                  <span className="bar a" style={{ width: `${(shown / max) * 100}%` }} />
                </span>
                <span className="org-meta">
                  {org !== undefined ? (
                    <>
                      <span className="num">{formatCount(n.findings)}</span> in all orgs ·{' '}
                    </>
                  ) : null}
                  <span className="num">{formatCount(n.items)}</span> items
                  {org === undefined && others.length > 0 ? ` · ${others.map((o) => `org ${o.org}: ${o.findings}`).join(', ')}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {g && (
        <p className="network-foot muted small-text">
          {g.networks.length < g.total ? `The first ${formatCount(g.networks.length)} of ${formatCount(g.total)} networks. ` : ''}
          Without {by === 'ptr' ? 'PTR names' : 'an AS'}, in all orgs: <span className="num">{formatCount(g.without.findings)}</span> findings of{' '}
          <span className="num">{formatCount(g.without.items)}</span> items.
        </p>
      )}
    </nav>
  );
});
