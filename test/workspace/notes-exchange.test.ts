import { describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { steppingClock, tempDir } from './temp-dir';

function open(start?: string): Workspace {
  return Workspace.open(tempDir('notes-x'), { now: steppingClock(start) });
}

function exportFile(notes: object[]): string {
  return JSON.stringify({ format: 'smw-notes', version: 1, exportedAt: '2026-03-02T00:00:00.000Z', notes });
}

const base = { org: 54, domain: 'example.com', cidr: '198.51.100.0/24', scope: 'finding', createdAt: '2026-02-01T00:00:00.000Z' };

describe('notes export as JSON', () => {
  it('writes {"format": "smw-notes", "version": 1, "exportedAt", "notes"} that imports into an empty workspace as it was', () => {
    const mine = open();
    mine.upsertNote({ org: 54 }, { text: 'org', tags: ['infra'] });
    mine.upsertNote({ org: 54, domain: 'example.com', cidr: '198.51.100.0/24' }, { text: 'f', noted: { build: 'b', status: 'scored', mean: 0.2 } });
    const json = mine.exportNotesJson();
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'exportedAt', 'notes']);
    expect(parsed).toMatchObject({ format: 'smw-notes', version: 1, exportedAt: '2026-03-01T10:00:02.000Z' });

    const theirs = open();
    expect(theirs.importNotesJson(json)).toEqual({ added: 2, merged: 0, unchanged: 0 });
    expect(theirs.listNotes()).toEqual(mine.listNotes());
    mine.close();
    theirs.close();
  });
});

describe('notes import', () => {
  it('adds notes whose key is new', () => {
    const ws = open();
    ws.upsertNote({ org: 1 }, { text: 'local' });
    const result = ws.importNotesJson(exportFile([{ ...base, text: 'theirs', status: 'open', tags: [], updatedAt: '2026-02-02T00:00:00.000Z' }]));
    expect(result).toEqual({ added: 1, merged: 0, unchanged: 0 });
    expect(ws.listNotes().map((n) => n.text)).toEqual(['local', 'theirs']);
    ws.close();
  });

  it('for the same key and text unions the tags and keeps the status of the later edit', () => {
    const ws = open('2026-02-10T00:00:00.000Z');
    ws.upsertNote(base, { text: 'PTR bug', status: 'open', tags: ['ptr'] });
    const later = { ...base, text: 'PTR bug', status: 'fixed', tags: ['ptr', 'ep-1822'], updatedAt: '2026-02-20T00:00:00.000Z' };
    expect(ws.importNotesJson(exportFile([later]))).toEqual({ added: 0, merged: 1, unchanged: 0 });
    expect(ws.getNote(base)).toMatchObject({ status: 'fixed', tags: ['ptr', 'ep-1822'], updatedAt: '2026-02-20T00:00:00.000Z' });

    const earlier = { ...later, status: 'wont-fix', tags: ['old'], updatedAt: '2026-01-01T00:00:00.000Z' };
    ws.importNotesJson(exportFile([earlier]));
    expect(ws.getNote(base)).toMatchObject({ status: 'fixed', tags: ['ptr', 'ep-1822', 'old'] });
    ws.close();
  });

  it('for the same key and different text keeps the local text and appends theirs below a marked line', () => {
    const ws = open('2026-02-10T00:00:00.000Z');
    ws.upsertNote(base, { text: 'Mine: mailing list', status: 'explained', tags: ['list'] });
    const theirs = { ...base, text: 'Theirs: forwarder', status: 'fixed', tags: ['fwd'], updatedAt: '2026-02-20T00:00:00.000Z' };
    expect(ws.importNotesJson(exportFile([theirs]))).toEqual({ added: 0, merged: 1, unchanged: 0 });
    expect(ws.getNote(base)).toMatchObject({
      text: 'Mine: mailing list\n\n--- imported 2026-02-20T00:00:00.000Z ---\nTheirs: forwarder',
      status: 'explained',
      tags: ['list', 'fwd'],
    });
    ws.close();
  });

  it('changes nothing when the same file is imported again', () => {
    const ws = open('2026-02-10T00:00:00.000Z');
    ws.upsertNote(base, { text: 'Mine' });
    const file = exportFile([
      { ...base, text: 'Theirs', status: 'open', tags: ['a'], updatedAt: '2026-02-20T00:00:00.000Z' },
      { org: 7, text: 'new', status: 'open', tags: [], createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    expect(ws.importNotesJson(file)).toEqual({ added: 1, merged: 1, unchanged: 0 });
    const after = ws.listNotes();
    expect(ws.importNotesJson(file)).toEqual({ added: 0, merged: 0, unchanged: 2 });
    expect(ws.listNotes()).toEqual(after);
    ws.close();
  });

  it('rejects malformed files with a clear error and changes nothing', () => {
    const ws = open();
    ws.upsertNote({ org: 1 }, { text: 'local' });
    const before = ws.listNotes();
    const good = { ...base, text: 'ok', status: 'open', tags: [], updatedAt: '2026-02-02T00:00:00.000Z' };
    expect(() => ws.importNotesJson('{"format": "smw-notes", ')).toThrow(/not valid JSON.*nothing was imported/);
    expect(() => ws.importNotesJson('{"notes": []}')).toThrow(/not a notes export/);
    expect(() => ws.importNotesJson(JSON.stringify({ format: 'smw-notes', version: 2, notes: [] }))).toThrow(/version 2 is not one this app reads/);
    expect(() => ws.importNotesJson(exportFile([good, { ...good, org: 2, status: 'done' }]))).toThrow(
      /notes\[1\] in the notes file: note status must be one of .* got 'done'; nothing was imported/,
    );
    expect(() => ws.importNotesJson(exportFile([{ ...good, updatedAt: 'yesterday' }]))).toThrow(/updatedAt must be an ISO 8601 date/);
    expect(ws.listNotes()).toEqual(before);
    ws.close();
  });
});
