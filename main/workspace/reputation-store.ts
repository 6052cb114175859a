// A reputation build in its snapshot: one row per (domain, org), reasons as JSON text.

import type Database from 'better-sqlite3';
import { normaliseOrg, orgKey } from '../../shared/org';
import type { ReputationBuild } from '../../shared/reputation-build';

export function writeReputationBuild(db: Database.Database, build: ReputationBuild): number {
  db.exec(`CREATE TABLE reputation (domain TEXT NOT NULL, org TEXT NOT NULL, risk REAL NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (domain, org)) STRICT`);
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
