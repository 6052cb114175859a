// Organisation ids (DESIGN §4): a JSON number when the id is an integer — also when it arrives
// as a digit string, as reputation-build keys do — else a string.

import type { Org } from './types';

export function normaliseOrg(raw: unknown): Org | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    return Number.isInteger(raw) ? raw : String(raw);
  }
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text === '') return null;
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

/** Numbers ascending, then strings (DESIGN §6). */
export function compareOrgs(a: Org, b: Org): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A map key that keeps 54 and "54x" apart. */
export function orgKey(org: Org): string {
  return typeof org === 'number' ? `n${org}` : `s${org}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
