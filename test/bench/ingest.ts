// Ingest bench: one Avro build → a queryable snapshot, through importSenderModel, the way the
// app runs it — in a worker thread, while the main thread's event loop stays free. Every ingest
// runs in its own CHILD process, so that its peak RSS is this import's alone, and the child's
// main thread measures its event-loop delay meanwhile.
//
// Three roles in one file:
//   - parent: measureIngest() spawns `node --import tsx ingest.ts --child JSON`;
//   - child main thread: watches the event loop and RSS, starts the worker, prints one JSON line;
//   - worker: runs the import (or, with `phases`, its steps one by one, with RSS after each).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HERE, '../..');

export interface IngestRequest {
  file: string;
  dataDir: string;
  id: string;
  /** Run the import's steps one by one and report time and RSS after each (diagnostic). */
  phases?: boolean;
}

export interface IngestPhase {
  phase: string;
  ms: number;
  rssMB: number;
  maxRssMB: number;
}

export interface IngestResult {
  id: string;
  kept: number;
  replaced: number;
  rejected: number;
  /** The import alone, in the worker: read, pack, store, commit. */
  ms: number;
  /** Process CPU time over the same span (the main thread is idle, so ≈ the worker's). */
  cpuMs: number;
  /** Peak RSS of the whole child process, and its RSS before the import started. */
  maxRssMB: number;
  baselineRssMB: number;
  /** Event-loop delay of the child's main thread while the import ran: how late a 10 ms timer fired. */
  eventLoop: { p50: number; p99: number; max: number; samples: number };
  phases?: IngestPhase[];
}

const MB = 1024 * 1024;
const RESOLUTION_MS = 10;

/**
 * The process's peak RSS in MB. On Linux, the kernel's high-water mark of this program's own
 * memory (VmHWM): resourceUsage().maxRSS also counts the parent's RSS at the moment it spawned us
 * (Linux carries the forking process's peak over exec), so a bench parent holding a generated
 * build made every child look as big as itself.
 */
export function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Runs one ingest in a fresh child process and returns what it measured. */
export function measureIngest(request: IngestRequest, env: NodeJS.ProcessEnv = process.env): Promise<IngestResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(request)], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`ingest of ${request.file} failed (exit ${code}): ${err.trim() || out.trim()}`));
        return;
      }
      resolve(JSON.parse(line) as IngestResult);
    });
  });
}

// ---- child main thread ---------------------------------------------------------------------

async function childMain(request: IngestRequest): Promise<void> {
  const baselineRssMB = process.memoryUsage.rss() / MB;
  // 10 ms resolution: a delay is how late each 10 ms timer fires (what a UI event would wait).
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const worker = new Worker(new URL('./tsx-worker.mjs', import.meta.url), {
    workerData: { entry: import.meta.url, request },
  });
  const result = await new Promise<Omit<IngestResult, 'maxRssMB' | 'baselineRssMB' | 'eventLoop'>>((resolve, reject) => {
    worker.on('message', (message: { type: string; result?: unknown; error?: string }) => {
      if (message.type === 'started') delay.enable();
      else if (message.type === 'done') resolve(message.result as Omit<IngestResult, 'maxRssMB' | 'baselineRssMB' | 'eventLoop'>);
      else if (message.type === 'failed') reject(new Error(message.error));
      // 'progress' messages are handled (and dropped) here, as the app's main thread would.
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the ingest worker exited with ${code}`));
    });
  });
  delay.disable();
  await worker.terminate();
  // The histogram records how long each 10 ms timer took to fire: the delay is what exceeds 10 ms.
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);
  const full: IngestResult = {
    ...result,
    maxRssMB: peakRssMB(),
    baselineRssMB: Math.round(baselineRssMB),
    eventLoop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), samples: delay.count },
  };
  process.stdout.write(`${JSON.stringify(full)}\n`);
}

// ---- worker ----------------------------------------------------------------------------------

async function workerMain(request: IngestRequest): Promise<void> {
  const port = parentPort!;
  const { Workspace } = await import('../../main/workspace/workspace');
  const { importSenderModel } = await import('../../main/ingest/import-sender-model');
  const ws = Workspace.open(request.dataDir);
  try {
    const options = { id: request.id, name: path.basename(request.file), source: request.file, replace: true };
    let lastPost = 0;
    const onProgress = (progress: unknown) => {
      // Throttled like the app's job worker (50 ms).
      const now = Date.now();
      if (now - lastPost >= 50) {
        lastPost = now;
        port.postMessage({ type: 'progress', progress });
      }
    };
    port.postMessage({ type: 'started' });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let report: { kept: number; replaced: number; rejected: number };
    let phases: IngestPhase[] | undefined;
    if (request.phases) {
      const stepped = await importInSteps(ws, request.file, options);
      report = stepped.report;
      phases = stepped.phases;
    } else {
      report = await importSenderModel(ws, request.file, { ...options, onProgress });
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    port.postMessage({
      type: 'done',
      result: {
        id: request.id,
        kept: report.kept,
        replaced: report.replaced,
        rejected: report.rejected,
        ms: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        phases,
      },
    });
  } catch (error) {
    port.postMessage({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    ws.close();
  }
}

/**
 * The steps of importSenderModel (main/core/import/import-sender-model.ts) one by one, with
 * time and RSS after each: where the time and the memory of an import go.
 */
async function importInSteps(
  ws: import('../../main/workspace/workspace').Workspace,
  file: string,
  options: { id: string; name: string; source: string; replace: boolean },
): Promise<{ report: { kept: number; replaced: number; rejected: number }; phases: IngestPhase[] }> {
  const { SenderModelAccumulator } = await import('../../shared/sender-model-accumulator');
  const { readSenderModel } = await import('../../main/avro/read-sender-model');
  const { writeSenderModelIndex } = await import('../../main/workspace/sender-model-store');
  const { writeProblems } = await import('../../main/workspace/problems-store');
  const phases: IngestPhase[] = [];
  let t = performance.now();
  const mark = (phase: string) => {
    const now = performance.now();
    phases.push({ phase, ms: Math.round(now - t), rssMB: Math.round(process.memoryUsage.rss() / MB), maxRssMB: peakRssMB() });
    t = now;
  };
  const writer = ws.createSnapshot('sender-model', options.id, { replace: options.replace, source: options.source });
  try {
    const sink = new SenderModelAccumulator();
    await readSenderModel(file, sink, { name: options.name });
    mark('read + decode into typed arrays');
    const { index, stats } = sink.finish();
    mark('sort, de-duplicate, pack');
    writeSenderModelIndex(writer.db, index);
    writeProblems(writer.db, stats.problems);
    mark('write the snapshot (SQLite)');
    writer.commit({ rows: stats.kept, version: index.version, threshold: index.threshold });
    mark('check, fsync, rename, register');
    return { report: { kept: stats.kept, replaced: stats.replaced, rejected: stats.rejected }, phases };
  } catch (error) {
    writer.abort();
    throw error;
  }
}

if (!isMainThread && (workerData as { entry?: string })?.entry === import.meta.url) {
  await workerMain((workerData as { request: IngestRequest }).request);
} else if (isMainThread && process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await childMain(JSON.parse(process.argv[3]) as IngestRequest);
}
