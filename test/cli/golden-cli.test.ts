// ../shared/golden/README.md: a workspace with these imported must print exactly these outputs.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameReport } from '../support/same-report';
import { golden, goldenWorkspace, smw, smwProcess } from '../support/cli';

let dir: string;
beforeAll(async () => {
  dir = await goldenWorkspace();
});

const expected = (name: string) => JSON.parse(fs.readFileSync(golden(name), 'utf8'));

describe('smw on the golden examples', () => {
  const cases: Array<[string, string[]]> = [
    ['findings-sendermodels-1.json', ['findings', '--build', 'sendermodels-1', '--cutoff', '0.3', '--json']],
    ['findings-sendermodels-2.json', ['findings', '--build', 'sendermodels-2', '--cutoff', '0.3', '--json']],
    ['reputation-reputation-1.json', ['reputation', '--build', 'reputation-1', '--cutoff', '0.3', '--json']],
    ['compare-sendermodels-1-2.json', ['compare', '--base', 'sendermodels-1', '--candidate', 'sendermodels-2', '--cutoff', '0.3', '--json']],
    ['compare-reputation-1-2.json', ['compare', '--base', 'reputation-1', '--candidate', 'reputation-2', '--cutoff', '0.3', '--json']],
  ];
  for (const [file, args] of cases) {
    it(`prints ${file}`, async () => {
      const run = await smw(...args, '--data-dir', dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectSameReport(JSON.parse(run.stdout), expected(file));
    });
  }

  it('takes the cutoff from the build threshold when --cutoff is not given', async () => {
    const run = await smw('findings', '--build', 'sendermodels-2', '--json', '--data-dir', dir);
    expect(JSON.parse(run.stdout).cutoff).toBe(0.3);
  });

  it('moves items across the cutoff when --cutoff changes', async () => {
    const run = await smw('findings', '--build', 'sendermodels-1', '--cutoff', '0.2', '--json', '--data-dir', dir);
    const report = JSON.parse(run.stdout);
    expect(report.cutoff).toBe(0.2);
    // 0.2 (shop /32), 0.15 (münchen) are at or under 0.2; 0.2267, 0.25 and 0.3 are not.
    expect(report.summary.underCutoff).toBe(2);
    expect(report.summary.findings).toBe(5);
  });

  it('lists every snapshot with the fields of DESIGN §6', async () => {
    const run = await smw('list', '--json', '--data-dir', dir);
    const { snapshots } = JSON.parse(run.stdout);
    expect(snapshots.map((s: { id: string }) => s.id)).toEqual(['sendermodels-1', 'sendermodels-2', 'reputation-1', 'reputation-2', 'feedback']);
    const sm1 = snapshots[0];
    expect(sm1).toMatchObject({ kind: 'sender-model', rows: 12, version: '1', threshold: 0.3 });
    expect(new Date(sm1.createdAt).toISOString()).toBe(sm1.createdAt);
    expect(sm1.bytes).toBeGreaterThan(0);
    expect(snapshots[4]).not.toHaveProperty('threshold');
  });

  it('writes one CSV row per item with the scalar fields in order', async () => {
    const run = await smw('findings', '--build', 'sendermodels-1', '--cutoff', '0.3', '--csv', '--data-dir', dir);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('org,domain,cidr,status,count,min,mean,max,underCutoff,matches,comments');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe('1,list.example,192.0.2.0/28,scored,3,0.12,0.22666666666666666,0.31,true,3,newsletter provider | repeated row');
    expect(lines[10]).toBe('4,bad.example,192.0.2.55/32,uncovered-domain,0,,,,false,0,two invalid entries');
  });

  it('writes compare CSV with both sides flattened', async () => {
    const run = await smw('compare', '--base', 'reputation-1', '--candidate', 'reputation-2', '--csv', '--data-dir', dir);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('org,domain,base.status,base.score,base.underCutoff,candidate.status,candidate.score,candidate.underCutoff,deltaScore,transition');
    expect(lines[1]).toMatch(/^1,list\.example,scored,0\.25,true,scored,0\.8,false,0\.55\d*,fixed$/);
  });

  it('prints the notebook-style summary for a person', async () => {
    const run = await smw('findings', '--build', 'sendermodels-1', '--cutoff', '0.3', '--data-dir', dir);
    expect(run.stdout).toContain('Org  1 -   2 items');
    expect(run.stdout).toContain('Org  4 -   3 items');
    expect(run.stdout).toContain('- quiet.example  203.0.113.0/28  uncovered-cidr');
  });

  it('exits 2 with --fail-on-regression when an item regressed, 0 when none did', async () => {
    const regressed = await smw('compare', '--base', 'sendermodels-1', '--candidate', 'sendermodels-2', '--fail-on-regression', '--json', '--data-dir', dir);
    expect(regressed.code).toBe(2);
    expect(JSON.parse(regressed.stdout).transitions.regressed).toBe(1);
    const same = await smw('compare', '--base', 'sendermodels-1', '--candidate', 'sendermodels-1', '--fail-on-regression', '--data-dir', dir);
    expect(same.code).toBe(0);
  });
});

describe('smw errors', () => {
  it('refuses to compare builds of different kinds', async () => {
    const run = await smw('compare', '--base', 'sendermodels-1', '--candidate', 'reputation-1', '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("smw: compare takes two builds of the same kind: 'sendermodels-1' is a sender-model, 'reputation-1' a reputation\n");
  });

  it('names a missing snapshot', async () => {
    const run = await smw('findings', '--build', 'nope', '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: no snapshot 'nope'/);
  });

  it('refuses an existing id without --replace and replaces with it', async () => {
    const again = await smw('import', 'reputation', golden('reputation-2.json'), '--id', 'reputation-1', '--data-dir', dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/reputation-1.*already exists/);
    const before = JSON.parse((await smw('reputation', '--build', 'reputation-1', '--json', '--data-dir', dir)).stdout);
    expect(before.items[0].score).toBe(0.25);
  });

  it('reports bad feedback rows on stderr and still imports, with --json on stdout', async () => {
    const run = await smw('import', 'feedback', golden('feedback.jsonl'), '--id', 'feedback-again', '--json', '--data-dir', dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ id: 'feedback-again', kind: 'feedback', skipped: 1, rejected: 3 });
    expect(report.problems).toEqual([
      { row: 9, field: 'suggestion.matches.ip', value: '300.1.1.1', reason: 'not an IPv4 address; entry dropped' },
      { row: 9, field: 'suggestion.matches.ip', value: '192.0.2.0/40', reason: 'prefix length must be 0–32; entry dropped' },
      { row: 11, field: 'suggestion', value: '{oops', reason: expect.stringMatching(/^not valid JSON/) },
    ]);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(3);
    expect(run.stderr).toContain('feedback.jsonl: row 9: suggestion.matches.ip "300.1.1.1"');
  });

  it('uses the feedback pull created last by default', async () => {
    const run = await smw('findings', '--build', 'sendermodels-1', '--json', '--data-dir', dir);
    expect(JSON.parse(run.stdout).feedback).toBe('feedback-again');
  });

  it('rejects an unknown flag and a bad cutoff in one line', async () => {
    expect((await smw('list', '--bogus', '--data-dir', dir)).stderr).toMatch(/^smw: Unknown option '--bogus'.*\n$/);
    const bad = await smw('findings', '--build', 'sendermodels-1', '--cutoff', 'abc', '--data-dir', dir);
    expect(bad).toMatchObject({ code: 1, stderr: "smw: --cutoff must be a number, got 'abc' (see smw findings --help)\n" });
  });

  it('runs as a real process: JSON on stdout, exit codes, no stack traces', () => {
    const ok = smwProcess(['list', '--json', '--data-dir', dir]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).snapshots.length).toBeGreaterThan(0);
    const missing = smwProcess(['import', 'sender-model', '/nonexistent.avro', '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('smw: /nonexistent.avro: no such file\n');
    const env = smwProcess(['list', '--json'], { SMW_DATA_DIR: dir });
    expect(JSON.parse(env.stdout).snapshots.length).toBe(JSON.parse(ok.stdout).snapshots.length);
  });
});
