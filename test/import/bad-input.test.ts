// Bad input: a file that cannot be read as a whole fails and leaves nothing behind; bad rows
// or entries inside a readable file are reported one by one and do not fail the import.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { smw, tempDir } from '../support/cli';

let dir: string;
let inputs: string;
beforeEach(() => {
  dir = tempDir();
  inputs = tempDir('smw-inputs-');
});

const write = (name: string, text: string) => {
  const file = path.join(inputs, name);
  fs.writeFileSync(file, text);
  return file;
};

/** Everything in the workspace folder, to show a failed import changed nothing. */
function workspaceFiles(): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))
    .sort();
}

describe('reputation builds', () => {
  it('fails on a file that is not JSON, naming it, and leaves nothing behind', async () => {
    await smw('list', '--data-dir', dir);
    const before = workspaceFiles();
    const run = await smw('import', 'reputation', write('reputation-1472029516.15.json', '[["a.example", {"1": [0.2]}]'), '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: reputation-1472029516\.15\.json: not valid JSON/);
    expect(workspaceFiles()).toEqual(before);
    expect(JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots).toEqual([]);
  });

  it('refuses an HTML page or an object instead of the array', async () => {
    const html = await smw('import', 'reputation', write('r.json', '<!DOCTYPE html><html>Access denied</html>'), '--data-dir', dir);
    expect(html.stderr).toBe('smw: r.json: not a reputation build: expected a JSON array, but it starts with "<!DOCTYPE html><html>Access denied</html"\n');
    const object = await smw('import', 'reputation', write('o.json', '{"a": 1}'), '--data-dir', dir);
    expect(object.code).toBe(1);
  });

  it('reports bad entries by position and keeps the rest; a repeated (domain, org) replaces', async () => {
    const file = write(
      'reputation-1472029516.15.json',
      JSON.stringify([
        ['ok.example', { '1': [0.25, 'cousin_domain', { rule: 'popup' }] }],
        ['bad risk.example', { '1': [0.5] }],
        ['ok2.example', { '2': ['high'] }],
        'not a pair',
        ['OK.example.', { '1': [0.5] }],
      ]),
    );
    const run = await smw('import', 'reputation', file, '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ id: 'reputation-1472029516.15', kept: 1, rejected: 3, replaced: 1 });
    expect(report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([
      [2, 'domain'],
      [3, 'ok2.example.2'],
      [4, '(entry)'],
    ]);
    const list = JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout);
    expect(list.snapshots[0].version).toBe('2016-08-24T09:05:16.150Z');
  });
});

describe('feedback files', () => {
  it('reports lines that are not JSON objects by line number and imports the rest', async () => {
    const row = (id: number, domain: string, ips: string[]) =>
      JSON.stringify({
        id,
        suggestion: {
          input_type: 'ip_list',
          matches: [
            { field: 'domain', value: [domain] },
            { field: 'ip', value: ips },
          ],
        },
        context: {},
        organization_id: '7',
        comments: 'c',
        suggestion_type: 'authenticity',
      });
    const file = write(
      'fb.jsonl',
      [row(1, 'a.example', ['192.0.2.1']), '{not json', '[1,2]', '', row(2, '', ['192.0.2.2']), row(3, 'b.example', ['10.0.0.0/33', '999.1.1.1'])].join('\n'),
    );
    const run = await smw('import', 'feedback', file, '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.kept).toBe(1);
    expect(report.problems.map((p: { line?: number; row?: number; field: string; value: string }) => [p.line ?? p.row, p.field, p.value])).toEqual([
      [2, '(line)', '{not json'],
      [3, '(line)', '[1,2]'],
      [2, 'suggestion.matches.domain', ''],
      [3, 'suggestion.matches.ip', '10.0.0.0/33'],
      [3, 'suggestion.matches.ip', '999.1.1.1'],
    ]);
    expect(run.stderr).toContain('fb.jsonl: line 2: (line) "{not json": not valid JSON');
    expect(run.stderr).toContain('fb.jsonl: row 3: suggestion.matches.ip "999.1.1.1": not an IPv4 address; entry dropped');
    // Organisation ids given as digit strings are numbers.
    const findings = JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout);
    expect(findings.snapshots[0]).toMatchObject({ id: 'fb', kind: 'feedback', rows: 3 });
  });

  it('keeps rows without ids in file order and names them by line', async () => {
    const file = write('noid.jsonl', `${JSON.stringify({ suggestion: '{"label": "trusted"}', organization_id: 1, suggestion_type: 'reputation' })}\n`);
    const run = await smw('import', 'feedback', file, '--json', '--data-dir', dir);
    expect(JSON.parse(run.stdout).problems).toEqual([{ line: 1, field: 'suggestion.matches.domain', value: '', reason: 'no domain; row dropped' }]);
  });

  it('refuses an HTML page given as feedback and leaves nothing', async () => {
    const run = await smw('import', 'feedback', write('page.jsonl', '<html><body>502 Bad Gateway</body></html>\n'), '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: page\.jsonl: not a feedback file/);
    expect(JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots).toEqual([]);
  });
});

describe('snapshot ids', () => {
  it('refuses ids with other characters and explains the rule', async () => {
    const run = await smw('import', 'reputation', write('r.json', '[]'), '--id', 'bad id/x', '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: .*bad id\/x.*letters/);
  });

  it('keeps ids unique across kinds', async () => {
    expect((await smw('import', 'reputation', write('r.json', '[]'), '--id', 'same', '--data-dir', dir)).code).toBe(0);
    const run = await smw('import', 'feedback', write('f.jsonl', ''), '--id', 'same', '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already exists/);
  });
});
