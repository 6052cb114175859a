// `smw pull context` against real DNS servers on 127.0.0.1 (DESIGN §8): dnsmasq answering the
// fixture's records, a socket that never answers, and one that refuses everything. The stored
// answers are then read offline and every item's context checked field by field.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../main/cli/pull-command';
import { readSenderContext } from '../../main/workspace/context-store';
import { SnapshotCache } from '../../main/workspace/snapshot-cache';
import { Workspace } from '../../main/workspace/workspace';
import { neighboursOf, senderContextSource } from '../../shared/sender-context-of';
import { projectRoot, smw, tempDir } from '../support/cli';
import { startDnsmasq, startRefusingDns, startSilentDns, type TestDns } from '../support/servers/dns';
import { BUILD_ID, DNSMASQ_RECORDS, EXPECTED, writeFixtureFiles } from './dns-fixture';

const fixture = (name: string) => path.join(projectRoot, 'test/fixtures/context', name);
let dns: TestDns;
let files: { feedback: string; build: string };
let dataDir: string;

beforeAll(async () => {
  dns = await startDnsmasq(DNSMASQ_RECORDS);
  files = writeFixtureFiles(tempDir());
});
afterAll(async () => {
  await dns?.stop();
});

beforeEach(async () => {
  dataDir = tempDir('smw-context-');
  for (const [kind, file, id] of [
    ['feedback', files.feedback, 'feedback-ctx'],
    ['sender-model', files.build, BUILD_ID],
  ]) {
    const run = await smw('import', kind, file, '--id', id, '--data-dir', dataDir);
    expect(run.code, run.stderr).toBe(0);
  }
});

async function pull(argv: string[], { isTTY = false, signal = undefined as AbortSignal | undefined, onStderr = (_: string) => {} } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runPullCommand(
    ['context', ...argv],
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => {
        stderr += t;
        onStderr(t);
      },
      isTTY,
    },
    dataDir,
    { signal },
  );
  return { code, stdout, stderr };
}

function contexts(id: string) {
  const ws = Workspace.open(dataDir);
  try {
    const db = ws.openSnapshot(id);
    const data = readSenderContext(db);
    db.close();
    const source = senderContextSource(data);
    const items = new SnapshotCache(ws).feedback(data.feedback).authenticityItems;
    return {
      data,
      byItem: new Map(items.map((i) => [`${i.org} ${i.domain} ${i.cidrText}`, source.contextOf({ org: i.org, domain: i.domain, cidr: i.cidrText })])),
      items,
    };
  } finally {
    ws.close();
  }
}

describe('smw pull context against dnsmasq', () => {
  it("stores what check_host(), PTR and forward confirmation need, and every item gets DESIGN §8's fields", async () => {
    const run = await pull(['--dns', dns.server, '--build', BUILD_ID, '--id', 'ctx-1', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toEqual({
      id: 'ctx-1',
      kind: 'context',
      feedback: 'feedback-ctx',
      domains: 12,
      addresses: 19,
      lookups: expect.any(Number),
      failed: 0,
      problems: [],
    });
    expect(Object.keys(report)).toEqual(['id', 'kind', 'feedback', 'domains', 'addresses', 'lookups', 'failed', 'problems']);

    const { data, byItem, items } = contexts('ctx-1');
    expect(data.dns.size).toBe(report.lookups);
    expect(items).toHaveLength(23);
    for (const item of items) {
      expect(byItem.get(`${item.org} ${item.domain} ${item.cidrText}`), `${item.domain} ${item.cidrText}`).toEqual(EXPECTED[`${item.domain} ${item.cidrText}`]);
    }
    // The IDN domain was asked in its ASCII form.
    expect(data.dns.answer('xn--bcher-kva.example', 'TXT')).toEqual({ status: 'ok', records: [['v=spf1 ip6:2001:db8:b::/48 -all']] });
    // The build's entries in the item's /24, with their PTR names (single addresses only).
    expect(neighboursOf(data, 'spf-pass.example', '192.0.2.0/24')).toEqual([
      { entry: '192.0.2.10/32', ptr: ['mta.spf-pass.example'], fcrdns: true },
      { entry: '192.0.2.11/32', ptr: [], fcrdns: null },
      { entry: '192.0.2.12/32', ptr: ['mta2.spf-pass.example'], fcrdns: true },
    ]);
    expect(neighboursOf(data, 'mx.example', '198.51.100.0/24')).toEqual([{ entry: '198.51.100.20/32', ptr: ['mx1.mx.example'], fcrdns: true }]);
    // It records the resolver used and when.
    expect(data.meta).toMatchObject({ feedback: 'feedback-ctx', build: BUILD_ID, resolver: dns.server, timeoutMs: 2000, tries: 2 });
    expect(Date.parse(data.meta.pulledAt)).toBeGreaterThan(Date.now() - 60_000);

    const list = JSON.parse((await smw('list', '--json', '--data-dir', dataDir)).stdout);
    expect(list.snapshots.find((s: { id: string }) => s.id === 'ctx-1')).toMatchObject({
      kind: 'context',
      source: `dns://${dns.server}`,
      rows: report.lookups,
    });
  });

  it('takes the latest feedback pull and names the snapshot context-YYYYMMDDTHHMMSSZ by default, with a plain closing line', async () => {
    const run = await pull(['--dns', dns.server]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^pulled context context-\d{8}T\d{6}Z for feedback-ctx : 12 domains, 15 addresses, \d+ lookups via 127\.0\.0\.1:\d+ in \d+\.\d s\n$/,
    );
    const again = await pull(['--dns', dns.server, '--id', run.stdout.split(' ')[2]]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--replace/);
    expect((await pull(['--dns', dns.server, '--id', run.stdout.split(' ')[2], '--replace'])).code).toBe(0);
  });

  it("adds the AS of each CIDR's network address from --asn tables (mmdb and ip2asn TSV, gzip)", async () => {
    const run = await pull(['--dns', dns.server, '--asn', fixture('asn-test.mmdb.gz'), '--asn', fixture('ip2asn-v4.tsv'), '--id', 'ctx-as', '--json']);
    expect(run.code, run.stderr).toBe(0);
    // The TSV's bad line is reported; the pull goes on.
    expect(run.stderr).toMatch(/^context: line 4: ip2asn-v4\.tsv "bad line here": not an ip2asn line/);
    const { byItem, data } = contexts('ctx-as');
    const as = (key: string) => [byItem.get(key)!.asn, byItem.get(key)!.asName];
    expect(as('54 spf-pass.example 192.0.2.10/32')).toEqual([64500, 'EXAMPLE-NET Example Networks']);
    expect(as('54 spf-pass.example 192.0.2.0/24')).toEqual([64500, 'EXAMPLE-NET Example Networks']);
    expect(as('54 spf-pass.example 203.0.113.5/32')).toEqual([64497, 'PROVIDER-AS']); // not in the mmdb: the TSV has it
    expect(as('54 redirect.example 192.0.2.77/32')).toEqual([64500, 'EXAMPLE-NET Example Networks']);
    expect(as('54 xn--bcher-kva.example 2001:db8:b::/48')).toEqual([64502, 'BUECHER-AS']);
    expect(as('54 nothing.example 192.0.2.99/32')).toEqual([64500, 'EXAMPLE-NET Example Networks']);
    expect(data.meta.asnTables).toEqual([
      { file: 'asn-test.mmdb.gz', format: 'mmdb' },
      { file: 'ip2asn-v4.tsv', format: 'ip2asn' },
    ]);
    const tsvOnly = await pull(['--dns', dns.server, '--asn', fixture('ip2asn-v4.tsv'), '--id', 'ctx-tsv']);
    expect(tsvOnly.code).toBe(0);
    expect(contexts('ctx-tsv').byItem.get('54 redirect.example 192.0.2.77/32')).toMatchObject({ asn: 64496 });
  });

  it('draws names done / total on a terminal and clears the line', async () => {
    const run = await pull(['--dns', dns.server, '--build', BUILD_ID], { isTTY: true });
    expect(run.code).toBe(0);
    const frames = run.stderr.split('\r\x1b[K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.at(-1)).toMatch(/^context {2}\[#{24}\] 31 \/ 31 names {2}\d+ lookups$/);
    expect(run.stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('cancels on the first progress, saving nothing', async () => {
    const controller = new AbortController();
    const run = await pull(['--dns', dns.server, '--id', 'ctx-cancel'], { isTTY: true, signal: controller.signal, onStderr: () => controller.abort() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/smw: the context pull was cancelled; nothing was saved/);
    const list = JSON.parse((await smw('list', '--json', '--data-dir', dataDir)).stdout);
    expect(list.snapshots.map((s: { id: string }) => s.id)).not.toContain('ctx-cancel');
    expect(fs.readdirSync(path.join(dataDir, 'snapshots')).filter((f) => !f.endsWith('.1.sqlite'))).toEqual([]);
  });

  it('says what is wrong with the command line, before asking anything', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--timeout', 'soon'],
        /^smw: --timeout must be a whole number from 1 to 600000 \(milliseconds per try, like 2000\), got 'soon' \(see smw pull context --help\)\n$/,
      ],
      [['--tries', '0'], /--tries must be a whole number from 1 to 10/],
      [['--dns', 'dns.example.com'], /--dns 'dns\.example\.com' is not a DNS server address; give an IP address and an optional port, like 127\.0\.0\.1:5353/],
      [['--build', 'feedback-ctx'], /^smw: --build 'feedback-ctx' is a feedback, not a sender-model build\n$/],
      [['--feedback', 'nope'], /^smw: no snapshot 'nope' in this workspace/],
      [['--asn', fixture('README.md')], /is neither an ip2asn TSV file nor a MaxMind \.mmdb database/],
      [['extra'], /unexpected argument: extra \(see smw pull context --help\)/],
    ];
    for (const [argv, message] of cases) {
      const run = await pull(argv);
      expect([run.code, run.stdout], argv.join(' ')).toEqual([1, '']);
      expect(run.stderr, argv.join(' ')).toMatch(message);
    }
  });
});

describe('smw pull context against servers that do not help', () => {
  it('finishes within its timeouts against a silent server: every lookup recorded as failed, a clear summary, exit 0', async () => {
    const silent = await startSilentDns();
    try {
      const started = performance.now();
      const run = await pull(['--dns', silent.server, '--timeout', '200', '--tries', '2', '--id', 'ctx-silent', '--json']);
      const seconds = (performance.now() - started) / 1000;
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ domains: 12, addresses: 15, lookups: 27, failed: 27 });
      expect(report.problems[0]).toEqual({
        field: 'PTR',
        value: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.b.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        reason: 'timed out (2 tries of 200 ms)',
      });
      expect(run.stderr).toMatch(/smw: every lookup failed: check that 127\.0\.0\.1:\d+ answers DNS queries/);
      // Each lookup was tried twice.
      expect(silent.queries()).toBe(54);
      const { byItem } = contexts('ctx-silent');
      expect(byItem.get('54 spf-pass.example 192.0.2.10/32')).toEqual({
        spf: 'temperror',
        spfMechanism: null,
        ptr: null,
        fcrdns: null,
        asn: null,
        asName: null,
      });
      expect(byItem.get('54 spf-pass.example 192.0.2.0/24')).toEqual({ spf: null, spfMechanism: null, ptr: null, fcrdns: null, asn: null, asName: null });
      console.log(`pull against a silent server: ${report.lookups} lookups, --timeout 200 --tries 2, ${seconds.toFixed(2)} s`);
    } finally {
      await silent.stop();
    }
  });

  it('does not ask again after a refusal', async () => {
    const refusing = await startRefusingDns();
    try {
      const run = await pull(['--dns', refusing.server, '--tries', '3', '--id', 'ctx-refused', '--json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ lookups: 27, failed: 27 });
      expect(report.problems.every((p: { reason: string }) => p.reason === 'REFUSED')).toBe(true);
      expect(refusing.queries()).toBe(27);
    } finally {
      await refusing.stop();
    }
  });

  it('gives temperror only where evaluation reaches a failed lookup', async () => {
    const silent = await startSilentDns();
    const forwarding = await startDnsmasq([
      'txt-record=slowinc.example,"v=spf1 ip4:192.0.2.0/24 include:inc.slow.example -all"',
      `server=/slow.example/127.0.0.1#${silent.port}`,
    ]);
    try {
      const file = path.join(tempDir(), 'slow.jsonl');
      fs.writeFileSync(
        file,
        `${JSON.stringify({
          id: 1,
          suggestion: {
            input_type: 'ip_list',
            matches: [
              { field: 'domain', value: ['slowinc.example'] },
              { field: 'ip', value: ['192.0.2.1', '198.51.100.9'] },
            ],
          },
          organization_id: 7,
          comments: '',
          suggestion_type: 'authenticity',
        })}\n`,
      );
      expect((await smw('import', 'feedback', file, '--id', 'feedback-slow', '--data-dir', dataDir)).code).toBe(0);
      const run = await pull(['--dns', forwarding.server, '--timeout', '300', '--tries', '1', '--feedback', 'feedback-slow', '--id', 'ctx-slow', '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).problems).toContainEqual({
        field: 'TXT',
        value: 'inc.slow.example',
        reason: expect.stringMatching(/timed out|SERVFAIL|REFUSED/),
      });
      const { byItem } = contexts('ctx-slow');
      expect(byItem.get('7 slowinc.example 192.0.2.1/32')).toMatchObject({ spf: 'pass', spfMechanism: 'ip4:192.0.2.0/24' });
      expect(byItem.get('7 slowinc.example 198.51.100.9/32')).toMatchObject({ spf: 'temperror', spfMechanism: null });
    } finally {
      await forwarding.stop();
      await silent.stop();
    }
  });
});
