// A reputation build in its snapshot: one row per (domain, org), reasons as JSON text, and the
// store's format (snapshots written before it was recorded read as format 1). Entries are
// written as the build is read (ReputationTableSink), so no build is held in memory whole.

import type Database from 'better-sqlite3';
import { normaliseOrg, orgKey } from '../../shared/org';
import type { ReputationBuild, ReputationEntry, ReputationSink } from '../../shared/reputation-build';

/** Bumped when the layout of these tables changes; read refuses what it does not know. */
export const REPUTATION_FORMAT = 'smw-reputation/1';

export function createReputationTable(db: Database.Database): void {
  db.exec(`CREATE TABLE reputation (domain TEXT NOT NULL, org TEXT NOT NULL, risk REAL NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (domain, org)) STRICT`);
  db.exec('CREATE TABLE reputation_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) STRICT');
  db.prepare('INSERT INTO reputation_meta (key, value) VALUES (?, ?)').run('format', REPUTATION_FORMAT);
}

/**
 * Writes each entry as it comes. A (domain, org) seen before is updated in place, so its row
 * keeps the position of its first appearance, as a Map's key does.
 */
export class ReputationTableSink implements ReputationSink {
  /** Rows in the table: distinct (domain, org). */
  rows = 0;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO reputation (domain, org, risk, reasons) VALUES (?, ?, ?, ?)');
    this.update = db.prepare('UPDATE reputation SET risk = ?, reasons = ? WHERE domain = ? AND org = ?');
  }

  put(domain: string, entry: ReputationEntry): boolean {
    const org = JSON.stringify(entry.org);
    const reasons = JSON.stringify(entry.reasons);
    if (this.insert.run(domain, org, entry.risk, reasons).changes === 1) {
      this.rows++;
      return false;
    }
    this.update.run(entry.risk, reasons, domain, org);
    return true;
  }
}

/** A build already in memory (tests). */
export function writeReputationBuild(db: Database.Database, build: ReputationBuild): number {
  createReputationTable(db);
  const sink = new ReputationTableSink(db);
  db.transaction(() => {
    for (const [domain, orgs] of build) for (const entry of orgs.values()) sink.put(domain, entry);
  })();
  return sink.rows;
}

export function readReputationBuild(db: Database.Database): ReputationBuild {
  let format = 'smw-reputation/1';
  try {
    format = (db.prepare("SELECT value FROM reputation_meta WHERE key = 'format'").pluck().get() as string | undefined) ?? format;
  } catch {
    // written before the format was recorded: format 1
  }
  if (format !== REPUTATION_FORMAT)
    throw new Error(`cannot read the reputation snapshot: its format is ${JSON.stringify(format)}, this app reads ${REPUTATION_FORMAT}; re-import the build`);
  const build: ReputationBuild = new Map();
  const select = db.prepare('SELECT domain, org, risk, reasons FROM reputation').raw();
  for (const [domain, orgText, risk, reasons] of select.iterate() as Iterable<[string, string, number, string]>) {
    const org = normaliseOrg(JSON.parse(orgText));
    if (org === null) continue;
    let orgs = build.get(domain);
    if (!orgs) {
      orgs = new Map();
      build.set(domain, orgs);
    }
    orgs.set(orgKey(org), { org, risk, reasons: JSON.parse(reasons) as string[] });
  }
  return build;
}
