// Builds the renderer with vite (vite.config.ts) when out/renderer/ is missing or older than
// its sources, so `npm run web` and `npm start` work straight after `npm install`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RENDERER_OUT = path.join(PROJECT_ROOT, 'out', 'renderer');

/** The sources the renderer bundle is made of. */
const RENDERER_INPUTS = ['renderer', 'shared', 'vite.config.ts', 'package.json'];

export async function buildRenderer(outDir = DEFAULT_RENDERER_OUT): Promise<void> {
  const { build } = await import('vite');
  // A production bundle even when the caller runs with another NODE_ENV (vitest sets 'test'):
  // vite and the React plugin both read it, and must agree (jsx vs jsxDEV).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Builds when needed; returns whether it built. */
export async function ensureRendererBuilt(outDir = DEFAULT_RENDERER_OUT, log: (line: string) => void = () => {}): Promise<boolean> {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'renderer', 'index.html'))) {
    if (fs.existsSync(index)) return false;
    throw new Error(`the UI sources are missing (${path.join(PROJECT_ROOT, 'renderer', 'index.html')}) and no built UI is in ${outDir}`);
  }
  const builtAt = mtimeOf(index);
  if (builtAt !== null && newestMtime(RENDERER_INPUTS.map((p) => path.join(PROJECT_ROOT, p))) <= builtAt) return false;
  log(builtAt === null ? 'Building the UI (first run)…' : 'Building the UI (sources changed)…');
  await buildRenderer(outDir);
  return true;
}

function mtimeOf(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}
