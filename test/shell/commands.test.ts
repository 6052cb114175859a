// `npm run web` and `npm start` as a user runs them: real child processes, their output, the
// link they print, and a clean stop on SIGTERM. (The UI is built once into a temp folder and
// served through SMW_RENDERER_DIR, so these tests never rebuild out/renderer under others.)
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../../main/server/renderer-build';
import { DEMO, PROJECT_ROOT, tempDir } from './harness';

const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
let rendererDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  rendererDir = tempDir('smw-ui-build-');
  await buildRenderer(rendererDir);
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(script: string, args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(TSX, [path.join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', SMW_RENDERER_DIR: rendererDir, ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function openLink(r: Run, timeoutMs = 60_000): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})$/mu.exec(r.stdout());
    if (m) return new URL(m[1]);
    if (r.child.exitCode !== null) throw new Error(`exited ${r.child.exitCode}: ${r.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no Open line after ${timeoutMs} ms; stderr: ${r.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function listSnapshotIds(link: URL): Promise<string[]> {
  const res = await fetch(`${link.origin}/api/listSnapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${link.searchParams.get('token')}` },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; value: { snapshots: Array<{ id: string }> } };
  return body.value.snapshots.map((s) => s.id);
}

describe('npm run web', () => {
  it('imports the demo on first start, prints one Open line, serves the UI and the API, and stops on SIGTERM', async () => {
    const r = run('main/server/web.ts', ['--no-open', '--data-dir', path.join(tempDir(), 'ws')]);
    const link = await openLink(r);
    expect(r.stdout().trim().split('\n')).toEqual([`Open ${link.href}`]);
    expect(r.stderr()).toMatch(/First start: importing the demo workspace/u);
    expect((await fetch(link.origin)).status).toBe(200);
    expect(await listSnapshotIds(link)).toEqual(expect.arrayContaining(Object.values(DEMO)));
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('does not import the demo again into a workspace that has been used', async () => {
    const dataDir = path.join(tempDir(), 'ws');
    const first = run('main/server/web.ts', ['--no-open', '--data-dir', dataDir]);
    const link = await openLink(first);
    await fetch(`${link.origin}/api/deleteSnapshot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${link.searchParams.get('token')}` },
      body: JSON.stringify({ id: DEMO.buildB }),
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = run('main/server/web.ts', ['--no-open', '--data-dir', dataDir]);
    const again = await openLink(second);
    expect(second.stderr()).not.toMatch(/First start/u);
    expect(await listSnapshotIds(again)).not.toContain(DEMO.buildB);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('listens on the port it is given, and says so in one line when that port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = run('main/server/web.ts', ['--no-open', '--port', String(port), '--data-dir', path.join(tempDir(), 'ws')]);
    expect(await r.exited).toBe(1);
    expect(r.stderr().trim().split('\n').at(-1)).toBe(`smw web: port ${port} is in use; pick another with --port, or leave --port out for a free one`);
    blocker.close();
  });

  it('refuses a bad flag with a usage line', async () => {
    const r = run('main/server/web.ts', ['--port', 'eighty']);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toBe("--port must be a number from 1 to 65535, got 'eighty'\n");
  });
});

describe('npm start, where the Electron binary is missing', () => {
  it('says so in one paragraph and starts browser mode on the default workspace instead', async () => {
    // Electron's package honours this variable: pointed at nothing, the binary is missing here
    // even on a machine where it was downloaded.
    const r = run('main/electron/start.ts', ['--no-open'], {
      SMW_DATA_DIR: path.join(tempDir(), 'ws'),
      ELECTRON_OVERRIDE_DIST_PATH: path.join(tempDir(), 'no-electron'),
    });
    const link = await openLink(r);
    expect(r.stderr()).toContain('The Electron runtime is not installed on this machine');
    expect(r.stderr()).toContain('Starting browser mode instead');
    expect(await listSnapshotIds(link)).toEqual(expect.arrayContaining(Object.values(DEMO)));
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });
});
