import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotNotFoundError } from '../../main/workspace/errors';
import { Workspace } from '../../main/workspace/workspace';
import type { SnapshotKind } from '../../shared/types';
import { steppingClock, tempDir } from './temp-dir';

function add(ws: Workspace, kind: SnapshotKind, id: string, extra: { demo?: boolean; version?: string; threshold?: number } = {}) {
  const writer = ws.createSnapshot(kind, id, { source: `/data/${id}`, demo: extra.demo });
  writer.db.exec('CREATE TABLE t (x INTEGER) STRICT');
  return writer.commit({ rows: 3, version: extra.version, threshold: extra.threshold });
}

describe('Workspace.open', () => {
  it('creates the folder, snapshots/ and workspace.db in WAL mode', () => {
    const dir = path.join(tempDir('open'), 'nested', 'workspace');
    const ws = Workspace.open(dir);
    expect(fs.existsSync(path.join(dir, 'workspace.db'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'snapshots')).isDirectory()).toBe(true);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.list()).toEqual([]);
    ws.close();
  });

  it('opens the same workspace again with what was stored', () => {
    const dir = tempDir('open');
    const ws = Workspace.open(dir, { now: steppingClock() });
    add(ws, 'feedback', 'fb');
    ws.close();
    const again = Workspace.open(dir);
    expect(again.list().map((s) => s.id)).toEqual(['fb']);
    again.close();
  });
});

describe('Workspace snapshots', () => {
  it('lists snapshots oldest first, with the fields of `list --json`, optional ones only when set', () => {
    const ws = Workspace.open(tempDir('list'), { now: steppingClock() });
    add(ws, 'sender-model', 'sm-1', { version: '2016-08-22', threshold: 0.3 });
    add(ws, 'feedback', 'feedback-20260301T100001Z');
    add(ws, 'reputation', 'rep-1', { demo: true });
    const list = ws.list();
    expect(list.map((s) => s.id)).toEqual(['sm-1', 'feedback-20260301T100001Z', 'rep-1']);
    expect(Object.keys(list[0])).toEqual(['id', 'kind', 'source', 'createdAt', 'rows', 'bytes', 'version', 'threshold']);
    expect(list[1]).toEqual({
      id: 'feedback-20260301T100001Z',
      kind: 'feedback',
      source: '/data/feedback-20260301T100001Z',
      createdAt: '2026-03-01T10:00:01.000Z',
      rows: 3,
      bytes: fs.statSync(ws.snapshotPath('feedback-20260301T100001Z')).size,
    });
    expect(list[2].demo).toBe(true);
    expect(list[0].bytes).toBeGreaterThan(0);
    ws.close();
  });

  it('orders snapshots created at the same moment by id', () => {
    const ws = Workspace.open(tempDir('list'), { now: () => new Date('2026-03-01T10:00:00.000Z') });
    add(ws, 'sender-model', 'b');
    add(ws, 'sender-model', 'a');
    expect(ws.list().map((s) => s.id)).toEqual(['a', 'b']);
    ws.close();
  });

  it('finds a snapshot by id ignoring case, and reports the id as it was written', () => {
    const ws = Workspace.open(tempDir('get'), { now: steppingClock() });
    add(ws, 'sender-model', 'SenderModels-1');
    expect(ws.get('sendermodels-1')?.id).toBe('SenderModels-1');
    expect(ws.has('SENDERMODELS-1')).toBe(true);
    expect(ws.get('nope')).toBeUndefined();
    expect(ws.has('nope')).toBe(false);
    ws.close();
  });

  it('latest(kind) is the snapshot of that kind created last (the default --feedback)', () => {
    const ws = Workspace.open(tempDir('latest'), { now: steppingClock() });
    add(ws, 'feedback', 'fb-old');
    add(ws, 'sender-model', 'sm');
    add(ws, 'feedback', 'fb-new');
    expect(ws.latest('feedback')?.id).toBe('fb-new');
    expect(ws.latest('sender-model')?.id).toBe('sm');
    expect(ws.latest('reputation')).toBeUndefined();
    ws.close();
  });

  it('delete removes the registry row and the file', () => {
    const ws = Workspace.open(tempDir('delete'), { now: steppingClock() });
    add(ws, 'sender-model', 'sm');
    const file = ws.snapshotPath('sm');
    ws.delete('SM');
    expect(ws.has('sm')).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    ws.close();
  });

  it('says which id is missing and how to see the ids there are', () => {
    const ws = Workspace.open(tempDir('delete'));
    expect(() => ws.delete('nope')).toThrow("no snapshot 'nope' in this workspace; 'smw list' shows the snapshots there are");
    expect(() => ws.snapshotPath('nope')).toThrow(SnapshotNotFoundError);
    ws.close();
  });

  it('opens a snapshot read-only for the analysis', () => {
    const ws = Workspace.open(tempDir('read'), { now: steppingClock() });
    add(ws, 'sender-model', 'sm');
    const db = ws.openSnapshot('sm');
    expect(db.readonly).toBe(true);
    expect(() => db.exec('INSERT INTO t VALUES (1)')).toThrow(/readonly/);
    db.close();
    ws.close();
  });

  it('says which file is missing when a snapshot file was removed behind its back', () => {
    const ws = Workspace.open(tempDir('read'), { now: steppingClock() });
    add(ws, 'sender-model', 'sm');
    fs.rmSync(ws.snapshotPath('sm'));
    expect(() => ws.openSnapshot('sm')).toThrow(/the file of snapshot 'sm' is missing .*delete the snapshot and import or pull it again/);
    ws.close();
  });
});
