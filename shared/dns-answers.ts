// DNS answers as a context snapshot stores them (DESIGN §8): one answer per (name, type), read
// offline by check_host() and the PTR/forward-confirmation logic. Names are kept lower-case,
// without the trailing dot, in their ASCII form: DNS compares names case-insensitively, and the
// pull asks for exactly these names.

import { formatIPv4, parseCidr, type Cidr } from './cidr';

export type RRType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR';
export const RR_TYPES: readonly RRType[] = ['TXT', 'A', 'AAAA', 'MX', 'PTR'];

export interface MxRecord {
  priority: number;
  exchange: string;
}

/** What each type's records are: a TXT record is its strings as published (joined when read). */
export interface DnsRecords {
  TXT: string[][];
  A: string[];
  AAAA: string[];
  MX: MxRecord[];
  PTR: string[];
}

export type DnsStatus = 'ok' | 'nxdomain' | 'nodata' | 'failed';

/**
 * One lookup's outcome: records; NXDOMAIN; an answer without records (NOERROR, no data); or
 * failed (timeout, SERVFAIL, refused…) with what went wrong.
 */
export type DnsAnswer<T extends RRType = RRType> =
  | { status: 'ok'; records: DnsRecords[T] }
  | { status: 'nxdomain' }
  | { status: 'nodata' }
  | { status: 'failed'; error: string };

/** The stored answers, as check_host() reads them. `undefined`: the snapshot does not hold it. */
export interface DnsView {
  answer<T extends RRType>(name: string, type: T): DnsAnswer<T> | undefined;
}

/** The key a name is stored and looked up under. */
export function dnsName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** An answer with records but none in it is the same as no data. */
export function isVoid(answer: DnsAnswer): boolean {
  return answer.status === 'nxdomain' || answer.status === 'nodata' || (answer.status === 'ok' && answer.records.length === 0);
}

/** A single address: a /32 or /128. */
export type Address = Extract<Cidr, { family: 4 }> | Extract<Cidr, { family: 6 }>;

export function isSingleAddress(cidr: Cidr): boolean {
  return cidr.prefix === (cidr.family === 4 ? 32 : 128);
}

/** The 32 hex nibbles of an IPv6 address, most significant first. */
export function ipv6Nibbles(hi: bigint, lo: bigint): string[] {
  const hex = hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0');
  return hex.split('');
}

/** `d.c.b.a.in-addr.arpa`, or the nibble name under ip6.arpa (RFC 3596 §2.5). */
export function reverseName(address: Address): string {
  if (address.family === 4) return `${formatIPv4(address.start).split('.').reverse().join('.')}.in-addr.arpa`;
  return `${ipv6Nibbles(address.hi, address.lo).reverse().join('.')}.ip6.arpa`;
}

/** Whether an A or AAAA record's text is this address. */
export function isSameAddress(text: string, address: Address): boolean {
  const parsed = parseCidr(text);
  if (!parsed.ok || parsed.cidr.family !== address.family || parsed.cidr.prefix !== address.prefix) return false;
  const c = parsed.cidr;
  return c.family === 4
    ? c.start === (address as Extract<Cidr, { family: 4 }>).start
    : c.hi === (address as Extract<Cidr, { family: 6 }>).hi && c.lo === (address as Extract<Cidr, { family: 6 }>).lo;
}

/** The record type that holds addresses of this family. */
export function addressType(address: Address): 'A' | 'AAAA' {
  return address.family === 4 ? 'A' : 'AAAA';
}
