// `smw demo` then findings/compare/reputation on it, item by item against an independent
// reading: Python's Avro library for the files, test/demo/reference-eval.ts for DESIGN §4.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWithPython } from '../demo/avro-helpers';
import { evalAuth, evalRep, feedbackItems, modelFromRecords, repFromJson, type FeedbackRow } from '../demo/reference-eval';
import { projectRoot, smw, tempDir } from '../support/cli';

const snapshots = path.join(projectRoot, 'snapshots');
const manifest = JSON.parse(fs.readFileSync(path.join(snapshots, 'manifest.json'), 'utf8')) as { snapshots: Array<{ id: string; kind: string; file: string }> };
const [buildA, buildB] = manifest.snapshots.filter((s) => s.kind === 'sender-model');
const [rep1, rep2] = manifest.snapshots.filter((s) => s.kind === 'reputation');
const feedbackFile = manifest.snapshots.find((s) => s.kind === 'feedback')!;

let dir: string;
const json = async (...args: string[]) => {
  const run = await smw(...args, '--json', '--data-dir', dir);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

beforeAll(async () => {
  dir = tempDir();
  const run = await smw('demo', '--data-dir', dir);
  expect(run.code, run.stderr).toBe(0);
}, 60_000);

describe('the demo workspace through the CLI', () => {
  it('imports every demo snapshot once, marked as demo sources', async () => {
    const { snapshots: list } = await json('list');
    expect(list.map((s: { id: string }) => s.id)).toEqual(manifest.snapshots.map((s) => s.id));
    const again = await smw('demo', '--data-dir', dir);
    expect(again.stdout).toMatch(/already in this workspace/);
  });

  it('agrees item by item with the reference reading of both builds', async () => {
    const [avroA, avroB] = readWithPython(path.join(snapshots, buildA.file), path.join(snapshots, buildB.file));
    const rows = fs
      .readFileSync(path.join(snapshots, feedbackFile.file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FeedbackRow);
    const { auth } = feedbackItems(rows);
    for (const [build, records] of [
      [buildA, avroA.records],
      [buildB, avroB.records],
    ] as const) {
      const model = modelFromRecords(records);
      const report = await json('findings', '--build', build.id, '--cutoff', '0.3');
      expect(report.items).toHaveLength(auth.length);
      const ours = new Map(report.items.map((i: { org: unknown; domain: string; cidr: string }) => [`${i.org} ${i.domain} ${i.cidr}`, i]));
      let compared = 0;
      for (const item of auth) {
        const mine = ours.get(`${item.org} ${item.domain} ${item.cidr.text}`) as
          | { status: string; count: number; mean: number | null; underCutoff: boolean }
          | undefined;
        expect(mine, `${item.org} ${item.domain}`).toBeTruthy();
        if (!mine) continue;
        const ref = evalAuth(item, model, 0.3);
        expect([mine.status, mine.count, mine.underCutoff], `${item.org} ${item.domain} ${item.cidr.text}`).toEqual([ref.status, ref.count, ref.under]);
        if (ref.mean !== null) expect(Math.abs((mine.mean ?? NaN) - ref.mean)).toBeLessThan(1e-9);
        compared++;
      }
      expect(compared).toBe(auth.length);
      // Every status of DESIGN §4 occurs in the demo.
      expect(report.summary.uncoveredCidr).toBeGreaterThan(0);
      expect(report.summary.uncoveredDomain).toBeGreaterThan(0);
      expect(report.summary.underCutoff).toBeGreaterThan(0);
      expect(report.summary.scored - report.summary.underCutoff).toBeGreaterThan(0);
    }
  }, 120_000);

  it('reports the transitions between the two demo builds', async () => {
    const report = await json('compare', '--base', buildA.id, '--candidate', buildB.id);
    expect(report.transitions).toEqual({ fixed: 82, regressed: 63, changed: 430, unchanged: 2793 });
    const colorado = report.items.filter((i: { org: number; domain: string }) => i.org === 54 && i.domain === 'coloradocyclist.com');
    expect(colorado.length).toBeGreaterThan(60);
    expect(colorado.filter((i: { transition: string }) => i.transition === 'fixed').length).toBe(33);
  });

  it('agrees with the reference reading of both reputation builds', async () => {
    const rows = fs
      .readFileSync(path.join(snapshots, feedbackFile.file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FeedbackRow);
    const { rep } = feedbackItems(rows);
    for (const build of [rep1, rep2]) {
      const ref = repFromJson(JSON.parse(fs.readFileSync(path.join(snapshots, build.file), 'utf8')));
      const report = await json('reputation', '--build', build.id, '--cutoff', '0.3');
      expect(report.items).toHaveLength(rep.length);
      for (const item of rep) {
        const mine = report.items.find((i: { org: unknown; domain: string }) => i.org === item.org && i.domain === item.domain);
        const r = evalRep(item, ref, 0.3);
        expect([mine?.status, mine?.underCutoff], `${item.org} ${item.domain}`).toEqual([r.status, r.under]);
      }
    }
    const compare = await json('compare', '--base', rep1.id, '--candidate', rep2.id);
    expect(compare.transitions).toEqual({ fixed: 3, regressed: 11, changed: 20, unchanged: 274 });
  });
});
