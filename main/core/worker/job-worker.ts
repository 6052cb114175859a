// One import or pull, in its own worker thread: opens the workspace itself (SQLite WAL lets it
// write while the core worker reads), runs the task, and posts throttled progress and the
// outcome. An 'abort' message fires the task's AbortSignal.

import { parentPort, workerData } from 'node:worker_threads';
import type { ExportedFile } from '../../../shared/api';
import type { ImportReport } from '../../../shared/types';
import { writeReportExport } from '../../views/report-export';
import { SnapshotCache } from '../../workspace/snapshot-cache';
import { importDemo, importFile } from '../../ingest/index';
import { contextImportReport, pullContext } from '../../pull/context/pull-context';
import { pullPostgres } from '../../pull/pull-postgres';
import { pullS3 } from '../../pull/pull-s3';
import { Workspace } from '../../workspace/workspace';
import type { JobProgress } from '../jobs';
import type { JobCommand, JobMessage, JobTask, JobWorkerData } from './protocol';

const PROGRESS_INTERVAL_MS = 50;

async function runTask(
  ws: Workspace,
  task: JobTask,
  control: { signal: AbortSignal; onProgress: (p: JobProgress) => void },
): Promise<{ reports: ImportReport[]; exported?: ExportedFile }> {
  switch (task.type) {
    case 'import':
      return { reports: [await importFile(ws, task.kind, task.path, { ...task.options, ...control })] };
    case 'demo':
      return { reports: await importDemo(ws, { demoDir: task.demoDir, ...control }) };
    case 's3':
      return { reports: [await pullS3(ws, task.args, control)] };
    case 'postgres':
      // The app's pull form has a Password field: the advice on a wrong password points there.
      return { reports: [await pullPostgres(ws, task.args, { ...control, passwordHint: 'type it in the Password field of the pull form' })] };
    case 'export':
      return { reports: [], exported: writeReportExport(new SnapshotCache(ws), task.args, control) };
    case 'context': {
      const report = await pullContext(ws, task.args, {
        signal: control.signal,
        onProgress: (p) => control.onProgress({ bytesDone: 0, bytesTotal: null, rowsDone: p.done, rowsTotal: p.total }),
      });
      return { reports: [contextImportReport(report)] };
    }
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job-worker.ts runs as a worker thread');
  const post = (message: JobMessage) => port.postMessage(message);
  const { dataDir, task } = workerData as JobWorkerData;
  const controller = new AbortController();
  port.on('message', (command: JobCommand) => {
    if (command?.type === 'abort') controller.abort();
  });

  let lastPost = 0;
  let pending: JobProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending) post({ type: 'progress', progress: pending });
    pending = undefined;
    lastPost = Date.now();
  };
  const onProgress = (p: JobProgress) => {
    pending = {
      bytesDone: p.bytesDone,
      bytesTotal: p.bytesTotal ?? null,
      rowsDone: p.rowsDone,
      ...(p.rowsTotal !== undefined ? { rowsTotal: p.rowsTotal } : {}),
    };
    const wait = lastPost + PROGRESS_INTERVAL_MS - Date.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };

  let outcome: JobMessage;
  let ws: Workspace | undefined;
  try {
    ws = Workspace.open(dataDir);
    const done = await runTask(ws, task, { signal: controller.signal, onProgress });
    clearTimeout(timer);
    flush();
    outcome = { type: 'done', ...done };
  } catch (err) {
    clearTimeout(timer);
    if (!controller.signal.aborted) console.error('[job] failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    outcome = { type: 'failed', error: err instanceof Error && err.message.trim() !== '' ? err.message : String(err) };
  }
  // The workspace is closed before the outcome is told, so the core sees the job's end only
  // once this thread holds no database connection any more.
  try {
    ws?.close();
  } finally {
    post(outcome);
    // Closing the port lets the thread end (the parent terminates it if a stray handle stays).
    port.close();
  }
}

await main();
