// The main thread's event loop during a big import (issue #4: never blocked > ~50 ms).
//   npx tsx test/shell/event-loop-bench.ts [ENTRIES=5000000]
// Writes the build in a child process, imports it through the core worker, prints one JSON line.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureImport } from './event-loop-probe';

const entries = Number(process.argv[2] ?? 5_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-loop-bench-'));
try {
  const file = path.join(dir, 'sendermodels-bench.avro');
  const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const t = Date.now();
  const written = spawnSync(tsx, [path.join(import.meta.dirname, 'big-build.ts'), file, String(entries)], { encoding: 'utf8' });
  if (written.status !== 0) throw new Error(`writing the build failed: ${written.stderr}`);
  const { bytes } = JSON.parse(written.stdout) as { bytes: number };
  process.stderr.write(`wrote ${entries} entries (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms\n`);
  const report = await measureImport(path.join(dir, 'workspace'), file, entries);
  process.stdout.write(`${JSON.stringify({ ...report, fileMB: Math.round(bytes / 1e5) / 10 })}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
