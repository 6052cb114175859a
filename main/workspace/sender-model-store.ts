// A sender-model build inside its snapshot file: one row per domain holding that domain's
// slices of the typed arrays as BLOBs. Reading a build of millions of entries is then one
// sequential scan and a memcpy per column per domain, with no object per entry; the detail
// pane reads one domain by its primary key.

import type Database from 'better-sqlite3';
import type { SenderModelIndex } from '../../shared/sender-model-index';

/** Bumped when the layout of these tables changes; read refuses what it does not know. */
export const SENDER_MODEL_FORMAT = 'smw-sender-model/1';

/** One domain's model entries, sorted by address then prefix length. */
export interface DomainEntries {
  domain: string;
  v4Start: Uint32Array;
  v4Prefix: Uint8Array;
  v4Score: Float64Array;
  v6Hi: BigUint64Array;
  v6Lo: BigUint64Array;
  v6Prefix: Uint8Array;
  v6Score: Float64Array;
}

// BLOBs hold the arrays' bytes as they are in memory; a file from a big-endian machine would
// read as garbage, so the byte order is recorded and checked.
const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'little' : 'big';

const COLUMNS = 'domain, v4_start, v4_prefix, v4_score, v6_hi, v6_lo, v6_prefix, v6_score';
const V4_ENTRY_BYTES = 4 + 1 + 8; // start, prefix, score
const V6_ENTRY_BYTES = 8 + 8 + 1 + 8; // hi, lo, prefix, score
const BIG_BUILD_ENTRIES = 100_000;
const BIG_BUILD_PAGE_SIZE = 65536;
/** Negative: KiB (SQLite's convention). */
const WRITE_CACHE_KIB = -1024;

export function writeSenderModelIndex(db: Database.Database, index: SenderModelIndex): void {
  checkIndexShape(index);
  // A big build is mostly BLOB bytes in overflow pages: 64 KiB pages write (and read back) a
  // 5M-entry build with ~16× fewer pages than the default 4 KiB, about 40 % less CPU. Small
  // builds keep the default (a 64 KiB page each would only make their files bigger). Only a
  // new, empty file can still change its page size.
  const big = index.v4Start.length + index.v6Hi.length >= BIG_BUILD_ENTRIES;
  if (big && db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${BIG_BUILD_PAGE_SIZE}`);
  // The rows are appended once, never read back here: a small page cache for the write is
  // faster, and keeps the heap from growing by about the size of the build (+260 MB RSS at
  // 20M entries with the default 16 MB cache and 64 KiB pages). Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${WRITE_CACHE_KIB}`);
  try {
    writeRows(db, index);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function writeRows(db: Database.Database, index: SenderModelIndex): void {
  const { domains, v4Offsets: o4, v6Offsets: o6 } = index;
  db.transaction(() => {
    db.exec(`
      CREATE TABLE domain_entries (
        domain    TEXT NOT NULL PRIMARY KEY,
        v4_start  BLOB NOT NULL,
        v4_prefix BLOB NOT NULL,
        v4_score  BLOB NOT NULL,
        v6_hi     BLOB NOT NULL,
        v6_lo     BLOB NOT NULL,
        v6_prefix BLOB NOT NULL,
        v6_score  BLOB NOT NULL
      ) STRICT;
      CREATE TABLE build_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) STRICT;
    `);
    const meta = db.prepare('INSERT INTO build_meta (key, value) VALUES (?, ?)');
    const metaValues: Record<string, string | number | null> = {
      format: SENDER_MODEL_FORMAT,
      byteOrder: BYTE_ORDER,
      version: index.version,
      threshold: index.threshold,
      domains: domains.length,
      v4Entries: index.v4Start.length,
      v6Entries: index.v6Hi.length,
    };
    for (const [key, value] of Object.entries(metaValues)) meta.run(key, JSON.stringify(value));

    const insert = db.prepare(`INSERT INTO domain_entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // Byte views of the whole columns, sliced per domain: one Buffer per BLOB, and none for the
    // (usually empty) IPv6 columns of a domain without IPv6 entries.
    const v4Start = bytesOf(index.v4Start);
    const v4Prefix = bytesOf(index.v4Prefix);
    const v4Score = bytesOf(index.v4Score);
    const v6Hi = bytesOf(index.v6Hi);
    const v6Lo = bytesOf(index.v6Lo);
    const v6Prefix = bytesOf(index.v6Prefix);
    const v6Score = bytesOf(index.v6Score);
    const empty = Buffer.alloc(0);
    for (let d = 0; d < domains.length; d++) {
      const a = o4[d];
      const b = o4[d + 1];
      const c = o6[d];
      const e = o6[d + 1];
      const v6 = c < e;
      insert.run(
        domains[d],
        v4Start.subarray(a * 4, b * 4),
        v4Prefix.subarray(a, b),
        v4Score.subarray(a * 8, b * 8),
        v6 ? v6Hi.subarray(c * 8, e * 8) : empty,
        v6 ? v6Lo.subarray(c * 8, e * 8) : empty,
        v6 ? v6Prefix.subarray(c, e) : empty,
        v6 ? v6Score.subarray(c * 8, e * 8) : empty,
      );
    }
  })();
}

/** The whole build. Domains come back in the order they were written (sorted, as required). */
export function readSenderModelIndex(db: Database.Database): SenderModelIndex {
  const meta = readBuildMeta(db);
  const domainCount = metaCount(meta, 'domains');
  const v4Count = metaCount(meta, 'v4Entries');
  const v6Count = metaCount(meta, 'v6Entries');

  const index: SenderModelIndex = {
    domains: new Array<string>(domainCount),
    v4Offsets: new Uint32Array(domainCount + 1),
    v4Start: new Uint32Array(v4Count),
    v4Prefix: new Uint8Array(v4Count),
    v4Score: new Float64Array(v4Count),
    v6Offsets: new Uint32Array(domainCount + 1),
    v6Hi: new BigUint64Array(v6Count),
    v6Lo: new BigUint64Array(v6Count),
    v6Prefix: new Uint8Array(v6Count),
    v6Score: new Float64Array(v6Count),
    version: typeof meta.version === 'string' ? meta.version : null,
    threshold: typeof meta.threshold === 'number' ? meta.threshold : null,
  };
  // Byte views of the whole arrays: a domain's bytes are copied in at the entry's byte
  // position, whatever the alignment of the Buffer SQLite handed us.
  const v4StartBytes = bytesOf(index.v4Start);
  const v4ScoreBytes = bytesOf(index.v4Score);
  const v6HiBytes = bytesOf(index.v6Hi);
  const v6LoBytes = bytesOf(index.v6Lo);
  const v6ScoreBytes = bytesOf(index.v6Score);

  let d = 0;
  let n4 = 0;
  let n6 = 0;
  // One Buffer per domain, not seven: making a Buffer per BLOB was most of the read time
  // (~0.7 s against ~0.15 s for 2M entries). `||` keeps BLOB bytes as they are and CAST makes
  // the result a BLOB again (the file is UTF-8, checked above, so nothing is transcoded).
  // rowid order is insertion order: the domains' sorted order, read as one sequential scan.
  const rows = db
    .prepare(
      `SELECT domain, length(v4_prefix), length(v6_prefix),
              CAST(v4_start || v4_prefix || v4_score || v6_hi || v6_lo || v6_prefix || v6_score AS BLOB)
       FROM domain_entries ORDER BY rowid`,
    )
    .raw()
    .iterate() as IterableIterator<[string, number, number, Buffer]>;
  for (const [domain, c4, c6, all] of rows) {
    if (d >= domainCount || n4 + c4 > v4Count || n6 + c6 > v6Count) throw corrupt('more entries than build_meta says');
    if (all.byteLength !== c4 * V4_ENTRY_BYTES + c6 * V6_ENTRY_BYTES) throw corrupt(`the entry columns of ${domain} disagree`);
    index.domains[d] = domain;
    let at = 0;
    at += all.copy(v4StartBytes, n4 * 4, at, at + c4 * 4);
    at += all.copy(index.v4Prefix, n4, at, at + c4);
    at += all.copy(v4ScoreBytes, n4 * 8, at, at + c4 * 8);
    at += all.copy(v6HiBytes, n6 * 8, at, at + c6 * 8);
    at += all.copy(v6LoBytes, n6 * 8, at, at + c6 * 8);
    at += all.copy(index.v6Prefix, n6, at, at + c6);
    all.copy(v6ScoreBytes, n6 * 8, at, at + c6 * 8);
    n4 += c4;
    n6 += c6;
    d++;
    index.v4Offsets[d] = n4;
    index.v6Offsets[d] = n6;
  }
  if (d !== domainCount || n4 !== v4Count || n6 !== v6Count) throw corrupt('fewer entries than build_meta says');
  return index;
}

/** One domain's entries (for the detail pane), or null when the build does not have it. */
export function readDomainEntries(db: Database.Database, domain: string): DomainEntries | null {
  readBuildMeta(db); // checks format and byte order
  const row = db.prepare(`SELECT ${COLUMNS} FROM domain_entries WHERE domain = ?`).raw().get(domain) as
    | [string, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    | undefined;
  if (!row) return null;
  const [name, v4Start, v4Prefix, v4Score, v6Hi, v6Lo, v6Prefix, v6Score] = row;
  return {
    domain: name,
    v4Start: copyInto(new Uint32Array(v4Start.byteLength / 4), v4Start),
    v4Prefix: copyInto(new Uint8Array(v4Prefix.byteLength), v4Prefix),
    v4Score: copyInto(new Float64Array(v4Score.byteLength / 8), v4Score),
    v6Hi: copyInto(new BigUint64Array(v6Hi.byteLength / 8), v6Hi),
    v6Lo: copyInto(new BigUint64Array(v6Lo.byteLength / 8), v6Lo),
    v6Prefix: copyInto(new Uint8Array(v6Prefix.byteLength), v6Prefix),
    v6Score: copyInto(new Float64Array(v6Score.byteLength / 8), v6Score),
  };
}

type BuildMeta = Record<string, unknown>;

function readBuildMeta(db: Database.Database): BuildMeta {
  let rows: { key: string; value: string | null }[];
  try {
    rows = db.prepare('SELECT key, value FROM build_meta').all() as typeof rows;
  } catch {
    throw corrupt('it has no build_meta table; is this a sender-model snapshot?');
  }
  const meta: BuildMeta = {};
  for (const { key, value } of rows) meta[key] = value === null ? null : JSON.parse(value);
  if (meta.format !== SENDER_MODEL_FORMAT) {
    throw corrupt(`its format is ${JSON.stringify(meta.format)}, this app reads ${SENDER_MODEL_FORMAT}; re-import the build`);
  }
  if (db.pragma('encoding', { simple: true }) !== 'UTF-8') throw corrupt('its text encoding is not UTF-8');
  if (meta.byteOrder !== BYTE_ORDER) {
    throw corrupt(`it was written on a ${String(meta.byteOrder)}-endian machine; re-import the build here`);
  }
  return meta;
}

function metaCount(meta: BuildMeta, key: string): number {
  const n = meta[key];
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw corrupt(`build_meta.${key} is missing`);
  return n;
}

function bytesOf(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

function copyInto<T extends ArrayBufferView>(target: T, bytes: Uint8Array): T {
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  return target;
}

function corrupt(why: string): Error {
  return new Error(`cannot read the sender-model snapshot: ${why}`);
}

function checkIndexShape(index: SenderModelIndex): void {
  const n = index.domains.length;
  const problems: string[] = [];
  const v4 = index.v4Start.length;
  const v6 = index.v6Hi.length;
  if (index.v4Offsets.length !== n + 1 || index.v6Offsets.length !== n + 1) problems.push('offsets need domains.length + 1 values');
  if (index.v4Prefix.length !== v4 || index.v4Score.length !== v4) problems.push('IPv4 arrays differ in length');
  if (index.v6Lo.length !== v6 || index.v6Prefix.length !== v6 || index.v6Score.length !== v6) problems.push('IPv6 arrays differ in length');
  if (problems.length === 0) {
    if (index.v4Offsets[0] !== 0 || index.v4Offsets[n] !== v4) problems.push('v4Offsets do not span the IPv4 entries');
    if (index.v6Offsets[0] !== 0 || index.v6Offsets[n] !== v6) problems.push('v6Offsets do not span the IPv6 entries');
    for (let d = 0; d < n && problems.length === 0; d++) {
      if (index.v4Offsets[d] > index.v4Offsets[d + 1] || index.v6Offsets[d] > index.v6Offsets[d + 1]) {
        problems.push(`offsets decrease at domain ${d}`);
      }
      if (d > 0 && !(index.domains[d - 1] < index.domains[d])) problems.push(`domains not sorted and unique at ${index.domains[d]}`);
    }
  }
  if (problems.length > 0) throw new Error(`cannot store the sender-model index: ${problems.join('; ')}`);
}
