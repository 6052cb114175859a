// Above the table: the text filter, status and findings-only toggles, the filters set from the
// charts and the org list (each removable), the row count, and the export of what is listed.

import { forwardRef, useEffect, useRef, useState } from 'react';
import type { AnalysisView, Route } from '../app/route';
import type { SetRoute } from '../app/use-route';
import { formatCount, STATUS_LABELS } from '../common/format';
import { binRange } from '../charts/bins';
import { MenuButton } from '../common/menu-button';

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
  exporting: boolean;
  onExport: (format: 'csv' | 'json') => void;
  /** The whole report of the context (every item, and with JSON every match), as the CLI writes it. */
  onExportReport: (format: 'csv' | 'json') => void;
}

export const FilterBar = forwardRef<HTMLInputElement, FilterBarProps>(function FilterBar(
  { view, route, setRoute, total, items, exporting, onExport, onExportReport },
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

  const active: Array<{ label: string; clear: Partial<Route> }> = [];
  if (route.org !== undefined) active.push({ label: `Org ${route.org}`, clear: { org: undefined } });
  if (route.bin)
    active.push({
      label: `${HISTOGRAM_NAMES[route.bin.histogram]} ${route.bin.build === 'B' ? 'B' : 'A'} bin ${binRange(route.bin.index)}`,
      clear: { bin: undefined },
    });
  if (route.tr && route.b) active.push({ label: `transition: ${route.tr.join(', ')}`, clear: { tr: undefined } });
  const anything = active.length > 0 || route.q || route.status || route.findings;

  return (
    <div className="filter-bar">
      <input
        ref={textRef}
        type="search"
        className="filter-text"
        placeholder={view === 'authenticity' ? 'Filter: org, domain, CIDR, comments  ( / )' : 'Filter: org, domain, reasons, comments  ( / )'}
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
      {active.map((f) => (
        <button key={f.label} type="button" className="chip active-filter" onClick={() => setRoute(f.clear, 'push')} aria-label={`Remove filter ${f.label}`}>
          {f.label} <span aria-hidden="true">✕</span>
        </button>
      ))}
      {anything && (
        <button
          type="button"
          className="link small"
          onClick={() => setRoute({ q: undefined, status: undefined, findings: undefined, org: undefined, bin: undefined, tr: undefined }, 'push')}
        >
          clear all
        </button>
      )}
      <span className="spacer" />
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
    </div>
  );
});
