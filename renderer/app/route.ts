// The URL hash holds the whole view state — context, filters, sort, selection — so a view can
// be bookmarked, copied and restored: `#/authenticity?feedback=…&a=…&b=…&cutoff=0.3&ctx=…
// &org=54&q=…&status=…&spf=pass&net=ptr:mcsv.net&sort=mean:asc&sel=…`. Parsing is forgiving:
// anything it cannot read is dropped, never an error.

import { HISTOGRAM_NAMES } from '../../shared/cutoff';
import { rowSortSchema, type RowFilter, type RowSort } from '../../shared/api';
import { FCRDNS_FILTERS, NETWORK_KINDS, SPF_FILTERS, type FcrdnsFilter, type NetworkKind, type SpfFilter } from '../../shared/sender-context-view';
import type { Org, Transition } from '../../shared/types';

export const VIEWS = ['authenticity', 'reputation', 'notes', 'snapshots', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];
export type AnalysisView = 'authenticity' | 'reputation';

export interface Selection {
  org: Org;
  domain: string;
  cidr?: string;
}

export interface Route {
  view: ViewName;
  feedback?: string;
  a?: string;
  b?: string;
  cutoff?: number;
  /** The context snapshot (Authenticity); null: none, on purpose (`ctx=` in the URL). */
  ctx?: string | null;
  org?: Org;
  q?: string;
  status?: string[];
  tr?: Transition[];
  findings?: boolean;
  bin?: NonNullable<RowFilter['bin']>;
  spf?: SpfFilter[];
  fcrdns?: FcrdnsFilter[];
  /** "in SPF but under the cutoff". */
  inspf?: boolean;
  net?: { by: NetworkKind; value: string };
  /** How the networks panel groups: by PTR domain (the default) or by AS. */
  nby?: NetworkKind;
  sort?: RowSort;
  sel?: Selection;
}

const TRANSITIONS: Transition[] = ['fixed', 'regressed', 'changed', 'unchanged'];
const SORT_COLUMNS = new Set<string>(rowSortSchema.shape.column.options);
const HISTOGRAMS = new Set<string>(HISTOGRAM_NAMES);

/** Digit text is a numeric org id (DESIGN §4), anything else stays text. */
export function parseOrg(text: string): Org {
  return /^-?\d+$/u.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/u, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as ViewName) : 'authenticity';
  const p = new URLSearchParams(query);
  const route: Route = { view };
  const text = (key: string) => {
    const v = p.get(key);
    return v === null || v === '' ? undefined : v;
  };
  route.feedback = text('feedback');
  route.a = text('a');
  route.b = text('b');
  const cutoff = Number(text('cutoff'));
  if (text('cutoff') !== undefined && Number.isFinite(cutoff) && cutoff >= 0 && cutoff <= 1) route.cutoff = cutoff;
  if (p.has('ctx')) route.ctx = text('ctx') ?? null;
  if (text('org') !== undefined) route.org = parseOrg(text('org')!);
  route.q = text('q');
  const status = text('status')?.split(',').filter(Boolean);
  if (status?.length) route.status = status;
  const tr = text('tr')
    ?.split(',')
    .filter((t): t is Transition => TRANSITIONS.includes(t as Transition));
  if (tr?.length) route.tr = tr;
  if (p.get('findings') === '1') route.findings = true;
  const bin = text('bin')?.split(':');
  if (bin && HISTOGRAMS.has(bin[0]) && /^\d+$/u.test(bin[1] ?? '') && Number(bin[1]) < 50) {
    route.bin = { histogram: bin[0] as 'individual', index: Number(bin[1]), ...(bin[2] === 'B' ? { build: 'B' as const } : {}) };
  }
  const spf = text('spf')
    ?.split(',')
    .filter((v): v is SpfFilter => (SPF_FILTERS as readonly string[]).includes(v));
  if (spf?.length) route.spf = spf;
  const fcrdns = text('fcrdns')
    ?.split(',')
    .filter((v): v is FcrdnsFilter => (FCRDNS_FILTERS as readonly string[]).includes(v));
  if (fcrdns?.length) route.fcrdns = fcrdns;
  if (p.get('inspf') === '1') route.inspf = true;
  const net = text('net');
  const netKind = net?.slice(0, net.indexOf(':'));
  if (net && (NETWORK_KINDS as readonly string[]).includes(netKind ?? '') && net.length > netKind!.length + 1)
    route.net = { by: netKind as NetworkKind, value: net.slice(netKind!.length + 1) };
  if (text('nby') === 'as') route.nby = 'as';
  const sort = text('sort')?.split(':');
  if (sort && SORT_COLUMNS.has(sort[0]) && (sort[1] === 'asc' || sort[1] === 'desc')) route.sort = { column: sort[0] as RowSort['column'], direction: sort[1] };
  const sel = text('sel')?.split('|');
  if (sel && sel.length >= 2 && sel[0] !== '' && sel[1] !== '') route.sel = { org: parseOrg(sel[0]), domain: sel[1], ...(sel[2] ? { cidr: sel[2] } : {}) };
  for (const key of Object.keys(route) as (keyof Route)[]) if (route[key] === undefined) delete route[key];
  return route;
}

export function formatRoute(route: Route): string {
  const p = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') p.set(key, value);
  };
  put('feedback', route.feedback);
  put('a', route.a);
  put('b', route.b);
  put('cutoff', route.cutoff === undefined ? undefined : String(route.cutoff));
  if (route.ctx !== undefined) p.set('ctx', route.ctx ?? '');
  put('org', route.org === undefined ? undefined : String(route.org));
  put('q', route.q);
  put('status', route.status?.join(','));
  put('tr', route.tr?.join(','));
  put('findings', route.findings ? '1' : undefined);
  put('bin', route.bin ? `${route.bin.histogram}:${route.bin.index}${route.bin.build === 'B' ? ':B' : ''}` : undefined);
  put('spf', route.spf?.join(','));
  put('fcrdns', route.fcrdns?.join(','));
  put('inspf', route.inspf ? '1' : undefined);
  put('net', route.net ? `${route.net.by}:${route.net.value}` : undefined);
  put('nby', route.nby);
  put('sort', route.sort ? `${route.sort.column}:${route.sort.direction}` : undefined);
  put('sel', route.sel ? [route.sel.org, route.sel.domain, route.sel.cidr ?? ''].join('|').replace(/\|$/u, '') : undefined);
  const query = p.toString();
  return `#/${route.view}${query ? `?${query}` : ''}`;
}

/** The table filter the route describes. */
export function routeFilter(route: Route): RowFilter {
  const filter: RowFilter = {};
  if (route.q) filter.text = route.q;
  if (route.org !== undefined) filter.org = route.org;
  if (route.status) filter.statuses = route.status;
  if (route.tr && route.b) filter.transitions = route.tr;
  if (route.findings) filter.findingsOnly = true;
  if (route.bin && (route.bin.build !== 'B' || route.b)) filter.bin = route.bin;
  // The sender context's filters stand only with a context chosen (the Authenticity view's).
  if (contextOf(route)) {
    if (route.spf) filter.spf = route.spf;
    if (route.fcrdns) filter.fcrdns = route.fcrdns;
    if (route.inspf) filter.inSpfUnderCutoff = true;
    if (route.net) filter.network = route.net;
  }
  return filter;
}

/** The context snapshot the route's view uses: Authenticity only. */
export function contextOf(route: Route): string | undefined {
  return route.view === 'authenticity' && route.ctx ? route.ctx : undefined;
}

export const isAnalysisView = (view: ViewName): view is AnalysisView => view === 'authenticity' || view === 'reputation';
