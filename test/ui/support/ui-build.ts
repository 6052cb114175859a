// The UI bundle, built once before the servers start: test files run in parallel, and each
// server would otherwise rebuild out/renderer/ when the sources are newer — at the same time.
// Built in a child process without vitest's NODE_ENV=test (see web-server.ts).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './web-server';

const LOCK = path.join(PROJECT_ROOT, 'out', '.ui-build.lock');

export async function ensureUiBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const started = Date.now();
  // mkdir is atomic: the first test file builds, the others wait for it.
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed run
      if (Date.now() - started > 240_000) throw new Error(`waited 4 minutes for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const { NODE_ENV: _testEnv, ...env } = process.env;
    const script = "const m = await import('./main/server/renderer-build.ts'); await m.ensureRendererBuilt();";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`building the UI failed:\n${run.stderr}${run.stdout}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
