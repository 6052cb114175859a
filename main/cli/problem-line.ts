import type { Problem } from '../../shared/types';

/** One bad row or entry, as `smw import` and `smw pull` report it on stderr. */
export function problemLine(source: string, p: Problem): string {
  const where = p.line !== undefined ? `line ${p.line}` : p.row !== undefined ? `row ${p.row}` : 'file';
  return `${source}: ${where}: ${p.field} ${JSON.stringify(p.value)}: ${p.reason}`;
}
