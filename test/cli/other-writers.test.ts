// `smw import` on builds written by Python's and Java's Avro (test/fixtures/avro): every
// layout and codec lands as a snapshot with the entries DESIGN §3.1 says it keeps.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../../shared/cidr';
import { normaliseDomain } from '../../shared/domain';
import { projectRoot, smw, tempDir } from '../support/cli';

const fixtures = path.join(projectRoot, 'test/fixtures/avro');
type Expected = {
  layout: string;
  codec: string;
  version: string | null;
  threshold: number | null;
  domains: Record<string, Array<[string, number | string | null]>>;
};
const expected: Record<string, Expected> = {
  ...JSON.parse(fs.readFileSync(path.join(fixtures, 'python-expected.json'), 'utf8')),
  ...JSON.parse(fs.readFileSync(path.join(fixtures, 'java-expected.json'), 'utf8')),
};

/** What DESIGN §3.1 keeps: valid entries with finite scores, once per (domain, normal form). */
function keptEntries(e: Expected): number {
  const kept = new Set<string>();
  for (const [domain, entries] of Object.entries(e.domains)) {
    const d = normaliseDomain(domain);
    if (d === null) continue;
    for (const [cidr, score] of entries) {
      const parsed = parseCidr(cidr);
      if (parsed.ok && typeof score === 'number' && Number.isFinite(score)) kept.add(`${d} ${formatCidr(parsed.cidr)}`);
    }
  }
  return kept.size;
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('builds written by other Avro implementations', () => {
  for (const [file, e] of Object.entries(expected)) {
    if (file.includes('versions-differ')) continue;
    it(`imports ${file} (${e.layout} layout, ${e.codec})`, async () => {
      const id = file.replace(/\.avro$/, '');
      const run = await smw('import', 'sender-model', path.join(fixtures, file), '--json', '--data-dir', dir);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.id).toBe(id);
      expect(report.kept).toBe(keptEntries(e));
      const listed = JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots.find((s: { id: string }) => s.id === id);
      expect(listed.rows).toBe(report.kept);
      if (e.version !== null) expect(listed.version).toBe(String(e.version));
      if (e.threshold !== null) expect(listed.threshold).toBeCloseTo(e.threshold, 6);
    });
  }

  it('refuses a build whose records disagree on the version, naming the file and byte, leaving nothing', async () => {
    const before = JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots.length;
    const run = await smw('import', 'sender-model', path.join(fixtures, 'py-build-versions-differ.avro'), '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: py-build-versions-differ\.avro: byte \d+: .*version/);
    expect(JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots.length).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'snapshots')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
  });

  it('refuses a truncated build with the byte offset and keeps the earlier snapshot of that id', async () => {
    const listed = async () =>
      JSON.parse((await smw('list', '--json', '--data-dir', dir)).stdout).snapshots.find((s: { id: string }) => s.id === 'java-build-deflate');
    const before = await listed();
    expect(before).toBeDefined();
    const bytes = fs.readFileSync(path.join(fixtures, 'java-build-deflate.avro'));
    const truncated = path.join(tempDir('smw-in-'), 'java-build-deflate.avro');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 20));
    const run = await smw('import', 'sender-model', truncated, '--replace', '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^smw: java-build-deflate\.avro: byte \d+: /);
    expect(await listed()).toEqual(before);
  });
});
