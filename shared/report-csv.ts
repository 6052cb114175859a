// `--csv` (DESIGN §6): one row per item, the scalar fields of the JSON item as columns in its
// order; nested sides flattened as `base.status`…; `matches` as their count; `comments` and
// `reasons` joined by ` | `. Also what the app's "Export CSV" writes.

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Flattens one JSON item into ordered scalar columns. */
export function flattenItem(item: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  const columns: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(item)) {
    const name = prefix + key;
    if (Array.isArray(value)) {
      columns.push([name, key === 'matches' ? value.length : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | ')]);
    } else if (value !== null && typeof value === 'object') {
      columns.push(...flattenItem(value as Record<string, unknown>, `${name}.`));
    } else {
      columns.push([name, value]);
    }
  }
  return columns;
}

export function itemsToCsv(items: object[], header?: string[]): string {
  const rows = items.map((item) => flattenItem(item as Record<string, unknown>));
  const columns = header ?? (rows[0] ?? []).map(([name]) => name);
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) {
    const byName = new Map(row);
    lines.push(columns.map((name) => csvCell(byName.get(name))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const FINDINGS_CSV_COLUMNS = ['org', 'domain', 'cidr', 'status', 'count', 'min', 'mean', 'max', 'underCutoff', 'matches', 'comments'];
export const REPUTATION_CSV_COLUMNS = ['org', 'domain', 'status', 'risk', 'score', 'underCutoff', 'reasons'];
export const COMPARE_AUTHENTICITY_CSV_COLUMNS = ['org', 'domain', 'cidr', 'base.status', 'base.count', 'base.mean', 'base.underCutoff', 'candidate.status', 'candidate.count', 'candidate.mean', 'candidate.underCutoff', 'deltaMean', 'transition'];
export const COMPARE_REPUTATION_CSV_COLUMNS = ['org', 'domain', 'base.status', 'base.score', 'base.underCutoff', 'candidate.status', 'candidate.score', 'candidate.underCutoff', 'deltaScore', 'transition'];
