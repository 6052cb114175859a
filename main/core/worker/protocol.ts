// Messages between the main thread, the core worker and the job workers (Signal Desktop's
// shape: numbered requests, a response with its duration, events on the side).

import type { ApiArgs, ApiEvent, ApiResponse, ExportedFile } from '../../../shared/api';
import type { ValidArgs as Valid } from '../../api/validated-api';
import type { ImportReport, SnapshotKind } from '../../../shared/types';
import type { JobProgress } from '../jobs';

export interface CoreWorkerData {
  dataDir: string;
  mode: 'electron' | 'browser';
  /** Whether the shell can keep a PostgreSQL password in the OS keychain. */
  keychain: boolean;
  version: string;
  /** Where the demo sources are (packaged apps ship them as resources); default `snapshots/`. */
  demoDir?: string;
}

/** main → core */
export type CoreRequest = { seq: number; method: string; args: unknown } | { close: true };

/** core → main */
export type CoreMessage =
  | { seq: number; response: ApiResponse<unknown>; durationMs: number }
  | { event: ApiEvent }
  | { ready: { fresh: boolean } }
  | { fatal: string }
  | { closed: true };

/** Calls slower than this are logged with their duration. */
export const SLOW_CALL_MS = 200;
/** Calls that wait for a job by design (its progress is shown as a job): not logged as slow. */
export const WAITS_FOR_JOB: ReadonlySet<string> = new Set(['loadDemo']);

export type S3PullArgs = ApiArgs<'startS3Pull'>;
export type PgPullArgs = ApiArgs<'startPgPull'>;
/** As validated: the defaults of timeoutMs, tries and asn applied. */
export type ContextPullTaskArgs = Valid<'startContextPull'>;

export type JobTask =
  | {
      type: 'import';
      kind: SnapshotKind;
      path: string;
      options: { id?: string; replace: boolean; name: string; source: string };
    }
  | { type: 's3'; args: S3PullArgs }
  | { type: 'postgres'; args: PgPullArgs }
  | { type: 'context'; args: ContextPullTaskArgs }
  | { type: 'demo'; demoDir?: string }
  /** A whole report written to the workspace's exports/ (the view's context, cutoff resolved). */
  | { type: 'export'; args: ApiArgs<'startReportExport'> & { cutoff: number } };

export interface JobWorkerData {
  dataDir: string;
  task: JobTask;
}

/** job worker → core */
export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; reports: ImportReport[]; exported?: ExportedFile }
  | { type: 'failed'; error: string };

/** core → job worker */
export type JobCommand = { type: 'abort' };
