import { describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { steppingClock, tempDir } from './temp-dir';

function open(): Workspace {
  return Workspace.open(tempDir('notes'), { now: steppingClock() });
}

describe('notes', () => {
  it('are keyed by org, (org, domain) or (org, domain, CIDR), each its own note with its scope', () => {
    const ws = open();
    ws.upsertNote({ org: 54 }, { text: 'org-wide' });
    ws.upsertNote({ org: 54, domain: 'example.com' }, { text: 'domain' });
    ws.upsertNote({ org: 54, domain: 'example.com', cidr: '198.51.100.0/24' }, { text: 'finding' });
    expect(ws.getNote({ org: 54 })).toMatchObject({ scope: 'org', text: 'org-wide' });
    expect(ws.getNote({ org: 54, domain: 'example.com' })).toMatchObject({ scope: 'domain', text: 'domain' });
    expect(ws.getNote({ org: 54, domain: 'example.com', cidr: '198.51.100.0/24' })).toMatchObject({
      scope: 'finding',
      text: 'finding',
      org: 54,
      domain: 'example.com',
      cidr: '198.51.100.0/24',
    });
    expect(ws.getNote({ org: 55 })).toBeUndefined();
    ws.close();
  });

  it('keep createdAt and move updatedAt on every save; fields not given keep their value', () => {
    const ws = open();
    const first = ws.upsertNote({ org: 54, domain: 'example.com' }, { text: 'PTR bug?', tags: ['ptr'], status: 'open' });
    const second = ws.upsertNote({ org: 54, domain: 'example.com' }, { status: 'explained' });
    expect(first.createdAt).toBe('2026-03-01T10:00:00.000Z');
    expect(second).toMatchObject({
      text: 'PTR bug?',
      tags: ['ptr'],
      status: 'explained',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:01.000Z',
    });
    ws.close();
  });

  it('treat an org given as digit text as the number, and a domain in any case as its normal form', () => {
    const ws = open();
    ws.upsertNote({ org: '54', domain: 'Example.COM.' }, { text: 'same note' });
    expect(ws.getNote({ org: 54, domain: 'example.com' })?.text).toBe('same note');
    ws.upsertNote({ org: 'acme' }, { text: 'string org' });
    expect(ws.getNote({ org: 'acme' })).toMatchObject({ org: 'acme' });
    ws.close();
  });

  it('store tags trimmed and once each, and the noted figures of the finding', () => {
    const ws = open();
    const note = ws.upsertNote(
      { org: 1, domain: 'a.example', cidr: '192.0.2.0/24' },
      { text: 'x', tags: [' ptr ', 'ptr', '', 'mailing-list'], noted: { build: 'sm-1', status: 'scored', count: 3, mean: 0.2 } },
    );
    expect(note.tags).toEqual(['ptr', 'mailing-list']);
    expect(note.noted).toEqual({ build: 'sm-1', status: 'scored', count: 3, mean: 0.2 });
    expect(ws.upsertNote({ org: 1, domain: 'a.example', cidr: '192.0.2.0/24' }, { noted: null }).noted).toBeUndefined();
    ws.close();
  });

  it('accept a reputation finding note on (org, domain) when asked for scope "finding"', () => {
    const ws = open();
    expect(ws.upsertNote({ org: 1, domain: 'trusted.example' }, { text: 'x', scope: 'finding' }).scope).toBe('finding');
    ws.close();
  });

  it('refuse what would not make sense, with a clear message', () => {
    const ws = open();
    expect(() => ws.upsertNote({ org: 1, cidr: '10.0.0.0/8' }, { text: 'x' })).toThrow(/needs its domain too/);
    expect(() => ws.upsertNote({ org: 1 }, { text: 'x', status: 'done' as never })).toThrow(
      /status must be one of open, explained, fixed, wont-fix, got 'done'/,
    );
    expect(() => ws.upsertNote({ org: 1, domain: 'a b.example' }, { text: 'x' })).toThrow(/is not a domain/);
    expect(() => ws.upsertNote({ org: 1, domain: 'a.example', cidr: '10.0.0.0/33' }, { text: 'x' })).toThrow(/prefix length/);
    expect(() => ws.upsertNote({ org: 1 }, { text: 'x', scope: 'domain' })).toThrow(/a domain note needs a domain/);
    expect(ws.listNotes()).toEqual([]);
    ws.close();
  });

  it('key notes by the normal forms of the analysis, so they follow their finding', () => {
    const ws = open();
    ws.upsertNote({ org: '54', domain: 'Bücher.Example.', cidr: '184.94.241.97/24' }, { text: 'PTR neighbourhood' });
    expect(ws.getNote({ org: 54, domain: 'xn--bcher-kva.example', cidr: '184.94.241.0/24' })?.text).toBe('PTR neighbourhood');
    ws.upsertNote({ org: 1.5 }, { text: 'a non-integer id is text, as in feedback' });
    expect(ws.getNote({ org: '1.5' })?.org).toBe('1.5');
    ws.close();
  });

  it('list by org (numbers ascending, then strings), then domain, then CIDR (IPv4 before IPv6, by address)', () => {
    const ws = open();
    const keys = [
      { org: 'acme' },
      { org: 100, domain: 'b.example' },
      { org: 9, domain: 'a.example', cidr: '2001:db8::/48' },
      { org: 9, domain: 'a.example', cidr: '10.0.0.0/8' },
      { org: 9, domain: 'a.example', cidr: '9.0.0.0/8' },
      { org: 9, domain: 'a.example' },
      { org: 9 },
      { org: 'Acme' },
    ];
    for (const key of keys) ws.upsertNote(key, { text: '' });
    expect(ws.listNotes().map((n) => [n.org, n.domain ?? '', n.cidr ?? ''])).toEqual([
      [9, '', ''],
      [9, 'a.example', ''],
      [9, 'a.example', '9.0.0.0/8'],
      [9, 'a.example', '10.0.0.0/8'],
      [9, 'a.example', '2001:db8::/48'],
      [100, 'b.example', ''],
      ['Acme', '', ''],
      ['acme', '', ''],
    ]);
    ws.close();
  });

  it('delete one note by its key', () => {
    const ws = open();
    ws.upsertNote({ org: 1, domain: 'a.example' }, { text: 'x' });
    expect(ws.deleteNote({ org: 1, domain: 'a.example' })).toBe(true);
    expect(ws.deleteNote({ org: 1, domain: 'a.example' })).toBe(false);
    expect(ws.listNotes()).toEqual([]);
    ws.close();
  });

  it('survive deleting and replacing the snapshots they were written against', async () => {
    const ws = open();
    await ws.writeSnapshot('sender-model', 'sm', { source: 'sm.avro' }, () => ({ rows: 0 }));
    ws.upsertNote({ org: 54, domain: 'example.com', cidr: '198.51.100.0/24' }, { text: 'kept', noted: { build: 'sm', status: 'scored' } });
    await ws.writeSnapshot('sender-model', 'sm', { source: 'sm.avro', replace: true }, () => ({ rows: 0 }));
    ws.delete('sm');
    expect(ws.listNotes().map((n) => n.text)).toEqual(['kept']);
    ws.close();
  });
});
