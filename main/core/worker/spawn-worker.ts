// Starts one of the app's worker threads, from the TypeScript sources or from a bundle.
// Node's worker threads do not inherit tsx's loader hooks, so from the sources every worker
// starts in tsx-bootstrap.mjs, which registers tsx and imports the .ts module. In the bundled
// Electron main, `core-worker.js` and `job-worker.js` are entry points beside this code.

import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerName = 'core-worker' | 'job-worker';

export function spawnWorker(name: WorkerName, options: WorkerOptions = {}): Worker {
  const here = import.meta.url;
  if (/\.(?:c|m)?tsx?$/u.test(here)) {
    const entry = new URL(`./${name}.ts`, here).href;
    return new Worker(new URL('./tsx-bootstrap.mjs', here), { ...options, argv: [...(options.argv ?? []), entry] });
  }
  return new Worker(new URL(`./${name}.js`, here), options);
}
