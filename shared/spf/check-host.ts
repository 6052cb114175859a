// RFC 7208 check_host(), evaluated offline from stored DNS answers (DESIGN §8).
//
// Terms are evaluated left to right and the limits counted as evaluation goes: the 11th term
// that queries DNS (include, a, mx, ptr, exists, redirect — across includes) or the 3rd void
// lookup (NXDOMAIN or an empty answer) is a permerror, but a match before that decides. A stored
// failed lookup is a temperror only where evaluation reaches it; a failed PTR lookup only makes
// `ptr` not match. The result names the term of the domain's own record that decided it.
//
// The same function finds what to fetch at pull time: when an answer is not stored, evaluation
// stops and says which one it needs (`missing`); the pull fetches it and evaluates again.

import { formatIPv4, maskV4, maskV6, parseCidr, type Cidr } from '../cidr';
import { addressType, dnsName, ipv6Nibbles, isSameAddress, isVoid, reverseName, type Address, type DnsAnswer, type DnsView, type RRType } from '../dns-answers';
import type { SpfResult } from '../sender-context';
import { expandMacros, truncateDomain, usesAddress, type MacroPart, type MacroValues } from './macro';
import { parseSpfRecord, spfRecordsOf, type Mechanism, type Qualifier } from './record';

export interface SpfCheck {
  result: SpfResult;
  /** The deciding term of the domain's own record, as written; null when none decided. */
  mechanism: string | null;
  /** Evaluation needed this answer and the snapshot does not hold it (the result is then temperror). */
  missing?: { name: string; type: RRType };
}

/** RFC 7208 §4.6.4. */
export const MAX_DNS_TERMS = 10;
export const MAX_VOID_LOOKUPS = 2;
/** Address lookups per mx or ptr term (§4.6.4). */
export const MAX_NAME_LOOKUPS = 10;

const RESULT_OF: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Ends evaluation from any depth of include or redirect. */
class Stop {
  constructor(readonly check: SpfCheck) {}
}

interface Evaluation {
  ip: Address | null;
  /** <sender> is postmaster@<domain>, the HELO name is <domain> (DESIGN §8). */
  sender: string;
  helo: string;
  dns: DnsView;
  terms: number;
  voids: number;
}

/**
 * check_host(ip, domain, postmaster@domain) with HELO domain. `ip` null walks the record
 * without an address: includes and redirects are followed, terms that need the address never
 * match and look nothing up — what the pull fetches for a domain whatever its addresses.
 */
export function checkHost(ip: Address | null, domain: string, dns: DnsView): SpfCheck {
  const evaluation: Evaluation = { ip: ip && unmapped(ip), sender: `postmaster@${domain}`, helo: domain, dns, terms: 0, voids: 0 };
  try {
    const outcome = evaluateDomain(evaluation, dnsName(domain));
    return { result: outcome.result, mechanism: outcome.result === 'none' ? null : outcome.term };
  } catch (err) {
    if (err instanceof Stop) return err.check;
    throw err;
  }
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is evaluated as the IPv4 address. */
function unmapped(ip: Address): Address {
  if (ip.family === 6 && ip.hi === 0n && ip.lo >> 32n === 0xffffn) return { family: 4, start: Number(ip.lo & 0xffffffffn), prefix: 32 };
  return ip;
}

const permerror = (): never => {
  throw new Stop({ result: 'permerror', mechanism: null });
};
const temperror = (): never => {
  throw new Stop({ result: 'temperror', mechanism: null });
};

/** The stored answer, or a stop that names what is missing. */
function lookup<T extends RRType>(e: Evaluation, name: string, type: T): DnsAnswer<T> {
  const key = dnsName(name);
  if (!isLookupName(key)) return { status: 'nxdomain' };
  const answer = e.dns.answer(key, type);
  if (answer === undefined) throw new Stop({ result: 'temperror', mechanism: null, missing: { name: key, type } });
  return answer;
}

/** A name DNS can be asked: labels of 1–63 characters, at most 253 in all. */
function isLookupName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => label.length > 0 && label.length <= 63);
}

/** §4.3: a domain that is not a multi-label name gives none without a lookup. */
function isCheckableDomain(name: string): boolean {
  return isLookupName(name) && name.includes('.');
}

/** One check_host() level: the record of `domain`, its terms, then its redirect. */
function evaluateDomain(e: Evaluation, domain: string): { result: SpfResult; term: string | null } {
  if (!isCheckableDomain(domain)) return { result: 'none', term: null };
  const txt = lookup(e, domain, 'TXT');
  if (txt.status === 'failed') temperror();
  if (txt.status !== 'ok') return { result: 'none', term: null };
  const records = spfRecordsOf(txt.records);
  if (records.length === 0) return { result: 'none', term: null };
  if (records.length > 1) permerror();
  const parsed = parseSpfRecord(records[0]);
  if (!parsed.ok) permerror();
  const record = (parsed as Extract<typeof parsed, { ok: true }>).record;

  for (const mechanism of record.mechanisms) {
    if (matches(e, mechanism, domain)) return { result: RESULT_OF[mechanism.qualifier], term: mechanism.text };
  }
  if (record.redirect) {
    countTerm(e);
    const target = expandTarget(e, record.redirect.value, domain);
    if (target === null) return { result: 'neutral', term: null };
    const inner = evaluateDomain(e, target);
    if (inner.result === 'none') permerror();
    return { result: inner.result, term: record.redirect.text };
  }
  return { result: 'neutral', term: null };
}

function countTerm(e: Evaluation): void {
  e.terms++;
  if (e.terms > MAX_DNS_TERMS) permerror();
}

function countVoid(e: Evaluation, answer: DnsAnswer): boolean {
  if (!isVoid(answer)) return false;
  e.voids++;
  if (e.voids > MAX_VOID_LOOKUPS) permerror();
  return true;
}

function matches(e: Evaluation, m: Mechanism, domain: string): boolean {
  switch (m.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return e.ip !== null && inNetwork(e.ip, m.network!);
    case 'include': {
      countTerm(e);
      const target = expandTarget(e, m.domain!, domain);
      if (target === null) return false;
      const inner = evaluateDomain(e, target);
      if (inner.result === 'none') permerror();
      return inner.result === 'pass';
    }
    case 'a': {
      countTerm(e);
      if (e.ip === null) return false;
      const target = m.domain ? expandTarget(e, m.domain, domain) : domain;
      if (target === null) return false;
      const answer = lookup(e, target, addressType(e.ip));
      if (answer.status === 'failed') temperror();
      if (countVoid(e, answer)) return false;
      return anyInPrefix(e.ip, (answer as { records: string[] }).records, m);
    }
    case 'mx': {
      countTerm(e);
      if (e.ip === null) return false;
      const target = m.domain ? expandTarget(e, m.domain, domain) : domain;
      if (target === null) return false;
      const answer = lookup(e, target, 'MX');
      if (answer.status === 'failed') temperror();
      if (countVoid(e, answer)) return false;
      const exchanges = (answer as Extract<DnsAnswer<'MX'>, { status: 'ok' }>).records;
      if (exchanges.length > MAX_NAME_LOOKUPS) permerror();
      // By preference, then name: the result must not depend on the order the server answered in.
      const sorted = [...exchanges].sort((x, y) => x.priority - y.priority || (x.exchange < y.exchange ? -1 : x.exchange > y.exchange ? 1 : 0));
      for (const mx of sorted) {
        const host = dnsName(mx.exchange);
        if (host === '') continue; // null MX (RFC 7505)
        const hosts = lookup(e, host, addressType(e.ip));
        if (hosts.status === 'failed') temperror();
        if (hosts.status === 'ok' && anyInPrefix(e.ip, hosts.records, m)) return true;
      }
      return false;
    }
    case 'ptr': {
      countTerm(e);
      if (e.ip === null) return false;
      const target = m.domain ? expandTarget(e, m.domain, domain) : domain;
      if (target === null) return false;
      const answer = lookup(e, reverseName(e.ip), 'PTR');
      if (answer.status === 'failed') return false; // §5.5: a DNS error makes ptr not match
      if (countVoid(e, answer)) return false;
      for (const name of (answer as { records: string[] }).records.slice(0, MAX_NAME_LOOKUPS)) {
        const host = dnsName(name);
        if (host !== target && !host.endsWith(`.${target}`)) continue;
        if (isValidated(e, e.ip, host)) return true;
      }
      return false;
    }
    case 'exists': {
      countTerm(e);
      const target = expandTarget(e, m.domain!, domain);
      if (target === null) return false;
      // Always an A lookup, whatever the client's family (§5.7).
      const answer = lookup(e, target, 'A');
      if (answer.status === 'failed') temperror();
      if (countVoid(e, answer)) return false;
      return true;
    }
  }
}

/** Whether `name` resolves back to the address (§5.5); an address lookup that failed skips the name. */
function isValidated(e: Evaluation, ip: Address, name: string): boolean {
  const answer = lookup(e, name, addressType(ip));
  return answer.status === 'ok' && answer.records.some((r) => isSameAddress(r, ip));
}

/** The expanded target name; null when it needs the address and there is none (a walk). */
function expandTarget(e: Evaluation, parts: MacroPart[], domain: string): string | null {
  if (e.ip === null && usesAddress(parts)) return null;
  const ip = e.ip;
  const values: MacroValues = {
    sender: e.sender,
    domain,
    ip: ip === null ? '' : ip.family === 4 ? formatIPv4(ip.start) : ipv6Nibbles(ip.hi, ip.lo).join('.'),
    ipVersion: ip?.family === 6 ? 'ip6' : 'in-addr',
    helo: e.helo,
    validatedName: () => (ip === null ? 'unknown' : validatedName(e, ip, domain)),
  };
  return dnsName(truncateDomain(expandMacros(parts, values)));
}

/**
 * %{p} (§7.3): a validated name of the address — the domain itself, else a subdomain of it,
 * else any — or "unknown". Its lookups count toward no limit.
 */
function validatedName(e: Evaluation, ip: Address, domain: string): string {
  const answer = lookup(e, reverseName(ip), 'PTR');
  if (answer.status !== 'ok') return 'unknown';
  const validated = answer.records
    .slice(0, MAX_NAME_LOOKUPS)
    .map(dnsName)
    .filter((name) => isValidated(e, ip, name));
  return validated.find((n) => n === domain) ?? validated.find((n) => n.endsWith(`.${domain}`)) ?? validated[0] ?? 'unknown';
}

function inNetwork(ip: Address, network: Cidr): boolean {
  if (ip.family !== network.family) return false;
  if (ip.family === 4 && network.family === 4) return maskV4(ip.start, network.prefix) === network.start;
  const n = network as Extract<Cidr, { family: 6 }>;
  const [hi, lo] = maskV6((ip as Extract<Cidr, { family: 6 }>).hi, (ip as Extract<Cidr, { family: 6 }>).lo, n.prefix);
  return hi === n.hi && lo === n.lo;
}

/** Whether the address is in the a/mx prefix around any of the records' addresses. */
function anyInPrefix(ip: Address, records: string[], m: Mechanism): boolean {
  const prefix = ip.family === 4 ? m.cidr4 : m.cidr6;
  for (const record of records) {
    const parsed = parseCidr(`${record}/${prefix}`);
    if (parsed.ok && inNetwork(ip, parsed.cidr)) return true;
  }
  return false;
}
