// Long operations (imports, pulls, the demo) as jobs: one at a time per source, progress
// published at most ~10 times a second, cancel through an AbortSignal, and the states of
// `JobState`. How a job does its work (here: in its own worker thread) is the caller's business.

import type { ExportedFile, JobState } from '../../shared/api';
import type { ImportReport, SnapshotKind } from '../../shared/types';

export interface JobProgress {
  bytesDone: number;
  bytesTotal?: number | null;
  rowsDone: number;
  rowsTotal?: number | null;
}

export interface JobControl {
  signal: AbortSignal;
  onProgress(progress: JobProgress): void;
}

export interface JobSpec {
  kind: JobState['kind'];
  title: string;
  snapshotKind: SnapshotKind;
  /**
   * What the job reads — a file, one S3 object, one PostgreSQL table, the demo: jobs of one
   * source run one at a time, jobs of different sources side by side.
   */
  source: string;
  run(control: JobControl): Promise<{ report?: ImportReport; exported?: ExportedFile } | undefined>;
}

export class JobBusyError extends Error {
  override name = 'JobBusyError';
}

export interface JobsOptions {
  /** Every published state: started, progress (throttled), ended. */
  onChange(job: JobState): void;
  /** Once per job, after its last onChange. */
  onEnd?(job: JobState): void;
  progressIntervalMs?: number;
  /** How many ended jobs `list()` still shows. */
  keepEnded?: number;
  now?: () => Date;
}

interface Entry {
  state: JobState;
  source: string;
  controller: AbortController;
  ended: Promise<JobState>;
  lastPublished: number;
  timer?: ReturnType<typeof setTimeout>;
}

export class Jobs {
  private readonly entries = new Map<string, Entry>();
  private readonly interval: number;
  private readonly keepEnded: number;
  private readonly now: () => Date;
  private counter = 0;

  constructor(private readonly options: JobsOptions) {
    this.interval = options.progressIntervalMs ?? 100;
    this.keepEnded = options.keepEnded ?? 20;
    this.now = options.now ?? (() => new Date());
  }

  /** Starts the job now, or throws JobBusyError when its source already runs one. */
  start(spec: JobSpec): JobState {
    const busy = [...this.entries.values()].find((e) => e.source === spec.source && e.state.state === 'running');
    if (busy) {
      throw new JobBusyError(`"${busy.state.title}" is already running; wait for it to finish or cancel it, then try again`);
    }
    const state: JobState = {
      jobId: `job-${this.now().getTime().toString(36)}-${++this.counter}`,
      kind: spec.kind,
      title: spec.title,
      snapshotKind: spec.snapshotKind,
      state: 'running',
      bytesDone: 0,
      bytesTotal: null,
      rowsDone: 0,
      startedAt: this.now().toISOString(),
    };
    const controller = new AbortController();
    const entry: Entry = { state, source: spec.source, controller, lastPublished: 0, ended: Promise.resolve(state) };
    this.entries.set(state.jobId, entry);
    this.publish(entry);
    entry.ended = this.run(entry, spec);
    this.forgetOldJobs();
    return { ...state };
  }

  list(): JobState[] {
    return [...this.entries.values()].map((e) => ({ ...e.state }));
  }

  get(jobId: string): JobState | undefined {
    const entry = this.entries.get(jobId);
    return entry && { ...entry.state };
  }

  /** Asks a running job to stop; false when there is no such running job. */
  cancel(jobId: string): boolean {
    const entry = this.entries.get(jobId);
    if (entry?.state.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  /** Resolves with the job's final state. */
  async wait(jobId: string): Promise<JobState> {
    const entry = this.entries.get(jobId);
    if (!entry) throw new Error(`no job '${jobId}'`);
    return entry.ended;
  }

  /** Cancels every running job and waits for all of them to end (shutdown). */
  async cancelAll(): Promise<void> {
    const running = [...this.entries.values()].filter((e) => e.state.state === 'running');
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((e) => e.ended));
  }

  private async run(entry: Entry, spec: JobSpec): Promise<JobState> {
    const { signal } = entry.controller;
    try {
      const outcome = await spec.run({ signal, onProgress: (p) => this.progress(entry, p) });
      entry.state.state = 'done';
      if (outcome?.report) {
        entry.state.result = outcome.report;
        entry.state.rowsDone = Math.max(entry.state.rowsDone, outcome.report.kept);
      }
      if (outcome?.exported) entry.state.exported = outcome.exported;
      if (entry.state.bytesTotal !== null) entry.state.bytesDone = entry.state.bytesTotal;
    } catch (err) {
      entry.state.state = signal.aborted ? 'cancelled' : 'failed';
      entry.state.error = signal.aborted ? 'cancelled; nothing was kept' : messageOf(err);
    }
    entry.state.endedAt = this.now().toISOString();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    const final = { ...entry.state };
    this.publish(entry);
    this.options.onEnd?.(final);
    return final;
  }

  private progress(entry: Entry, p: JobProgress): void {
    if (entry.state.state !== 'running') return;
    entry.state.bytesDone = finiteOr(p.bytesDone, entry.state.bytesDone);
    entry.state.rowsDone = finiteOr(p.rowsDone, entry.state.rowsDone);
    if (p.bytesTotal !== undefined) entry.state.bytesTotal = p.bytesTotal === null ? null : finiteOr(p.bytesTotal, 0);
    if (p.rowsTotal !== undefined) entry.state.rowsTotal = p.rowsTotal === null ? null : finiteOr(p.rowsTotal, 0);
    const wait = entry.lastPublished + this.interval - Date.now();
    if (wait <= 0) this.publish(entry);
    else if (!entry.timer) {
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        if (entry.state.state === 'running') this.publish(entry);
      }, wait);
    }
  }

  private publish(entry: Entry): void {
    entry.lastPublished = Date.now();
    this.options.onChange({ ...entry.state });
  }

  private forgetOldJobs(): void {
    const ended = [...this.entries.values()].filter((e) => e.state.state !== 'running');
    for (const entry of ended.slice(0, Math.max(0, ended.length - this.keepEnded))) this.entries.delete(entry.state.jobId);
  }
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim() !== '' ? text : 'the job failed without saying why (see the log)';
}
