// An analysis view (Authenticity or Reputation): context bar, summary counts, histograms and the
// threshold curve, the org list, the findings table and the detail pane. Everything the analyst
// picks lives in the URL; the data comes as an overview (counts, bins, orgs) and pages of rows.

import { HISTOGRAM_NAMES, type HistogramName } from '../../shared/cutoff';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FindingRow, JobState, Overview, RowsPage, ViewContext } from '../../shared/api';
import type { Org, Transition } from '../../shared/types';
import { api, onApiEvent, saveExport } from '../api';
import { contextOf, routeFilter, type AnalysisView, type Route, type Selection } from '../app/route';
import type { SetRoute } from '../app/use-route';
import { snapshotsOfKind, useWorkspaceData } from '../app/workspace-data';
import { BinPicker } from '../charts/bin-picker';
import { ChartFrame } from '../charts/chart-frame';
import type { ChartDescription } from '../charts/chart-png';
import { CutoffContext } from '../charts/cutoff-context';
import { useChartPalette } from '../charts/chart-theme';
import { ContextBar, CUTOFF_SOURCE_TEXT } from '../context-bar/context-bar';
import { errorText } from '../common/error-text';
import { formatPercent } from '../common/format';
import { EmptyState, ErrorBanner, LoadingBar } from '../common/states';
import { useApi } from '../common/use-api';
import { Pending } from '../common/pending';
import { sameNumbers, useStable } from '../common/use-stable';
import { authenticityColumns, reputationColumns } from './columns';
import { defaultContext } from './default-context';
import { DetailPane } from './detail-pane';
import { FilterBar } from './filter-bar';
import { FindingsTable } from './findings-table';
import { NetworkList } from './network-list';
import { OrgList } from './org-list';
import { DETAIL_WIDTH, ORG_WIDTH, usePaneSizes } from './pane-sizes';
import { Splitter } from './splitter';
import { SummaryCounts } from './summary-counts';
import { useRowPages } from './use-row-pages';
import './findings.css';
import '../charts/charts.css';

// nivo and d3 are half the bundle: loaded beside the first data, so counts and the table show
// without waiting for the chart code.
const HistogramChart = lazy(() => import('../charts/histogram-chart').then((m) => ({ default: m.HistogramChart })));
const ThresholdCurveChart = lazy(() => import('../charts/threshold-curve').then((m) => ({ default: m.ThresholdCurveChart })));
const chartFallback = <p className="chart-loading muted">drawing…</p>;

/** Width in px of the widest of `texts` in the table's font (13 px) or its mono font (12 px, every character as wide). */
function textWidth(texts: string[], font: 'text' | 'mono'): number {
  // One canvas and one style read for all of them: there may be hundreds of orgs.
  const g = document.createElement('canvas').getContext('2d');
  if (!g) return Math.max(...texts.map((t) => t.length * 8));
  const css = getComputedStyle(document.documentElement);
  g.font = font === 'mono' ? `12px ${css.getPropertyValue('--mono')}` : `13px ${css.getPropertyValue('--font')}`;
  return Math.max(...texts.map((t) => Math.ceil(g.measureText(t).width)));
}

/** The curve's value at the cutoff in words, beside the chart: what the line says at the marker. */
function CurveReadout({ curve, cutoff, org, compare }: { curve: Overview['thresholdCurve']; cutoff: number; org?: Org; compare: boolean }) {
  const k = Math.max(0, Math.min(curve.cutoffs.length - 1, Math.round(cutoff * 100)));
  return (
    <span data-testid="curve-readout">
      {org !== undefined ? `org ${org} · ` : ''}scored above {curve.cutoffs[k].toFixed(2)}: A <span className="num">{formatPercent(curve.aboveA[k])}</span>
      {compare && curve.aboveB ? (
        <>
          {' '}
          · B <span className="num">{formatPercent(curve.aboveB[k])}</span>
        </>
      ) : null}
    </span>
  );
}

interface FindingsViewProps {
  view: AnalysisView;
  route: Route;
  setRoute: SetRoute;
}

const sameRow = (row: FindingRow, sel: Selection | undefined) =>
  !!sel && String(row.org) === String(sel.org) && row.domain === sel.domain && (row.cidr ?? '') === (sel.cidr ?? '');
const selectionOf = (row: FindingRow): Selection => ({ org: row.org, domain: row.domain, ...(row.cidr ? { cidr: row.cidr } : {}) });

export function FindingsView({ view, route, setRoute }: FindingsViewProps) {
  const { snapshots, settings, error: workspaceError } = useWorkspaceData();
  const kind = view === 'authenticity' ? 'sender-model' : 'reputation';

  // Fill in the context from memory or the newest snapshots when the URL lacks it.
  // Waits for the settings as well as the list: they hold the remembered context, and picking
  // from the list alone (the newest build, no B, no cutoff) would replace it.
  useEffect(() => {
    if (!snapshots || (!settings && !workspaceError)) return;
    const change = defaultContext(view, route, snapshots, settings);
    if (change) setRoute(change, 'replace');
  }, [view, route, snapshots, settings, workspaceError, setRoute]);

  const senderContext = contextOf(route);
  // The sender context joins the rows, the detail and the exports; the overview's counts do not depend on it.
  const base: ViewContext | null = route.a && route.feedback ? { feedback: route.feedback, buildA: route.a, buildB: route.b, cutoff: route.cutoff } : null;
  const context: ViewContext | null = base && senderContext ? { ...base, context: senderContext } : base;
  // The org list's choice scopes the cards, histograms and curve too (the table filters by it).
  const overviewKey = base ? JSON.stringify([base, route.org ?? null]) : null;
  const overview = useApi<Overview>(overviewKey, () => {
    const args = { ...base!, ...(route.org !== undefined ? { org: route.org } : {}) };
    return view === 'authenticity' ? api.authenticityOverview(args) : api.reputationOverview(args);
  });

  const [notesVersion, setNotesVersion] = useState(0);
  useEffect(() => {
    const off = onApiEvent((event) => {
      if (event.type === 'notes-changed') setNotesVersion((v) => v + 1);
    });
    return () => {
      if (typeof off === 'function') off();
    };
  }, []);

  const filter = useMemo(() => routeFilter(route), [route]);
  const rowsKey = context ? JSON.stringify([context, filter, route.sort ?? null, notesVersion]) : null;
  const pages = useRowPages(rowsKey, (offset, limit): Promise<RowsPage> => {
    const args = { ...context!, filter, sort: route.sort, offset, limit };
    return view === 'authenticity' ? api.authenticityRows(args) : api.reputationRows(args);
  });
  const resetKey = JSON.stringify([route.feedback, route.a, route.b, senderContext ?? null, filter, route.sort ?? null]);

  const [cursor, setCursor] = useState(0);
  useEffect(() => setCursor(0), [resetKey]);
  const [noteRequest, setNoteRequest] = useState<{ sel: string; seq: number } | null>(null);
  const filterText = useRef<HTMLInputElement>(null);

  // "/" jumps to the text filter, as in most data tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/u.test(target.tagName)) {
        e.preventDefault();
        filterText.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A selection the table made (click, keys) is where the cursor already is; any other — a deep
  // link, a note's "open", Back — is looked up in the listed order, scrolled to, and the cursor
  // moved there.
  const selByTable = useRef<string | null>(null);
  const open = useCallback(
    (row: FindingRow) => {
      selByTable.current = JSON.stringify(selectionOf(row));
      setRoute({ sel: selectionOf(row) }, 'replace');
    },
    [setRoute],
  );
  const selKey = route.sel ? JSON.stringify(route.sel) : null;
  const [scrollRequest, setScrollRequest] = useState<{ index: number; seq: number } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the context, filter and sort it reads are all in rowsKey; the objects are new on every render
  useEffect(() => {
    if (!context || !route.sel || selKey === selByTable.current) return;
    let live = true;
    const args = { ...context, filter, sort: route.sort, offset: 0, limit: 1, locate: route.sel };
    (view === 'authenticity' ? api.authenticityRows(args) : api.reputationRows(args)).then(
      (page) => {
        if (!live || page.located === undefined || page.located < 0) return;
        selByTable.current = selKey;
        setCursor(page.located);
        setScrollRequest((s) => ({ index: page.located!, seq: (s?.seq ?? 0) + 1 }));
        if (document.activeElement === document.body) document.querySelector<HTMLElement>('.findings-table')?.focus({ preventScroll: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // The context, filter and sort are in rowsKey.
  }, [selKey, rowsKey]);

  // With the detail open, it follows the cursor — also to a row whose page has not arrived yet
  // (End, PageDown): it opens once the row is there.
  const [follow, setFollow] = useState<number | null>(null);
  const followRow = follow === null ? undefined : pages.row(follow);
  useEffect(() => {
    if (follow === null || !followRow) return;
    setFollow(null);
    open(followRow);
  }, [follow, followRow, open]);
  const close = useCallback(() => {
    setRoute({ sel: undefined }, 'replace');
    document.querySelector<HTMLElement>('.findings-table')?.focus();
  }, [setRoute]);

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportRows = (format: 'csv' | 'json') => {
    if (!context) return;
    setExporting(true);
    setExportError(null);
    api
      .exportRows({ ...context, view, format, filter, sort: route.sort })
      .then((file) => saveExport(file))
      .catch((e: unknown) => setExportError(errorText(e)))
      .finally(() => setExporting(false));
  };

  // The whole report runs as a job (it can be gigabytes); when it is written it is saved.
  const exportReport = (format: 'csv' | 'json') => {
    if (!context) return;
    setExporting(true);
    setExportError(null);
    let jobId: string | null = null;
    const ended = (job: JobState) => {
      off();
      if (job.state === 'done' && job.exported) return saveExport(job.exported);
      throw new Error(job.error ?? `the export ${job.state}`);
    };
    let finish: ((job: JobState) => void) | null = null;
    const done = new Promise<JobState>((resolve) => (finish = resolve));
    const off = onApiEvent((event) => {
      if (event.type === 'job' && event.job.jobId === jobId && event.job.state !== 'running') finish?.(event.job);
    });
    api
      .startReportExport({ ...context, view, format })
      .then(async (started) => {
        jobId = started.jobId;
        // The job may have ended before its id came back: ask once.
        const listed = (await api.listJobs({})).jobs.find((j) => j.jobId === jobId);
        if (listed && listed.state !== 'running') finish?.(listed);
        return ended(await done);
      })
      .catch((e: unknown) => {
        off();
        setExportError(errorText(e));
      })
      .finally(() => setExporting(false));
  };

  // The org list stays beside the open detail at any width; the panes are resized instead.
  const [layout, setLayout] = usePaneSizes();
  const palette = useChartPalette();
  const o = overview.data;
  const histA = useStable(o?.histogramsA, (x, y) => !!x && !!y && HISTOGRAM_NAMES.every((k) => sameNumbers(x[k], y[k])));
  const histB = useStable(o?.histogramsB, (x, y) => x === y || (!!x && !!y && HISTOGRAM_NAMES.every((k) => sameNumbers(x[k], y[k]))));
  const curve = useStable(o?.thresholdCurve, (x, y) => !!x && !!y && sameNumbers(x.aboveA, y.aboveA) && sameNumbers(x.aboveB, y.aboveB));
  const cutoff = o?.cutoff ?? route.cutoff ?? 0.3;
  const compare = !!route.b && !!o?.buildB;
  // The Org and CIDR columns as wide as the longest org id and CIDR need ("acme-eu", IPv6).
  const orgLabels = o ? o.orgs.map((x) => String(x.org)).join('\u0000') : '';
  const cidrChars = o?.cidrChars ?? 0;
  const columns = useMemo(() => {
    const fit = {
      orgPx: orgLabels ? textWidth(orgLabels.split('\u0000'), 'text') + 14 : undefined,
      cidrPx: cidrChars ? textWidth(['0'.repeat(cidrChars)], 'mono') + 14 : undefined,
    };
    return view === 'authenticity' ? authenticityColumns(compare, fit, !!senderContext) : reputationColumns(compare, fit);
  }, [view, compare, orgLabels, cidrChars, senderContext]);

  // Stable handlers and values, so the memoised charts redraw only when their data changes.
  const onBinClick = useMemo(() => {
    const make = (histogram: HistogramName) => (index: number, build: 'A' | 'B') =>
      setRoute((r) => {
        const same = r.bin && r.bin.histogram === histogram && r.bin.index === index && (r.bin.build ?? 'A') === build;
        return { ...r, bin: same ? undefined : { histogram, index, ...(build === 'B' ? { build } : {}) }, sel: undefined };
      }, 'push');
    return { individual: make('individual'), cidrAveraged: make('cidrAveraged'), reputation: make('reputation') };
  }, [setRoute]);
  const binKey = route.bin ? `${route.bin.histogram}:${route.bin.index}:${route.bin.build ?? 'A'}` : '';
  const activeBin = useMemo(() => {
    const [histogram, index, build] = binKey.split(':');
    return histogram ? { histogram, index: Number(index), build: build as 'A' | 'B' } : null;
  }, [binKey]);
  const pickCutoff = useCallback((c: number) => setRoute({ cutoff: c }, 'replace'), [setRoute]);
  // Filters (bin, org, transitions, findings only) push a history entry: Back steps through them.
  const selectOrg = useCallback((org: Org | undefined) => setRoute({ org, sel: undefined }, 'push'), [setRoute]);
  const selectNetwork = useCallback((net: Route['net']) => setRoute({ net, sel: undefined }, 'push'), [setRoute]);
  const groupNetworksBy = useCallback((by: 'ptr' | 'as') => setRoute({ nby: by === 'as' ? 'as' : undefined }, 'replace'), [setRoute]);
  // The grouping is of build A's findings: B is not asked for.
  const networkContext = base && senderContext ? { feedback: base.feedback, buildA: base.buildA, cutoff: base.cutoff, context: senderContext } : null;
  const toggleTransition = (t: Transition) => {
    const current = route.tr ?? [];
    const next = current.includes(t) ? current.filter((x) => x !== t) : [...current, t];
    setRoute({ tr: next.length ? next : undefined }, 'push');
  };

  // ---- states that say what to do ----
  const contextBar = <ContextBar view={view} route={route} setRoute={setRoute} cutoff={o?.cutoff} cutoffSource={o?.cutoffSource} />;
  if (workspaceError && !snapshots)
    return (
      <div className="page">
        <ErrorBanner
          error={workspaceError}
          hint="The app could not read the workspace. Check that its folder exists and is readable (Settings shows where it is)."
        />
      </div>
    );
  // With the context in the URL the data is already on its way: no need to wait for the list.
  if (!snapshots && !context)
    return (
      <div className="page">
        <LoadingBar active />
        <p className="muted">Opening the workspace…</p>
      </div>
    );
  const builds = snapshotsOfKind(snapshots, kind);
  const feedbacks = snapshotsOfKind(snapshots, 'feedback');
  if (snapshots && (builds.length === 0 || feedbacks.length === 0)) {
    const missing = builds.length === 0 ? (view === 'authenticity' ? 'sender-model build' : 'reputation build') : 'feedback pull';
    return (
      <div className="findings-view">
        {contextBar}
        <EmptyState
          title={`No ${missing} in this workspace yet`}
          action={
            <div className="row">
              <a className="button-link primary" href="#/snapshots">
                Go to Snapshots
              </a>
              <button type="button" onClick={() => void api.loadDemo({})}>
                Load the demo data
              </button>
            </div>
          }
        >
          {view === 'authenticity'
            ? 'The Authenticity view compares a sender-model build with the analysts’ feedback. Import an Avro build and a feedback file, or pull them from S3 and PostgreSQL, in Snapshots.'
            : 'The Reputation view compares a reputation build (JSON) with the trusted-domain feedback. Import or pull one in Snapshots.'}
        </EmptyState>
      </div>
    );
  }

  const labelA = route.a ?? 'A';
  const labelB = route.b;
  // The org the charts are scoped to is in the name: a scoped and a full export never overwrite each other.
  const fileStem = `${view}-${(route.a ?? '').replace(/:/gu, '-')}${route.b ? `-vs-${route.b.replace(/:/gu, '-')}` : ''}-cutoff-${cutoff}${route.org !== undefined ? `-org-${String(route.org).replace(/[^\w.-]/gu, '_')}` : ''}`;
  const scope = route.org !== undefined ? `org ${route.org}` : 'all orgs';
  const chartKey = `${labelA}\u0000${compare ? labelB : ''}\u0000${route.feedback ?? ''}`;
  const sourceText = o ? ` (${CUTOFF_SOURCE_TEXT[o.cutoffSource]})` : '';
  const png = (title: string, xTitle: string, yTitle: string): ChartDescription => ({
    title: `${title} — ${labelA}${compare ? ` vs ${labelB}` : ''}`,
    subtitle: [`feedback pull ${o?.feedback ?? route.feedback} · cutoff ${cutoff}${sourceText} · ${scope}`],
    legend: [{ label: `A: ${labelA}`, color: palette.a }, ...(compare ? [{ label: `B: ${labelB}`, color: palette.b }] : [])],
    xTitle,
    yTitle,
  });
  const histogramAxes: Record<HistogramName, [string, string]> = {
    individual: ['authenticity score of a matched model entry (bins of 0.02)', 'model entries'],
    cidrAveraged: ["mean score of an item's matched entries (bins of 0.02)", 'items'],
    reputation: ['reputation score, 1 − risk (bins of 0.02)', 'trusted items'],
  };
  const histogram = (name: HistogramName, title: string, hint: string) =>
    histA?.[name] && (
      <ChartFrame
        title={title}
        pending={overview.loading}
        aside={o?.org !== undefined ? `org ${o.org} · ${hint}` : hint}
        fileName={`${fileStem}-${name}.png`}
        png={png(title, ...histogramAxes[name])}
      >
        <BinPicker
          label={`${title} histogram`}
          binsA={histA[name]!}
          binsB={compare ? histB?.[name] : undefined}
          labelA={labelA}
          labelB={compare ? labelB : undefined}
          activeBin={activeBin?.histogram === name ? activeBin : undefined}
          onPick={onBinClick[name]}
        >
          {(focusBin) => (
            <Suspense fallback={chartFallback}>
              <HistogramChart
                // A new comparison is a new chart: a tooltip of the old one must not stay behind
                // (the pointer may never leave the bar it was on).
                key={chartKey}
                binsA={histA[name]!}
                binsB={compare ? histB?.[name] : undefined}
                palette={palette}
                labelA={labelA}
                labelB={labelB}
                activeBin={activeBin?.histogram === name ? activeBin : undefined}
                focusBin={focusBin}
                onBinClick={onBinClick[name]}
                ariaLabel={`${title} histogram, 50 bins`}
              />
            </Suspense>
          )}
        </BinPicker>
      </ChartFrame>
    );

  return (
    <div className="findings-view" data-view={view} data-loading={overview.loading || pages.loading || !o} data-cutoff={o?.cutoff}>
      {contextBar}
      <LoadingBar active={overview.loading || pages.loading} />
      {overview.error && (
        <div className="view-error">
          <ErrorBanner error={overview.error} onRetry={overview.reload} hint="Pick another build or feedback pull above, or check the snapshot in Snapshots." />
        </div>
      )}
      {!o && overview.loading && (
        <div className="findings-top placeholder">
          <Pending active label="Counting the findings…" />
        </div>
      )}
      {o && (
        <>
          <div className="findings-top">
            <Pending active={overview.loading} label="Counting the findings…" />
            <SummaryCounts
              overview={o}
              activeTransitions={route.tr}
              onTransition={toggleTransition}
              findingsOnly={route.findings ?? false}
              onFindingsOnly={() => setRoute({ findings: route.findings ? undefined : true }, 'push')}
            />
            <div className="legend-line">
              <span>
                <span className="swatch a" /> A <strong>{labelA}</strong>
              </span>
              {compare && (
                <span>
                  <span className="swatch b" /> B <strong>{labelB}</strong>
                </span>
              )}
              <span className="muted">feedback {o.feedback}</span>
              <span className="timing faint" data-testid="timing">
                {overview.took !== undefined ? `overview ${Math.round(overview.took)} ms` : ''}
                {pages.took !== undefined ? ` · rows ${Math.round(pages.took)} ms` : ''}
              </span>
              <button
                type="button"
                className="link small charts-toggle"
                aria-expanded={layout.charts}
                aria-controls="charts-row"
                onClick={() => setLayout({ charts: !layout.charts })}
              >
                {layout.charts ? 'hide charts' : 'show charts'}
              </button>
            </div>
          </div>
          {layout.charts && (
            <CutoffContext.Provider value={cutoff}>
              <div className={`charts-row ${view}`} id="charts-row">
                {view === 'authenticity' ? (
                  <>
                    {histogram('individual', 'Individual domain-IP scores', 'one per matched model entry')}
                    {histogram('cidrAveraged', 'CIDR-averaged scores', 'one per scored item')}
                  </>
                ) : (
                  histogram('reputation', 'Reputation scores, trusted feedback', 'score = 1 − risk')
                )}
                {curve && (
                  <ChartFrame
                    title="Threshold curve"
                    pending={overview.loading}
                    aside={<CurveReadout curve={curve} cutoff={cutoff} org={o?.org} compare={compare} />}
                    fileName={`${fileStem}-threshold-curve.png`}
                    png={png('Threshold curve', 'cutoff', 'share of items scored above')}
                  >
                    <Suspense fallback={chartFallback}>
                      <ThresholdCurveChart
                        key={chartKey}
                        curve={curve}
                        palette={palette}
                        labelA={labelA}
                        labelB={labelB}
                        onPick={pickCutoff}
                        ariaLabel={`Threshold curve: share of items above each cutoff, A${compare ? ' and B' : ''}`}
                      />
                    </Suspense>
                  </ChartFrame>
                )}
              </div>
            </CutoffContext.Provider>
          )}
        </>
      )}
      {context && (
        <div
          className={`work${route.sel ? ' with-detail' : ''}`}
          style={{ gridTemplateColumns: `${layout.orgWidth}px 8px minmax(0, 1fr)${route.sel ? ` 8px ${layout.detailWidth}px` : ''}` }}
        >
          <div className="org-pane">
            <Pending active={overview.loading} label="Counting…" />
            {o ? <OrgList orgs={o.orgs} compare={compare} selected={route.org} onSelect={selectOrg} /> : <div className="org-list panel" />}
            {networkContext && (
              <NetworkList
                context={networkContext}
                by={route.nby ?? 'ptr'}
                org={route.org}
                selected={route.net}
                onBy={groupNetworksBy}
                onSelect={selectNetwork}
              />
            )}
          </div>
          <Splitter label="Width of the org list" value={layout.orgWidth} range={ORG_WIDTH} side="left" onChange={(orgWidth) => setLayout({ orgWidth })} />
          <div className="table-area panel">
            <FilterBar
              ref={filterText}
              view={view}
              route={route}
              setRoute={setRoute}
              total={pages.total}
              items={(o?.allOrgs ?? o)?.summaryA.items ?? 0}
              senderContext={senderContext}
              exporting={exporting}
              onExport={exportRows}
              onExportReport={exportReport}
            />
            {exportError && <ErrorBanner error={exportError} />}
            {pages.error && <ErrorBanner error={pages.error} />}
            <div className="table-wrap">
              <Pending active={pages.loading} label="Listing the items…" />
              <FindingsTable
                label={view === 'authenticity' ? 'Authenticity findings' : 'Reputation findings'}
                columns={columns}
                pages={pages}
                sort={route.sort}
                onSort={(sort) => setRoute({ sort }, 'push')}
                cursor={cursor}
                onCursor={(i, row) => {
                  setCursor(i);
                  // With the detail open, it follows the cursor: read, note, next.
                  if (route.sel && row) {
                    setFollow(null);
                    open(row);
                  } else if (route.sel) setFollow(i);
                }}
                scrollRequest={scrollRequest}
                isOpen={(row) => sameRow(row, route.sel)}
                onOpen={open}
                onNote={(row) => {
                  open(row);
                  setNoteRequest((n) => ({ sel: JSON.stringify(selectionOf(row)), seq: (n?.seq ?? 0) + 1 }));
                }}
                onClose={close}
                resetKey={resetKey}
                empty={
                  <EmptyState title="No items match">
                    {filter.text ||
                    filter.statuses ||
                    filter.org !== undefined ||
                    filter.bin ||
                    filter.findingsOnly ||
                    filter.transitions ||
                    filter.spf ||
                    filter.fcrdns ||
                    filter.inSpfUnderCutoff ||
                    filter.network
                      ? 'Loosen the filters above (or “clear all”).'
                      : 'This feedback pull has no items of this kind.'}
                  </EmptyState>
                }
              />
            </div>
          </div>
          {route.sel && context && (
            <Splitter
              label="Width of the detail"
              value={layout.detailWidth}
              range={DETAIL_WIDTH}
              side="right"
              onChange={(detailWidth) => setLayout({ detailWidth })}
            />
          )}
          {route.sel && context && (
            <DetailPane
              view={view}
              context={context}
              sel={route.sel}
              onClose={close}
              noteSignal={noteRequest && noteRequest.sel === JSON.stringify(route.sel) ? noteRequest.seq : 0}
              onNoteSaved={() => setNotesVersion((v) => v + 1)}
            />
          )}
        </div>
      )}
    </div>
  );
}
