// The main thread's side of the core worker: `call(method, args)` for the transports (which
// pass ApiResponse through as it is), `api` for code that wants an AppApi that throws, and
// events. If the worker dies, pending calls get a readable error and the next call starts a
// fresh worker.

import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { apiArgs, type ApiEvent, type ApiMethod, type ApiResponse, type AppApi } from '../../../shared/api';
import type { CoreMessage, CoreRequest, CoreWorkerData } from './protocol';
import { spawnWorker } from './spawn-worker';

interface Pending {
  method: string;
  resolve(response: ApiResponse<unknown>): void;
}

interface Running {
  worker: Worker;
  ready: Promise<{ fresh: boolean }>;
}

export class CoreClient {
  readonly api: AppApi;
  private readonly events = new EventEmitter();
  private readonly pending = new Map<number, Pending>();
  private running: Running | null = null;
  private seq = 0;
  private closing: Promise<void> | null = null;

  private constructor(private readonly data: CoreWorkerData) {
    this.api = Object.fromEntries(
      (Object.keys(apiArgs) as ApiMethod[]).map((method) => [
        method,
        async (args: unknown) => {
          const response = await this.call(method, args);
          if (!response.ok) throw new Error(response.error);
          return response.value;
        },
      ]),
    ) as unknown as AppApi;
  }

  /** Starts the core worker and waits until it has opened the workspace. */
  static async start(data: CoreWorkerData): Promise<{ client: CoreClient; fresh: boolean }> {
    const client = new CoreClient(data);
    const { fresh } = await client.ensureRunning().ready;
    return { client, fresh };
  }

  async call(method: string, args: unknown): Promise<ApiResponse<unknown>> {
    if (this.closing) return { ok: false, error: 'the app is shutting down' };
    let running: Running;
    try {
      running = this.ensureRunning();
      await running.ready;
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, { method, resolve });
      try {
        running.worker.postMessage({ seq, method, args } satisfies CoreRequest);
      } catch (err) {
        this.pending.delete(seq);
        resolve({ ok: false, error: `the arguments of ${method} cannot be sent to the core (${(err as Error).message})` });
      }
    });
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  /** Cancels running jobs, closes the workspace and ends the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const running = this.running;
      if (!running) return;
      const exited = new Promise<void>((resolve) => running.worker.once('exit', () => resolve()));
      running.worker.postMessage({ close: true } satisfies CoreRequest);
      const timeout = setTimeout(() => void running.worker.terminate(), 10_000);
      await exited;
      clearTimeout(timeout);
    })();
    return this.closing;
  }

  private ensureRunning(): Running {
    if (this.running) return this.running;
    const worker = spawnWorker('core-worker', { workerData: this.data });
    let settleReady!: { resolve(v: { fresh: boolean }): void; reject(e: Error): void };
    const ready = new Promise<{ fresh: boolean }>((resolve, reject) => (settleReady = { resolve, reject }));
    ready.catch(() => undefined); // observed by callers; avoid an unhandled rejection when none waits
    const running: Running = { worker, ready };
    this.running = running;

    worker.on('message', (message: CoreMessage) => {
      if ('seq' in message) {
        const pending = this.pending.get(message.seq);
        this.pending.delete(message.seq);
        pending?.resolve(message.response);
      } else if ('event' in message) {
        this.events.emit('event', message.event);
      } else if ('ready' in message) {
        settleReady.resolve(message.ready);
      } else if ('fatal' in message) {
        settleReady.reject(new Error(message.fatal));
      }
    });
    worker.on('error', (err) => {
      console.error('[core] worker error:', err);
      settleReady.reject(new Error(`the app's core failed to start: ${err.message}`));
    });
    worker.on('exit', (code) => {
      if (this.running === running) this.running = null;
      settleReady.reject(new Error(`the app's core stopped (exit code ${code}) before it was ready`));
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) {
        p.resolve({ ok: false, error: `the app's core stopped while running ${p.method}; it restarts on the next request, try again` });
      }
    });
    return running;
  }
}
