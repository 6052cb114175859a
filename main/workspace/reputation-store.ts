// A reputation build in its snapshot: one row per (domain, org), reasons as JSON text, and the
// store's format (snapshots written before it was recorded read as format 1).

import type Database from 'better-sqlite3';
import { normaliseOrg, orgKey } from '../../shared/org';
import type { ReputationBuild } from '../../shared/reputation-build';

/** Bumped when the layout of these tables changes; read refuses what it does not know. */
export const REPUTATION_FORMAT = 'smw-reputation/1';

export function writeReputationBuild(db: Database.Database, build: ReputationBuild): number {
  db.exec(`CREATE TABLE reputation (domain TEXT NOT NULL, org TEXT NOT NULL, risk REAL NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (domain, org)) STRICT`);
  db.exec('CREATE TABLE reputation_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) STRICT');
  db.prepare('INSERT INTO reputation_meta (key, value) VALUES (?, ?)').run('format', REPUTATION_FORMAT);
  const insert = db.prepare('INSERT INTO reputation (domain, org, risk, reasons) VALUES (?, ?, ?, ?)');
  let rows = 0;
  db.transaction(() => {
    for (const [domain, orgs] of build) {
      for (const entry of orgs.values()) {
        insert.run(domain, JSON.stringify(entry.org), entry.risk, JSON.stringify(entry.reasons));
        rows++;
      }
    }
  })();
  return rows;
}

export function readReputationBuild(db: Database.Database): ReputationBuild {
  let format = 'smw-reputation/1';
  try {
    format = (db.prepare("SELECT value FROM reputation_meta WHERE key = 'format'").pluck().get() as string | undefined) ?? format;
  } catch {
    // written before the format was recorded: format 1
  }
  if (format !== REPUTATION_FORMAT) throw new Error(`cannot read the reputation snapshot: its format is ${JSON.stringify(format)}, this app reads ${REPUTATION_FORMAT}; re-import the build`);
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
