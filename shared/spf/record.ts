// An SPF record (RFC 7208 §4.5, §4.6, §5, §6): which TXT records are SPF records, and the terms
// of one, parsed in full before anything is evaluated — a syntax error anywhere is a permerror
// (§4.6), even after a term that would have matched.

import { parseCidr, type Cidr } from '../cidr';
import { parseDomainSpec, parseMacroString, type MacroPart } from './macro';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface Mechanism {
  type: 'mechanism';
  /** The term exactly as written (qualifier, case and macros as published). */
  text: string;
  qualifier: Qualifier;
  name: MechanismName;
  /** The domain-spec (include, exists; optional for a, mx, ptr). */
  domain: MacroPart[] | null;
  /** Prefix lengths of a and mx (default 32 and 128). */
  cidr4: number;
  cidr6: number;
  /** The network of ip4 and ip6. */
  network: Cidr | null;
}

export interface Modifier {
  type: 'modifier';
  text: string;
  /** Lower case: redirect, exp, or any other (unknown modifiers are ignored, §6). */
  name: string;
  value: MacroPart[];
}

export interface SpfRecord {
  mechanisms: Mechanism[];
  redirect: Modifier | null;
}

export type RecordParse = { ok: true; record: SpfRecord } | { ok: false; reason: string };

/** A TXT record is an SPF record when it starts with `v=spf1` (any case) and then a space or its end (§4.5). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

/** The TXT records, each joined from its strings with nothing between them (§3.3), that are SPF records. */
export function spfRecordsOf(txt: string[][]): string[] {
  return txt.map((strings) => strings.join('')).filter(isSpfRecord);
}

const MECHANISMS: readonly string[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
const MODIFIER_NAME = /^[a-z][a-z0-9\-_.]*$/i;

export function parseSpfRecord(text: string): RecordParse {
  if (!isSpfRecord(text)) return { ok: false, reason: 'it does not start with v=spf1' };
  const terms = text
    .slice(6)
    .split(' ')
    .filter((t) => t !== '');
  const mechanisms: Mechanism[] = [];
  let redirect: Modifier | null = null;
  let exp = false;
  for (const term of terms) {
    const parsed = parseTerm(term);
    if ('reason' in parsed) return { ok: false, reason: `${term}: ${parsed.reason}` };
    if (parsed.type === 'mechanism') {
      mechanisms.push(parsed);
    } else if (parsed.name === 'redirect') {
      if (redirect) return { ok: false, reason: 'redirect= is given more than once' };
      redirect = parsed;
    } else if (parsed.name === 'exp') {
      if (exp) return { ok: false, reason: 'exp= is given more than once' };
      exp = true;
    }
  }
  return { ok: true, record: { mechanisms, redirect } };
}

function parseTerm(text: string): Mechanism | Modifier | { reason: string } {
  // A modifier is name=value where the name comes before any ':' or '/'.
  const eq = text.indexOf('=');
  const colon = text.search(/[:/]/);
  if (eq > 0 && (colon < 0 || eq < colon)) {
    const name = text.slice(0, eq);
    if (!MODIFIER_NAME.test(name)) return { reason: `'${name}' is not a modifier name` };
    const lower = name.toLowerCase();
    const value = text.slice(eq + 1);
    const spec = lower === 'redirect' || lower === 'exp' ? parseDomainSpec(value) : parseMacroString(value);
    if (!spec.ok) return { reason: spec.reason };
    return { type: 'modifier', text, name: lower, value: spec.parts };
  }
  let qualifier: Qualifier = '+';
  let body = text;
  if ('+-~?'.includes(text[0])) {
    qualifier = text[0] as Qualifier;
    body = text.slice(1);
  }
  const end = body.search(/[:/]/);
  const name = (end < 0 ? body : body.slice(0, end)).toLowerCase();
  const rest = end < 0 ? '' : body.slice(end);
  if (!MECHANISMS.includes(name)) return { reason: `'${name}' is not a mechanism` };
  const mechanism: Mechanism = { type: 'mechanism', text, qualifier, name: name as MechanismName, domain: null, cidr4: 32, cidr6: 128, network: null };
  switch (name) {
    case 'all':
      return rest === '' ? mechanism : { reason: 'all takes no argument' };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':') || rest.length === 1) return { reason: `${name} needs :domain` };
      const spec = parseDomainSpec(rest.slice(1));
      if (!spec.ok) return { reason: spec.reason };
      mechanism.domain = spec.parts;
      return mechanism;
    }
    case 'ptr': {
      if (rest === '') return mechanism;
      if (!rest.startsWith(':')) return { reason: 'ptr takes :domain only' };
      const spec = parseDomainSpec(rest.slice(1));
      if (!spec.ok) return { reason: spec.reason };
      mechanism.domain = spec.parts;
      return mechanism;
    }
    case 'a':
    case 'mx': {
      // a[:domain][/cidr4][//cidr6]: the lengths are cut from the end of the term.
      const m = /(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(rest)!;
      const spec = rest.slice(0, m.index);
      if (m[1] !== undefined) {
        const n = prefixLength(m[1], 32);
        if (n === null) return { reason: `/${m[1]} is not an IPv4 prefix length (0–32)` };
        mechanism.cidr4 = n;
      }
      if (m[2] !== undefined) {
        const n = prefixLength(m[2], 128);
        if (n === null) return { reason: `//${m[2]} is not an IPv6 prefix length (0–128)` };
        mechanism.cidr6 = n;
      }
      if (spec === '') return mechanism;
      if (!spec.startsWith(':') || spec.length === 1) return { reason: `${name} takes :domain and /prefix lengths only` };
      const parsed = parseDomainSpec(spec.slice(1));
      if (!parsed.ok) return { reason: parsed.reason };
      mechanism.domain = parsed.parts;
      return mechanism;
    }
    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':')) return { reason: `${name} needs :address` };
      const [address, length, ...more] = rest.slice(1).split('/');
      if (more.length > 0) return { reason: `'${rest.slice(1)}' is not a network` };
      const max = name === 'ip4' ? 32 : 128;
      const n = length === undefined ? max : prefixLength(length, max);
      if (n === null) return { reason: `/${length} is not a prefix length (0–${max})` };
      const isV6 = address.includes(':');
      if ((name === 'ip6') !== isV6) return { reason: `'${address}' is not an ${name === 'ip4' ? 'IPv4' : 'IPv6'} address` };
      const parsed = parseCidr(`${address}/${n}`);
      if (!parsed.ok) return { reason: `'${address}' is not an ${name === 'ip4' ? 'IPv4' : 'IPv6'} address` };
      mechanism.network = parsed.cidr;
      return mechanism;
    }
  }
  return { reason: `'${name}' is not a mechanism` };
}

/** "0" or digits without a leading zero, at most `max` (RFC 7208 ip4-cidr-length, ip6-cidr-length). */
function prefixLength(text: string, max: number): number | null {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}
