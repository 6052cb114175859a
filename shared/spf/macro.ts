// SPF macros (RFC 7208 §7): the syntax of a macro-string and a domain-spec, checked when the
// record is parsed (a syntax error anywhere is a permerror, §4.6), and their expansion for one
// check_host() call.

/** A macro-string split into literal text and macro expansions. */
export type MacroPart = { literal: string } | { letter: string; upper: boolean; digits: number | null; reverse: boolean; delimiters: string };

export type MacroParse = { ok: true; parts: MacroPart[]; tail: string | null } | { ok: false; reason: string };

const LETTERS = 'slodiphcrtv';
/** Only explanation strings (the `exp` TXT record) may use these (§7.2). */
const EXP_ONLY = 'crt';
const DELIMITERS = '.-+,/_=';

/** Parses a macro-string (§7.1). `inExplanation` allows the c, r and t letters. */
export function parseMacroString(text: string, inExplanation = false): MacroParse {
  const parts: MacroPart[] = [];
  let literal = '';
  // The literal characters after the last macro-expand (null: the string ends in one).
  let tail: string | null = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (ch !== '%') {
      // macro-literal: visible characters except '%' (and a space is allowed only in exp text).
      if (tail === null) tail = '';
      if (code < 0x21 || code > 0x7e) return { ok: false, reason: `character ${JSON.stringify(ch)} is not allowed here` };
      literal += ch;
      tail += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      literal += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      tail = null;
      i++;
      continue;
    }
    if (next !== '{') return { ok: false, reason: `'%' must start %{…}, %%, %_ or %-` };
    const close = text.indexOf('}', i + 2);
    if (close < 0) return { ok: false, reason: 'a macro %{ is not closed' };
    const body = text.slice(i + 2, close);
    const m = /^([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)$/i.exec(body);
    if (!m || !LETTERS.includes(m[1].toLowerCase())) return { ok: false, reason: `%{${body}} is not a macro` };
    const letter = m[1].toLowerCase();
    if (!inExplanation && EXP_ONLY.includes(letter)) return { ok: false, reason: `%{${m[1]}} is allowed only in explanations` };
    if (m[2] !== '' && Number(m[2]) === 0) return { ok: false, reason: `%{${body}}: the number of parts must not be zero` };
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({
      letter,
      upper: m[1] !== letter,
      digits: m[2] === '' ? null : Number(m[2]),
      reverse: m[3].toLowerCase() === 'r',
      delimiters: m[4] === '' ? '.' : m[4],
    });
    tail = null;
    i = close;
  }
  if (literal) parts.push({ literal });
  return { ok: true, parts, tail };
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/** A domain-spec (§7.1): a macro-string that ends in a macro or in `.toplabel` (with an optional dot). */
export function parseDomainSpec(text: string): MacroParse {
  const parsed = parseMacroString(text);
  if (!parsed.ok) return parsed;
  if (parsed.parts.length === 0) return { ok: false, reason: 'the domain is empty' };
  if (parsed.tail === null) return parsed; // domain-end = macro-expand
  const tail = parsed.tail.endsWith('.') ? parsed.tail.slice(0, -1) : parsed.tail;
  const dot = tail.lastIndexOf('.');
  if (dot < 0) return { ok: false, reason: `'${text}' does not end in '.' and a top-level label` };
  if (!TOPLABEL.test(tail.slice(dot + 1))) return { ok: false, reason: `'${text}' does not end in a top-level label` };
  return parsed;
}

/** What macros expand to in one check_host() call (§7.3). */
export interface MacroValues {
  /** <sender>: postmaster@<domain> here. */
  sender: string;
  /** The domain being evaluated now (changes in include and redirect). */
  domain: string;
  /** %{i}: the dotted quad, or 32 dot-separated nibbles. */
  ip: string;
  /** %{v}: in-addr or ip6. */
  ipVersion: 'in-addr' | 'ip6';
  helo: string;
  /** %{p}, asked only when the string uses it (it needs DNS lookups). */
  validatedName(): string;
}

/** Letters whose value depends on the client address. */
export const ADDRESS_LETTERS = 'ipv';

export function usesAddress(parts: MacroPart[]): boolean {
  return parts.some((p) => 'letter' in p && ADDRESS_LETTERS.includes(p.letter));
}

export function expandMacros(parts: MacroPart[], values: MacroValues): string {
  let out = '';
  for (const part of parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    let value = letterValue(part.letter, values);
    let pieces = splitOn(value, part.delimiters);
    if (part.reverse) pieces = pieces.reverse();
    if (part.digits !== null && part.digits < pieces.length) pieces = pieces.slice(pieces.length - part.digits);
    value = pieces.join('.');
    out += part.upper ? urlEscape(value) : value;
  }
  return out;
}

function letterValue(letter: string, v: MacroValues): string {
  switch (letter) {
    case 's':
      return v.sender;
    case 'l':
      return v.sender.slice(0, v.sender.lastIndexOf('@'));
    case 'o':
      return v.sender.slice(v.sender.lastIndexOf('@') + 1);
    case 'd':
      return v.domain;
    case 'i':
    case 'c':
      return v.ip;
    case 'p':
      return v.validatedName();
    case 'v':
      return v.ipVersion;
    case 'h':
      return v.helo;
    case 'r':
      return 'unknown';
    case 't':
      return '0';
    default:
      return '';
  }
}

function splitOn(value: string, delimiters: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch) && DELIMITERS.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Upper-case macro letters URL-escape their value (RFC 3986 unreserved characters stay). */
function urlEscape(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** An expanded domain longer than 253 characters loses labels on the left until it fits (§7.3). */
export function truncateDomain(name: string): string {
  let out = name.endsWith('.') ? name.slice(0, -1) : name;
  while (out.length > 253 && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
  return out;
}
