// Cancelling an import that is under way: the job worker stops, nothing is kept, and no
// temporary file is left in the workspace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResults } from '../../shared/api';
import { PROJECT_ROOT, startHarness, tempDir, type Harness } from './harness';

let h: Harness;
const file = path.join(tempDir('smw-cancel-'), 'sendermodels-big.avro');

beforeAll(async () => {
  const written = spawnSync(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [path.join(PROJECT_ROOT, 'test/shell/big-build.ts'), file, '2000000'], {
    encoding: 'utf8',
  });
  if (written.status !== 0) throw new Error(written.stderr);
  h = await startHarness({ demo: false });
});

afterAll(async () => {
  await h?.stop();
});

describe('cancelling an import', () => {
  it('ends the job as cancelled, keeps no snapshot and leaves no temporary file', async () => {
    // Cancel on the job's first progress event with entries read: the worker is reading, and
    // sorting and writing the snapshot are still ahead of it, whatever the machine's speed.
    // (The only job of this harness, so the event may even come before startImport answers.)
    const reading = new Promise<void>((resolve) => {
      const off = h.client.onEvent((event) => {
        if (event.type === 'job' && event.job.state === 'running' && event.job.rowsDone > 0) {
          off();
          resolve();
        }
      });
    });
    const started = await h.call<ApiResults['startImport']>('startImport', { kind: 'sender-model', path: file, id: 'big' });
    if (!started.ok) throw new Error(started.error);
    const { jobId } = started.value;
    await reading;
    expect(await h.call('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const job = await h.waitForJob(jobId, 10_000);
    expect(job.state).toBe('cancelled');
    expect(job.error).toBe('cancelled; nothing was kept');
    const listed = await h.call<ApiResults['listSnapshots']>('listSnapshots');
    expect(listed.ok && listed.value.snapshots).toEqual([]);
    expect(fs.readdirSync(path.join(h.dataDir, 'snapshots'))).toEqual([]);
    // The source is free again: the same import runs to the end.
    const again = await h.call<ApiResults['startImport']>('startImport', { kind: 'sender-model', path: file, id: 'big' });
    if (!again.ok) throw new Error(again.error);
    expect(await h.waitForJob(again.value.jobId)).toMatchObject({ state: 'done', result: { id: 'big', kept: 2_000_000 } });
  });
});
