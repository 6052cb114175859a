// Numbers as an analyst reads them: fixed decimals for scores, thousands separators for
// counts, signed deltas, bytes in binary units, dates in the local zone.

const count = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : count.format(n);
}

export function formatScore(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);
}

export function formatDelta(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  // A delta too small for 3 decimals still counts as "changed" (> 1e-12): show that it is not 0.
  const abs = Math.abs(v);
  const text = abs > 1e-12 && abs < 0.0005 ? abs.toPrecision(1) : abs.toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return v > 0 ? `+${text}` : `−${text}`;
}

export function formatSignedCount(n: number): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${count.format(n)}` : `−${count.format(-n)}`;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The cutoff as typed and shown: up to 3 decimals, no trailing zeros beyond two. */
export function formatCutoff(v: number): string {
  const text = v.toFixed(3).replace(/0$/u, '');
  return text;
}

export const STATUS_LABELS: Record<string, string> = {
  scored: 'scored',
  'uncovered-cidr': 'uncovered CIDR',
  'uncovered-domain': 'uncovered domain',
  'uncovered-org': 'uncovered org',
  'under-cutoff': 'under cutoff',
};
