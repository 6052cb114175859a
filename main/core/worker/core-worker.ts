// The core's thread: hosts AppCore behind the dispatcher and answers numbered requests
// `{seq, method, args}` with `{seq, response, durationMs}`; events go out as `{event}`. SQLite,
// the joins and the aggregates all run here, never on the main thread.

import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createDispatcher, errorMessage } from '../../api/dispatcher';
import { AppCore } from '../app-core';
import { SLOW_CALL_MS, WAITS_FOR_JOB, type CoreMessage, type CoreRequest, type CoreWorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('core-worker.ts runs as a worker thread');
const post = (message: CoreMessage) => port.postMessage(message);

let core: AppCore;
try {
  core = AppCore.open(workerData as CoreWorkerData);
} catch (err) {
  console.error('[core] could not open the workspace:', err);
  post({ fatal: `could not open the workspace in ${(workerData as CoreWorkerData).dataDir}: ${errorMessage(err)}` });
  port.close();
  throw err;
}

const dispatch = createDispatcher(core);
core.onEvent((event) => post({ event }));

port.on('message', (request: CoreRequest) => {
  if ('close' in request) {
    void core.close().finally(() => {
      post({ closed: true });
      port.close();
    });
    return;
  }
  void answer(request.seq, request.method, request.args);
});

async function answer(seq: number, method: string, args: unknown): Promise<void> {
  const started = performance.now();
  const response = await dispatch(method, args);
  const durationMs = performance.now() - started;
  if (durationMs > SLOW_CALL_MS && !WAITS_FOR_JOB.has(method)) console.warn(`[core] slow call: ${method} took ${Math.round(durationMs)} ms`);
  try {
    post({ seq, response, durationMs });
  } catch (err) {
    // A result that cannot cross threads is a bug of the method, not of the caller.
    console.error(`[core] ${method} returned something that cannot be sent:`, err);
    post({ seq, response: { ok: false, error: `${method} returned data the app cannot send (${errorMessage(err)})` }, durationMs });
  }
}

post({ ready: { fresh: core.fresh } });
// After `ready`, so the shell starts serving the page while the remembered builds load.
setImmediate(() => core.warmUp());
