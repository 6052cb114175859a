// Feedback CIDRs and model entries in one normal form (DESIGN §4): a bare address is a /32 or
// /128, host bits are zeroed, IPv6 is written as RFC 5952 says. IPv4 is a 32-bit integer,
// IPv6 two 64-bit halves, so the join can sort and binary-search integers.

export type Cidr = { family: 4; start: number; prefix: number } | { family: 6; hi: bigint; lo: bigint; prefix: number };

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

const MASK64 = (1n << 64n) - 1n;

export function parseCidr(text: string): CidrParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty address' };
  const slash = trimmed.indexOf('/');
  const address = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash < 0 ? null : trimmed.slice(slash + 1);
  if (address.includes(':')) {
    const words = parseIPv6(address);
    if (!words) return { ok: false, reason: 'not an IPv6 address' };
    const prefix = parsePrefix(prefixText, 128);
    if (prefix === null) return { ok: false, reason: `prefix length must be 0–128` };
    const hi = (BigInt(words[0]) << 48n) | (BigInt(words[1]) << 32n) | (BigInt(words[2]) << 16n) | BigInt(words[3]);
    const lo = (BigInt(words[4]) << 48n) | (BigInt(words[5]) << 32n) | (BigInt(words[6]) << 16n) | BigInt(words[7]);
    const [mhi, mlo] = maskV6(hi, lo, prefix);
    return { ok: true, cidr: { family: 6, hi: mhi, lo: mlo, prefix } };
  }
  const start = parseIPv4(address);
  if (start < 0) return { ok: false, reason: 'not an IPv4 address' };
  const prefix = parsePrefix(prefixText, 32);
  if (prefix === null) return { ok: false, reason: `prefix length must be 0–32` };
  return { ok: true, cidr: { family: 4, start: maskV4(start, prefix), prefix } };
}

function parsePrefix(text: string | null, max: number): number | null {
  if (text === null) return max;
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/** A dotted quad of decimal octets 0–255; -1 when it is not one. */
export function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return -1;
    const octet = Number(part);
    if (octet > 255) return -1;
    value = value * 256 + octet;
  }
  return value;
}

function parseIPv6(text: string): number[] | null {
  if (text.includes('%')) return null; // zone ids name an interface, not an address
  let head = text;
  let tailV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 < 0) return null;
    tailV4 = [v4 >>> 16, v4 & 0xffff];
    // Keep a `::` that ends right before the dotted tail; drop a single separating colon.
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const double = head.indexOf('::');
  if (double >= 0 && head.indexOf('::', double + 1) >= 0) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const want = 8 - tailV4.length;
  let words: number[];
  if (double >= 0) {
    const left = groups(head.slice(0, double));
    const right = groups(head.slice(double + 2));
    if (!left || !right) return null;
    const missing = want - left.length - right.length;
    if (missing < 1) return null;
    words = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    const all = groups(head);
    if (!all || all.length !== want) return null;
    words = all;
  }
  return [...words, ...tailV4];
}

export function maskV4(start: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return start - (start % size);
}

/** The last address of an IPv4 prefix. */
export function endV4(start: number, prefix: number): number {
  return start + 2 ** (32 - prefix) - 1;
}

export function maskV6(hi: bigint, lo: bigint, prefix: number): [bigint, bigint] {
  if (prefix >= 128) return [hi, lo];
  if (prefix >= 64) {
    const keep = BigInt(prefix - 64);
    const mask = keep === 0n ? 0n : (MASK64 << (64n - keep)) & MASK64;
    return [hi, lo & mask];
  }
  const keep = BigInt(prefix);
  const mask = keep === 0n ? 0n : (MASK64 << (64n - keep)) & MASK64;
  return [hi & mask, 0n];
}

/** The last address of an IPv6 prefix, as two halves. */
export function endV6(hi: bigint, lo: bigint, prefix: number): [bigint, bigint] {
  if (prefix >= 128) return [hi, lo];
  if (prefix >= 64) return [hi, lo | (MASK64 >> BigInt(prefix - 64))];
  return [hi | (MASK64 >> BigInt(prefix)), MASK64];
}

export function formatIPv4(value: number): string {
  return `${Math.floor(value / 16777216) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** RFC 5952: lower case, no leading zeros, the longest run (first on a tie) of two or more zero groups as `::`. */
export function formatIPv6(hi: bigint, lo: bigint): string {
  const words: number[] = [];
  for (const half of [hi, lo]) {
    for (let shift = 48n; shift >= 0n; shift -= 16n) words.push(Number((half >> shift) & 0xffffn));
  }
  // IPv4-mapped addresses keep their dotted tail (RFC 5952 §5).
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return `::ffff:${formatIPv4(words[6] * 65536 + words[7])}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatCidr(cidr: Cidr): string {
  return cidr.family === 4 ? `${formatIPv4(cidr.start)}/${cidr.prefix}` : `${formatIPv6(cidr.hi, cidr.lo)}/${cidr.prefix}`;
}

/**
 * A CIDR's neighbourhood: its /24 (IPv4) or /48 (IPv6) — the CIDR itself when it is wider. The
 * detail pane's neighbouring entries and the context pull's neighbour PTR names both use it.
 */
export function neighbourhoodBlock(cidr: Cidr): Cidr {
  if (cidr.family === 4) {
    const prefix = Math.min(cidr.prefix, 24);
    return { family: 4, start: maskV4(cidr.start, prefix), prefix };
  }
  const prefix = Math.min(cidr.prefix, 48);
  const [hi, lo] = maskV6(cidr.hi, cidr.lo, prefix);
  return { family: 6, hi, lo, prefix };
}

/** IPv4 before IPv6, then by address, then by prefix length (DESIGN §6). */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.family === 4 && b.family === 4) return a.start - b.start || a.prefix - b.prefix;
  const x = a as Extract<Cidr, { family: 6 }>;
  const y = b as Extract<Cidr, { family: 6 }>;
  if (x.hi !== y.hi) return x.hi < y.hi ? -1 : 1;
  if (x.lo !== y.lo) return x.lo < y.lo ? -1 : 1;
  return x.prefix - y.prefix;
}

/** CIDR texts in the order of compareCidrs; text that is not a CIDR goes last, by its text. */
export function compareCidrTexts(a: string, b: string): number {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (x.ok && y.ok) return compareCidrs(x.cidr, y.cidr);
  if (x.ok || y.ok) return x.ok ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Byte-level fast path for the Avro reader: an IPv4 address or prefix in ASCII bytes. ----

/** Set by parseIPv4Bytes on success. */
export const parsedV4 = { start: 0, prefix: 32 };

/**
 * Parses `a.b.c.d` or `a.b.c.d/n` from ASCII bytes without making a string. Returns false for
 * anything else (IPv6, whitespace, bad octets), in which case the caller takes the text path.
 */
export function parseIPv4Bytes(bytes: Uint8Array, start: number, end: number): boolean {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return false;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return false;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c === 47) {
      break;
    } else {
      return false;
    }
  }
  if (digits === 0 || dots !== 3) return false;
  value = value * 256 + octet;
  let prefix = 32;
  if (i < end) {
    // bytes[i] is '/'
    if (end - i < 2 || end - i > 3) return false;
    prefix = 0;
    for (let k = i + 1; k < end; k++) {
      const c = bytes[k];
      if (c < 48 || c > 57) return false;
      prefix = prefix * 10 + (c - 48);
    }
    if (prefix > 32) return false;
  }
  parsedV4.start = maskV4(value, prefix);
  parsedV4.prefix = prefix;
  return true;
}
