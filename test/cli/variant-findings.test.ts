// `smw import` and `smw findings` on builds written under the schemas pipelines produce
// (test/fixtures/avro/variants): every variant imports, reports each null it dropped (record,
// field, value) without failing, and gives exactly the findings of the same entries written under
// the plain schema (plain-build.avro, plain-rows.avro).

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, smw, tempDir } from '../support/cli';

const dir = path.join(projectRoot, 'test/fixtures/avro/variants');
interface Expected {
  layout: 'build' | 'rows';
  version: string;
  threshold: number;
  rejected: { row: number; field: string; value: string }[];
  nullScores: { row: number; field: string; value: string }[];
}
const expected = Object.entries(JSON.parse(fs.readFileSync(path.join(dir, 'variants-expected.json'), 'utf8')) as Record<string, Expected>);

let data: string;
const plain: Record<'build' | 'rows', { report: Record<string, unknown>; findings: Record<string, unknown> }> = {} as never;

async function importBuild(file: string): Promise<Record<string, unknown>> {
  const run = await smw('import', 'sender-model', path.join(dir, file), '--json', '--data-dir', data);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

async function findings(id: string): Promise<Record<string, unknown>> {
  const run = await smw('findings', '--build', id, '--feedback', 'variants-feedback', '--json', '--data-dir', data);
  expect(run.code, run.stderr).toBe(0);
  const { build, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(build).toBe(id);
  return rest;
}

beforeAll(async () => {
  data = tempDir();
  const feedback = await smw('import', 'feedback', path.join(dir, 'variants-feedback.jsonl'), '--data-dir', data);
  expect(feedback.code, feedback.stderr).toBe(0);
  for (const layout of ['build', 'rows'] as const) {
    const report = await importBuild(`plain-${layout}.avro`);
    plain[layout] = { report, findings: await findings(`plain-${layout}`) };
  }
});

describe('the plain-schema builds', () => {
  it('have scored items, findings and an uncovered domain to compare (a test that cannot fail would be no test)', () => {
    const summary = plain.build.findings.summary as Record<string, number>;
    expect(summary.scored).toBeGreaterThan(2);
    expect(summary.uncoveredCidr).toBeGreaterThan(0);
    expect(summary.uncoveredDomain).toBeGreaterThan(0);
    expect(summary.underCutoff).toBeGreaterThan(0);
    expect(plain.build.findings.cutoff).toBe(0.375);
    expect(plain.build.report).toMatchObject({ rejected: 0, problems: [] });
    expect(plain.rows.findings).toEqual(plain.build.findings);
  });
});

describe.each(expected)('%s', (file, e) => {
  it('imports, reporting each dropped model and entry, and keeps what the plain build keeps', async () => {
    const report = await importBuild(file);
    const problems = (report.problems as { row: number; field: string; value: string }[]).map(({ row, field, value }) => ({ row, field, value }));
    const dropped = [...e.rejected, ...e.nullScores];
    expect(problems.sort(byPlace)).toEqual(dropped.sort(byPlace));
    expect(report).toMatchObject({ kind: 'sender-model', kept: plain.build.report.kept, replaced: plain.build.report.replaced, rejected: dropped.length });
    const listed = JSON.parse((await smw('list', '--json', '--data-dir', data)).stdout).snapshots.find((s: { id: string }) => s.id === report.id);
    expect(listed).toMatchObject({ version: e.version, threshold: e.threshold });
  });

  it('gives exactly the findings of the plain-schema build', async () => {
    expect(await findings(file.replace(/\.avro$/, ''))).toEqual(plain[e.layout].findings);
  });
});

function byPlace(a: { row: number; field: string }, b: { row: number; field: string }): number {
  return a.row - b.row || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0);
}
