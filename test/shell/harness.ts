// Browser mode as the tests drive it: the real core worker on a temp workspace, the real HTTP
// server on 127.0.0.1, and two ways in — `call` (what the page's transport does) and `raw`
// (any method, path and headers, Host included, as an attacker's page or a curl would).

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiMethod, ApiResponse, JobState } from '../../shared/api';
import { CoreClient } from '../../main/core/worker/core-client';
import { startServer, type RunningServer } from '../../main/server/server';

export interface Harness {
  dataDir: string;
  client: CoreClient;
  server: RunningServer;
  call<T = unknown>(method: ApiMethod | string, args?: unknown): Promise<ApiResponse<T>>;
  raw(request: RawRequest): Promise<RawResponse>;
  waitForJob(jobId: string, timeoutMs?: number): Promise<JobState>;
  stop(): Promise<void>;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function tempDir(prefix = 'smw-shell-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A stand-in for out/renderer/ when a test needs the server, not the UI. */
export function fakeRendererDir(): string {
  const dir = tempDir('smw-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sender Model Workbench</title><div id="root"></div>');
  return dir;
}

export async function startHarness(options: { dataDir?: string; rendererDir?: string; demo?: boolean } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDir();
  const { client } = await CoreClient.start({ dataDir, mode: 'browser', keychain: false, version: 'test' });
  if (options.demo !== false) {
    const seeded = await client.call('loadDemo', {});
    if (!seeded.ok) throw new Error(`demo import failed: ${seeded.error}`);
  }
  const server = await startServer({
    call: (method, args) => client.call(method, args),
    onEvent: (listener) => client.onEvent(listener),
    rendererDir: options.rendererDir ?? fakeRendererDir(),
    dataDir,
  });
  const host = `127.0.0.1:${server.port}`;

  const raw = (request: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: request.method ?? 'GET', path: request.path, headers: { host, ...request.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });

  const call = async <T>(method: string, args: unknown = {}): Promise<ApiResponse<T>> => {
    const res = await raw({
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, origin: `http://${host}` },
      body: JSON.stringify(args),
    });
    return JSON.parse(res.text) as ApiResponse<T>;
  };

  const waitForJob = async (jobId: string, timeoutMs = 60_000): Promise<JobState> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const listed = await call<{ jobs: JobState[] }>('listJobs');
      if (!listed.ok) throw new Error(listed.error);
      const job = listed.value.jobs.find((j) => j.jobId === jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      if (job.state !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    dataDir,
    client,
    server,
    call,
    raw,
    waitForJob,
    async stop() {
      await server.close();
      await client.close();
    },
  };
}

export const DEMO = {
  buildA: 'sendermodels-2016-08-22_02:25:57',
  buildB: 'sendermodels-2016-08-29_02:31:12',
  reputationA: 'reputation-1472029516.15',
  reputationB: 'reputation-1472634316.42',
  feedback: 'feedback-demo',
  context: 'context-demo',
} as const;

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const projectFile = (relative: string) => path.join(PROJECT_ROOT, relative);
