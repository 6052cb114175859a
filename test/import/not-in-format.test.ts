// Files that are not in their format at all (DESIGN §3.3): empty, another format's signature,
// UTF-16, NUL bytes, or nothing that parses. Each import fails as a whole with one line that
// names the file and says what it looks like, and registers nothing: the feedback pull and the
// builds that were there stay the defaults. A well-formed file with nothing usable imports
// with kept 0. Rows nested too deep are rejected like any bad row, and invalid UTF-8 reported.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeSenderModelAvro } from '../../main/avro-writer/index';
import { importFeedbackRows } from '../../main/ingest';
import { Workspace } from '../../main/workspace/workspace';
import { Rng } from '../bench/prng';
import { golden, smw, tempDir } from '../support/cli';

let dir: string;
let inputs: string;
beforeEach(async () => {
  dir = tempDir();
  inputs = tempDir('smw-inputs-');
  // What was there before: a build and a feedback pull, the default --feedback.
  for (const [kind, file, id] of [
    ['sender-model', 'sendermodels-1.avro', 'build'],
    ['reputation', 'reputation-1.json', 'rep'],
    ['feedback', 'feedback.jsonl', 'feedback-before'],
  ]) {
    expect((await smw('import', kind, golden(file), '--id', id, '--data-dir', dir)).code).toBe(0);
  }
});

const write = (name: string, content: string | Buffer) => {
  const file = path.join(inputs, name);
  fs.writeFileSync(file, content);
  return file;
};

function randomBytes(n: number, seed: number): Buffer {
  const rng = new Rng(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

// The demo's sources: real-sized files in their format, made not so below.
const feedbackText = fs.readFileSync(path.resolve('snapshots/feedback.jsonl'), 'utf8');
const reputationText = fs.readFileSync(path.resolve('snapshots/reputation-1472029516.15.json'), 'utf8');

function withNulAt(text: string, at: number): Buffer {
  const bytes = Buffer.from(text);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
}

/** What is not in the format, and what the message must call it. */
function junk(text: string): Array<[string, Buffer, RegExp]> {
  return [
    ['empty', Buffer.alloc(0), /^it is empty$/u],
    ['blank', Buffer.from('\n  \n\t\r\n'), /^it is empty \(only (blank lines|whitespace)\)$/u],
    ['random', randomBytes(200 * 1024, 42), /^it is binary \(a NUL byte at byte \d+\)$/u],
    ['avro', fs.readFileSync(golden('sendermodels-1.avro')), /^it is an Avro file$/u],
    ['utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), /^it is UTF-16 text$/u],
    ['utf16-no-bom', Buffer.from(text, 'utf16le'), /^it is UTF-16 text$/u],
    ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), /^it is UTF-16 text$/u],
    ['gzip', zlib.gzipSync(text), /^it is gzip-compressed data$/u],
    ['nul-later', withNulAt(text, 60_000), /^it is binary \(a NUL byte at byte 60000\)$/u],
  ];
}

async function expectNothingRegistered(): Promise<void> {
  const list = JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout);
  expect(list.snapshots.map((s: { id: string }) => s.id)).toEqual(['build', 'rep', 'feedback-before']);
  expect(fs.readdirSync(path.join(dir, 'snapshots')).filter((f) => !/^(build|rep|feedback-before)\.1\.sqlite$/u.test(f))).toEqual([]);
  // The default feedback pull is still the one before.
  const findings = JSON.parse((await smw('findings', '--build', 'build', '--json', '--data-dir', dir)).stdout);
  expect(findings.feedback).toBe('feedback-before');
}

describe('a feedback file that is not JSON Lines at all', () => {
  it.each(junk(feedbackText))('%s: fails as a whole, says what it is, registers nothing', async (label, bytes, what) => {
    const run = await smw('import', 'feedback', write(`${label}.jsonl`, bytes), '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const [line, ...rest] = run.stderr.split('\n');
    expect(rest).toEqual(['']);
    const prefix = `smw: ${label}.jsonl: not a feedback file (JSON Lines): `;
    expect(line.startsWith(prefix)).toBe(true);
    expect(line.slice(prefix.length)).toMatch(what);
    await expectNothingRegistered();
  });

  it('text with no line of JSON fails, quoting at most 40 characters of it', async () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n'.repeat(50);
    const run = await smw('import', 'feedback', write('passwd', passwd), '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'smw: passwd: not a feedback file (JSON Lines): it is text, but no line of it is JSON (it starts with "root:x:0:0:root:/root:/bin/bash")\n',
    );
    await expectNothingRegistered();
  });

  it('a UTF-8 byte-order mark is ignored', async () => {
    const run = await smw(
      'import',
      'feedback',
      write('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(golden('feedback.jsonl'))])),
      '--json',
      '--data-dir',
      dir,
    );
    const plain = await smw('import', 'feedback', golden('feedback.jsonl'), '--id', 'plain', '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    expect({ ...JSON.parse(run.stdout), id: 'plain' }).toEqual(JSON.parse(plain.stdout));
  });

  it('a well-formed file with nothing usable imports with kept 0', async () => {
    const rows = [
      '{"id": 1, "suggestion_type": "other"}',
      '{"id": 2, "suggestion_type": "authenticity", "suggestion": {"input_type": "domain_list"}}',
      '[1, 2]',
    ].join('\n');
    const run = await smw('import', 'feedback', write('useless.jsonl', rows), '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'useless', kept: 0, skipped: 2, rejected: 1 });
  });
});

describe('a reputation build that is not JSON at all', () => {
  it.each(junk(reputationText))('%s: fails as a whole, says what it is, registers nothing', async (label, bytes, what) => {
    const run = await smw('import', 'reputation', write(`${label}.json`, bytes), '--data-dir', dir);
    expect(run.code).toBe(1);
    const [line, ...rest] = run.stderr.split('\n');
    expect(rest).toEqual(['']);
    const prefix = `smw: ${label}.json: not a reputation build: `;
    expect(line.startsWith(prefix)).toBe(true);
    expect(line.slice(prefix.length)).toMatch(what);
    await expectNothingRegistered();
  });
});

describe('rows nested too deep and invalid UTF-8 in feedback', () => {
  const row = (id: number, extra = '') =>
    `{"id": ${id}, "suggestion_type": "authenticity", "organization_id": 7, "comments": "c", "suggestion": {"input_type": "ip_list", "matches": [{"field": "domain", "value": ["a${id}.example"]}, {"field": "ip", "value": ["192.0.2.${id}"]}]}${extra}}`;

  it('a line nested too deep is rejected like any bad row, and the others are kept', async () => {
    const deep = `, "context": ${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const run = await smw('import', 'feedback', write('deep.jsonl', [row(1), row(2, deep), row(3)].join('\n')), '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ kept: 2, rejected: 1 });
    expect(report.problems).toEqual([{ line: 2, field: '(line)', value: expect.any(String), reason: 'nested deeper than 100 levels; line dropped' }]);
    expect(report.problems[0].value.length).toBeLessThanOrEqual(100);
  });

  it('a suggestion nested too deep as JSON text, or as an object from a table, is rejected like any bad row', async () => {
    const deepText = `{"input_type": "ip_list", "matches": ${'['.repeat(150_000)}${']'.repeat(150_000)}}`;
    let deepObject: unknown = 1;
    for (let i = 0; i < 150_000; i++) deepObject = [deepObject];
    const good = JSON.parse(row(1)) as Record<string, unknown>;
    const ws = Workspace.open(dir);
    try {
      async function* rows() {
        yield good;
        yield { ...good, id: 2, suggestion: deepText };
        yield { ...good, id: 3, context: deepObject };
      }
      const report = await importFeedbackRows(ws, rows(), { id: 'from-table', name: 'user_response', source: 'postgres://test' });
      expect(report).toMatchObject({ kept: 1, rejected: 2 });
      expect(report.problems.map((p) => [p.row, p.field, p.reason, p.value.length <= 100])).toEqual([
        [2, 'suggestion', 'nested deeper than 100 levels; row dropped', true],
        [3, 'context', 'nested deeper than 100 levels; row dropped', true],
      ]);
    } finally {
      ws.close();
    }
  });

  it('invalid UTF-8 in a comment is stored as U+FFFD and reported with its byte', async () => {
    const line = Buffer.from(row(1).replace('"comments": "c"', '"comments": "caf\u0000"'));
    line[line.indexOf(0)] = 0xe9; // Latin-1 é: not UTF-8
    const run = await smw('import', 'feedback', write('latin1.jsonl', line), '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kept: 1,
      rejected: 0,
      problems: [
        {
          row: 1,
          field: 'comments',
          value: 'caf\ufffd',
          reason: `not valid UTF-8 at byte ${line.indexOf(0xe9)}; stored with U+FFFD in place of the bad bytes`,
        },
      ],
    });
    expect(run.stderr).toBe(
      `latin1.jsonl: row 1: comments "caf\ufffd": not valid UTF-8 at byte ${line.indexOf(0xe9)}; stored with U+FFFD in place of the bad bytes\n`,
    );
  });

  it('quotes at most 100 characters of a bad line or value', async () => {
    const long = `{not json ${'x'.repeat(10_000)}`;
    const badIp = row(1).replace('"192.0.2.1"', `"${'9'.repeat(5000)}"`);
    const run = await smw('import', 'feedback', write('long.jsonl', [long, badIp, row(2)].join('\n')), '--json', '--data-dir', dir);
    const report = JSON.parse(run.stdout);
    expect(report.problems.map((p: { value: string }) => p.value.length)).toEqual([100, 100]);
    for (const line of run.stderr.trim().split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('quotes at most 100 characters of a bad domain or address in a sender-model build too', async () => {
    const file = path.join(inputs, 'sendermodels-long.avro');
    writeSenderModelAvro(file, {
      layout: 'rows',
      codec: 'null',
      version: 'v1',
      threshold: 0.3,
      models: [
        { domain: 'not a domain '.repeat(100), cidrs: [{ cidr: '10.0.0.1', score: 0.5 }] },
        {
          domain: 'ok.example',
          cidrs: [
            { cidr: '9'.repeat(500), score: 0.5 },
            { cidr: '10.0.0.2', score: 0.5 },
          ],
        },
      ],
    });
    const run = await smw('import', 'sender-model', file, '--json', '--data-dir', dir);
    const report = JSON.parse(run.stdout);
    expect(report.kept).toBe(1);
    expect(report.problems.map((p: { value: string }) => p.value.length)).toEqual([100, 100]);
  });

  it('names a row by its id on one line, whatever the id holds', async () => {
    const id = `two\nlines ${'and long '.repeat(30)}`;
    const run = await smw(
      'import',
      'feedback',
      write('ids.jsonl', JSON.stringify({ id, suggestion_type: 'reputation', organization_id: 1, suggestion: '{"label": "trusted"}' })),
      '--json',
      '--data-dir',
      dir,
    );
    const [problem] = JSON.parse(run.stdout).problems;
    expect(problem.row).toHaveLength(100);
    expect(run.stderr.split('\n')).toEqual([`ids.jsonl: row ${JSON.stringify(problem.row)}: suggestion.matches.domain "": no domain; row dropped`, '']);
  });
});
