// Runs one job task in its own worker thread and reports its progress. Cancel asks the worker
// to stop (its AbortSignal fires, the import aborts and removes its temporary file); a worker
// still running 2 s later (stuck decoding one huge record) is terminated.

import type { ExportedFile } from '../../../shared/api';
import type { ImportReport } from '../../../shared/types';
import type { JobControl } from '../jobs';
import type { JobCommand, JobMessage, JobTask, JobWorkerData } from './protocol';
import { spawnWorker } from './spawn-worker';

export const CANCEL_GRACE_MS = 2000;
/** After its outcome, a worker that does not end by itself (a stray socket) is ended. */
export const EXIT_GRACE_MS = 5000;

export class JobWorkerError extends Error {
  override name = 'JobWorkerError';
  constructor(
    message: string,
    /** The worker was terminated, so it may have left a temporary file behind. */
    readonly forced = false,
  ) {
    super(message);
  }
}

export function runJobWorker(
  dataDir: string,
  task: JobTask,
  { signal, onProgress }: JobControl,
): Promise<{ reports: ImportReport[]; exported?: ExportedFile }> {
  return new Promise((resolve, reject) => {
    const data: JobWorkerData = { dataDir, task };
    const worker = spawnWorker('job-worker', { workerData: data });
    let outcome: { reports: ImportReport[]; exported?: ExportedFile } | { error: string } | undefined;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    let forced = false;

    const onAbort = () => {
      worker.postMessage({ type: 'abort' } satisfies JobCommand);
      killTimer = setTimeout(() => {
        forced = true;
        void worker.terminate();
      }, CANCEL_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });

    let exitTimer: ReturnType<typeof setTimeout> | undefined;
    worker.on('message', (message: JobMessage) => {
      if (message.type === 'progress') return onProgress(message.progress);
      outcome = message.type === 'done' ? { reports: message.reports, exported: message.exported } : { error: message.error };
      // It stopped by itself: no need to force it any more.
      clearTimeout(killTimer);
      exitTimer = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
    });
    worker.on('error', (err) => {
      console.error('[job] worker error:', err);
      outcome ??= { error: err.message };
    });
    // Settled on exit only, so that the worker has closed its workspace connection by then.
    worker.on('exit', (code) => {
      clearTimeout(killTimer);
      clearTimeout(exitTimer);
      signal.removeEventListener('abort', onAbort);
      if (outcome && 'reports' in outcome && !forced) resolve(outcome);
      else if (forced) reject(new JobWorkerError('cancelled; the job did not stop in time and was stopped by force', true));
      else if (outcome && 'error' in outcome) reject(new JobWorkerError(outcome.error));
      else reject(new JobWorkerError(`the job stopped unexpectedly (worker exit code ${code}); see the log`));
    });
  });
}
