// The Electron build, as far as it runs without the Electron binary: vite bundles the main
// process, its two worker threads and the preload; the bundled core worker then answers calls
// and runs an import in the bundled job worker, exactly as it would inside Electron's main.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreMessage, CoreRequest, CoreWorkerData } from '../../main/core/worker/protocol';
import { buildMain } from '../../main/electron/build';
import { PROJECT_ROOT, projectFile, tempDir } from './harness';

// Inside the project, so the bundles resolve their dependencies from its node_modules.
const outRoot = path.join(PROJECT_ROOT, '.tmp', `bundle-test-${process.pid}`);

beforeAll(async () => {
  await buildMain(outRoot);
}, 120_000);

afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

describe('the Electron bundles', () => {
  it('are ES modules for the main process and its workers, side by side in out/main', () => {
    const files = fs.readdirSync(path.join(outRoot, 'main'));
    expect(files).toEqual(expect.arrayContaining(['electron-main.js', 'core-worker.js', 'job-worker.js']));
    expect(files.every((f) => !fs.statSync(path.join(outRoot, 'main', f)).isDirectory())).toBe(true);
    expect(fs.readFileSync(path.join(outRoot, 'main', 'electron-main.js'), 'utf8')).toMatch(/from "electron"/u);
  });

  it('include a CommonJS preload that requires electron and nothing else', () => {
    const preload = fs.readFileSync(path.join(outRoot, 'preload', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/gu)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/mu);
    expect(preload).toContain('exposeInMainWorld("smw"');
  });

  it('run the core worker: calls answered, an import done in the bundled job worker', async () => {
    const dataDir = tempDir();
    const data: CoreWorkerData = { dataDir, mode: 'electron', keychain: false, version: 'bundle-test' };
    const worker = new Worker(path.join(outRoot, 'main', 'core-worker.js'), { workerData: data });
    const replies = new Map<number, (m: CoreMessage) => void>();
    const events: CoreMessage[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: CoreMessage) => {
        if ('ready' in m) resolve();
        else if ('fatal' in m) reject(new Error(m.fatal));
        else if ('seq' in m) replies.get(m.seq)?.(m);
        else events.push(m);
      });
      worker.on('error', reject);
    });
    let seq = 0;
    const call = (method: string, args: unknown) =>
      new Promise<CoreMessage>((resolve) => {
        replies.set(++seq, resolve);
        worker.postMessage({ seq, method, args } satisfies CoreRequest);
      });
    try {
      await ready;
      expect(await call('appInfo', {})).toMatchObject({ response: { ok: true, value: { mode: 'electron', version: 'bundle-test' } } });
      const started = await call('startImport', { kind: 'sender-model', path: projectFile('test/fixtures/golden/sendermodels-1.avro'), id: 'sm-1' });
      expect(started).toMatchObject({ response: { ok: true } });
      await expect.poll(() => events.some((e) => 'event' in e && e.event.type === 'snapshots-changed'), { timeout: 30_000 }).toBe(true);
      const listed = await call('listSnapshots', {});
      expect(listed).toMatchObject({ response: { ok: true, value: { snapshots: [expect.objectContaining({ id: 'sm-1', rows: 12 })] } } });
    } finally {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true } satisfies CoreRequest);
      await exited;
    }
  });
});
