// `--csv` (DESIGN §6) and the app's CSV exports: one row per item, a header row, CRLF line ends,
// RFC 4180 quoting, null as an empty cell, booleans as true/false, lists joined by ` | `. The one
// CSV writer of the project.

import type { ByteChunks } from './byte-chunks';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/** One cell's text. Also quoted: a value with leading or trailing whitespace, so it survives. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A list cell: the values joined by ` | ` (non-strings as their JSON text). */
export function csvList(values: readonly unknown[]): string {
  return csvCell(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | '));
}

/** Writes one CSV row of cells (already csvCell'ed text) and its CRLF. */
export function csvRow(out: ByteChunks, cells: readonly string[]): void {
  for (let c = 0; c < cells.length; c++) {
    if (c > 0) out.byte(44);
    out.text(cells[c]);
  }
  out.byte(13).byte(10);
}

export const FINDINGS_CSV_COLUMNS = ['org', 'domain', 'cidr', 'status', 'count', 'min', 'mean', 'max', 'underCutoff', 'matches', 'comments'] as const;
export const REPUTATION_CSV_COLUMNS = ['org', 'domain', 'status', 'risk', 'score', 'underCutoff', 'reasons'] as const;
export const COMPARE_AUTHENTICITY_CSV_COLUMNS = [
  'org',
  'domain',
  'cidr',
  'base.status',
  'base.count',
  'base.mean',
  'base.underCutoff',
  'candidate.status',
  'candidate.count',
  'candidate.mean',
  'candidate.underCutoff',
  'deltaMean',
  'transition',
] as const;
export const COMPARE_REPUTATION_CSV_COLUMNS = [
  'org',
  'domain',
  'base.status',
  'base.score',
  'base.underCutoff',
  'candidate.status',
  'candidate.score',
  'candidate.underCutoff',
  'deltaScore',
  'transition',
] as const;
