// The findings table's columns for each view. Each column says how wide it must be and how
// much it matters, so a narrow window (1280 px with the detail pane open) drops the least
// needed ones — everything stays in the detail pane.

import type { FindingRow, RowSort } from '../../shared/api';
import type { ReactNode } from 'react';
import { formatCount, formatDelta, formatScore, STATUS_LABELS } from '../common/format';
import { NoteBadgeView } from '../notes/note-badge';
import { AsCell, FcrdnsCell, PtrCell, SpfCell } from './context-cells';

export interface Column {
  id: string;
  title: string;
  /** Accessible name when the title is short. */
  label?: string;
  sort?: RowSort['column'];
  /** CSS grid track. */
  width: string;
  minPx: number;
  /** Lower is kept longer when space runs out. */
  priority: number;
  numeric?: boolean;
  cell: (row: FindingRow) => ReactNode;
  /** Extra class for the cell (finding colours). */
  tone?: (row: FindingRow) => string | undefined;
}

/** A score, or — when the side has none — a word that says so (the status column may be hidden). */
const scoreCell = (v: number | null | undefined, status: string | undefined) =>
  status !== undefined && status !== 'scored' ? (
    <span className="uncovered" title={STATUS_LABELS[status] ?? status}>
      none
    </span>
  ) : (
    formatScore(v)
  );

const under = (finding: boolean | undefined, scored: boolean) => (scored && finding ? 'under' : undefined);

const statusCell = (status: string) => <span className={status === 'scored' ? undefined : 'uncovered'}>{STATUS_LABELS[status] ?? status}</span>;

const transitionCell = (row: FindingRow) => (row.transition ? <span className={`badge ${row.transition}`}>{row.transition}</span> : null);

const deltaTone = (row: FindingRow) =>
  row.delta === null || row.delta === undefined || Math.abs(row.delta) < 1e-12 ? undefined : row.delta > 0 ? 'up' : 'down';

const common = {
  org: { id: 'org', title: 'Org', sort: 'org', width: '64px', minPx: 64, priority: 0, numeric: true, cell: (r: FindingRow) => String(r.org) } satisfies Column,
  domain: {
    id: 'domain',
    title: 'Domain',
    sort: 'domain',
    width: 'minmax(120px, 1.3fr)',
    minPx: 120,
    priority: 0,
    cell: (r: FindingRow) => (
      <span className="domain" title={r.domain}>
        {r.domain}
      </span>
    ),
  } satisfies Column,
  status: {
    id: 'status',
    title: 'Status',
    sort: 'status',
    width: '150px',
    minPx: 150,
    priority: 2,
    cell: (r: FindingRow) => statusCell(r.a.status),
  } satisfies Column,
  note: {
    id: 'note',
    title: 'Note',
    sort: 'note',
    width: '118px',
    minPx: 118,
    priority: 1,
    cell: (r: FindingRow) => (r.note ? <NoteBadgeView badge={r.note} /> : null),
  } satisfies Column,
  comments: {
    id: 'comments',
    title: 'Comments',
    width: 'minmax(140px, 1fr)',
    minPx: 140,
    priority: 5,
    cell: (r: FindingRow) => <span className="comments">{r.comments.join(' · ')}</span>,
  } satisfies Column,
};

/** A comparison's columns: B's figure (the view's own), then the delta B − A and the transition. */
const compareColumns = (figureB: Column): Column[] => [
  figureB,
  {
    id: 'delta',
    title: 'Δ',
    label: 'Delta, B − A',
    sort: 'delta',
    width: '70px',
    minPx: 70,
    priority: 1,
    numeric: true,
    cell: (r) => formatDelta(r.delta),
    tone: deltaTone,
  },
  { id: 'transition', title: 'Transition', sort: 'transition', width: '96px', minPx: 96, priority: 0, cell: transitionCell },
];

/** How wide the data needs the Org and CIDR columns (px): the longest org id and CIDR, measured. */
export interface ColumnFit {
  orgPx?: number;
  cidrPx?: number;
}

const orgColumn = (fit: ColumnFit): Column => {
  const px = Math.max(common.org.minPx, fit.orgPx ?? 0);
  return { ...common.org, width: `${px}px`, minPx: px };
};

/** The sender context's columns (DESIGN §8), after the figures: SPF matters most, then PTR names. */
const contextColumns: Column[] = [
  {
    id: 'spf',
    title: 'SPF',
    label: 'SPF result and the term that decided',
    sort: 'spf',
    width: 'minmax(130px, 0.9fr)',
    minPx: 130,
    // Kept before the counts and the status, given up before the Note (the detail's note flow).
    priority: 1.5,
    cell: (r) => <SpfCell context={r.context} />,
  },
  {
    id: 'ptr',
    title: 'PTR names',
    sort: 'ptr',
    width: 'minmax(130px, 1fr)',
    minPx: 130,
    // Nearly as needed as SPF: the two answers to "why is this address here".
    priority: 1.6,
    cell: (r) => <PtrCell cidr={r.cidr ?? ''} context={r.context} />,
  },
  {
    id: 'fcrdns',
    title: 'FCrDNS',
    label: 'Forward-confirmed reverse DNS',
    sort: 'fcrdns',
    // Wide enough for "not covered", the word of an item the context was not pulled for.
    width: '108px',
    minPx: 108,
    priority: 3,
    cell: (r) => <FcrdnsCell context={r.context} />,
  },
  {
    id: 'asn',
    title: 'AS',
    label: 'AS number and name',
    sort: 'asn',
    width: 'minmax(110px, 0.7fr)',
    minPx: 110,
    priority: 3,
    cell: (r) => <AsCell context={r.context} />,
  },
];

export function authenticityColumns(compare: boolean, fit: ColumnFit = {}, withContext = false): Column[] {
  const cidrPx = Math.max(146, fit.cidrPx ?? 0);
  const cols: Column[] = [
    orgColumn(fit),
    common.domain,
    {
      id: 'cidr',
      title: 'CIDR',
      sort: 'cidr',
      width: `minmax(${cidrPx}px, 0.8fr)`,
      minPx: cidrPx,
      priority: 0,
      cell: (r) => <span className="mono">{r.cidr}</span>,
    },
    common.status,
    {
      id: 'count',
      title: 'N',
      label: 'Matched entries',
      sort: 'count',
      width: '44px',
      minPx: 44,
      priority: 3,
      numeric: true,
      cell: (r) => formatCount(r.a.count),
    },
    { id: 'min', title: 'Min', sort: 'min', width: '54px', minPx: 54, priority: 4, numeric: true, cell: (r) => formatScore(r.a.min) },
    {
      id: 'mean',
      title: 'Mean',
      sort: 'mean',
      width: '58px',
      minPx: 58,
      priority: 0,
      numeric: true,
      cell: (r) => scoreCell(r.a.mean, r.a.status),
      tone: (r) => under(r.a.finding, r.a.status === 'scored'),
    },
    { id: 'max', title: 'Max', sort: 'max', width: '54px', minPx: 54, priority: 4, numeric: true, cell: (r) => formatScore(r.a.max) },
  ];
  if (compare)
    cols.push(
      ...compareColumns({
        id: 'meanB',
        title: 'Mean B',
        sort: 'meanB',
        width: '64px',
        minPx: 64,
        priority: 0,
        numeric: true,
        cell: (r) => scoreCell(r.b?.mean, r.b?.status),
        tone: (r) => under(r.b?.finding, r.b?.status === 'scored'),
      }),
    );
  if (withContext) cols.push(...contextColumns);
  cols.push(common.note, common.comments);
  return cols;
}

export function reputationColumns(compare: boolean, fit: ColumnFit = {}): Column[] {
  const cols: Column[] = [
    orgColumn(fit),
    common.domain,
    common.status,
    { id: 'risk', title: 'Risk', sort: 'risk', width: '58px', minPx: 58, priority: 3, numeric: true, cell: (r) => formatScore(r.a.risk) },
    {
      id: 'score',
      title: 'Score',
      sort: 'score',
      width: '60px',
      minPx: 60,
      priority: 0,
      numeric: true,
      cell: (r) => scoreCell(r.a.score, r.a.status),
      tone: (r) => under(r.a.finding, r.a.status === 'scored'),
    },
  ];
  if (compare)
    cols.push(
      ...compareColumns({
        id: 'scoreB',
        title: 'Score B',
        sort: 'scoreB',
        width: '72px',
        minPx: 72,
        priority: 0,
        numeric: true,
        cell: (r) => scoreCell(r.b?.score, r.b?.status),
        tone: (r) => under(r.b?.finding, r.b?.status === 'scored'),
      }),
    );
  cols.push(
    common.note,
    {
      id: 'reasons',
      title: 'Reasons',
      width: 'minmax(140px, 1fr)',
      minPx: 140,
      priority: 2,
      cell: (r) => <span className="comments">{(r.reasons ?? []).join(' · ')}</span>,
    },
    common.comments,
  );
  return cols;
}

/** The columns that fit `width` px, dropping the least needed first, keeping their order. */
export function fitColumns(columns: Column[], width: number): Column[] {
  const kept = [...columns];
  const total = () => kept.reduce((sum, c) => sum + c.minPx, 0);
  while (total() > width) {
    let worst = -1;
    kept.forEach((c, i) => {
      if (c.priority > 0 && (worst < 0 || c.priority >= kept[worst].priority)) worst = i;
    });
    if (worst < 0) break;
    kept.splice(worst, 1);
  }
  return kept;
}
