import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, userVersion } from '../../main/workspace/migrate';
import { MIGRATIONS, type Migration } from '../../main/workspace/migrations/index';
import { Workspace } from '../../main/workspace/workspace';
import { tempDir } from './temp-dir';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const clock = () => NOW;

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

/** A workspace.db as version 1 of the app left it, with a snapshot, a note and a setting. */
function makeV1Database(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, file, MIGRATIONS.slice(0, 1), clock);
  db.prepare(
    `INSERT INTO snapshots (id, id_folded, kind, source, created_at, "rows", bytes, version, threshold, file, demo, meta)
     VALUES ('sm-1', 'sm-1', 'sender-model', 'sm-1.avro', '2026-01-01T00:00:00.000Z', 10, 4096, 'v1', 0.3, 'sm-1.1.sqlite', 0, '{}')`,
  ).run();
  db.prepare(
    `INSERT INTO notes (org, domain, cidr, scope, text, status, tags, noted, created_at, updated_at)
     VALUES ('54', 'example.com', '', 'domain', 'PTR neighbourhood bug', 'open', '["ptr"]', NULL, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`,
  ).run();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('defaultCutoff', '0.25')`).run();
  db.close();
}

describe('migration 001 (snapshots, notes and settings)', () => {
  it('turns an empty database into version 1 with STRICT tables, and makes no backup of nothing', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    const db = new Database(file);
    const result = migrate(db, file, MIGRATIONS.slice(0, 1), clock);
    expect(result).toEqual({ from: 0, to: 1, backup: null });
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['notes', 'settings', 'snapshots']);
    for (const name of tables(db)) {
      expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).pluck().get(name)).toBe(1);
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('.bak-'))).toEqual([]);
    db.close();
  });

  it('enforces the domain rules: kinds, statuses, and a CIDR only with a domain', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 1), clock);
    expect(() =>
      db.prepare(`INSERT INTO snapshots (id, id_folded, kind, source, created_at, "rows", bytes, file) VALUES ('a','a','model','s','t',0,0,'f')`).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO notes (org, cidr, scope, text, status, created_at, updated_at) VALUES ('1','10.0.0.0/8','finding','','open','t','t')`).run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO notes (org, scope, text, status, created_at, updated_at) VALUES ('1','org','','done','t','t')`).run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});

describe('migration 002 (index snapshots by kind)', () => {
  it('brings a version 1 database with data to the latest version, keeping every row', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    makeV1Database(file);

    const db = new Database(file);
    const result = migrate(db, file, MIGRATIONS, clock);
    expect(result.from).toBe(1);
    expect(result.to).toBe(latestVersion());
    expect(userVersion(db)).toBe(latestVersion());
    expect(db.prepare('SELECT id, version, threshold FROM snapshots').all()).toEqual([{ id: 'sm-1', version: 'v1', threshold: 0.3 }]);
    expect(db.prepare('SELECT org, domain, text, tags FROM notes').all()).toEqual([
      { org: '54', domain: 'example.com', text: 'PTR neighbourhood bug', tags: '["ptr"]' },
    ]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('defaultCutoff')).toBe('0.25');
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'snapshots_by_kind'").pluck().get()).toBe('snapshots_by_kind');
    db.close();
  });

  it('first copies the version 1 database to workspace.db.bak-v1-<timestamp>, a complete readable copy', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    makeV1Database(file);

    const db = new Database(file);
    const { backup } = migrate(db, file, MIGRATIONS, clock);
    db.close();
    expect(backup).toBe(path.join(dir, 'workspace.db.bak-v1-20260301T100000Z'));
    const copy = new Database(backup!, { readonly: true });
    expect(userVersion(copy)).toBe(1);
    expect(copy.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
    expect(copy.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    copy.close();
  });
});

describe('migration 003 (context snapshots)', () => {
  it('lets the registry hold context snapshots, keeping every row, its rowid order and the index', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    makeV1Database(file);
    const v2 = new Database(file);
    migrate(v2, file, MIGRATIONS.slice(0, 2), clock);
    const insert = (id: string, kind: string) =>
      v2
        .prepare(
          `INSERT INTO snapshots (id, id_folded, kind, source, created_at, "rows", bytes, file) VALUES (?, ?, ?, 's', '2026-01-01T00:00:00.000Z', 0, 0, ?)`,
        )
        .run(id, id, kind, `${id}.1.sqlite`);
    insert('fb-1', 'feedback');
    expect(() => insert('ctx-early', 'context')).toThrow(/CHECK/);
    const before = v2.prepare('SELECT rowid, * FROM snapshots ORDER BY rowid').all();
    v2.close();

    const db = new Database(file);
    expect(migrate(db, file, MIGRATIONS.slice(0, 3), clock)).toMatchObject({ from: 2, to: 3 });
    expect(db.prepare('SELECT rowid, * FROM snapshots ORDER BY rowid').all()).toEqual(before);
    db.prepare(
      `INSERT INTO snapshots (id, id_folded, kind, source, created_at, "rows", bytes, file) VALUES ('ctx-1', 'ctx-1', 'context', 'dns://system', 't', 0, 0, 'ctx-1.1.sqlite')`,
    ).run();
    expect(() =>
      db
        .prepare(`INSERT INTO snapshots (id, id_folded, kind, source, created_at, "rows", bytes, file) VALUES ('x', 'x', 'dns', 's', 't', 0, 0, 'x.1.sqlite')`)
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'snapshots_by_kind'").pluck().get()).toBe('snapshots_by_kind');
    expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'snapshots'`).pluck().get()).toBe(1);
    db.close();
  });
});

describe('migrate', () => {
  it('does nothing, and makes no backup, when the database is current', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    const db = new Database(file);
    migrate(db, file, MIGRATIONS, clock);
    expect(migrate(db, file, MIGRATIONS, clock)).toEqual({ from: latestVersion(), to: latestVersion(), backup: null });
    db.close();
  });

  it('refuses a database written by a newer app, changing nothing', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, 'workspace.db', MIGRATIONS, clock)).toThrow(
      new RegExp(`version 99.*knows versions up to ${latestVersion()}.*use a newer version`),
    );
    expect(userVersion(db)).toBe(99);
    db.close();
  });

  it('rolls every step back when one migration fails, leaving version and schema as they were', () => {
    const dir = tempDir('mig');
    const file = path.join(dir, 'workspace.db');
    makeV1Database(file);
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('disk says no');
      },
    };
    const db = new Database(file);
    expect(() => migrate(db, file, [...MIGRATIONS, broken], clock)).toThrow(
      new RegExp(`to version ${latestVersion() + 1} \\(broken\\) failed: disk says no; nothing was changed, and a copy is at .*bak-v1-`),
    );
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'snapshots_by_kind'").pluck().get()).toBe(0);
    db.close();
  });

  it('is what Workspace.open runs: an old workspace opens migrated, with its notes', () => {
    const dir = tempDir('mig');
    makeV1Database(path.join(dir, 'workspace.db'));
    fs.mkdirSync(path.join(dir, 'snapshots'));
    fs.writeFileSync(path.join(dir, 'snapshots', 'sm-1.1.sqlite'), '');
    const ws = Workspace.open(dir, { now: () => NOW });
    expect(ws.migration.from).toBe(1);
    expect(ws.migration.backup).toMatch(/workspace\.db\.bak-v1-20260301T100000Z$/);
    expect(ws.listNotes().map((n) => n.text)).toEqual(['PTR neighbourhood bug']);
    expect(ws.list().map((s) => s.id)).toEqual(['sm-1']);
    ws.close();
  });
});
