// SQLite's own SQL range join (better-sqlite3, in memory): the same tables and the same query
// as the DuckDB peer (RANGE_JOIN_SQL), with an index on model (domain, start_ip) as a user
// would add. SQLite walks the index from the domain's first entry up to the item's end for each
// item, so an item of a 200k-entry domain reads ~100k index rows: on skewed builds the full run
// can take minutes, and the bench then runs a seeded random sample of the items and scales its
// time to all of them (the table says so).

import Database from 'better-sqlite3';
import { RANGE_JOIN_SQL, type PeerInput, type PeerRow, type PeerTiming } from './peer-input';

const ROWS_PER_INSERT = 200;

export interface SqliteOptions {
  /** Run only these IPv4 items (positions in input.itemId), for a budgeted sample. */
  sample?: number[];
}

export interface SqliteSession {
  db: Database.Database;
  loadMs: number;
}

/** Loads the model (not timed against the query) into an in-memory database. */
export function loadSqlite(input: PeerInput): SqliteSession {
  const t = performance.now();
  const db = new Database(':memory:');
  db.exec('CREATE TABLE model (domain TEXT NOT NULL, start_ip INTEGER NOT NULL, end_ip INTEGER NOT NULL, score REAL NOT NULL)');
  const many = db.prepare(`INSERT INTO model VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?)').join(', ')}`);
  const one = db.prepare('INSERT INTO model VALUES (?, ?, ?, ?)');
  const n = input.entryStart.length;
  const { domains, entryDomain, entryStart, entryEnd, entryScore } = input;
  db.transaction(() => {
    const args: Array<string | number> = new Array(ROWS_PER_INSERT * 4);
    let i = 0;
    for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
      for (let k = 0; k < ROWS_PER_INSERT; k++) {
        const j = i + k;
        args[4 * k] = domains[entryDomain[j]];
        args[4 * k + 1] = entryStart[j];
        args[4 * k + 2] = entryEnd[j];
        args[4 * k + 3] = entryScore[j];
      }
      many.run(args);
    }
    for (; i < n; i++) one.run(domains[entryDomain[i]], entryStart[i], entryEnd[i], entryScore[i]);
  })();
  db.exec('CREATE INDEX model_domain_start ON model (domain, start_ip)');
  db.exec('CREATE TABLE feedback (item INTEGER PRIMARY KEY, domain TEXT NOT NULL, start_ip INTEGER NOT NULL, end_ip INTEGER NOT NULL)');
  db.exec('ANALYZE');
  return { db, loadMs: Math.round(performance.now() - t) };
}

/** Runs the range join over the given items (all IPv4 items by default); times the query only. */
export function sqliteJoin(session: SqliteSession, input: PeerInput, options: SqliteOptions = {}): PeerTiming {
  const { db } = session;
  const positions = options.sample ?? Array.from({ length: input.itemId.length }, (_, k) => k);
  db.exec('DELETE FROM feedback');
  const insert = db.prepare('INSERT INTO feedback VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const k of positions) insert.run(input.itemId[k], input.itemDomain[k], input.itemStart[k], input.itemEnd[k]);
  })();
  const query = db.prepare(RANGE_JOIN_SQL).raw();
  const t = performance.now();
  const raw = query.all() as Array<[number, number, number | null, number | null, number | null]>;
  const queryMs = performance.now() - t;
  const rows: PeerRow[] = raw.map(([item, count, min, mean, max]) => ({ item, count, min, mean, max }));
  return {
    peer: 'sqlite',
    loadMs: session.loadMs,
    queryMs: Math.round(queryMs * 10) / 10,
    itemsRun: positions.length,
    itemsAll: input.itemId.length,
    fullMs: Math.round(((queryMs * input.itemId.length) / Math.max(1, positions.length)) * 10) / 10,
    rows,
  };
}

/** SQLite's plan for the join, to show that it uses the index. */
export function sqlitePlan(session: SqliteSession): string {
  const rows = session.db.prepare(`EXPLAIN QUERY PLAN ${RANGE_JOIN_SQL}`).all() as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('; ');
}
