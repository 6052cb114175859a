// snapshots/: the demo workspace sources. The generator is deterministic and the committed files
// are its output; the files are well-formed (Avro read back by Python's avro, feedback rows with
// the required columns, a manifest of existing files); and the content puts each notebook case
// on its intended status in build A and build B (checked with a small independent reading of
// DESIGN §4 in reference-eval.ts; the CLI's end-to-end tests check the app itself).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PythonAvroRead, readContainer, readWithPython } from './avro-helpers';
import {
  type AuthItem,
  type FeedbackRow,
  type Model,
  type RepBuild,
  evalAuth,
  evalRep,
  feedbackItems,
  modelFromRecords,
  repFromJson,
  transition,
} from './reference-eval';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const snapshots = path.join(root, 'snapshots');
const generator = path.join(snapshots, 'generator', 'generate-demo.ts');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const FILE_A = 'sendermodels-2016-08-22_02-25-57.avro';
const FILE_B = 'sendermodels-2016-08-29_02-31-12.avro';
const REP_1 = 'reputation-1472029516.15.json';
const REP_2 = 'reputation-1472634316.42.json';
const FEEDBACK = 'feedback.jsonl';
const CONTEXT = 'context-demo.jsonl';
const GENERATED = [FILE_A, FILE_B, REP_1, REP_2, FEEDBACK, CONTEXT, 'manifest.json'];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-demo-'));
const run1 = path.join(tmp, 'one');
const run2 = path.join(tmp, 'two');

function generate(out: string): void {
  execFileSync(tsx, [generator, '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}

beforeAll(() => {
  generate(run1);
  generate(run2);
}, 180_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the demo generator', () => {
  it('writes exactly the manifest files, the same bytes on every run', () => {
    expect(fs.readdirSync(run1).sort()).toEqual([...GENERATED].sort());
    for (const f of GENERATED) {
      expect(fs.readFileSync(path.join(run1, f)).equals(fs.readFileSync(path.join(run2, f))), f).toBe(true);
    }
  });

  it('produced the committed files', () => {
    for (const f of GENERATED) {
      const committed = path.join(snapshots, f);
      expect(fs.existsSync(committed), `${f} is committed`).toBe(true);
      const fresh = path.join(run1, f);
      if (!f.endsWith('.avro')) {
        expect(fs.readFileSync(committed).equals(fs.readFileSync(fresh)), `${f}: regenerate with npx tsx snapshots/generator/generate-demo.ts`).toBe(true);
        continue;
      }
      // Compressed bytes may depend on the zlib/snappy build; the header and the decompressed
      // blocks may not.
      const a = readContainer(committed);
      const b = readContainer(fresh);
      expect(a.header.equals(b.header), `${f} header`).toBe(true);
      expect(a.blocks.map((x) => x.count)).toEqual(b.blocks.map((x) => x.count));
      a.blocks.forEach((blk, i) => expect(blk.data.equals(b.blocks[i].data), `${f} block ${i}`).toBe(true));
    }
  });

  it('rejects unknown arguments', () => {
    expect(() => execFileSync(tsx, [generator, '--bogus'], { cwd: root, stdio: 'pipe' })).toThrow();
  });
});

describe('the committed demo sources', () => {
  let avroA: PythonAvroRead;
  let avroB: PythonAvroRead;
  let rows: FeedbackRow[];
  let modelA: Model;
  let modelB: Model;
  let rep1: RepBuild;
  let rep2: RepBuild;
  let auth: AuthItem[];
  let repItems: ReturnType<typeof feedbackItems>['rep'];
  let labels: Map<string, number>;

  beforeAll(() => {
    [avroA, avroB] = readWithPython(path.join(snapshots, FILE_A), path.join(snapshots, FILE_B));
    modelA = modelFromRecords(avroA.records);
    modelB = modelFromRecords(avroB.records);
    rows = fs
      .readFileSync(path.join(snapshots, FEEDBACK), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as FeedbackRow);
    ({ auth, rep: repItems, labels } = feedbackItems(rows));
    rep1 = repFromJson(JSON.parse(fs.readFileSync(path.join(snapshots, REP_1), 'utf8')));
    rep2 = repFromJson(JSON.parse(fs.readFileSync(path.join(snapshots, REP_2), 'utf8')));
  }, 120_000);

  it('manifest: existing files, valid unique ids, in import order with feedback the last feedback pull', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(snapshots, 'manifest.json'), 'utf8')) as {
      snapshots: { id: string; kind: string; file: string }[];
    };
    expect(manifest.snapshots.map((s) => [s.id, s.kind, s.file])).toEqual([
      ['sendermodels-2016-08-22_02:25:57', 'sender-model', FILE_A],
      ['sendermodels-2016-08-29_02:31:12', 'sender-model', FILE_B],
      ['reputation-1472029516.15', 'reputation', REP_1],
      ['reputation-1472634316.42', 'reputation', REP_2],
      ['feedback-demo', 'feedback', FEEDBACK],
      ['context-demo', 'context', CONTEXT],
    ]);
    for (const s of manifest.snapshots) {
      expect(s.id).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
      expect(s.file).not.toMatch(/[:\\/*?"<>|]/); // portable file names (Windows)
      expect(fs.statSync(path.join(snapshots, s.file)).isFile()).toBe(true);
    }
  });

  it('sizes stay modest', () => {
    for (const f of [FILE_A, FILE_B, FEEDBACK, REP_1, REP_2]) {
      expect(fs.statSync(path.join(snapshots, f)).size, f).toBeLessThan(2_000_000);
    }
    // Every DNS answer of the demo's context pull, PTR names of build A's neighbours included.
    expect(fs.statSync(path.join(snapshots, CONTEXT)).size).toBeLessThan(3_000_000);
  });

  it('build A: build layout, deflate, one record with version and threshold', () => {
    expect(avroA.codec).toBe('deflate');
    expect(avroA.records).toHaveLength(1);
    const rec = avroA.records[0] as { version: string; threshold: number; models: { domain: string; cidrs: unknown[] }[] };
    expect(rec.version).toBe('2016-08-22_02:25:57');
    expect(rec.threshold).toBe(0.3);
    expect(rec.models.length).toBeGreaterThan(2500);
    expect(readContainer(path.join(snapshots, FILE_A)).blocks).toHaveLength(1);
    // bankofamerica.com is listed twice: the import must merge them.
    expect(rec.models.filter((m) => m.domain === 'bankofamerica.com')).toHaveLength(2);
  });

  it('build B: rows layout, snappy, version/threshold in the metadata, a nullable score', () => {
    expect(avroB.codec).toBe('snappy');
    expect(avroB.meta).toEqual({ version: '2016-08-29_02:31:12', threshold: '0.3' });
    expect((avroB.records[0] as Record<string, unknown>).domain).toBeTypeOf('string');
    expect(JSON.stringify(avroB.schema)).toContain('["null","double"]');
    const nulls = (avroB.records as { cidrs: { score: unknown }[] }[]).flatMap((r) => r.cidrs).filter((e) => e.score === null);
    expect(nulls).toHaveLength(1);
    expect((avroB.records as { domain: string }[]).filter((r) => r.domain === 'listmailer.net')).toHaveLength(2);
    expect(readContainer(path.join(snapshots, FILE_B)).blocks.length).toBeGreaterThan(1);
  });

  it('models: thousands of domains, ESPs with 2k-5k entries and prefixes, IPv6 prefixes, IDN', () => {
    for (const m of [modelA, modelB]) {
      expect(m.size).toBeGreaterThan(2500);
      for (const esp of ['listmailer.net', 'sendwave.io', 'postcannon.com']) {
        const n = m.get(esp)?.size ?? 0;
        expect(n, esp).toBeGreaterThanOrEqual(2000);
        expect(n, esp).toBeLessThanOrEqual(5000);
      }
    }
    const all = [...modelA.values()].flatMap((m) => [...m.values()]);
    const prefixes = (v6: boolean, len: number): number => all.filter((e) => e.v6 === v6 && e.text.endsWith(`/${len}`)).length;
    expect(prefixes(false, 24)).toBeGreaterThan(5);
    expect(prefixes(false, 28)).toBeGreaterThan(5);
    expect(prefixes(true, 48)).toBeGreaterThan(0);
    expect(prefixes(true, 64)).toBeGreaterThan(20);
    expect(prefixes(true, 128)).toBeGreaterThan(100);
    expect(modelA.has('xn--bcher-kva.example')).toBe(true);
    const onlyA = [...modelA.keys()].filter((d) => !modelB.has(d));
    const onlyB = [...modelB.keys()].filter((d) => !modelA.has(d));
    expect(onlyA.length).toBeGreaterThan(3);
    expect(onlyB.length).toBeGreaterThan(3);
    expect(onlyA).toContain('spencerstuart.com');
  });

  it('feedback.jsonl: JSON objects with the required columns, in id order', () => {
    const required = ['id', 'suggestion', 'context', 'organization_id', 'comments', 'suggestion_type', 'created_at'];
    let last = 0;
    for (const r of rows) {
      expect(typeof r).toBe('object');
      for (const k of required) expect(r, `row ${r.id}`).toHaveProperty(k);
      expect(Number.isInteger(r.id) && r.id > last).toBe(true);
      last = r.id;
      expect(typeof r.suggestion).toBe('string');
      expect(['authenticity', 'reputation']).toContain(r.suggestion_type);
    }
    const authRows = rows.filter((r) => r.suggestion_type === 'authenticity');
    expect(authRows.length).toBeGreaterThanOrEqual(1500);
    expect(authRows.length).toBeLessThanOrEqual(3000);
    const orgs = new Set(rows.map((r) => String(r.organization_id)));
    expect(orgs.size).toBeGreaterThanOrEqual(20);
    expect(orgs).toContain('acme-eu');
    // The bad rows the import must report or skip.
    const text = rows.map((r) => String(r.suggestion));
    expect(text.filter((s) => s.includes('999.1.1.1') && s.includes('10.0.0.0/33'))).toHaveLength(1);
    expect(text.filter((s) => s.includes('"domain_list"'))).toHaveLength(2);
    expect(text.filter((s) => !isJson(s)).length).toBe(2);
    expect(labels.get('trusted')).toBeGreaterThan(200);
    expect(labels.get('untrusted')).toBeGreaterThan(10);
  });

  it('every authenticity status and transition occurs; items at the cutoff exist', () => {
    const seen = new Set<string>();
    const transitions = new Set<string>();
    let atCutoff = 0;
    for (const it of auth) {
      const a = evalAuth(it, modelA, 0.3);
      const b = evalAuth(it, modelB, 0.3);
      seen.add(a.status === 'scored' ? `scored-${a.under ? 'under' : 'over'}` : a.status);
      transitions.add(transition(a, b));
      if (a.mean !== null && Math.abs(a.mean - 0.3) <= 1e-9) atCutoff++;
    }
    expect([...seen].sort()).toEqual(['scored-over', 'scored-under', 'uncovered-cidr', 'uncovered-domain']);
    expect([...transitions].sort()).toEqual(['changed', 'fixed', 'regressed', 'unchanged']);
    expect(atCutoff).toBeGreaterThanOrEqual(3);
    expect(auth.length).toBeGreaterThan(2000);
  });

  it("the notebook's authenticity cases land where intended in A and B", () => {
    const expected: Record<string, [number | string, Record<string, number>]> = {
      'theflyzikgroup.com': [1, { 'scored≤ → scored> fixed': 6 }],
      'cloud.sophos.com': [1, { 'scored≤ → scored> fixed': 1 }],
      'valleycare.com': [56, { 'scored≤ → scored≤ unchanged': 2 }],
      'uhg.com': [56, { 'scored≤ → scored≤ changed': 1 }],
      'cerner.com': [56, { 'uncovered-cidr → scored> fixed': 1, 'scored≤ → scored> fixed': 3 }],
      'uhgrecruitmentservices.com': [56, { 'uncovered-cidr → scored> fixed': 2, 'uncovered-cidr → uncovered-cidr unchanged': 1 }],
      'pacbell.net': [61, { 'scored≤ → scored≤ unchanged': 1 }],
      'united.com': [61, { 'scored≤ → uncovered-cidr changed': 1 }],
      'starwoodhotels.com': [61, { 'scored≤ → scored≤ changed': 1 }],
      'sru.org': [64, { 'scored≤ → scored≤ unchanged': 1 }],
      'wakehealth.edu': [64, { 'scored≤ → scored> fixed': 1 }],
      'acr.org': [64, { 'scored≤ → scored> fixed': 2, 'scored≤ → scored≤ changed': 1, 'scored≤ → scored≤ unchanged': 1 }],
      'mdanderson.org': [64, { 'scored≤ → scored≤ unchanged': 1, 'scored≤ → scored≤ changed': 1 }],
      'acep.org': [64, { 'scored≤ → scored> fixed': 2, 'scored≤ → scored≤ unchanged': 1 }],
      'nasci.org': [64, { 'scored≤ → scored≤ changed': 1 }],
      'ochsner.org': [64, { 'scored≤ → scored≤ unchanged': 1 }],
      'identitydirect.co.uk': [66, { 'scored≤ → scored≤ unchanged': 1 }],
      'spencerstuart.com': [67, { 'scored≤ → uncovered-domain changed': 1 }],
      'pps.agari': [67, { 'scored≤ → scored≤ unchanged': 1 }],
      'ip-172-18-19-67.ec2.internal': [69, { 'scored≤ → scored≤ changed': 1 }],
      'ip-172-18-1-73.ec2.internal': [69, { 'scored≤ → scored≤ unchanged': 1 }],
      'keystonepayroll.com': [23, { 'scored≤ → scored≤ unchanged': 1 }],
      'meridianfreight.com': [31, { 'scored≤ → scored≤ unchanged': 1 }],
    };
    const tag = (r: ReturnType<typeof evalAuth>): string => (r.status === 'scored' ? `scored${r.under ? '≤' : '>'}` : r.status);
    for (const [domain, [org, want]] of Object.entries(expected)) {
      const got: Record<string, number> = {};
      for (const it of auth.filter((i) => i.domain === domain && i.org === org)) {
        const a = evalAuth(it, modelA, 0.3);
        const b = evalAuth(it, modelB, 0.3);
        const k = `${tag(a)} → ${tag(b)} ${transition(a, b)}`;
        got[k] = (got[k] ?? 0) + 1;
      }
      expect(got, domain).toEqual(want);
    }
    // cerner.com: the row with host bits set gives the /24 item.
    expect(auth.some((i) => i.domain === 'cerner.com' && i.cidr.text === '184.94.241.0/24')).toBe(true);
    // acr.org 203.55.21.17 is exactly at the cutoff.
    const acr = auth.find((i) => i.domain === 'acr.org' && i.cidr.text === '203.55.21.17/32') as AuthItem;
    expect(evalAuth(acr, modelA, 0.3).mean).toBe(0.3);
    expect(acr.comments).toEqual(['IP address that are part of 3rd parties with IP ranges in the Sender Inventory']);
  });

  it('coloradocyclist.com (org 54): ~60 MailChimp addresses, mean 0.27 in A, mostly fixed in B', () => {
    const items = auth.filter((i) => i.org === 54 && i.domain === 'coloradocyclist.com');
    const singles = items.filter((i) => i.cidr.text.endsWith('/32'));
    expect(singles).toHaveLength(64);
    expect(items.some((i) => i.cidr.text === '198.2.190.0/24')).toBe(true);
    const a = singles.map((i) => evalAuth(i, modelA, 0.3));
    const b = singles.map((i) => evalAuth(i, modelB, 0.3));
    const means = a.filter((r) => r.mean !== null).map((r) => r.mean as number);
    expect(means).toHaveLength(61);
    expect(Math.abs(means.reduce((s, x) => s + x, 0) / means.length - 0.27)).toBeLessThan(0.005);
    const t = singles.map((_, i) => transition(a[i], b[i]));
    expect(t.filter((x) => x === 'fixed').length).toBeGreaterThan(25);
    expect(t.filter((x) => x === 'regressed')).toHaveLength(1);
    // Comments of the repeated rows are merged.
    const repeated = items.find((i) => i.cidr.text === `${'198.2.182.209'}/32`) as AuthItem;
    expect(repeated.comments.length).toBeGreaterThanOrEqual(2);
  });

  it('reputation: every status, the notebook cases, and all transitions', () => {
    const seen = new Set<string>();
    const transitions = new Set<string>();
    for (const it of repItems) {
      const a = evalRep(it, rep1, 0.3);
      const b = evalRep(it, rep2, 0.3);
      seen.add(a.status === 'scored' ? `scored-${a.under ? 'under' : 'over'}` : a.status);
      transitions.add(transition(a, b));
    }
    expect([...seen].sort()).toEqual(['scored-over', 'scored-under', 'uncovered-domain', 'uncovered-org']);
    expect([...transitions].sort()).toEqual(['changed', 'fixed', 'regressed', 'unchanged']);
    const find = (org: number, domain: string) => {
      const it = repItems.find((i) => i.org === org && i.domain === domain);
      expect(it, `${org} ${domain}`).toBeDefined();
      return [evalRep(it!, rep1, 0.3), evalRep(it!, rep2, 0.3)] as const;
    };
    const [ec2a, ec2b] = find(69, 'ip-172-18-19-67.ec2.internal');
    expect([ec2a.under, ec2b.under]).toEqual([true, false]);
    expect(find(69, 'ip-10-0-3-17.ec2.internal')[0].status).toBe('uncovered-domain');
    const [nih] = find(64, 'nih.gov');
    expect(nih.score).toBe(1 - 0.7);
    expect(nih.under).toBe(true);
    expect(find(56, 'cms.gov')[0].under).toBe(true);
    expect(find(56, 'uhcprovider.com')[0].under).toBe(true);
    expect(find(66, 'identitydirect.co.uk')[0].status).toBe('uncovered-org');
    expect(find(67, 'pps.agari')[0].status).toBe('uncovered-domain');
    // Non-string reasons are there to be kept as JSON text.
    expect(fs.readFileSync(path.join(snapshots, REP_1), 'utf8')).toContain('{"rule": "gov_popup"}');
  });
});

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
