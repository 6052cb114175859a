// The core behind every transport: `AppApi` over one workspace and its snapshot cache. Views
// are the UI engineer's queries (main/views/), pulls and imports run as jobs, each in its own
// worker thread so that a 20M-entry import never stalls a query. Arguments arrive validated,
// with defaults applied, by the dispatcher (main/api/dispatcher.ts).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiEvent, ApiResults, ExportFile, Settings as ApiSettings } from '../../shared/api';
import type { ImportReport } from '../../shared/types';
import type { ValidArgs as Valid, ValidatedApi } from '../api/validated-api';
import { pgSource } from '../pull/pull-postgres';
import { s3SourceKey } from '../pull/pull-s3';
import { listS3Builds } from '../pull/s3-listing';
import { createViews, type Views } from '../views/index';
import { checkContextChoice, resolveCutoff } from '../views/view-context';
import { SnapshotExistsError } from '../workspace/errors';
import { defaultIdFromName, validateSnapshotId } from '../workspace/snapshot-id';
import { isTempFileName, tempFileOwner } from '../workspace/snapshot-files';
import { removeOldExports } from '../workspace/exports';
import { Workspace } from '../workspace/workspace';
import { readDemoManifest } from '../ingest/import-demo';
import { Jobs, type JobSpec } from './jobs';
import { SnapshotCache } from '../workspace/snapshot-cache';
import type { CoreWorkerData, JobTask } from './worker/protocol';
import { runJobWorker } from './worker/run-job-worker';
import { removeStaleUploads, removeUpload, uploadedFile } from './worker/uploads';

export class AppCore implements ValidatedApi {
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private readonly views: Views;
  private readonly jobs: Jobs;
  private demoJob: Promise<ImportReport[]> | null = null;
  /** Reports of ended jobs, for loadDemo (a JobState carries one report, the demo makes several). */
  private readonly lastReports = new Map<string, ImportReport[]>();

  private constructor(
    private readonly options: CoreWorkerData,
    readonly workspace: Workspace,
    readonly cache: SnapshotCache,
    /**
     * The workspace has never had a snapshot: the shell seeds it with the demo (DESIGN §5).
     * Not "workspace.db did not exist": a first start that failed after creating it (a busy
     * port) must not cost the analyst the demo.
     */
    readonly fresh: boolean,
  ) {
    this.views = createViews({ cache, workspace });
    this.jobs = new Jobs({
      onChange: (job) => this.emit({ type: 'job', job }),
      onEnd: (job) => {
        if (job.state === 'done') this.emit({ type: 'snapshots-changed' });
      },
    });
  }

  static open(options: CoreWorkerData): AppCore {
    const dataDir = path.resolve(options.dataDir);
    const workspace = Workspace.open(dataDir);
    removeStaleUploads(dataDir);
    removeOldExports(dataDir);
    return new AppCore({ ...options, dataDir }, workspace, new SnapshotCache(workspace), workspace.neverHadSnapshot());
  }

  /**
   * Loads the builds and analyses of the context the analyst left open, so the first view does
   * not wait for a multi-million-entry build while the window is still loading. Anything
   * missing is left for the view to explain.
   */
  warmUp(): void {
    const { context } = this.workspace.getSettings();
    try {
      const feedback = context.feedback ?? this.cache.latestFeedbackId();
      for (const id of [context.buildA, context.buildB]) {
        const kind = id === undefined ? undefined : this.workspace.get(id)?.kind;
        if (kind === 'sender-model') this.cache.authenticity(id!, feedback);
        if (kind === 'reputation') this.cache.reputation(id!, feedback);
      }
      if (context.context && this.workspace.get(context.context)?.kind === 'context') this.cache.senderContext(context.context);
    } catch {
      // a deleted snapshot or no feedback pull: the view says what to do
    }
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels running jobs, waits for them, and closes the workspace. */
  async close(): Promise<void> {
    await this.jobs.cancelAll();
    this.workspace.close();
  }

  // ---- app and snapshots --------------------------------------------------------------------

  async appInfo(): Promise<ApiResults['appInfo']> {
    const { version, mode, keychain } = this.options;
    return { version, dataDir: this.workspace.dataDir, mode, keychain };
  }

  async listSnapshots(): Promise<ApiResults['listSnapshots']> {
    return { snapshots: this.workspace.list() };
  }

  async deleteSnapshot({ id }: Valid<'deleteSnapshot'>): Promise<ApiResults['deleteSnapshot']> {
    const info = this.workspace.get(id);
    this.workspace.delete(id);
    const deleted = info?.id ?? id;
    this.cache.invalidate(deleted);
    this.emit({ type: 'snapshots-changed' });
    return { deleted };
  }

  /** Imports the demo snapshots not yet in the workspace; waits for a demo import already running. */
  async loadDemo(): Promise<ApiResults['loadDemo']> {
    if (!this.demoJob) {
      // Nothing to import: answer at once instead of starting a worker to find that out.
      const { snapshots } = readDemoManifest(this.options.demoDir);
      if (snapshots.every((s) => this.workspace.has(s.id))) return { imported: [] };
      const { jobId } = this.startJob({
        kind: 'import',
        title: 'Importing the demo workspace',
        snapshotKind: 'sender-model',
        source: 'demo',
        task: { type: 'demo', demoDir: this.options.demoDir },
      });
      this.demoJob = this.jobs.wait(jobId).then((job) => {
        if (job.state !== 'done') throw new Error(`the demo import ${job.state === 'cancelled' ? 'was cancelled' : `failed: ${job.error}`}`);
        return this.lastReports.get(jobId) ?? [];
      });
      this.demoJob.then(
        () => (this.demoJob = null),
        () => (this.demoJob = null),
      );
    }
    const reports = await this.demoJob;
    return { imported: reports.map((r) => r.id) };
  }

  // ---- imports and pulls ---------------------------------------------------------------------

  async startImport(args: Valid<'startImport'>): Promise<ApiResults['startImport']> {
    if ((args.path === undefined) === (args.uploadId === undefined)) {
      throw new Error('give the file to import either as path (a file on this machine) or as uploadId (a file sent to /api/upload), not both');
    }
    let file: string;
    let name: string;
    let upload: string | undefined;
    if (args.uploadId !== undefined) {
      ({ path: file, name } = uploadedFile(this.workspace.dataDir, args.uploadId));
      upload = file;
      if (args.name) name = args.name;
    } else {
      file = path.resolve(args.path!);
      name = args.name ?? path.basename(file);
      checkReadableFile(file);
    }
    const id = this.checkNewId(args.id ?? defaultIdFromName(name), args.replace);
    const { jobId } = this.startJob(
      {
        kind: 'import',
        title: `Importing ${name}`,
        snapshotKind: args.kind,
        source: upload ? `upload|${file}` : `file|${file}`,
        task: { type: 'import', kind: args.kind, path: file, options: { id, replace: args.replace, name, source: upload ? name : file } },
      },
      upload ? () => removeUpload(upload) : undefined,
    );
    return { jobId };
  }

  async listS3Builds(args: Valid<'listS3Builds'>): Promise<ApiResults['listS3Builds']> {
    return listS3Builds(this.workspace, args);
  }

  async startS3Pull(args: Valid<'startS3Pull'>): Promise<ApiResults['startS3Pull']> {
    const id = this.checkNewId(args.id ?? defaultIdFromName(args.key), args.replace);
    return this.startJob({
      kind: 'pull',
      title: `Pulling s3://${args.bucket}/${args.key}`,
      snapshotKind: args.kind,
      source: s3SourceKey(args),
      task: { type: 's3', args: { ...args, id } },
    });
  }

  async startPgPull(args: Valid<'startPgPull'>): Promise<ApiResults['startPgPull']> {
    if (args.id !== undefined) this.checkNewId(args.id, args.replace);
    return this.startJob({
      kind: 'pull',
      title: `Pulling feedback from ${pgSource(args)}`,
      snapshotKind: 'feedback',
      source: `pg|${pgSource(args)}`,
      task: { type: 'postgres', args },
    });
  }

  /** The whole report of a view's context, with every match, written by a job of its own. */
  async startReportExport(args: Valid<'startReportExport'>): Promise<ApiResults['startReportExport']> {
    const kind = args.view === 'authenticity' ? 'sender-model' : 'reputation';
    for (const id of [args.buildA, args.buildB, args.feedback]) if (id !== undefined) this.cache.snapshot(id);
    this.cache.snapshot(args.buildA, kind);
    checkContextChoice(this.cache, args.context, kind);
    const { cutoff } = resolveCutoff({ cache: this.cache, workspace: this.workspace }, args.cutoff, args.buildA);
    return this.startJob({
      kind: 'export',
      title: `Exporting the ${args.buildB ? 'comparison' : args.view === 'authenticity' ? 'findings' : 'reputation findings'} of ${args.buildA}${args.buildB ? ` and ${args.buildB}` : ''} (${args.format.toUpperCase()})`,
      snapshotKind: kind,
      source: `export|${crypto.randomUUID()}`,
      task: { type: 'export', args: { ...args, cutoff } },
    });
  }

  /** A context pull (DESIGN §8) as a job: progress is names done of rowsTotal; cancel saves nothing. */
  async startContextPull(args: Valid<'startContextPull'>): Promise<ApiResults['startContextPull']> {
    if (args.id !== undefined) this.checkNewId(args.id, args.replace);
    const feedback = args.feedback ?? this.workspace.latest('feedback')?.id;
    if (!feedback) throw new Error('there is no feedback pull to pull the sender context of: import or pull feedback first');
    return this.startJob({
      kind: 'pull',
      title: `Pulling the sender context of ${feedback}${args.dns ? ` from ${args.dns}` : ''}`,
      snapshotKind: 'context',
      source: `context|${args.dns ?? 'system'}`,
      task: { type: 'context', args: { ...args, feedback } },
    });
  }

  async listJobs(): Promise<ApiResults['listJobs']> {
    return { jobs: this.jobs.list() };
  }

  async cancelJob({ jobId }: Valid<'cancelJob'>): Promise<ApiResults['cancelJob']> {
    return { cancelled: this.jobs.cancel(jobId) };
  }

  // ---- views (main/views/) -------------------------------------------------------------------

  authenticityOverview(args: Valid<'authenticityOverview'>) {
    return this.views.authenticityOverview(args);
  }

  authenticityRows(args: Valid<'authenticityRows'>) {
    return this.views.authenticityRows(args);
  }

  authenticityDetail(args: Valid<'authenticityDetail'>) {
    return this.views.authenticityDetail(args);
  }

  authenticityNetworks(args: Valid<'authenticityNetworks'>) {
    return this.views.authenticityNetworks(args);
  }

  reputationOverview(args: Valid<'reputationOverview'>) {
    return this.views.reputationOverview(args);
  }

  reputationRows(args: Valid<'reputationRows'>) {
    return this.views.reputationRows(args);
  }

  reputationDetail(args: Valid<'reputationDetail'>) {
    return this.views.reputationDetail(args);
  }

  exportRows(args: Valid<'exportRows'>) {
    return this.views.exportRows(args);
  }

  // ---- notes ---------------------------------------------------------------------------------

  noteChanges(args: Valid<'noteChanges'>) {
    return this.views.noteChanges(args);
  }

  async listNotes(): Promise<ApiResults['listNotes']> {
    return { notes: this.workspace.listNotes() };
  }

  async saveNote({ key, text, status, tags, noted }: Valid<'saveNote'>): Promise<ApiResults['saveNote']> {
    const note = this.workspace.upsertNote(key, { text, status, tags, noted: noted ?? undefined });
    this.emit({ type: 'notes-changed' });
    return { note };
  }

  async deleteNote({ key }: Valid<'deleteNote'>): Promise<ApiResults['deleteNote']> {
    const deleted = this.workspace.deleteNote(key);
    if (deleted) this.emit({ type: 'notes-changed' });
    return { deleted };
  }

  async exportNotes({ format }: Valid<'exportNotes'>): Promise<ExportFile> {
    const day = new Date().toISOString().slice(0, 10);
    return format === 'markdown'
      ? { fileName: `notes-${day}.md`, mimeType: 'text/markdown', text: this.workspace.exportNotesMarkdown() }
      : { fileName: `notes-${day}.json`, mimeType: 'application/json', text: this.workspace.exportNotesJson() };
  }

  async importNotes({ text }: Valid<'importNotes'>): Promise<ApiResults['importNotes']> {
    const result = this.workspace.importNotesJson(text);
    if (result.added + result.merged > 0) this.emit({ type: 'notes-changed' });
    return result;
  }

  // ---- settings ------------------------------------------------------------------------------

  async getSettings(): Promise<ApiSettings> {
    return this.workspace.getSettings() as ApiSettings;
  }

  async updateSettings(patch: Valid<'updateSettings'>): Promise<ApiSettings> {
    return this.workspace.setSettings(patch) as ApiSettings;
  }

  // ---- internals -----------------------------------------------------------------------------

  private startJob(spec: Omit<JobSpec, 'run'> & { task: JobTask }, cleanup?: () => void): { jobId: string } {
    const { task, ...rest } = spec;
    const dataDir = this.workspace.dataDir;
    const job = this.jobs.start({
      ...rest,
      run: async (control) => {
        let forced = false;
        try {
          const { reports, exported } = await runJobWorker(dataDir, task, control);
          // A replaced snapshot keeps its id: the cache must not serve the old one.
          for (const report of reports) this.cache.invalidate(report.id);
          this.lastReports.set(job.jobId, reports);
          if (this.lastReports.size > 20) this.lastReports.delete(this.lastReports.keys().next().value!);
          return { report: reports.length === 1 ? reports[0] : undefined, exported };
        } catch (err) {
          forced = (err as { forced?: boolean }).forced === true;
          throw err;
        } finally {
          cleanup?.();
          // A worker stopped by force could not remove its temporary snapshot file. (Once the
          // job has ended, so that it no longer counts as running.)
          if (forced) setImmediate(() => this.removeOwnTempFiles());
        }
      },
    });
    return { jobId: job.jobId };
  }

  /** Fails at once, before any work, when the id is invalid or taken without `replace`. */
  private checkNewId(id: string, replace: boolean): string {
    validateSnapshotId(id);
    const existing = this.workspace.get(id);
    // The app's forms have a Replace box and an Id field, not the CLI's flags.
    if (existing && !replace) throw new SnapshotExistsError(id, existing, 'tick Replace to overwrite it, or give another Id');
    return id;
  }

  /** Temporary files of this process, when no job of this process is writing any more. */
  private removeOwnTempFiles(): void {
    if (this.jobs.list().some((job) => job.state === 'running')) return;
    const dir = this.workspace.snapshotsDir;
    for (const name of fs.readdirSync(dir)) {
      if (isTempFileName(name) && tempFileOwner(name) === process.pid) fs.rmSync(path.join(dir, name), { force: true });
    }
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('[core] event listener failed:', err);
      }
    }
  }
}

function checkReadableFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new Error(`there is no file at ${file}; check the path`);
  }
  if (!stat.isFile()) throw new Error(`${file} is not a file; choose the build or feedback file itself`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new Error(`${file} cannot be read by this app (permissions); check who owns it`);
  }
}
