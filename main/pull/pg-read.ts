// Reads the feedback table (DESIGN §3.3) from PostgreSQL: one connection, one read-only
// repeatable-read transaction (a consistent picture even while analysts keep answering), a
// statement timeout, and a cursor that streams the rows in batches. The table and its columns
// are checked before the first row, so a wrong name fails with a message that names it.

import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { RawFeedbackRow } from '../../shared/feedback';
import { describePgError, formatDuration, PullCancelledError, PullError, type PgErrorContext } from './errors';
import { lookupPgPassword } from './pgpass';

import type { PgSslMode } from '../../shared/settings';

export type { PgSslMode };

export interface PgReadArgs {
  host: string;
  /** Default 5432. */
  port?: number;
  database: string;
  user: string;
  sslMode?: PgSslMode;
  /** PEM file of the CA that signed the server's certificate (verify-ca, verify-full). */
  caFile?: string;
  /** `user_response` or `schema.table`. */
  table?: string;
  /** Given for this pull only (the app's keychain or prompt); else PGPASSWORD, else the password file. */
  password?: string;
}

export interface PgReadOptions {
  signal?: AbortSignal;
  /** Server-side limit for each statement, the cursor's fetches included (default 120 s). */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Rows per FETCH (default 5000). */
  batchSize?: number;
  /** Rows read so far, after each batch. */
  onRows?: (rowsDone: number) => void;
  /** Where the password came from, for the advice in errors. */
  passwordHint?: string;
  /** Tests: the environment that PGPASSWORD and PGPASSFILE are read from. */
  env?: NodeJS.ProcessEnv;
}

/** The columns the feedback parser needs (DESIGN §3.3). */
export const REQUIRED_COLUMNS = ['suggestion', 'context', 'organization_id', 'comments', 'suggestion_type'] as const;
export const DEFAULT_TABLE = 'user_response';
export const DEFAULT_PORT = 5432;
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export interface FeedbackTable {
  /** `schema.table` as the server names it. */
  readonly qualifiedName: string;
  readonly columns: readonly string[];
  /** Rows in `id` order when the table has an id column, else in the table's order. Iterate once. */
  readonly rows: AsyncIterable<RawFeedbackRow>;
  readonly rowsDone: number;
  /** Ends the transaction and the connection (idempotent). */
  close(): Promise<void>;
}

/** Connects, starts the read-only transaction and checks the table; the rows come when iterated. */
export async function openFeedbackTable(args: PgReadArgs, options: PgReadOptions = {}): Promise<FeedbackTable> {
  const table = args.table ?? DEFAULT_TABLE;
  if (!TABLE_NAME.test(table)) {
    throw new PullError('usage', `'${table}' is not a table name; give one like user_response or schema.user_response`);
  }
  args = { ...args, port: args.port ?? DEFAULT_PORT };
  const statementTimeoutMs = options.statementTimeoutMs ?? 120_000;
  const ctx: PgErrorContext = {
    host: args.host,
    port: args.port!,
    database: args.database,
    user: args.user,
    table,
    statementTimeoutMs,
    passwordHint: options.passwordHint,
  };
  if (options.signal?.aborted) throw new PullCancelledError(`the pull from ${args.host}:${args.port}/${args.database}`);
  const client = await connect(args, options, ctx);
  const reader = new TableReader(client, ctx, options, statementTimeoutMs);
  try {
    await reader.begin(table);
    return reader;
  } catch (err) {
    await reader.close();
    throw reader.fail(err);
  }
}

/** SSL options for `pg` from a libpq SSL mode. 'prefer' is tried with SSL first (see connect). */
export function sslOptions(mode: PgSslMode, host: string, caFile?: string): pg.ClientConfig['ssl'] {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      // Encrypted, certificate not checked: what libpq does for these modes.
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full': {
      const ca = caFile ? readCa(caFile) : undefined;
      return {
        ...(ca ? { ca } : {}),
        rejectUnauthorized: true,
        // verify-ca checks the chain only; verify-full also the host name (Node's default check).
        ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
        ...(isIpAddress(host) ? {} : { servername: host }),
      };
    }
    default:
      throw new PullError('usage', `unknown SSL mode '${String(mode)}'; use disable, prefer, require, verify-ca or verify-full`);
  }
}

function readCa(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new PullError(
      'usage',
      `cannot read the CA file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the PEM file of the CA that signed the server's certificate`,
    );
  }
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

async function connect(args: PgReadArgs, options: PgReadOptions, ctx: PgErrorContext): Promise<pg.Client> {
  const mode = args.sslMode ?? 'prefer';
  try {
    return await connectWith(args, options, sslOptions(mode, args.host, args.caFile));
  } catch (err) {
    // libpq's 'prefer': SSL when the server offers it, else a plain connection.
    if (mode === 'prefer' && /does not support SSL/i.test((err as Error).message ?? '')) {
      try {
        return await connectWith(args, options, false);
      } catch (plainErr) {
        throw describePgError(plainErr, ctx);
      }
    }
    if (options.signal?.aborted) throw new PullCancelledError(`the pull from ${args.host}:${args.port}/${args.database}`);
    throw describePgError(err, ctx);
  }
}

async function connectWith(args: PgReadArgs, options: PgReadOptions, ssl: pg.ClientConfig['ssl']): Promise<pg.Client> {
  const client = new pg.Client({
    host: args.host,
    port: args.port,
    database: args.database,
    user: args.user,
    // A function, so that pg's own (deprecated, warning) password-file lookup is never used,
    // and the password exists only for the time of the handshake.
    password: async () =>
      args.password ?? lookupPgPassword({ ...args, port: args.port ?? DEFAULT_PORT }, { env: options.env }) ?? (undefined as unknown as string),
    ssl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'Sender Model Workbench pull',
    types: { getTypeParser: typeParser as pg.CustomTypesConfig['getTypeParser'] },
  });
  // An error after connect (server gone) surfaces through the pending query; this keeps it
  // from also being an unhandled 'error' event.
  client.on('error', () => undefined);
  const onAbort = () => destroyConnection(client);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (err) {
    destroyConnection(client);
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

// Values come out JSON-safe and machine-independent: 64-bit integers as numbers when exact,
// timestamps with a zone as ISO 8601 UTC, dates and zone-less timestamps as their text.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
  switch (oid) {
    case INT8:
      return (v) => {
        const n = Number(v);
        return Number.isSafeInteger(n) ? n : v;
      };
    case DATE:
    case TIMESTAMP:
      return (v) => v;
    case TIMESTAMPTZ:
      return (v) => {
        const d = new Date(pg.types.getTypeParser(TIMESTAMPTZ, 'text')(v) as Date);
        return Number.isFinite(d.getTime()) ? d.toISOString() : v;
      };
    default:
      return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
  }
}

function destroyConnection(client: pg.Client): void {
  // end() waits for the server to answer; a cancel must not. The server notices the closed
  // socket and rolls the read-only transaction back.
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  stream?.destroy();
}

/**
 * Stops the statement the server is running for `client`, then drops the connection. Without
 * the cancel request a backend busy sorting or scanning would go on until statement_timeout,
 * holding its snapshot and a CPU of the analysts' database for nothing.
 */
function cancelAndDestroy(client: pg.Client, host: string, port: number): void {
  const keys = client as unknown as { processID?: number | null; secretKey?: number | null };
  if (typeof keys.processID === 'number' && typeof keys.secretKey === 'number') {
    sendCancelRequest(host, port, keys.processID, keys.secretKey);
  }
  destroyConnection(client);
}

/** The protocol's CancelRequest, on a connection of its own (best effort, never throws). */
function sendCancelRequest(host: string, port: number, processID: number, secretKey: number): void {
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4); // the CancelRequest code
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  const socket = net.connect({ host, port });
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('connect', () => socket.end(message));
}

class TableReader implements FeedbackTable {
  qualifiedName = '';
  columns: string[] = [];
  rowsDone = 0;
  private hasId = false;
  private closed = false;
  private iterated = false;
  private readonly onAbort = () => cancelAndDestroy(this.client, this.ctx.host, this.ctx.port);

  constructor(
    private readonly client: pg.Client,
    private readonly ctx: PgErrorContext,
    private readonly options: PgReadOptions,
    private readonly statementTimeoutMs: number,
  ) {
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  async begin(table: string): Promise<void> {
    const c = this.client;
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await c.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(this.statementTimeoutMs))}`);
    // Not to wait behind a migration's lock for the whole statement timeout.
    await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.min(10_000, Math.round(this.statementTimeoutMs)))}`);
    // to_regclass follows search_path and needs no privilege on the table; pg_attribute lists
    // every column (information_schema hides the ones we may not read, which would be misleading).
    const found = await c.query<{ oid: number | null; qualified: string | null; readable: boolean | null; search_path: string }>(
      `SELECT r.oid::oid AS oid,
              CASE WHEN r.oid IS NULL THEN NULL ELSE format('%I.%I', n.nspname, cl.relname) END AS qualified,
              CASE WHEN r.oid IS NULL THEN NULL ELSE has_table_privilege(r.oid, 'SELECT') END AS readable,
              current_setting('search_path') AS search_path
         FROM (SELECT to_regclass($1) AS oid) r
         LEFT JOIN pg_class cl ON cl.oid = r.oid
         LEFT JOIN pg_namespace n ON n.oid = cl.relnamespace`,
      [table],
    );
    const row = found.rows[0];
    if (!row || row.oid === null || row.qualified === null) {
      throw new PullError(
        'not-found',
        `there is no table '${table}' in database '${this.ctx.database}' at ${this.ctx.host}:${this.ctx.port} (looked in search_path ${row?.search_path ?? '?'}); check the table name, or give it with its schema (schema.${table.split('.').pop()})`,
      );
    }
    this.qualifiedName = row.qualified;
    const cols = await c.query<{ attname: string }>(
      'SELECT attname FROM pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
      [row.oid],
    );
    this.columns = cols.rows.map((r) => r.attname);
    const missing = REQUIRED_COLUMNS.filter((col) => !this.columns.includes(col));
    if (missing.length > 0) {
      throw new PullError(
        'not-found',
        `the table ${this.qualifiedName} in database '${this.ctx.database}' at ${this.ctx.host}:${this.ctx.port} has no column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; a feedback table needs ${REQUIRED_COLUMNS.join(', ')} (it has ${this.columns.join(', ') || 'none'})`,
      );
    }
    if (row.readable === false) {
      throw new PullError(
        'access-denied',
        `user '${this.ctx.user}' may not read ${this.qualifiedName} in database '${this.ctx.database}' at ${this.ctx.host}:${this.ctx.port}; ask the DBA for GRANT SELECT ON ${this.qualifiedName} TO ${this.ctx.user}`,
      );
    }
    this.hasId = this.columns.includes('id');
  }

  get rows(): AsyncIterable<RawFeedbackRow> {
    if (this.iterated) throw new Error('the feedback rows can be read only once');
    this.iterated = true;
    return this.read();
  }

  private async *read(): AsyncGenerator<RawFeedbackRow> {
    const batch = this.options.batchSize ?? 5000;
    // Each FETCH is a statement under statement_timeout; this catches a server (or network)
    // that stops answering altogether, which the server-side timeout cannot.
    const clientTimeoutMs = this.statementTimeoutMs + 30_000;
    try {
      const sql = `SELECT * FROM ${this.qualifiedName}${this.hasId ? ' ORDER BY id' : ''}`;
      const cursor = this.client.query(new Cursor<Record<string, unknown>>(sql));
      for (;;) {
        if (this.options.signal?.aborted) throw new PullCancelledError();
        const rows = await withTimeout(cursor.read(batch), clientTimeoutMs, () => cancelAndDestroy(this.client, this.ctx.host, this.ctx.port));
        for (const r of rows) yield jsonSafeRow(r);
        this.rowsDone += rows.length;
        this.options.onRows?.(this.rowsDone);
        if (rows.length < batch) break;
      }
      await cursor.close();
      await this.client.query('COMMIT');
    } catch (err) {
      throw this.fail(err);
    } finally {
      await this.close();
    }
  }

  fail(err: unknown): PullError {
    if (this.options.signal?.aborted) return new PullCancelledError(`the pull from ${this.ctx.host}:${this.ctx.port}/${this.ctx.database}`);
    if (err instanceof NoAnswerError) {
      return new PullError(
        'timeout',
        `PostgreSQL at ${this.ctx.host}:${this.ctx.port} stopped answering after ${this.rowsDone.toLocaleString('en-US')} rows (no reply for ${formatDuration(err.ms)}); nothing was saved; check the network and pull again`,
        { cause: err },
      );
    }
    return describePgError(err, { ...this.ctx, rowsDone: this.rowsDone });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    try {
      // Ending the connection ends the (read-only) transaction with it.
      await withTimeout(this.client.end(), 2000, () => destroyConnection(this.client));
    } catch {
      destroyConnection(this.client);
    }
  }
}

class NoAnswerError extends Error {
  constructor(readonly ms: number) {
    super(`no answer for ${ms} ms`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new NoAnswerError(ms));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Row values as plain JSON values: what the importer stores and the parser reads. */
export function jsonSafeRow(row: Record<string, unknown>): RawFeedbackRow {
  const out: RawFeedbackRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = jsonSafe(v);
  return out;
}

function jsonSafe(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : String(v);
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return v.map(jsonSafe);
  return v;
}
