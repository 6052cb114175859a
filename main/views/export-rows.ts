// Export exactly what the table shows: the filtered, sorted rows with the table's columns, as
// CSV (RFC 4180: quoted when needed, CRLF line ends) or JSON, written row by row to a file in
// the workspace's exports/ (the analyst then saves or downloads it). With a context chosen, the
// sender context's six columns come last, with DESIGN §8's headers and cells.

import type { ExportedFile, FindingRow, RowFilter, RowSort } from '../../shared/api';
import { ByteChunks } from '../../shared/report/byte-chunks';
import { contextCsvCells } from '../../shared/report/context-fields';
import { csvCell, csvRow } from '../../shared/report/csv';
import { SENDER_CONTEXT_COLUMNS } from '../../shared/sender-context';
import { writeExport } from '../workspace/exports';
import type { Resolved } from './view-context';

type Column = [header: string, value: (row: FindingRow) => unknown];

const list = (values: string[] | undefined) => (values ?? []).join(' | ');

export function exportColumns(r: Resolved): Column[] {
  const columns: Column[] = [
    ['org', (row) => row.org],
    ['domain', (row) => row.domain],
  ];
  if (r.kind === 'sender-model') {
    columns.push(
      ['cidr', (row) => row.cidr],
      ['status', (row) => row.a.status],
      ['count', (row) => row.a.count],
      ['min', (row) => row.a.min],
      ['mean', (row) => row.a.mean],
      ['max', (row) => row.a.max],
    );
  } else {
    columns.push(['status', (row) => row.a.status], ['risk', (row) => row.a.risk], ['score', (row) => row.a.score]);
  }
  columns.push(['underCutoff', (row) => row.a.underCutoff], ['finding', (row) => row.a.finding]);
  if (r.b) {
    const value = r.kind === 'sender-model' ? 'meanB' : 'scoreB';
    columns.push(
      ['statusB', (row) => row.b?.status],
      [value, (row) => (r.kind === 'sender-model' ? row.b?.mean : row.b?.score)],
      ['findingB', (row) => row.b?.finding],
      ['delta', (row) => row.delta],
      ['transition', (row) => row.transition],
    );
  }
  columns.push(
    ['noteStatus', (row) => row.note?.status],
    ['noteTags', (row) => list(row.note?.tags)],
    ['changedSinceNoted', (row) => row.note?.changedSinceNoted],
  );
  if (r.kind === 'reputation') columns.push(['reasons', (row) => list(row.reasons)]);
  columns.push(['comments', (row) => list(row.comments)]);
  return columns;
}

/** The rows as CSV, written row by row. */
export function* rowsCsv(r: Resolved, rows: Iterable<FindingRow>): Generator<Uint8Array, void, void> {
  const columns = exportColumns(r);
  const withContext = r.context !== undefined;
  const out = new ByteChunks();
  const headers = columns.map(([header]) => csvCell(header));
  csvRow(out, withContext ? [...headers, ...SENDER_CONTEXT_COLUMNS] : headers);
  for (const row of rows) {
    const cells = columns.map(([, value]) => csvCell(value(row)));
    csvRow(out, withContext ? [...cells, ...contextCsvCells(row.context ?? null)] : cells);
    if (out.full) yield out.take();
  }
  yield out.take();
}

/** The rows as JSON, with what they are (context, filter, sort), one row per line. */
export function* rowsJson(
  r: Resolved,
  rows: Iterable<FindingRow>,
  total: number,
  query: { filter: RowFilter; sort?: RowSort },
): Generator<Uint8Array, void, void> {
  const head = {
    view: r.kind === 'sender-model' ? 'authenticity' : 'reputation',
    feedback: r.feedback,
    buildA: r.a.id,
    ...(r.b ? { buildB: r.b.id } : {}),
    ...(r.context ? { context: r.context.id } : {}),
    cutoff: r.cutoff,
    filter: query.filter,
    ...(query.sort ? { sort: query.sort } : {}),
    total,
  };
  const out = new ByteChunks();
  out.text(`${JSON.stringify(head).slice(0, -1)},"rows":[`);
  let first = true;
  for (const row of rows) {
    out.text(`${first ? '' : ','}\n${JSON.stringify(row)}`);
    first = false;
    if (out.full) yield out.take();
  }
  out.text('\n]}\n');
  yield out.take();
}

/** A snapshot id as a file-name part: colons are not allowed in Windows file names. */
export const safe = (id: string) => id.replace(/:/gu, '-');
/** Free text as a file-name part: lower case, letters, digits, dots and dashes, at most 24. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/gu, '_')
    .replace(/^_+|_+$/gu, '')
    .slice(0, 24);

/** What the filters and the sort add to the name, so a filtered and a full export never share one. */
export function filterNameParts(filter: RowFilter, sort?: RowSort): string[] {
  const parts: string[] = [];
  if (filter.org !== undefined) parts.push(`org-${slug(String(filter.org))}`);
  if (filter.findingsOnly) parts.push('findings-only');
  if (filter.statuses?.length) parts.push(`status-${filter.statuses.map(slug).join('+')}`);
  if (filter.transitions?.length) parts.push(filter.transitions.join('+'));
  if (filter.bin) parts.push(`bin-${filter.bin.histogram}-${filter.bin.index}${filter.bin.build === 'B' ? '-B' : ''}`);
  if (filter.inSpfUnderCutoff) parts.push('in-spf-under-cutoff');
  if (filter.spf?.length) parts.push(`spf-${filter.spf.join('+')}`);
  if (filter.fcrdns?.length) parts.push(`fcrdns-${filter.fcrdns.join('+')}`);
  if (filter.network) parts.push(`${filter.network.by === 'as' ? 'as' : 'net'}-${slug(filter.network.value)}`);
  if (filter.text?.trim()) parts.push(`q-${slug(filter.text) || 'text'}`);
  if (sort) parts.push(`by-${sort.column}-${sort.direction}`);
  return parts;
}

/**
 * `findings-<A>[-vs-<B>]-cutoff-0.3[-with-<context>][-org-54-findings-only-by-mean-asc].csv`; colons (in build
 * ids) are not allowed in Windows file names.
 */
export function exportFileName(r: Resolved, format: 'csv' | 'json', query: { filter: RowFilter; sort?: RowSort } = { filter: {} }): string {
  const what = r.kind === 'sender-model' ? 'findings' : 'reputation';
  const vs = r.b ? `-vs-${safe(r.b.id)}` : '';
  const context = r.context ? `-with-${safe(r.context.id)}` : '';
  const filters = filterNameParts(query.filter, query.sort)
    .map((p) => `-${p}`)
    .join('');
  return `${what}-${safe(r.a.id)}${vs}-cutoff-${r.cutoff}${context}${filters}.${format}`;
}

export function exportFile(
  dataDir: string,
  r: Resolved,
  rows: Iterable<FindingRow>,
  total: number,
  format: 'csv' | 'json',
  query: { filter: RowFilter; sort?: RowSort },
): ExportedFile {
  const fileName = exportFileName(r, format, query);
  if (format === 'csv') return writeExport(dataDir, fileName, 'text/csv', rowsCsv(r, rows));
  return writeExport(dataDir, fileName, 'application/json', rowsJson(r, rows, total, query));
}
