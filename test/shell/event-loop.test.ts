// The main process's event loop stays free during a big import: decode and inserts run in a
// job worker, queries in the core worker. (5M entries: event-loop-bench.ts.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureImport } from './event-loop-probe';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-loop-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('during a 1M-entry import through the core worker', () => {
  it('the main thread is never blocked long (p99 under 50 ms) and the core keeps answering queries', async () => {
    const file = path.join(dir, 'sendermodels-1m.avro');
    // Written by another process: its garbage must not be collected during the measurement.
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const written = spawnSync(tsx, [path.join(import.meta.dirname, 'big-build.ts'), file, '1000000'], { encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    const report = await measureImport(path.join(dir, 'workspace'), file, 1_000_000);
    console.log(`event loop during import: ${JSON.stringify(report)}`);
    expect(report.jobState).toBe('done');
    expect(report.loopDelayMs.p99).toBeLessThan(50);
    // listSnapshots is answered while the job worker decodes and writes.
    expect(report.queryMs.count).toBeGreaterThan(5);
    expect(report.queryMs.max).toBeLessThan(250);
  });
});
