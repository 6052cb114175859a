// Above the table: the text filter, status and findings-only toggles, with a sender context its
// filters ("in SPF but under the cutoff", SPF result, forward confirmation), the filters set from
// the charts, the org list and the networks (each removable), the row count, and the export of
// what is listed.

import { forwardRef, useEffect, useRef, useState } from 'react';
import type { AnalysisView, Route } from '../app/route';
import type { SetRoute } from '../app/use-route';
import { formatCount, STATUS_LABELS } from '../common/format';
import { binRange } from '../charts/bins';
import { MenuButton } from '../common/menu-button';
import { FCRDNS_FILTERS, SPF_FILTERS } from '../../shared/sender-context-view';
import { FCRDNS_LABELS, SPF_LABELS } from './context-cells';

const STATUSES: Record<AnalysisView, string[]> = {
  authenticity: ['under-cutoff', 'scored', 'uncovered-cidr', 'uncovered-domain'],
  reputation: ['under-cutoff', 'scored', 'uncovered-org', 'uncovered-domain'],
};

const HISTOGRAM_NAMES: Record<string, string> = { individual: 'individual', cidrAveraged: 'CIDR-averaged', reputation: 'reputation' };

interface FilterBarProps {
  view: AnalysisView;
  route: Route;
  setRoute: SetRoute;
  total: number;
  items: number;
  /** The chosen sender context: its filters are offered. */
  senderContext?: string;
  exporting: boolean;
  onExport: (format: 'csv' | 'json') => void;
  /** The whole report of the context (every item, and with JSON every match), as the CLI writes it. */
  onExportReport: (format: 'csv' | 'json') => void;
}

export const FilterBar = forwardRef<HTMLInputElement, FilterBarProps>(function FilterBar(
  { view, route, setRoute, total, items, senderContext, exporting, onExport, onExportReport },
  textRef,
) {
  const [text, setText] = useState(route.q ?? '');
  // Typing is debounced into the URL; a URL change from elsewhere (Back) shows here. The first
  // change of a burst of typing pushes a history entry, the rest of the burst replaces it: Back
  // undoes a whole filter text, not one letter.
  useEffect(() => setText(route.q ?? ''), [route.q]);
  const lastTyped = useRef(0);
  useEffect(() => {
    if ((route.q ?? '') === text) return;
    const t = setTimeout(() => {
      const mode = Date.now() - lastTyped.current > 1500 ? 'push' : 'replace';
      lastTyped.current = Date.now();
      setRoute({ q: text || undefined, sel: undefined }, mode);
    }, 200);
    return () => clearTimeout(t);
  }, [text, route.q, setRoute]);

  const toggleStatus = (s: string) => {
    const current = route.status ?? [];
    const next = current.includes(s) ? current.filter((x) => x !== s) : [...current, s];
    setRoute({ status: next.length ? next : undefined }, 'push');
  };

  const toggleIn = <K extends 'spf' | 'fcrdns'>(key: K, value: NonNullable<Route[K]>[number]) => {
    const current = (route[key] ?? []) as string[];
    const next = current.includes(value) ? current.filter((x) => x !== value) : [...current, value];
    setRoute({ [key]: next.length ? next : undefined } as Partial<Route>, 'push');
  };

  const active: Array<{ label: string; clear: Partial<Route> }> = [];
  if (route.org !== undefined) active.push({ label: `Org ${route.org}`, clear: { org: undefined } });
  if (route.bin)
    active.push({
      label: `${HISTOGRAM_NAMES[route.bin.histogram]} ${route.bin.build === 'B' ? 'B' : 'A'} bin ${binRange(route.bin.index)}`,
      clear: { bin: undefined },
    });
  if (route.tr && route.b) active.push({ label: `transition: ${route.tr.join(', ')}`, clear: { tr: undefined } });
  if (senderContext && route.net)
    active.push({ label: route.net.by === 'as' ? `network AS${route.net.value}` : `network ${route.net.value}`, clear: { net: undefined } });
  const contextFilters = !!senderContext && (route.spf || route.fcrdns || route.inspf);
  const anything = active.length > 0 || route.q || route.status || route.findings || contextFilters;
  const contextLabel = [
    route.spf ? `SPF ${route.spf.join(', ')}` : null,
    route.fcrdns ? route.fcrdns.map((f) => FCRDNS_LABELS[f].split(' (')[0]).join(', ') : null,
  ].filter(Boolean);

  return (
    <div className="filter-bar">
      <input
        ref={textRef}
        type="search"
        className="filter-text"
        placeholder={
          view === 'reputation'
            ? 'Filter: org, domain, reasons, comments  ( / )'
            : senderContext
              ? 'Filter: org, domain, CIDR, PTR, AS  ( / )'
              : 'Filter: org, domain, CIDR, comments  ( / )'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="Filter the table by text"
      />
      <button
        type="button"
        className="chip"
        aria-pressed={route.findings ?? false}
        onClick={() => setRoute({ findings: route.findings ? undefined : true }, 'push')}
      >
        findings only
      </button>
      <MenuButton
        label={route.status ? `status: ${route.status.map((st) => STATUS_LABELS[st] ?? st).join(', ')}` : 'status: any'}
        className={route.status ? 'active' : undefined}
        title="Filter by status"
      >
        <div role="group" aria-label="Status">
          {STATUSES[view].map((st) => (
            <label key={st}>
              <input type="checkbox" checked={route.status?.includes(st) ?? false} onChange={() => toggleStatus(st)} />
              {STATUS_LABELS[st] ?? st}
            </label>
          ))}
        </div>
      </MenuButton>
      {senderContext && (
        <>
          <button
            type="button"
            className="chip"
            aria-pressed={route.inspf ?? false}
            onClick={() => setRoute({ inspf: route.inspf ? undefined : true }, 'push')}
            title="SPF passes the address, yet the model scores it at or under the cutoff (the notebook's cerner.com case)"
          >
            in SPF but under the cutoff
          </button>
          <MenuButton
            label={contextLabel.length > 0 ? contextLabel.join(' · ') : 'SPF · PTR: any'}
            className={contextLabel.length > 0 ? 'active' : undefined}
            title="Filter by SPF result and forward-confirmed reverse DNS"
          >
            <div role="group" aria-label="SPF result">
              <span className="menu-head">SPF result</span>
              {SPF_FILTERS.map((v) => (
                <label key={v}>
                  <input type="checkbox" checked={route.spf?.includes(v) ?? false} onChange={() => toggleIn('spf', v)} />
                  {SPF_LABELS[v]}
                </label>
              ))}
            </div>
            <div role="group" aria-label="Forward-confirmed reverse DNS">
              <span className="menu-head">PTR forward confirmation</span>
              {FCRDNS_FILTERS.map((v) => (
                <label key={v}>
                  <input type="checkbox" checked={route.fcrdns?.includes(v) ?? false} onChange={() => toggleIn('fcrdns', v)} />
                  {FCRDNS_LABELS[v]}
                </label>
              ))}
            </div>
          </MenuButton>
        </>
      )}
      {active.map((f) => (
        <button key={f.label} type="button" className="chip active-filter" onClick={() => setRoute(f.clear, 'push')} aria-label={`Remove filter ${f.label}`}>
          {f.label} <span aria-hidden="true">✕</span>
        </button>
      ))}
      {anything && (
        <button
          type="button"
          className="link small"
          onClick={() =>
            setRoute(
              {
                q: undefined,
                status: undefined,
                findings: undefined,
                org: undefined,
                bin: undefined,
                tr: undefined,
                spf: undefined,
                fcrdns: undefined,
                inspf: undefined,
                net: undefined,
              },
              'push',
            )
          }
        >
          clear all
        </button>
      )}
      {/* At the right end, also when the filters wrap: the export menu opens leftwards, over the table. */}
      <span className="filter-end">
        <span className="row-count" aria-live="polite">
          <span className="num">{formatCount(total)}</span> of <span className="num">{formatCount(items)}</span> items
        </span>
        <MenuButton label={exporting ? 'exporting…' : 'Export'} className="right" title="Save the listed rows">
          <button type="button" disabled={exporting || total === 0} onClick={() => onExport('csv')}>
            CSV — {formatCount(total)} rows as listed
          </button>
          <button type="button" disabled={exporting || total === 0} onClick={() => onExport('json')}>
            JSON — {formatCount(total)} rows as listed
          </button>
          <button type="button" disabled={exporting || items === 0} onClick={() => onExportReport('json')}>
            Whole report, JSON — all {formatCount(items)} items{view === 'authenticity' && !route.b ? ' with every matched entry' : ''}
          </button>
          <button type="button" disabled={exporting || items === 0} onClick={() => onExportReport('csv')}>
            Whole report, CSV — all {formatCount(items)} items
          </button>
        </MenuButton>
      </span>
    </div>
  );
});
