import type { Problem } from '../../shared/types';

/**
 * One bad row or entry, as `smw import` and `smw pull` report it on stderr: one line, whatever
 * the row's id holds (an id from the data is quoted unless it is a plain word or number).
 */
export function problemLine(source: string, p: Problem): string {
  const where = p.line !== undefined ? `line ${p.line}` : p.row !== undefined ? `row ${rowText(p.row)}` : 'file';
  return `${source}: ${where}: ${p.field} ${JSON.stringify(p.value)}: ${p.reason}`;
}

function rowText(row: number | string): string {
  return typeof row === 'number' || /^[\w.:@+-]{1,100}$/u.test(row) ? String(row) : JSON.stringify(row);
}
