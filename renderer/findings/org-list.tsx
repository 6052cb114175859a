// The org list, as the notebook printed it ("Org 54 — 12 findings"), worst first or by id;
// with B, each org's findings in B and its fixed / regressed counts. Click to filter the table.
// Virtualised: a big feedback pull has hundreds of orgs, and every cutoff move changes counts.

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import type { OverviewOrg } from '../../shared/api';
import type { Org } from '../../shared/types';
import { formatCount } from '../common/format';

interface OrgListProps {
  orgs: OverviewOrg[];
  compare: boolean;
  selected?: Org;
  onSelect: (org: Org | undefined) => void;
}

export const OrgList = memo(function OrgList({ orgs, compare, selected, onSelect }: OrgListProps) {
  const [order, setOrder] = useState<'findings' | 'org'>('findings');
  const sorted = useMemo(() => {
    if (order === 'org') return orgs;
    return [...orgs].sort((x, y) => y.findingsA - x.findingsA || (y.findingsB ?? 0) - (x.findingsB ?? 0));
  }, [orgs, order]);
  const max = Math.max(1, ...orgs.map((o) => Math.max(o.findingsA, o.findingsB ?? 0)));
  const scroller = useRef<HTMLUListElement>(null);
  // Row 0 is "All orgs"; org k is row k + 1.
  // Sizes are measured per org, not per position: when the order or the counts change, a row
  // that wraps keeps its own height instead of lending it to whichever org takes its place.
  const virtualizer = useVirtualizer({
    count: sorted.length + 1,
    getScrollElement: () => scroller.current,
    estimateSize: () => (compare ? 58 : 52),
    getItemKey: (i) => (i === 0 ? '\u0000all' : String(sorted[i - 1].org)),
    overscan: 8,
  });
  return (
    <nav className="org-list panel" aria-label="Organisations">
      <header className="org-head">
        <h3 className="panel-title">Orgs ({orgs.length})</h3>
        <select value={order} onChange={(e) => setOrder(e.target.value as 'findings' | 'org')} aria-label="Order orgs by" className="small-select">
          <option value="findings">most findings</option>
          <option value="org">org id</option>
        </select>
      </header>
      <ul ref={scroller}>
        <li className="org-spacer" style={{ height: virtualizer.getTotalSize() }} aria-hidden="true" />
        {virtualizer.getVirtualItems().map((v) => {
          const style = { transform: `translateY(${v.start}px)` };
          if (v.index === 0) {
            return (
              <li key="all" className="org-item" style={style} ref={virtualizer.measureElement} data-index={0}>
                <button type="button" className="org-row" aria-pressed={selected === undefined} onClick={() => onSelect(undefined)}>
                  <span className="org-name">All orgs</span>
                </button>
              </li>
            );
          }
          const o = sorted[v.index - 1];
          const active = selected !== undefined && String(selected) === String(o.org);
          return (
            <li key={String(o.org)} className="org-item" style={style} ref={virtualizer.measureElement} data-index={v.index}>
              <button
                type="button"
                className="org-row"
                aria-pressed={active}
                onClick={() => onSelect(active ? undefined : o.org)}
                title={`Org ${o.org}: ${o.itemsA} items, ${o.underCutoffA} under the cutoff, ${o.uncoveredA} uncovered${compare ? `; in B ${o.findingsB} findings` : ''}`}
              >
                <span className="org-name">
                  Org {String(o.org)} — <span className="num">{formatCount(o.findingsA)}</span> finding{o.findingsA === 1 ? '' : 's'}
                </span>
                <span className="org-bars" aria-hidden="true">
                  <span className="bar a" style={{ width: `${(o.findingsA / max) * 100}%` }} />
                  {compare && <span className="bar b" style={{ width: `${((o.findingsB ?? 0) / max) * 100}%` }} />}
                </span>
                <span className="org-meta">
                  <span className="num">{formatCount(o.itemsA)}</span> items
                  {compare && o.transitions && (
                    <>
                      {' · '}B <span className="num">{formatCount(o.findingsB)}</span>
                      {o.transitions.fixed > 0 && <span className="t-fixed"> · {o.transitions.fixed} fixed</span>}
                      {o.transitions.regressed > 0 && <span className="t-regressed"> · {o.transitions.regressed} regressed</span>}
                    </>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
});
