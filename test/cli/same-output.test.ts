// The one analysis and the streamed writers changed how every report is made, not what it says:
// each report of the golden examples and of the demo, in JSON, CSV and text and at three
// cutoffs, is byte for byte what the CLI printed before (commit f65a15f). The fixture holds the
// SHA-256 of each of those outputs, named as below.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldenWorkspace, projectRoot, smw, tempDir } from '../support/cli';

const expected = JSON.parse(fs.readFileSync(`${projectRoot}/test/fixtures/report-outputs-f65a15f.json`, 'utf8')) as Record<string, string>;

let golden: string;
let demo: string;
beforeAll(async () => {
  golden = await goldenWorkspace();
  demo = tempDir();
  const seeded = await smw('demo', '--data-dir', demo);
  if (seeded.code !== 0) throw new Error(seeded.stderr);
});

const A = 'sendermodels-2016-08-22_02:25:57';
const B = 'sendermodels-2016-08-29_02:31:12';
const reports: Array<[string, 'g' | 'd', string[]]> = [
  ['g-findings-1', 'g', ['findings', '--build', 'sendermodels-1']],
  ['g-findings-2', 'g', ['findings', '--build', 'sendermodels-2']],
  ['g-rep-1', 'g', ['reputation', '--build', 'reputation-1']],
  ['g-rep-2', 'g', ['reputation', '--build', 'reputation-2']],
  ['g-cmp-sm', 'g', ['compare', '--base', 'sendermodels-1', '--candidate', 'sendermodels-2']],
  ['g-cmp-rep', 'g', ['compare', '--base', 'reputation-1', '--candidate', 'reputation-2']],
  ['d-findings-1', 'd', ['findings', '--build', A]],
  ['d-findings-2', 'd', ['findings', '--build', B]],
  ['d-rep-1', 'd', ['reputation', '--build', 'reputation-1472029516.15']],
  ['d-cmp-sm', 'd', ['compare', '--base', A, '--candidate', B]],
  ['d-cmp-rep', 'd', ['compare', '--base', 'reputation-1472029516.15', '--candidate', 'reputation-1472634316.42']],
];
const cutoffs: Array<[string, string[]]> = [
  ['', []],
  ['cutoff0.5', ['--cutoff', '0.5']],
  ['cutoff0', ['--cutoff', '0']],
];
const formats: Array<[string, string[]]> = [
  ['json', ['--json']],
  ['csv', ['--csv']],
  ['text', []],
];

describe('every report is byte for byte what it was before the one analysis', () => {
  for (const [name, where, args] of reports) {
    it(name, async () => {
      for (const [tag, cutoff] of cutoffs) {
        for (const [ext, format] of formats) {
          const run = await smw(...args, ...format, ...cutoff, '--data-dir', where === 'g' ? golden : demo);
          expect(run.stderr).toBe('');
          const file = `${name}${tag}.${ext}`;
          expect(createHash('sha256').update(run.stdout).digest('hex'), file).toBe(expected[file]);
        }
      }
    });
  }
});
