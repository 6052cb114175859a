// A context snapshot in its SQLite file (DESIGN §8): the DNS answers as fetched, one per
// (name, type); the items it was pulled for; the AS of each feedback CIDR; and the model entries
// of each item's /24 or /48. Reports evaluate check_host() from these answers offline
// (shared/sender-context-of.ts); nothing derived is stored, so a fix to the evaluation applies to
// every snapshot already pulled.
//
// The same content has a text form, JSON Lines (the demo ships one; see snapshots/README.md):
//   {"context": "smw-context/1", "feedback": ID, "build": ID|null, "resolver": …, "pulledAt": …}
//   {"item": [domain, cidr]}
//   {"as": [cidr, asn, asName|null]}
//   {"neighbour": [domain, block, entry]}
//   {"dns": [name, type, "ok", records]} | {"dns": [name, type, "nxdomain"|"nodata"]} | {"dns": [name, type, "failed", error]}

import type Database from 'better-sqlite3';
import { dnsName, RR_TYPES, type DnsAnswer, type DnsView, type RRType } from '../../shared/dns-answers';
import { itemKey, type AsInfo, type ContextData } from '../../shared/sender-context-of';

export const CONTEXT_FORMAT = 'smw-context/1';

/** Where the answers came from and when (DESIGN §8: the resolver used, and when). */
export interface ContextMeta {
  feedback: string;
  build: string | null;
  /** The servers asked (`--dns`, or the system's), or a word for answers made without a network. */
  resolver: string;
  pulledAt: string;
  timeoutMs?: number;
  tries?: number;
  /** The IP-to-AS tables read, by file name, with their format. */
  asnTables?: Array<{ file: string; format: 'ip2asn' | 'mmdb' }>;
}

export interface StoredAnswer {
  name: string;
  type: RRType;
  answer: DnsAnswer;
}

export interface ContextContent {
  meta: ContextMeta;
  items: Iterable<{ domain: string; cidr: string }>;
  asByCidr: Iterable<[string, AsInfo]>;
  neighbours: Iterable<{ domain: string; block: string; entry: string }>;
  answers: Iterable<StoredAnswer>;
}

export function createContextTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE context_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE dns_answers (
      name    TEXT NOT NULL,
      type    TEXT NOT NULL CHECK (type IN ('TXT', 'A', 'AAAA', 'MX', 'PTR')),
      status  TEXT NOT NULL CHECK (status IN ('ok', 'nxdomain', 'nodata', 'failed')),
      records TEXT CHECK (records IS NULL OR json_valid(records)),
      error   TEXT,
      PRIMARY KEY (name, type)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE context_items (domain TEXT NOT NULL, cidr TEXT NOT NULL, PRIMARY KEY (domain, cidr)) STRICT, WITHOUT ROWID;
    CREATE TABLE cidr_as (cidr TEXT NOT NULL PRIMARY KEY, asn INTEGER NOT NULL, as_name TEXT) STRICT;
    -- seq keeps the entries of a block in address order, as the pull found them.
    CREATE TABLE neighbours (seq INTEGER PRIMARY KEY, domain TEXT NOT NULL, block TEXT NOT NULL, entry TEXT NOT NULL, UNIQUE (domain, block, entry)) STRICT;
  `);
}

/** Writes the whole content in one transaction; returns the number of answers (the snapshot's rows). */
export function writeContext(db: Database.Database, content: ContextContent): number {
  createContextTables(db);
  let answers = 0;
  db.transaction(() => {
    const meta = db.prepare('INSERT INTO context_meta (key, value) VALUES (?, ?)');
    meta.run('format', JSON.stringify(CONTEXT_FORMAT));
    for (const [key, value] of Object.entries(content.meta)) if (value !== undefined) meta.run(key, JSON.stringify(value));
    const item = db.prepare('INSERT OR IGNORE INTO context_items (domain, cidr) VALUES (?, ?)');
    for (const i of content.items) item.run(i.domain, i.cidr);
    const as = db.prepare('INSERT OR REPLACE INTO cidr_as (cidr, asn, as_name) VALUES (?, ?, ?)');
    for (const [cidr, info] of content.asByCidr) as.run(cidr, info.asn, info.asName);
    const neighbour = db.prepare('INSERT OR IGNORE INTO neighbours (domain, block, entry) VALUES (?, ?, ?)');
    for (const n of content.neighbours) neighbour.run(n.domain, n.block, n.entry);
    const answer = db.prepare('INSERT OR REPLACE INTO dns_answers (name, type, status, records, error) VALUES (?, ?, ?, ?, ?)');
    for (const a of content.answers) {
      const records = a.answer.status === 'ok' ? JSON.stringify(a.answer.records) : null;
      answer.run(dnsName(a.name), a.type, a.answer.status, records, a.answer.status === 'failed' ? a.answer.error : null);
      answers++;
    }
  })();
  return answers;
}

/** The stored answers as a DnsView, keyed `TYPE name`. */
export class StoredDns implements DnsView {
  private readonly answers = new Map<string, DnsAnswer>();

  set(name: string, type: RRType, answer: DnsAnswer): void {
    this.answers.set(`${type} ${dnsName(name)}`, answer);
  }

  answer<T extends RRType>(name: string, type: T): DnsAnswer<T> | undefined {
    return this.answers.get(`${type} ${dnsName(name)}`) as DnsAnswer<T> | undefined;
  }

  get size(): number {
    return this.answers.size;
  }

  *entries(): IterableIterator<StoredAnswer> {
    for (const [key, answer] of this.answers) {
      const space = key.indexOf(' ');
      yield { type: key.slice(0, space) as RRType, name: key.slice(space + 1), answer };
    }
  }
}

export interface LoadedContext extends ContextData {
  meta: ContextMeta;
  dns: StoredDns;
}

/** The whole snapshot, ready for `senderContextOf` (DESIGN §8's report seam). */
export function readSenderContext(db: Database.Database): LoadedContext {
  const meta = readContextMeta(db);
  const dns = new StoredDns();
  const rows = db.prepare('SELECT name, type, status, records, error FROM dns_answers').raw().iterate() as IterableIterator<
    [string, RRType, DnsAnswer['status'], string | null, string | null]
  >;
  for (const [name, type, status, records, error] of rows) dns.set(name, type, toAnswer(status, records, error));
  const items = new Set<string>();
  for (const [domain, cidr] of db.prepare('SELECT domain, cidr FROM context_items').raw().iterate() as IterableIterator<[string, string]>)
    items.add(itemKey(domain, cidr));
  const asByCidr = new Map<string, AsInfo>();
  for (const [cidr, asn, asName] of db.prepare('SELECT cidr, asn, as_name FROM cidr_as').raw().iterate() as IterableIterator<[string, number, string | null]>)
    asByCidr.set(cidr, { asn, asName });
  const neighbours = new Map<string, string[]>();
  for (const [domain, block, entry] of db.prepare('SELECT domain, block, entry FROM neighbours ORDER BY seq').raw().iterate() as IterableIterator<
    [string, string, string]
  >) {
    const key = itemKey(domain, block);
    const list = neighbours.get(key);
    if (list) list.push(entry);
    else neighbours.set(key, [entry]);
  }
  return { meta, feedback: meta.feedback, build: meta.build, dns, items, asByCidr, neighbours };
}

export function readContextMeta(db: Database.Database): ContextMeta {
  let rows: Array<{ key: string; value: string }>;
  try {
    rows = db.prepare('SELECT key, value FROM context_meta').all() as typeof rows;
  } catch {
    throw new Error('cannot read the context snapshot: it has no context_meta table; is this a context snapshot?');
  }
  const meta: Record<string, unknown> = {};
  for (const { key, value } of rows) meta[key] = JSON.parse(value);
  if (meta.format !== CONTEXT_FORMAT)
    throw new Error(`cannot read the context snapshot: its format is ${JSON.stringify(meta.format)}, this app reads ${CONTEXT_FORMAT}; pull it again`);
  delete meta.format;
  return meta as unknown as ContextMeta;
}

function toAnswer(status: DnsAnswer['status'], records: string | null, error: string | null): DnsAnswer {
  switch (status) {
    case 'ok':
      return { status, records: JSON.parse(records ?? '[]') };
    case 'failed':
      return { status, error: error ?? 'failed' };
    default:
      return { status };
  }
}

// ---- the JSON Lines form -------------------------------------------------------------------

/** The snapshot as JSON Lines, in a stable order (the demo generator writes this). */
export function* dumpContext(db: Database.Database): Generator<string> {
  const meta = readContextMeta(db);
  yield JSON.stringify({ context: CONTEXT_FORMAT, ...meta });
  for (const row of db.prepare('SELECT domain, cidr FROM context_items ORDER BY domain, cidr').raw().iterate()) yield JSON.stringify({ item: row });
  for (const row of db.prepare('SELECT cidr, asn, as_name FROM cidr_as ORDER BY cidr').raw().iterate()) yield JSON.stringify({ as: row });
  for (const row of db.prepare('SELECT domain, block, entry FROM neighbours ORDER BY domain, block, seq').raw().iterate())
    yield JSON.stringify({ neighbour: row });
  for (const [name, type, status, records, error] of db
    .prepare('SELECT name, type, status, records, error FROM dns_answers ORDER BY name, type')
    .raw()
    .iterate() as IterableIterator<[string, string, string, string | null, string | null]>) {
    yield JSON.stringify({
      dns: status === 'ok' ? [name, type, status, JSON.parse(records ?? '[]')] : status === 'failed' ? [name, type, status, error] : [name, type, status],
    });
  }
}

export type ContextLineParse = { ok: true; content: ContextContent } | { ok: false; line: number; reason: string };

/** Reads the JSON Lines form back; the first line must be the header. */
export function parseContextLines(lines: string[]): ContextLineParse {
  const items: Array<{ domain: string; cidr: string }> = [];
  const asByCidr: Array<[string, AsInfo]> = [];
  const neighbours: Array<{ domain: string; block: string; entry: string }> = [];
  const answers: StoredAnswer[] = [];
  let meta: ContextMeta | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text === '') continue;
    const fail = (reason: string): ContextLineParse => ({ ok: false, line: i + 1, reason });
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail('not JSON');
    }
    if (meta === null) {
      if (value.context !== CONTEXT_FORMAT) return fail(`the first line must be {"context": "${CONTEXT_FORMAT}", …}`);
      const { context: _format, ...rest } = value;
      if (typeof rest.feedback !== 'string' || typeof rest.resolver !== 'string' || typeof rest.pulledAt !== 'string')
        return fail('the header needs feedback, resolver and pulledAt');
      meta = { build: null, ...rest } as unknown as ContextMeta;
      continue;
    }
    const strings = (v: unknown, n: number): v is string[] => Array.isArray(v) && v.length >= n && v.slice(0, n).every((x) => typeof x === 'string');
    if ('item' in value) {
      if (!strings(value.item, 2)) return fail('an item is [domain, cidr]');
      items.push({ domain: value.item[0], cidr: value.item[1] });
    } else if ('as' in value) {
      const v = value.as as unknown[];
      if (!Array.isArray(v) || typeof v[0] !== 'string' || !Number.isSafeInteger(v[1]) || (v[2] !== null && typeof v[2] !== 'string'))
        return fail('an as line is [cidr, asn, asName|null]');
      asByCidr.push([v[0], { asn: v[1] as number, asName: v[2] as string | null }]);
    } else if ('neighbour' in value) {
      if (!strings(value.neighbour, 3)) return fail('a neighbour is [domain, block, entry]');
      neighbours.push({ domain: value.neighbour[0], block: value.neighbour[1], entry: value.neighbour[2] });
    } else if ('dns' in value) {
      const v = value.dns as unknown[];
      if (!strings(v, 3) || !RR_TYPES.includes(v[1] as RRType)) return fail('a dns line is [name, type, status, …]');
      const [name, type, status] = v as [string, RRType, string];
      if (status === 'ok' && Array.isArray(v[3])) answers.push({ name, type, answer: { status, records: v[3] as never } });
      else if (status === 'failed' && typeof v[3] === 'string') answers.push({ name, type, answer: { status, error: v[3] } });
      else if (status === 'nxdomain' || status === 'nodata') answers.push({ name, type, answer: { status } });
      else return fail(`'${status}' is not an answer status (ok with records, nxdomain, nodata, failed with an error)`);
    } else {
      return fail('expected one of item, as, neighbour, dns');
    }
  }
  if (meta === null) return { ok: false, line: 1, reason: 'the file is empty' };
  return { ok: true, content: { meta, items, asByCidr, neighbours, answers } };
}
