// `smw findings --context ID` and `smw compare --context ID` (DESIGN §6, §8), against a context
// pulled from dnsmasq: every authenticity item gains the context object after its other keys
// (compare: after transition), CSV gains six columns at the end, items the context does not cover
// get null, the context's feedback pull is the default, and reputation builds refuse it.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSenderModelAvro } from '../../main/avro-writer/index';
import { golden, smw, tempDir } from '../support/cli';
import { startDnsmasq, type TestDns } from '../support/servers/dns';
import { BUILD_ID, DNSMASQ_RECORDS, EXPECTED, writeFixtureFiles } from './dns-fixture';

let dns: TestDns;
let dataDir: string;

const run = (...args: string[]) => smw(...args, '--data-dir', dataDir);
async function json(...args: string[]) {
  const r = await run(...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  dns = await startDnsmasq(DNSMASQ_RECORDS);
  dataDir = tempDir('smw-context-reports-');
  const dir = tempDir();
  const files = writeFixtureFiles(dir);
  const other = path.join(dir, 'other.jsonl');
  // Another feedback pull: one item the context covers (same domain and CIDR), one it does not.
  fs.writeFileSync(
    other,
    `${JSON.stringify({
      id: 1,
      suggestion: {
        input_type: 'ip_list',
        matches: [
          { field: 'domain', value: ['spf-pass.example'] },
          { field: 'ip', value: ['192.0.2.10', '192.0.2.11'] },
        ],
      },
      organization_id: 99,
      comments: 'other',
      suggestion_type: 'authenticity',
    })}\n`,
  );
  const buildB = path.join(dir, 'sendermodels-context-b.avro');
  writeSenderModelAvro(buildB, {
    layout: 'build',
    codec: 'null',
    version: 'b',
    threshold: 0.3,
    models: [{ domain: 'spf-pass.example', cidrs: [{ cidr: '192.0.2.10', score: 0.9 }] }],
  });
  for (const [kind, file, id] of [
    ['feedback', files.feedback, 'feedback-ctx'],
    ['sender-model', files.build, BUILD_ID],
    ['sender-model', buildB, 'sendermodels-context-b'],
    ['reputation', golden('reputation-1.json'), 'reputation-1'],
    ['reputation', golden('reputation-2.json'), 'reputation-2'],
  ]) {
    const r = await run('import', kind, file, '--id', id);
    expect(r.code, r.stderr).toBe(0);
  }
  const pulled = await run('pull', 'context', '--dns', dns.server, '--id', 'ctx');
  expect(pulled.code, pulled.stderr).toBe(0);
  // Imported after the pull: the latest feedback pull is not the context's.
  expect((await run('import', 'feedback', other, '--id', 'feedback-other')).code).toBe(0);
});
afterAll(async () => dns?.stop());

describe('findings --context', () => {
  it("adds DESIGN §8's context to every item, after its other keys, and uses the context's feedback pull", async () => {
    const report = await json('findings', '--build', BUILD_ID, '--context', 'ctx');
    expect(report.feedback).toBe('feedback-ctx');
    expect(report.items).toHaveLength(23);
    for (const item of report.items) {
      expect(Object.keys(item).at(-1)).toBe('context');
      expect(Object.keys(item.context)).toEqual(['spf', 'spfMechanism', 'ptr', 'fcrdns', 'asn', 'asName']);
      expect(item.context, `${item.domain} ${item.cidr}`).toEqual(EXPECTED[`${item.domain} ${item.cidr}`]);
    }
  });

  it('without --context is what it was: no context key, the latest feedback pull, the same bytes', async () => {
    const plain = await run('findings', '--build', BUILD_ID, '--feedback', 'feedback-ctx', '--json');
    expect(plain.stdout).not.toContain('"context"');
    const withContext = await run('findings', '--build', BUILD_ID, '--context', 'ctx', '--json');
    // Taking the context objects out gives back the report without them, byte for byte.
    expect(withContext.stdout.replace(/,"context":(null|\{(?:"(?:[^"\\]|\\.)*"|[^"}])*\})/g, '')).toBe(plain.stdout);
    expect((await json('findings', '--build', BUILD_ID)).feedback).toBe('feedback-other');
    const csv = await run('findings', '--build', BUILD_ID, '--feedback', 'feedback-ctx', '--csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('org,domain,cidr,status,count,min,mean,max,underCutoff,matches,comments');
  });

  it('gives null to the items of another feedback pull that the context does not cover', async () => {
    const report = await json('findings', '--build', BUILD_ID, '--context', 'ctx', '--feedback', 'feedback-other');
    expect(report.items.map((i: { cidr: string; context: unknown }) => [i.cidr, i.context])).toEqual([
      ['192.0.2.10/32', EXPECTED['spf-pass.example 192.0.2.10/32']],
      ['192.0.2.11/32', null],
    ]);
  });

  it('adds the six columns at the end of the CSV, PTR names joined by " | "', async () => {
    const csv = await run('findings', '--build', BUILD_ID, '--context', 'ctx', '--csv');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('org,domain,cidr,status,count,min,mean,max,underCutoff,matches,comments,spf,spfMechanism,ptr,fcrdns,asn,asName');
    expect(lines).toContain('54,spf-pass.example,192.0.2.10/32,scored,2,0.2,0.35,0.5,false,2,,pass,ip4:192.0.2.0/25,mta.spf-pass.example,true,,');
    expect(lines).toContain('54,spf-pass.example,192.0.2.0/24,scored,4,0.2,0.6000000000000001,0.9,false,4,,,,,,,');
    expect(lines).toContain('54,mx.example,198.51.100.22/32,uncovered-cidr,0,,,,false,0,,pass,mx/30,,,,');
    expect(lines).toContain('54,ptrmech.example,192.0.2.50/32,uncovered-domain,0,,,,false,0,,pass,ptr,alias.ptrmech.example | mail.ptrmech.example,true,,');
  });

  it('refuses a --context that is not a context snapshot', async () => {
    const r = await run('findings', '--build', BUILD_ID, '--context', 'feedback-ctx', '--json');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe("smw: snapshot 'feedback-ctx' is a feedback, not a context\n");
  });
});

describe('compare --context', () => {
  it('adds the context after transition, for sender-model builds', async () => {
    const report = await json('compare', '--base', BUILD_ID, '--candidate', 'sendermodels-context-b', '--context', 'ctx');
    expect(report.feedback).toBe('feedback-ctx');
    for (const item of report.items) {
      expect(Object.keys(item).slice(-2)).toEqual(['transition', 'context']);
      expect(item.context).toEqual(EXPECTED[`${item.domain} ${item.cidr}`]);
    }
    const csv = await run('compare', '--base', BUILD_ID, '--candidate', 'sendermodels-context-b', '--context', 'ctx', '--csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/,deltaMean,transition,spf,spfMechanism,ptr,fcrdns,asn,asName$/);
  });

  it('is a usage error with reputation builds, and reputation takes no --context', async () => {
    const r = await run('compare', '--base', 'reputation-1', '--candidate', 'reputation-2', '--context', 'ctx');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'smw: --context adds the sender context of authenticity items: it is for sender-model builds, not reputation builds (see smw compare --help)\n',
    });
    const rep = await run('reputation', '--build', 'reputation-1', '--context', 'ctx');
    expect(rep.code).toBe(1);
    expect(rep.stderr).toMatch(/^smw: Unknown option '--context'.*\(see smw reputation --help\)\n$/);
  });
});
