// `smw pull feedback --pg postgres://…` and the app's PostgreSQL pull job: the feedback table
// is read in one read-only transaction and streamed into the core's importer, which writes the
// snapshot atomically. The password is used for the connection and is never recorded: the
// source and the meta name the server, database, table and user only.

import type { ImportReport } from '../../shared/types';
import { importFeedbackRows } from '../ingest';
import { SnapshotExistsError } from '../workspace/errors';
import { feedbackPullId, validateSnapshotId } from '../workspace/snapshot-id';
import type { Workspace } from '../workspace/workspace';
import { isAbortError, PullCancelledError } from './errors';
import { DEFAULT_PORT, DEFAULT_TABLE, openFeedbackTable, type FeedbackTable, type PgReadArgs, type PgReadOptions } from './pg-read';
import { ProgressTracker, type PullProgress } from './progress';
import { acquireSource } from './source-lock';

export interface PgPullArgs extends PgReadArgs {
  /** Default `feedback-YYYYMMDDTHHMMSSZ` of the pull's start (DESIGN §6). */
  id?: string;
  replace?: boolean;
}

export interface PgPullOptions extends Pick<PgReadOptions, 'statementTimeoutMs' | 'connectTimeoutMs' | 'batchSize' | 'passwordHint' | 'env'> {
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  now?: () => Date;
}

/** `postgres://user@host:port/db?table=t`: where a feedback pull came from, with no password. */
export function pgSource(args: Pick<PgReadArgs, 'host' | 'port' | 'database' | 'user' | 'table'>): string {
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  return `postgres://${encodeURIComponent(args.user)}@${host}:${args.port ?? DEFAULT_PORT}/${encodeURIComponent(args.database)}?table=${args.table ?? DEFAULT_TABLE}`;
}

export async function pullPostgres(ws: Workspace, args: PgPullArgs, options: PgPullOptions = {}): Promise<ImportReport> {
  const started = options.now?.() ?? new Date();
  const id = validateSnapshotId(args.id ?? feedbackPullId(started));
  const existing = ws.get(id);
  if (existing && !args.replace) throw new SnapshotExistsError(id, existing);
  const source = pgSource(args);
  const release = acquireSource(`pg|${source}`, `a pull of ${source}`);
  const progress = new ProgressTracker(options.onProgress);
  let table: FeedbackTable | undefined;
  try {
    progress.update({ phase: 'connecting' }, true);
    table = await openFeedbackTable(args, {
      signal: options.signal,
      statementTimeoutMs: options.statementTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      batchSize: options.batchSize,
      passwordHint: options.passwordHint,
      env: options.env,
      onRows: (rowsDone) => progress.update({ rowsDone }),
    });
    progress.update({ phase: 'transferring' }, true);
    const report = await importFeedbackRows(ws, table.rows, {
      id,
      replace: args.replace,
      name: id,
      source,
      meta: {
        host: args.host,
        port: args.port ?? DEFAULT_PORT,
        database: args.database,
        user: args.user,
        table: table.qualifiedName,
        sslMode: args.sslMode ?? 'prefer',
        pulledAt: started.toISOString(),
      },
      signal: options.signal,
    });
    progress.update({ phase: 'done', rowsDone: table.rowsDone }, true);
    return report;
  } catch (err) {
    if (options.signal?.aborted || isAbortError(err)) throw new PullCancelledError(`the pull from ${source}`);
    throw err;
  } finally {
    await table?.close();
    release();
  }
}
