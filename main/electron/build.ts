// `npm run build`: the renderer (vite.config.ts → out/renderer/); the Electron main process, its
// two worker threads, the `smw` command line and browser mode (→ out/main/, ES modules sharing
// their chunks); and the preload (→ out/preload/preload.cjs, CommonJS, because a sandboxed
// preload cannot be an ES module). Dependencies stay in node_modules (electron-builder packs the
// production ones and rebuilds better-sqlite3 for Electron). Nothing in out/ needs tsx.
//
// out/main/ sits two folders below the project root, as the sources do (main/<layer>/), so the
// paths the code finds from import.meta.url (the demo sources, package.json) hold in both.

import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildRenderer, PROJECT_ROOT } from '../server/renderer-build';

const OUT = path.join(PROJECT_ROOT, 'out');

/** Bare imports (packages, node: builtins, electron) stay imports; only our code is bundled. */
function isExternal(id: string): boolean {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true;
  return !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0');
}

/** Bundles into `outRoot`/main and `outRoot`/preload (default out/). */
export async function buildMain(outRoot = OUT): Promise<void> {
  const { build } = await import('vite');
  const src = (file: string) => path.join(PROJECT_ROOT, 'main', file);
  await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    build: {
      ssr: true,
      // The oldest runtime of these bundles: the CLI and browser mode on Node 20 (Electron's is newer).
      target: 'node20',
      outDir: path.join(outRoot, 'main'),
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: {
          'electron-main': src('electron/electron-main.ts'),
          // Worker threads are entry points of their own, started by spawn-worker.ts from here.
          'core-worker': src('core/worker/core-worker.ts'),
          'job-worker': src('core/worker/job-worker.ts'),
          // `node out/main/smw.js ARGS` (bin/smw.mjs without the sources) and `node out/main/web.js`.
          smw: src('cli/bin.ts'),
          web: src('server/web.ts'),
        },
        external: isExternal,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Flat: spawn-worker.ts finds the worker entries beside the chunk it is in.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  });
  await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    build: {
      ssr: true,
      target: 'node20',
      outDir: path.join(outRoot, 'preload'),
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: { preload: src('electron/preload.cts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
}

export async function buildAll(): Promise<void> {
  await buildRenderer();
  await buildMain();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildAll().then(
    () => process.stdout.write(`Built out/renderer, out/main (with smw.js) and out/preload in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`),
    (err: unknown) => {
      process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
