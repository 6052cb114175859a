// The order of DESIGN §6 for lists a person reads: org numbers ascending then org strings,
// then domain, then CIDR (IPv4 before IPv6, by address, then prefix length). Notes use it so
// that the notes view and the Markdown report group like the findings table.

import type { Org } from '../../shared/types';

export function compareOrg(a: Org, b: Org): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface CidrSortKey {
  family: 4 | 6;
  address: bigint;
  prefix: number;
}

/** Normalised CIDR text in address order; text that is not a CIDR goes last, by its text. */
export function compareCidr(a: string, b: string): number {
  const ka = cidrSortKey(a);
  const kb = cidrSortKey(b);
  if (!ka || !kb) return ka ? -1 : kb ? 1 : compareText(a, b);
  if (ka.family !== kb.family) return ka.family - kb.family;
  if (ka.address !== kb.address) return ka.address < kb.address ? -1 : 1;
  return ka.prefix - kb.prefix;
}

function cidrSortKey(text: string): CidrSortKey | null {
  const [addr, prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const v4 = parseV4(addr);
  const family = v4 !== null ? 4 : 6;
  const address = v4 ?? parseV6(addr);
  if (address === null) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/u.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { family, address, prefix };
}

function parseV4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/u.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseV6(text: string): bigint | null {
  if (!text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): string[] | null => {
    if (part === '') return [];
    const out: string[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
        const v4 = parseV4(piece);
        if (v4 === null) return null;
        out.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
      } else if (/^[0-9a-fA-F]{1,4}$/u.test(piece)) {
        out.push(piece);
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}
