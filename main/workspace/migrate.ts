// Brings workspace.db to the latest schema: pending migrations run in ONE transaction and
// `PRAGMA user_version` is set at its end, so a failure (or a crash) leaves the database as
// it was. An existing database is copied aside first, because a migration bug must never
// cost an analyst their notes.

import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index';

export interface MigrateResult {
  from: number;
  to: number;
  /** The copy made before migrating, or null when there was nothing to keep. */
  backup: string | null;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

/**
 * Migrates `db`, whose file is `dbPath` (where the backup goes beside it).
 * Throws, changing nothing, when the database is newer than this app.
 */
export function migrate(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => Date = () => new Date(),
): MigrateResult {
  checkMigrationList(migrations);
  const latest = latestVersion(migrations);
  const from = userVersion(db);
  if (from > latest) {
    throw new Error(
      `${dbPath} is workspace version ${from}, but this version of the app knows versions up to ${latest}; ` +
        'use a newer version of the app (nothing was changed)',
    );
  }
  if (from === latest) return { from, to: latest, backup: null };

  const backup = isEmptyDatabase(db) ? null : backupBeforeMigrating(db, dbPath, from, now());

  // IMMEDIATE takes the write lock up front; the version is read again under it because
  // another process (the CLI beside the app) may have migrated in the meantime.
  db.transaction(() => {
    const current = userVersion(db);
    if (current >= latest) return;
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      try {
        migration.up(db);
      } catch (err) {
        throw new Error(
          `migrating ${dbPath} to version ${migration.version} (${migration.name}) failed: ${(err as Error).message}; ` +
            `nothing was changed${backup ? `, and a copy is at ${backup}` : ''}`,
          { cause: err },
        );
      }
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();

  return { from, to: latest, backup };
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function isEmptyDatabase(db: Database.Database): boolean {
  if (userVersion(db) !== 0) return false;
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  return row.n === 0;
}

/**
 * `workspace.db.bak-v<old>-<timestamp>` beside the database. VACUUM INTO makes a consistent
 * copy even in WAL mode and while other connections read, unlike a plain file copy.
 */
function backupBeforeMigrating(db: Database.Database, dbPath: string, from: number, now: Date): string {
  const stamp = `${now.toISOString().slice(0, 19).replace(/[-:]/gu, '')}Z`;
  let target = `${dbPath}.bak-v${from}-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${dbPath}.bak-v${from}-${stamp}-${n}`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`workspace migrations must be numbered 1, 2, 3…; found version ${m.version} at position ${i + 1}`);
    }
  });
}
