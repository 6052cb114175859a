// Export exactly what the table shows: the filtered, sorted rows with the table's columns, as
// CSV (RFC 4180: quoted when needed, CRLF line ends) or JSON.

import type { ExportFile, FindingRow, RowFilter, RowSort } from '../../shared/api';
import { csvCell } from '../../shared/report/csv';
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

export function toCsv(r: Resolved, rows: FindingRow[]): string {
  const columns = exportColumns(r);
  const lines = [columns.map(([header]) => csvCell(header)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => csvCell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `findings-<A>[-vs-<B>]-cutoff-0.3.csv`; colons (in build ids) are not allowed in Windows file names. */
export function exportFileName(r: Resolved, format: 'csv' | 'json'): string {
  const what = r.kind === 'sender-model' ? 'findings' : 'reputation';
  const safe = (id: string) => id.replace(/:/gu, '-');
  const vs = r.b ? `-vs-${safe(r.b.id)}` : '';
  return `${what}-${safe(r.a.id)}${vs}-cutoff-${r.cutoff}.${format}`;
}

export function exportFile(r: Resolved, rows: FindingRow[], format: 'csv' | 'json', query: { filter: RowFilter; sort?: RowSort }): ExportFile {
  const fileName = exportFileName(r, format);
  if (format === 'csv') return { fileName, mimeType: 'text/csv', text: toCsv(r, rows) };
  const body = {
    view: r.kind === 'sender-model' ? 'authenticity' : 'reputation',
    feedback: r.feedback,
    buildA: r.a.id,
    ...(r.b ? { buildB: r.b.id } : {}),
    cutoff: r.cutoff,
    filter: query.filter,
    ...(query.sort ? { sort: query.sort } : {}),
    total: rows.length,
    rows,
  };
  return { fileName, mimeType: 'application/json', text: `${JSON.stringify(body, null, 2)}\n` };
}
