// Every method of the contract over browser mode's HTTP transport, against a real workspace
// (the demo) and real sources (an S3 server; a PostgreSQL port nobody listens on): once with
// good arguments, once with bad ones (refused with one readable line), plus an unknown method.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResponse, ApiResults, FindingRow, JobState } from '../../shared/api';
import { ApiError, createApiClient } from '../../renderer/api/client';
import { httpTransport } from '../../renderer/api/transport-http';
import { freePort } from '../support/servers/free-port';
import { startDnsmasq, type TestDns } from '../support/servers/dns';
import { startS3, type S3Server } from '../support/servers/s3';
import { DEMO, projectFile, startHarness, type Harness } from './harness';

let h: Harness;
let s3: S3Server;
let pgPort: number;
let dnsmasq: TestDns;
const S3_KEY = 'models/sendermodels-2016-09-05_02:00:00.avro';

beforeAll(async () => {
  s3 = await startS3();
  await s3.put('smw-builds', S3_KEY, fs.readFileSync(projectFile('snapshots/sendermodels-2016-08-22_02-25-57.avro')));
  // The job workers reach S3 through the SDK's default chain: these keys, nothing of ~/.aws.
  Object.assign(process.env, s3.env);
  pgPort = await freePort();
  dnsmasq = await startDnsmasq([]);
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
  await s3?.stop();
  await dnsmasq?.stop();
});

async function ok<M extends ApiMethod>(method: M, args: unknown): Promise<ApiResults[M]> {
  const response = await h.call<ApiResults[M]>(method, args);
  if (!response.ok) throw new Error(`${method} failed: ${response.error}`);
  return response.value;
}

/** GET /api/download/<id> as the page's link does: the token in the query; sent once. */
async function download(exportId: string): Promise<string> {
  const res = await h.raw({ path: `/api/download/${exportId}?token=${h.server.token}` });
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/u);
  const again = await h.raw({ path: `/api/download/${exportId}?token=${h.server.token}` });
  expect(again.status).toBe(404);
  return res.text;
}

async function firstRow(method: 'authenticityRows' | 'reputationRows', buildA: string): Promise<FindingRow> {
  const page = await ok(method, { buildA, limit: 1 });
  expect(page.rows.length).toBe(1);
  return page.rows[0];
}

/** The HTTP status beside the body: 400 for arguments that do not fit, 404 for an unknown method. */
async function callWithStatus(method: string, args: unknown): Promise<{ status: number; response: ApiResponse<unknown> }> {
  const res = await h.raw({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.token}` },
    body: JSON.stringify(args),
  });
  return { status: res.status, response: JSON.parse(res.text) as ApiResponse<unknown> };
}

/** One case per method: the type makes a method added to the contract fail here until it is covered. */
const cases: { [M in ApiMethod]: { good(): Promise<void>; bad: { args: unknown; error: string | RegExp } } } = {
  appInfo: {
    async good() {
      expect(await ok('appInfo', {})).toEqual({ version: 'test', dataDir: h.dataDir, mode: 'browser', keychain: false });
    },
    bad: { args: null, error: 'arguments: must be an object (got null)' },
  },
  listSnapshots: {
    async good() {
      const { snapshots } = await ok('listSnapshots', {});
      expect(snapshots.map((s) => s.id)).toEqual(expect.arrayContaining(Object.values(DEMO)));
      expect(snapshots.filter((s) => Object.values(DEMO).includes(s.id as never)).every((s) => s.demo === true)).toBe(true);
    },
    bad: { args: 5, error: 'arguments: must be an object (got 5)' },
  },
  loadDemo: {
    async good() {
      expect(await ok('loadDemo', {})).toEqual({ imported: [] });
    },
    bad: { args: [], error: 'arguments: must be an object (got a list)' },
  },
  startImport: {
    async good() {
      const { jobId } = await ok('startImport', { kind: 'sender-model', path: projectFile('test/fixtures/golden/sendermodels-1.avro'), id: 'scratch-1' });
      const job = await h.waitForJob(jobId);
      expect(job).toMatchObject({ state: 'done', kind: 'import', snapshotKind: 'sender-model', result: { id: 'scratch-1', kept: 12 } });
      expect((await ok('listSnapshots', {})).snapshots.some((s) => s.id === 'scratch-1')).toBe(true);
    },
    bad: { args: { kind: 'avro', path: '/tmp/x.avro' }, error: 'kind: must be one of "sender-model", "reputation", "feedback"' },
  },
  deleteSnapshot: {
    async good() {
      expect(await ok('deleteSnapshot', { id: 'scratch-1' })).toEqual({ deleted: 'scratch-1' });
      expect((await ok('listSnapshots', {})).snapshots.some((s) => s.id === 'scratch-1')).toBe(false);
    },
    bad: { args: { id: '../workspace.db' }, error: 'id: an id is 1–100 letters, digits and . _ - :' },
  },
  listS3Builds: {
    async good() {
      const { builds } = await ok('listS3Builds', { bucket: 'smw-builds', prefix: 'models/', endpoint: s3.endpoint, region: s3.region });
      expect(builds).toEqual([expect.objectContaining({ key: S3_KEY, kind: 'sender-model', pulled: false, buildTime: '2016-09-05T02:00:00.000Z' })]);
    },
    bad: { args: { bucket: 'ab' }, error: 'bucket: must be at least 3 characters long' },
  },
  startS3Pull: {
    async good() {
      const { jobId } = await ok('startS3Pull', {
        bucket: 'smw-builds',
        key: S3_KEY,
        kind: 'sender-model',
        endpoint: s3.endpoint,
        region: s3.region,
        id: 'pulled-1',
      });
      const job = await h.waitForJob(jobId);
      expect(job).toMatchObject({ state: 'done', kind: 'pull', title: `Pulling s3://smw-builds/${S3_KEY}`, result: { id: 'pulled-1' } });
      const pulled = (await ok('listSnapshots', {})).snapshots.find((s) => s.id === 'pulled-1');
      expect(pulled).toMatchObject({ kind: 'sender-model', source: `s3://smw-builds/${S3_KEY}` });
    },
    bad: { args: { bucket: 'smw-builds', key: S3_KEY, kind: 'feedback' }, error: 'kind: must be one of "sender-model", "reputation"' },
  },
  startPgPull: {
    async good() {
      // Good arguments, no server: the job starts, then fails saying so, without a stack.
      const { jobId } = await ok('startPgPull', { host: '127.0.0.1', port: pgPort, database: 'feedback', user: 'analyst', password: 'x', sslMode: 'disable' });
      const job = await h.waitForJob(jobId);
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/\S{10,}/u);
      expect(job.error).not.toMatch(/\n\s+at /u);
    },
    bad: { args: { host: '127.0.0.1', port: 70000, database: 'feedback', user: 'analyst' }, error: 'port: must be at most 65535' },
  },
  startContextPull: {
    async good() {
      // A DNS server that knows no name: every lookup answers NXDOMAIN, none fails.
      const { jobId } = await ok('startContextPull', { dns: dnsmasq.server, id: 'context-api', timeoutMs: 1000, tries: 1 });
      const job = await h.waitForJob(jobId);
      expect(job).toMatchObject({
        state: 'done',
        kind: 'pull',
        snapshotKind: 'context',
        title: `Pulling the sender context of ${DEMO.feedback} from ${dnsmasq.server}`,
        result: { id: 'context-api', kind: 'context', rejected: 0, context: { feedback: DEMO.feedback, failed: 0 } },
      });
      expect(job.rowsTotal).toBeGreaterThan(1000);
      expect(job.rowsDone).toBe(job.result!.kept);
      expect((await ok('listSnapshots', {})).snapshots.find((s) => s.id === 'context-api')).toMatchObject({
        kind: 'context',
        source: `dns://${dnsmasq.server}`,
      });
    },
    bad: { args: { dns: 'dns.example.com:53' }, error: 'dns: an IP address and an optional port, like 127.0.0.1:5353' },
  },
  listJobs: {
    async good() {
      const { jobs } = await ok('listJobs', {});
      expect(jobs.map((j: JobState) => j.title)).toEqual(expect.arrayContaining(['Importing sendermodels-1.avro', `Pulling s3://smw-builds/${S3_KEY}`]));
    },
    bad: { args: 'all', error: 'arguments: must be an object (got "all")' },
  },
  cancelJob: {
    async good() {
      expect(await ok('cancelJob', { jobId: 'job-that-never-was' })).toEqual({ cancelled: false });
    },
    bad: { args: {}, error: 'jobId: is required' },
  },
  authenticityOverview: {
    async good() {
      const overview = await ok('authenticityOverview', { buildA: DEMO.buildA, buildB: DEMO.buildB });
      expect(overview).toMatchObject({ kind: 'sender-model', buildA: DEMO.buildA, buildB: DEMO.buildB, feedback: DEMO.feedback });
      expect(overview.summaryA.items).toBeGreaterThan(0);
      expect(overview.histogramsA.individual).toHaveLength(50);
    },
    bad: { args: { buildA: DEMO.buildA, cutoff: 2 }, error: 'cutoff: must be at most 1' },
  },
  authenticityRows: {
    async good() {
      const page = await ok('authenticityRows', { buildA: DEMO.buildA, buildB: DEMO.buildB, limit: 5, filter: { findingsOnly: true } });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows.length).toBeLessThanOrEqual(5);
      expect(page.total).toBeGreaterThanOrEqual(page.rows.length);
      expect(page.rows[0].cidr).toMatch(/\//u);
    },
    bad: { args: { buildA: DEMO.buildA, limit: 10_000 }, error: 'limit: must be at most 5000' },
  },
  authenticityDetail: {
    async good() {
      const row = await firstRow('authenticityRows', DEMO.buildA);
      const detail = await ok('authenticityDetail', { buildA: DEMO.buildA, org: row.org, domain: row.domain, cidr: row.cidr! });
      expect(detail.row).toMatchObject({ org: row.org, domain: row.domain, cidr: row.cidr });
      expect(detail.feedbackRows.length).toBeGreaterThan(0);
    },
    bad: { args: { buildA: DEMO.buildA, org: 54, domain: '' }, error: 'domain: must not be empty; cidr: is required' },
  },
  authenticityNetworks: {
    async good() {
      const groups = await ok('authenticityNetworks', { buildA: DEMO.buildA, context: DEMO.context, by: 'ptr', org: 54 });
      expect(groups).toMatchObject({ by: 'ptr', context: DEMO.context });
      // Org 54's findings are mostly one mailing-list provider's addresses.
      expect(groups.networks[0].network).toBe('mcsv.net');
      expect(groups.networks[0].orgs[0].org).toBe(54);
    },
    bad: { args: { buildA: DEMO.buildA, by: 'ptr' }, error: 'context: is required' },
  },
  reputationOverview: {
    async good() {
      const overview = await ok('reputationOverview', { buildA: DEMO.reputationA });
      expect(overview).toMatchObject({ kind: 'reputation', buildA: DEMO.reputationA });
      expect(overview.histogramsA.reputation).toHaveLength(50);
    },
    bad: { args: { buildB: DEMO.reputationB }, error: 'buildA: is required' },
  },
  reputationRows: {
    async good() {
      const page = await ok('reputationRows', { buildA: DEMO.reputationA, sort: { column: 'score', direction: 'asc' } });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows[0].cidr).toBeUndefined();
    },
    bad: { args: { buildA: DEMO.reputationA, sort: { column: 'colour', direction: 'asc' } }, error: /^sort\.column: must be one of "org", "domain"/u },
  },
  reputationDetail: {
    async good() {
      const row = await firstRow('reputationRows', DEMO.reputationA);
      const detail = await ok('reputationDetail', { buildA: DEMO.reputationA, org: row.org, domain: row.domain });
      expect(detail.row).toMatchObject({ org: row.org, domain: row.domain });
    },
    bad: { args: { buildA: DEMO.reputationA, org: true, domain: 'example.com' }, error: 'org: must be a number or text (got true)' },
  },
  exportRows: {
    async good() {
      const file = await ok('exportRows', { view: 'authenticity', format: 'csv', buildA: DEMO.buildA });
      expect(file).toMatchObject({ mimeType: 'text/csv', fileName: expect.stringMatching(/^findings-.*\.csv$/u) });
      const text = await download(file.exportId);
      expect(text.split('\n')[0]).toMatch(/org.*domain.*cidr/u);
      expect(Buffer.byteLength(text)).toBe(file.bytes);
    },
    bad: { args: { view: 'pdf', format: 'csv', buildA: DEMO.buildA }, error: 'view: must be one of "authenticity", "reputation"' },
  },
  startReportExport: {
    async good() {
      const { jobId } = await ok('startReportExport', { view: 'authenticity', format: 'json', buildA: DEMO.buildA, cutoff: 0.3 });
      const job = await h.waitForJob(jobId);
      expect(job).toMatchObject({ state: 'done', kind: 'export', exported: { mimeType: 'application/json' } });
      const report = JSON.parse(await download(job.exported!.exportId)) as { build: string; cutoff: number; items: Array<{ matches: unknown[] }> };
      expect(report).toMatchObject({ build: DEMO.buildA, cutoff: 0.3 });
      expect(report.items.some((i) => i.matches.length > 0)).toBe(true);
    },
    bad: { args: { view: 'authenticity', format: 'xml', buildA: DEMO.buildA }, error: 'format: must be one of "csv", "json"' },
  },
  listNotes: {
    async good() {
      expect(await ok('listNotes', {})).toEqual({ notes: [] });
    },
    bad: { args: 1, error: 'arguments: must be an object (got 1)' },
  },
  saveNote: {
    async good() {
      const { note } = await ok('saveNote', {
        key: { org: 54, domain: 'Example.COM', cidr: '192.0.2.0/24' },
        text: 'A forwarder: the model cannot know.',
        status: 'explained',
        tags: ['forwarder'],
      });
      expect(note).toMatchObject({ org: 54, domain: 'example.com', cidr: '192.0.2.0/24', scope: 'finding', status: 'explained', tags: ['forwarder'] });
      expect((await ok('listNotes', {})).notes).toHaveLength(1);
    },
    bad: { args: { key: { org: 54 }, text: 'x', status: 'done', tags: [] }, error: 'status: must be one of "open", "explained", "fixed", "wont-fix"' },
  },
  noteChanges: {
    async good() {
      // The note above was written without figures: nothing to say has changed.
      expect(await ok('noteChanges', { senderModel: DEMO.buildA })).toEqual({ changes: [] });
    },
    bad: { args: { senderModel: 'not an id!' }, error: /^senderModel: /u },
  },
  exportNotes: {
    async good() {
      const markdown = await ok('exportNotes', { format: 'markdown' });
      expect(markdown).toMatchObject({ mimeType: 'text/markdown', fileName: expect.stringMatching(/\.md$/u) });
      expect(markdown.text).toContain('A forwarder: the model cannot know.');
      const json = await ok('exportNotes', { format: 'json' });
      expect(JSON.parse(json.text).notes).toHaveLength(1);
    },
    bad: { args: { format: 'docx' }, error: 'format: must be one of "markdown", "json"' },
  },
  importNotes: {
    async good() {
      const json = await ok('exportNotes', { format: 'json' });
      expect(await ok('importNotes', { text: json.text })).toEqual({ added: 0, merged: 0, unchanged: 1 });
    },
    bad: { args: { text: '' }, error: 'text: must not be empty' },
  },
  deleteNote: {
    async good() {
      expect(await ok('deleteNote', { key: { org: 54, domain: 'example.com', cidr: '192.0.2.0/24' } })).toEqual({ deleted: true });
      expect(await ok('deleteNote', { key: { org: 54, domain: 'example.com', cidr: '192.0.2.0/24' } })).toEqual({ deleted: false });
    },
    bad: { args: {}, error: 'key: is required' },
  },
  getSettings: {
    async good() {
      const settings = await ok('getSettings', {});
      expect(settings).toMatchObject({ defaultCutoff: null, s3Profiles: [], pgProfiles: [] });
    },
    bad: { args: null, error: 'arguments: must be an object (got null)' },
  },
  updateSettings: {
    async good() {
      const settings = await ok('updateSettings', { defaultCutoff: 0.25, context: { buildA: DEMO.buildA } });
      expect(settings).toMatchObject({ defaultCutoff: 0.25, context: { buildA: DEMO.buildA } });
      expect(await ok('getSettings', {})).toMatchObject({ defaultCutoff: 0.25 });
    },
    bad: { args: { defaultCutoff: 1.5 }, error: 'defaultCutoff: must be at most 1' },
  },
};

describe('the API over HTTP, on the demo workspace', () => {
  // In this order: later cases use what earlier ones made (scratch-1, the note).
  for (const method of Object.keys(cases) as ApiMethod[]) {
    it(`${method} answers good arguments`, async () => {
      await cases[method].good();
    });
  }

  for (const method of Object.keys(cases) as ApiMethod[]) {
    it(`${method} refuses bad arguments with one readable line`, async () => {
      const { args, error } = cases[method].bad;
      const { status, response } = await callWithStatus(method, args);
      expect(status).toBe(400);
      expect(response.ok).toBe(false);
      if (response.ok) return;
      if (typeof error === 'string') expect(response.error).toBe(error);
      else expect(response.error).toMatch(error);
      expect(response.error).not.toContain('\n');
    });
  }

  it('refuses arguments that only make sense together with status 400, before the core runs', async () => {
    const both = await callWithStatus('startImport', { kind: 'feedback', path: '/tmp/x.jsonl', uploadId: 'AAAAAAAAAAAAAAAAAAAAAA.x.jsonl' });
    expect(both).toEqual({ status: 400, response: { ok: false, error: expect.stringMatching(/^path: give the file to import either as path .* not both$/u) } });
    const neither = await callWithStatus('startImport', { kind: 'feedback' });
    expect(neither.status).toBe(400);
    const cidrWithoutDomain = await callWithStatus('saveNote', { key: { org: 54, cidr: '192.0.2.0/24' }, text: 'x', status: 'open', tags: [] });
    expect(cidrWithoutDomain).toEqual({ status: 400, response: { ok: false, error: 'key.domain: a note on a CIDR needs its domain too' } });
  });

  it('refuses an unknown method by name, with status 404', async () => {
    expect(await callWithStatus('frobnicate', {})).toEqual({ status: 404, response: { ok: false, error: 'unknown method "frobnicate"' } });
  });

  it("the renderer's HTTP transport reads 400 and 404 answers as the readable error they carry", async () => {
    const store = new Map<string, string>();
    const transport = httpTransport({
      location: { href: h.server.openUrl, origin: h.server.origin },
      history: { state: null, replaceState: () => undefined },
      storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
      fetch,
    });
    const { api } = createApiClient(transport);
    await expect(api.authenticityOverview({ buildA: DEMO.buildA, cutoff: 2 })).rejects.toThrow(
      new ApiError('authenticityOverview', 'cutoff: must be at most 1'),
    );
    expect(await transport.call('frobnicate', {})).toEqual({ ok: false, error: 'unknown method "frobnicate"' });
    expect((await api.listJobs({})).jobs).toBeInstanceOf(Array);
  });

  it("reports errors of the core in the user's words: a missing snapshot, a build of the wrong kind", async () => {
    const missing = await h.call('deleteSnapshot', { id: 'sendermodels-1999-01-01' });
    expect(missing).toEqual({ ok: false, error: expect.stringMatching(/no snapshot 'sendermodels-1999-01-01'/u) });
    const wrongKind = await h.call('authenticityOverview', { buildA: DEMO.reputationA });
    expect(wrongKind).toEqual({ ok: false, error: `snapshot '${DEMO.reputationA}' is a reputation, not a sender-model` });
  });

  it("refuses an import under an id that exists, at once and before any work, in the form's words", async () => {
    const response = await h.call('startImport', { kind: 'sender-model', path: projectFile('test/fixtures/golden/sendermodels-1.avro'), id: DEMO.buildA });
    expect(response).toEqual({ ok: false, error: expect.stringMatching(/already exists.*tick Replace to overwrite it, or give another Id/u) });
  });

  it('says so when the file to import is not there', async () => {
    const response = await h.call('startImport', { kind: 'feedback', path: '/nonexistent/feedback.jsonl' });
    expect(response).toEqual({ ok: false, error: 'there is no file at /nonexistent/feedback.jsonl; check the path' });
  });

  it('imports a file sent to /api/upload, then removes the upload', async () => {
    const body = fs.readFileSync(projectFile('test/fixtures/golden/reputation-1.json'));
    const uploaded = await h.raw({
      method: 'POST',
      path: '/api/upload?name=reputation-1.json',
      headers: { authorization: `Bearer ${h.server.token}`, 'content-type': 'application/octet-stream' },
      body,
    });
    expect(uploaded.status).toBe(200);
    const { value } = JSON.parse(uploaded.text) as { value: { uploadId: string } };
    expect(value.uploadId).toMatch(/^[A-Za-z0-9_-]{22}\.reputation-1\.json$/u);
    const { jobId } = await ok('startImport', { kind: 'reputation', uploadId: value.uploadId, id: 'uploaded-1' });
    expect(await h.waitForJob(jobId)).toMatchObject({ state: 'done', result: { id: 'uploaded-1', kept: 5 } });
    expect(fs.readdirSync(`${h.dataDir}/uploads`)).toEqual([]);
    expect((await ok('listSnapshots', {})).snapshots.find((s) => s.id === 'uploaded-1')?.source).toBe('reputation-1.json');
  });

  it('sends job progress and snapshot changes to the page as server-sent events', async () => {
    const events: unknown[] = [];
    const controller = new AbortController();
    const res = await fetch(`${h.server.origin}/api/events?token=${h.server.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    const reader = res.body!.getReader();
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (const block of buffer.split('\n\n').slice(0, -1)) {
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    })();
    const { jobId } = await ok('startImport', { kind: 'feedback', path: projectFile('test/fixtures/golden/feedback.jsonl'), id: 'sse-feedback' });
    await h.waitForJob(jobId);
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    await reading;
    expect(events).toContainEqual(expect.objectContaining({ type: 'job', job: expect.objectContaining({ jobId, state: 'running' }) }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'job', job: expect.objectContaining({ jobId, state: 'done' }) }));
    expect(events).toContainEqual({ type: 'snapshots-changed' });
  });
});
