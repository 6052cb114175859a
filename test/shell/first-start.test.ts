// Starting browser mode as a user does (real processes): a first start that fails on a busy
// port still leaves the next start its demo; a workspace whose snapshots were all deleted is
// not seeded again; and an upload cut short by killing the server is removed at the next start.

import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiCall } from '../support/processes/save-storm';
import { startBrowserMode, standInRenderer, startTsx, stopChild, type Child } from '../support/processes/children';
import { DEMO } from './harness';

const children: Child[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function folders(): { dataDir: string; rendererDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-first-start-'));
  dirs.push(root);
  return { dataDir: path.join(root, 'workspace'), rendererDir: standInRenderer(path.join(root, 'ui')) };
}

async function browserMode(dataDir: string, rendererDir: string, port?: number) {
  const mode = await startBrowserMode(dataDir, rendererDir, port);
  children.push(mode.child);
  return mode;
}

async function snapshotIds(server: { origin: string; token: string }): Promise<string[]> {
  const { body } = await apiCall<{ snapshots: Array<{ id: string }> }>(server, 'listSnapshots', {});
  if (!body.ok) throw new Error(body.error);
  return body.value.snapshots.map((s) => s.id).sort();
}

describe('the first start', () => {
  it('seeds the demo on the next start when the first one failed on a busy port after creating workspace.db', async () => {
    const { dataDir, rendererDir } = folders();
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const failed = startTsx('main/server/web.ts', ['--data-dir', dataDir, '--port', String(port), '--no-open'], { SMW_RENDERER_DIR: rendererDir });
      children.push(failed);
      expect(await failed.exited).toBe(1);
      expect(failed.stderr()).toContain(`port ${port} is in use`);
      expect(fs.existsSync(path.join(dataDir, 'workspace.db'))).toBe(true);
    } finally {
      busy.close();
    }

    const server = await browserMode(dataDir, rendererDir);
    expect(await snapshotIds(server)).toEqual(Object.values(DEMO).sort());
    await stopChild(server.child);

    // Deleted by the analyst: the workspace has had snapshots, and is not seeded again.
    const again = await browserMode(dataDir, rendererDir);
    for (const id of Object.values(DEMO)) expect((await apiCall(again, 'deleteSnapshot', { id })).body.ok).toBe(true);
    await stopChild(again.child);
    const third = await browserMode(dataDir, rendererDir);
    expect(await snapshotIds(third)).toEqual([]);
  }, 180_000);

  it('removes an upload part left by a server killed mid-upload when the app starts again', async () => {
    const { dataDir, rendererDir } = folders();
    const server = await browserMode(dataDir, rendererDir);
    const uploads = path.join(dataDir, 'uploads');
    // An upload that sends its first megabyte, then waits: the server is killed meanwhile.
    const request = http.request(`${server.origin}/api/upload?name=sendermodels-big.avro`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream', 'content-length': String(64 << 20) },
    });
    request.on('error', () => undefined);
    request.write(Buffer.alloc(1 << 20, 7));
    const deadline = Date.now() + 30_000;
    const part = await new Promise<string>((resolve, reject) => {
      const look = () => {
        const found = fs.existsSync(uploads)
          ? fs.readdirSync(uploads).find((n) => n.startsWith('.part-') && fs.statSync(path.join(uploads, n)).size > 0)
          : undefined;
        if (found) resolve(found);
        else if (Date.now() > deadline)
          reject(new Error(`no upload part in ${uploads} after 30 s: ${fs.existsSync(uploads) ? fs.readdirSync(uploads).join(', ') : 'no folder'}`));
        else setTimeout(look, 10);
      };
      look();
    });
    expect(part).toMatch(new RegExp(`^\\.part-${server.child.process.pid}-[A-Za-z0-9_-]{22}\\.sendermodels-big\\.avro$`, 'u'));
    await stopChild(server.child, 'SIGKILL');
    request.destroy();
    expect(fs.readdirSync(uploads)).toEqual([part]);

    await browserMode(dataDir, rendererDir);
    expect(fs.readdirSync(uploads)).toEqual([]);
  }, 180_000);
});
