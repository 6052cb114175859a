import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotExistsError } from '../../main/workspace/errors';
import { Workspace } from '../../main/workspace/workspace';
import { steppingClock, tempDir } from './temp-dir';

function files(ws: Workspace): string[] {
  return fs.readdirSync(ws.snapshotsDir).sort();
}

function openWorkspace(dir = tempDir('writer')): Workspace {
  return Workspace.open(dir, { now: steppingClock() });
}

/** Writes a snapshot holding one table with `value`, as an importer would. */
function writeValue(ws: Workspace, id: string, value: string, replace = false) {
  const writer = ws.createSnapshot('sender-model', id, { replace, source: `${id}.avro` });
  writer.db.exec('CREATE TABLE t (value TEXT) STRICT');
  writer.db.prepare('INSERT INTO t VALUES (?)').run(value);
  return writer;
}

function readValue(ws: Workspace, id: string): string {
  const db = ws.openSnapshot(id);
  try {
    return db.prepare('SELECT value FROM t').pluck().get() as string;
  } finally {
    db.close();
  }
}

/** A pid no process has any more: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('SnapshotWriter', () => {
  it('writes to a temporary file and, on commit, renames it to <safe-id>.1.sqlite and registers it', () => {
    const ws = openWorkspace();
    const writer = writeValue(ws, 'sendermodels-2016-08-22_02:25:57', 'one');
    expect(path.basename(writer.tempPath)).toMatch(/^\.tmp-sendermodels-2016-08-22_02\+25\+57-\d+-[0-9a-f]{12}\.sqlite$/);
    expect(ws.has('sendermodels-2016-08-22_02:25:57')).toBe(false);

    const info = writer.commit({ rows: 1, version: '2016-08-22_02:25:57', threshold: 0.3, meta: { bucket: 'b', key: 'k' } });
    expect(files(ws)).toEqual(['sendermodels-2016-08-22_02+25+57.1.sqlite']);
    expect(info).toEqual({
      id: 'sendermodels-2016-08-22_02:25:57',
      kind: 'sender-model',
      source: 'sendermodels-2016-08-22_02:25:57.avro',
      createdAt: '2026-03-01T10:00:00.000Z',
      rows: 1,
      bytes: fs.statSync(ws.snapshotPath('sendermodels-2016-08-22_02:25:57')).size,
      version: '2016-08-22_02:25:57',
      threshold: 0.3,
    });
    expect(ws.getMeta('sendermodels-2016-08-22_02:25:57')).toEqual({ bucket: 'b', key: 'k' });
    expect(readValue(ws, 'sendermodels-2016-08-22_02:25:57')).toBe('one');
    ws.close();
  });

  it('abort closes and deletes the temporary file, leaving nothing', () => {
    const ws = openWorkspace();
    const writer = writeValue(ws, 'b1', 'one');
    writer.abort();
    writer.abort(); // harmless twice
    expect(files(ws)).toEqual([]);
    expect(ws.list()).toEqual([]);
    expect(() => writer.commit({ rows: 1 })).toThrow(/already aborted/);
    ws.close();
  });

  it('leaves nothing when the importer throws in the middle of writing', async () => {
    const ws = openWorkspace();
    await expect(
      ws.writeSnapshot('reputation', 'rep-1', { source: 'rep-1.json' }, (db) => {
        db.exec('CREATE TABLE t (value TEXT) STRICT');
        db.prepare('INSERT INTO t VALUES (?)').run('half');
        throw new Error('the file ended in the middle of a record');
      }),
    ).rejects.toThrow(/ended in the middle/);
    expect(files(ws)).toEqual([]);
    expect(ws.has('rep-1')).toBe(false);
    ws.close();
  });

  it('keeps importer transactions working: a rolled-back batch is not in the snapshot', async () => {
    const ws = openWorkspace();
    await ws.writeSnapshot('feedback', 'fb', { source: 'fb.jsonl' }, (db) => {
      db.exec('CREATE TABLE t (value TEXT) STRICT');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.transaction(() => insert.run('kept'))();
      expect(() =>
        db.transaction(() => {
          insert.run('rolled back');
          throw new Error('bad batch');
        })(),
      ).toThrow('bad batch');
      return { rows: 1 };
    });
    const db = ws.openSnapshot('fb');
    expect(db.prepare('SELECT value FROM t').pluck().all()).toEqual(['kept']);
    db.close();
    ws.close();
  });

  it('fails up front when the id exists and replace is not set, naming the snapshot and the way out', () => {
    const ws = openWorkspace();
    writeValue(ws, 'sm', 'one').commit({ rows: 1 });
    expect(() => ws.createSnapshot('reputation', 'sm', { source: 'x.json' })).toThrow(
      "snapshot id 'sm' already exists (a sender-model imported 2026-03-01T10:00:00.000Z); use --replace or --id",
    );
    expect(() => ws.createSnapshot('reputation', 'SM', { source: 'x.json' })).toThrow(/'SM' already exists as 'sm' \(ids ignore case\)/);
    expect(() => ws.createSnapshot('reputation', 'SM', { source: 'x.json' })).toThrow(SnapshotExistsError);
    expect(files(ws)).toEqual(['sm.1.sqlite']);
    ws.close();
  });

  it('rejects an invalid id or kind before creating any file', () => {
    const ws = openWorkspace();
    expect(() => ws.createSnapshot('sender-model', 'a b', { source: 's' })).toThrow(/invalid snapshot id 'a b'/);
    expect(() => ws.createSnapshot('model' as never, 'ab', { source: 's' })).toThrow(/unknown snapshot kind 'model'/);
    expect(files(ws)).toEqual([]);
    ws.close();
  });

  it('on replace keeps the old snapshot readable until commit, then moves to a new generation and deletes the old file', () => {
    const ws = openWorkspace();
    writeValue(ws, 'sm', 'old').commit({ rows: 1 });
    const writer = writeValue(ws, 'sm', 'new', true);
    expect(readValue(ws, 'sm')).toBe('old');
    expect(ws.get('sm')?.createdAt).toBe('2026-03-01T10:00:00.000Z');

    writer.commit({ rows: 2 });
    expect(readValue(ws, 'sm')).toBe('new');
    expect(ws.get('sm')?.rows).toBe(2);
    expect(files(ws)).toEqual(['sm.2.sqlite']);
    ws.close();
  });

  it('on replace then abort leaves the old snapshot as it was', () => {
    const ws = openWorkspace();
    writeValue(ws, 'sm', 'old').commit({ rows: 1 });
    writeValue(ws, 'sm', 'new', true).abort();
    expect(readValue(ws, 'sm')).toBe('old');
    expect(files(ws)).toEqual(['sm.1.sqlite']);
    ws.close();
  });

  it('replacing may change the spelling of the id; ids stay unique ignoring case', () => {
    const ws = openWorkspace();
    writeValue(ws, 'Build-A', 'old').commit({ rows: 1 });
    writeValue(ws, 'build-a', 'new', true).commit({ rows: 1 });
    expect(ws.list().map((s) => s.id)).toEqual(['build-a']);
    expect(files(ws)).toEqual(['build-a.2.sqlite']);
    ws.close();
  });

  it('refuses at commit when another process took the id meanwhile, leaving its snapshot and no file of ours', () => {
    const dir = tempDir('writer');
    const ours = openWorkspace(dir);
    const theirs = openWorkspace(dir);
    const writer = writeValue(ours, 'sm', 'ours');
    writeValue(theirs, 'sm', 'theirs').commit({ rows: 1 });
    expect(() => writer.commit({ rows: 1 })).toThrow(/'sm' already exists/);
    expect(readValue(ours, 'sm')).toBe('theirs');
    expect(files(ours)).toEqual(['sm.1.sqlite']);
    ours.close();
    theirs.close();
  });

  it('refuses a commit with impossible figures and leaves nothing', () => {
    const ws = openWorkspace();
    const writer = writeValue(ws, 'sm', 'x');
    expect(() => writer.commit({ rows: -1 })).toThrow(/rows must be a whole number ≥ 0, got -1/);
    expect(files(ws)).toEqual([]);
    expect(ws.has('sm')).toBe(false);
    ws.close();
  });

  it('close() aborts writers still open', () => {
    const dir = tempDir('writer');
    const ws = openWorkspace(dir);
    writeValue(ws, 'sm', 'x');
    ws.close();
    expect(fs.readdirSync(path.join(dir, 'snapshots'))).toEqual([]);
  });

  it('never touches notes or other snapshots', () => {
    const ws = openWorkspace();
    writeValue(ws, 'other', 'kept').commit({ rows: 1 });
    ws.upsertNote({ org: 54, domain: 'example.com' }, { text: 'why' });
    writeValue(ws, 'sm', 'one').commit({ rows: 1 });
    writeValue(ws, 'sm', 'two', true).commit({ rows: 1 });
    ws.delete('sm');
    expect(readValue(ws, 'other')).toBe('kept');
    expect(ws.listNotes().map((n) => n.text)).toEqual(['why']);
    ws.close();
  });
});

describe('crash recovery on open', () => {
  it('removes temporary files left by a killed pull', () => {
    const dir = tempDir('crash');
    openWorkspace(dir).close();
    const snapshots = path.join(dir, 'snapshots');
    const killed = `.tmp-sm-${deadPid()}-0123456789ab.sqlite`;
    fs.writeFileSync(path.join(snapshots, killed), 'partial');
    fs.writeFileSync(path.join(snapshots, `${killed}-journal`), 'partial');
    fs.writeFileSync(path.join(snapshots, '.tmp-no-owner.sqlite'), 'partial');

    const ws = openWorkspace(dir);
    expect(files(ws)).toEqual([]);
    expect([...ws.removedStaleFiles].sort()).toEqual(['.tmp-no-owner.sqlite', killed, `${killed}-journal`].sort());
    ws.close();
  });

  it('keeps the temporary file of a pull that is still running in another workspace handle', () => {
    const dir = tempDir('crash');
    const pulling = openWorkspace(dir);
    const writer = writeValue(pulling, 'sm', 'x');
    const other = openWorkspace(dir);
    expect(fs.existsSync(writer.tempPath)).toBe(true);
    writer.commit({ rows: 1 });
    expect(other.list().map((s) => s.id)).toEqual(['sm']);
    pulling.close();
    other.close();
  });

  it('removes snapshot files no registry row references (a crash between rename and register, or before deleting a replaced file)', () => {
    const dir = tempDir('crash');
    const ws = openWorkspace(dir);
    writeValue(ws, 'sm', 'kept').commit({ rows: 1 });
    ws.close();
    const snapshots = path.join(dir, 'snapshots');
    fs.writeFileSync(path.join(snapshots, 'sm.7.sqlite'), 'replaced, not yet deleted');
    fs.writeFileSync(path.join(snapshots, 'ghost.1.sqlite'), 'renamed, never registered');
    fs.writeFileSync(path.join(snapshots, 'ghost.1.sqlite-wal'), '');
    fs.writeFileSync(path.join(snapshots, 'README.txt'), 'not ours: left alone');

    const reopened = openWorkspace(dir);
    expect(files(reopened)).toEqual(['README.txt', 'sm.1.sqlite']);
    expect(readValue(reopened, 'sm')).toBe('kept');
    reopened.close();
  });
});
