// The readers under a seeded mutator (bit flips, bytes overwritten, inserted and cut, runs of
// brackets, ranges repeated or spliced from other files), bounded in count and time: every
// input either imports — a registered snapshot that passes quick_check, each dropped row or
// entry on a line of its own naming the file and its line or row, quoted values at most 100
// characters — or fails with one line that names the file, never a stack trace, a hang or a
// partial snapshot left behind.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { Rng } from '../bench/prng';
import { golden, smw, tempDir } from '../support/cli';

type Kind = 'sender-model' | 'reputation' | 'feedback';

const INPUTS_PER_READER = 160;
/** A reader that has not answered by then has hung. */
const DEADLINE_MS = 20_000;

const fixture = (name: string) => fs.readFileSync(path.resolve('test/fixtures/avro', name));
const seeds: Record<Kind, Buffer[]> = {
  'sender-model': [golden('sendermodels-1.avro'), golden('sendermodels-2.avro')]
    .map((f) => fs.readFileSync(f))
    .concat(['py-build-snappy.avro', 'py-rows-deflate.avro', 'py-rows-null.avro', 'java-rows-snappy.avro', 'java-build-deflate.avro'].map(fixture)),
  reputation: [
    fs.readFileSync(golden('reputation-1.json')),
    fs.readFileSync(golden('reputation-2.json')),
    Buffer.from(
      JSON.stringify([
        ['a.example', { '1': [0.25, 'cousin_domain', { rule: 'popup', at: [1, 2] }] }],
        ['b.example.', { '2': [0.5], x: [1] }],
      ]),
    ),
  ],
  feedback: [fs.readFileSync(golden('feedback.jsonl'))],
};

const TOKENS = ['[', ']', '{', '}', '"', '\\', ',', ':', '\n', '\r\n', '\u0000', '\ufeff', 'null', '1e999', '-', '"\\u12', '\u00e9', 'Obj\u0001'].map((t) =>
  Buffer.from(t, t === 'Obj\u0001' ? 'latin1' : 'utf8'),
);

/** One mutation of `input`, or several stacked; `others` are the other seeds, for splices. */
function mutate(rng: Rng, input: Buffer, others: Buffer[]): Buffer {
  let out = Buffer.from(input);
  const rounds = 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    const at = rng.int(Math.max(1, out.length));
    switch (rng.int(10)) {
      case 9: // one bit in the second half, where a build's entries are: often still readable
        out[Math.floor(out.length / 2) + rng.int(Math.ceil(out.length / 2))] ^= 1 << rng.int(8);
        break;
      case 0: // flip bits
        for (let k = 1 + rng.int(4); k > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
        break;
      case 1: // overwrite a byte with one that matters to a reader
        out[at] = rng.pick([0x00, 0xff, 0x80, 0x7f, 0x5b, 0x7b, 0x22, 0x5c, 0x0a, 0x02, 0x01]);
        break;
      case 2: // insert a token
        out = Buffer.concat([out.subarray(0, at), rng.pick(TOKENS), out.subarray(at)]);
        break;
      case 3: // a run of brackets: nesting as deep as one likes
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(rng.pick(['[', '{"k":', '[{"a":']).repeat(1 + rng.int(rng.chance(0.2) ? 60_000 : 300))),
          out.subarray(at),
        ]);
        break;
      case 4: // cut a range out
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rng.int(64)))]);
        break;
      case 5: // truncate
        out = out.subarray(0, at);
        break;
      case 6: // repeat a range
        {
          const len = 1 + rng.int(128);
          out = Buffer.concat([out.subarray(0, at + len), out.subarray(at, at + len), out.subarray(at + len)]);
        }
        break;
      case 8: // a value nested as deep as one likes, and closed again: valid JSON
        {
          const depth = 1 + rng.int(rng.chance(0.3) ? 60_000 : 300);
          out = Buffer.concat([out.subarray(0, at), Buffer.from(`${'['.repeat(depth)}1${']'.repeat(depth)}`), out.subarray(at)]);
        }
        break;
      case 7: // splice in part of another file, of this or another format
        {
          const other = rng.pick(others);
          const from = rng.int(Math.max(1, other.length));
          out = Buffer.concat([out.subarray(0, at), other.subarray(from, from + 1 + rng.int(256)), out.subarray(at)]);
        }
        break;
    }
  }
  return out;
}

let dataDir: string;
let inputsDir: string;
beforeAll(() => {
  dataDir = tempDir('smw-fuzz-');
  inputsDir = tempDir('smw-fuzz-in-');
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(inputsDir, { recursive: true, force: true });
});

function registered(): Array<{ id: string; file: string }> {
  const ws = Workspace.open(dataDir);
  try {
    return ws.list().map((s) => ({ id: s.id, file: path.basename(ws.snapshotPath(s.id)) }));
  } finally {
    ws.close();
  }
}

describe.each(['sender-model', 'reputation', 'feedback'] as const)('the %s reader under mutated input', (kind) => {
  it(`imports or refuses in one clear line each of ${INPUTS_PER_READER} mutated files, and leaves nothing partial`, async () => {
    const rng = new Rng(kind === 'sender-model' ? 11 : kind === 'reputation' ? 22 : 33);
    const others = Object.values(seeds).flat();
    const ext = kind === 'sender-model' ? 'avro' : kind === 'reputation' ? 'json' : 'jsonl';
    const outcomes = { imported: 0, refused: 0 };
    for (let n = 0; n < INPUTS_PER_READER; n++) {
      const input = mutate(rng, rng.pick(seeds[kind]), others);
      const name = `fuzz-${kind}-${n}.${ext}`;
      const file = path.join(inputsDir, name);
      fs.writeFileSync(file, input);
      const before = registered();
      let timer: NodeJS.Timeout | undefined;
      const run = await Promise.race([
        smw('import', kind, file, '--json', '--data-dir', dataDir),
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`${name} did not finish in ${DEADLINE_MS} ms (kept in ${file})`)), DEADLINE_MS)),
        ),
      ]).finally(() => clearTimeout(timer));
      const context = `${name} (seed input mutated; bytes kept in ${file}):\n${run.stderr}`;
      expect(run.stderr, context).not.toMatch(/\n\s+at /u);
      if (run.code === 0) {
        outcomes.imported++;
        const report = JSON.parse(run.stdout) as { id: string; problems: Array<{ value: string }> };
        for (const p of report.problems) expect(p.value.length, context).toBeLessThanOrEqual(100);
        for (const line of run.stderr.split('\n').filter(Boolean))
          expect(line, context).toMatch(new RegExp(`^${name.replace(/\./gu, '\\.')}: (line \\d+|row (-?\\d+|[\\w.:@+-]+|"([^"\\\\]|\\\\.)*")): `, 'u'));
        const now = registered();
        const added = now.find((s) => s.id === report.id)!;
        expect(
          now.map((s) => s.id),
          context,
        ).toEqual([...before.map((s) => s.id), report.id]);
        const db = new Database(path.join(dataDir, 'snapshots', added.file), { readonly: true });
        try {
          expect(db.pragma('quick_check', { simple: true }), context).toBe('ok');
        } finally {
          db.close();
        }
      } else {
        outcomes.refused++;
        expect(run.code, context).toBe(1);
        expect(run.stdout, context).toBe('');
        expect(run.stderr, context).toMatch(new RegExp(`^smw: ${name.replace(/\./gu, '\\.')}: [^\\n]+\\n$`, 'u'));
        expect(run.stderr, context).not.toMatch(/Maximum call stack|undefined|\[object /u);
        // Nothing partial: the registry as before, and no file beside the registered ones.
        expect(registered(), context).toEqual(before);
        expect(fs.readdirSync(path.join(dataDir, 'snapshots')).sort(), context).toEqual(before.map((s) => s.file).sort());
      }
    }
    console.log(`${kind}: ${outcomes.imported} imported, ${outcomes.refused} refused of ${INPUTS_PER_READER} mutated inputs`);
    // The mutator reaches both sides of the reader.
    expect(outcomes.imported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 120_000);
});
