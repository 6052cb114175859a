// Reputation builds read element by element as they stream (DESIGN §3.2, §3.3): the same
// report from a file and from a body in tiny chunks, entries reaching the snapshot before the
// document has ended, and documents that are not builds (nested too deep, cut short, not JSON)
// failing as a whole with the file, the byte and the reason, leaving nothing behind.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { importReputation } from '../../main/ingest';
import { Workspace } from '../../main/workspace/workspace';
import { MapReputationSink, ReputationBuildReader } from '../../shared/reputation-build';
import { golden, smw, tempDir } from '../support/cli';

let dir: string;
let inputs: string;
beforeEach(() => {
  dir = tempDir();
  inputs = tempDir('smw-inputs-');
});

const write = (name: string, content: string | Buffer) => {
  const file = path.join(inputs, name);
  fs.writeFileSync(file, content);
  return file;
};

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** What a failed import left: the registry and every file of the workspace. */
async function listed(): Promise<unknown[]> {
  return JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots;
}
function files(): string[] {
  return fs.readdirSync(path.join(dir, 'snapshots'));
}

describe('reading a reputation build as it streams', () => {
  it('gives the same report and the same rows from a file and from a body in 7-byte chunks', async () => {
    const file = golden('reputation-1.json');
    const ws = Workspace.open(dir);
    try {
      const fromFile = await importReputation(ws, file, { id: 'from-file', name: 'reputation-1.json', source: 'file' });
      const fromChunks = await importReputation(ws, pieces(fs.readFileSync(file), 7), { id: 'from-chunks', name: 'reputation-1.json', source: 's3' });
      expect({ ...fromChunks, id: 'from-file' }).toEqual(fromFile);
      const rows = (id: string) => {
        const db = new Database(ws.snapshotPath(id), { readonly: true });
        try {
          return db.prepare('SELECT * FROM reputation ORDER BY rowid').all();
        } finally {
          db.close();
        }
      };
      expect(rows('from-chunks')).toEqual(rows('from-file'));
      expect(rows('from-file').length).toBeGreaterThan(0);
    } finally {
      ws.close();
    }
  });

  it('hands each entry on as soon as its element has arrived, before the document ends', () => {
    const sink = new MapReputationSink();
    const reader = new ReputationBuildReader('reputation-1.json', sink);
    const first = `[["a.example", {"1": [0.25, "low_volume"]}], ["b.example", {"2": [0.5]}]`.padEnd(5000, ' ');
    reader.push(new TextEncoder().encode(first));
    expect([...sink.build.keys()]).toEqual(['a.example', 'b.example']);
    reader.push(new TextEncoder().encode(', ["c.example", {"3": [0.75]}]]'));
    expect(reader.end()).toMatchObject({ kept: 3, rejected: 0 });
  });

  it('fails on a document nested too deep with the file, the byte and the reason, without a stack overflow', async () => {
    for (const [name, text] of [
      ['deep-open.json', '['.repeat(200_000)],
      ['deep-closed.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
      ['deep-entry.json', `[["a.example", {"1": [0.2, ${'{"r": '.repeat(150_000)}1${'}'.repeat(150_000)}]}]]`],
    ]) {
      const run = await smw('import', 'reputation', write(name, text), '--data-dir', dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^smw: ${name.replace('.', '\\.')}: not a reputation build: at byte \\d+, nested deeper than 100 levels of arrays and objects; expected an array of \\[domain, \\{org_id: \\[risk, reason, …\\]\\}\\]\\n$`,
          'u',
        ),
      );
    }
    expect(await listed()).toEqual([]);
    expect(files()).toEqual([]);
  });

  it('names the byte where a document stops being JSON, or where it was cut short', async () => {
    const cut = await smw('import', 'reputation', write('reputation-1472029516.15.json', '[["a.example", {"1": [0.2]}], ["b.exa'), '--data-dir', dir);
    expect(cut.stderr).toBe(
      'smw: reputation-1472029516.15.json: not valid JSON at byte 37: the file ends inside a string (is it cut short?); expected an array of [domain, {org_id: [risk, reason, …]}]\n',
    );
    const bad = await smw('import', 'reputation', write('r.json', '[["a.example", {"1": [0.2]}] ["b.example", {}]]'), '--data-dir', dir);
    expect(bad.stderr).toBe(
      "smw: r.json: not valid JSON at byte 29: '[' where ',' or ']' should be; expected an array of [domain, {org_id: [risk, reason, …]}]\n",
    );
    expect(await listed()).toEqual([]);
    expect(files()).toEqual([]);
  });

  it('ignores a UTF-8 byte-order mark, and imports an empty array with kept 0', async () => {
    const bom = await smw(
      'import',
      'reputation',
      write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[["a.example", {"1": [0.2]}]]')])),
      '--json',
      '--data-dir',
      dir,
    );
    expect(JSON.parse(bom.stdout)).toMatchObject({ id: 'bom', kept: 1, rejected: 0 });
    const empty = await smw('import', 'reputation', write('nothing.json', '[]\n'), '--json', '--data-dir', dir);
    expect(JSON.parse(empty.stdout)).toEqual({ id: 'nothing', kind: 'reputation', kept: 0, skipped: 0, rejected: 0, replaced: 0, problems: [] });
  });

  it('reports invalid UTF-8 inside an entry by its position and reads the rest', async () => {
    const bytes = Buffer.concat([Buffer.from('[["a.example", {"1": [0.2, "caf'), Buffer.from([0xe9]), Buffer.from('"]}]]')]);
    const run = await smw('import', 'reputation', write('utf8.json', bytes), '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kept: 1,
      problems: [
        {
          row: 1,
          field: '(entry)',
          value: '["a.example", {"1": [0.2, "caf\ufffd"]}]',
          reason: 'not valid UTF-8 at byte 31; read with U+FFFD in place of the bad bytes',
        },
      ],
    });
  });

  it('quotes at most 100 characters of a bad entry', async () => {
    const run = await smw(
      'import',
      'reputation',
      write('long.json', JSON.stringify([['not a domain '.repeat(500), { '1': [0.1] }]])),
      '--json',
      '--data-dir',
      dir,
    );
    const [problem] = JSON.parse(run.stdout).problems;
    expect(problem).toMatchObject({ row: 1, field: 'domain', reason: 'not a valid domain; entry dropped' });
    expect(problem.value).toHaveLength(100);
    expect(problem.value.endsWith('…')).toBe(true);
  });
});
