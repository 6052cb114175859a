// `smw pull` (DESIGN §6):
//   smw pull sender-model|reputation s3://BUCKET/KEY [--id ID] [--replace] [--endpoint URL] [--region R] [--profile P] [--json]
//   smw pull feedback --pg postgres://USER@HOST:PORT/DB [--table user_response] [--id ID] [--replace] [--json]
//   smw pull context …  (pull-context-command.ts)
// A progress bar on stderr when it is a terminal; a plain closing line on stdout (the ImportReport
// as JSON with --json); bad entries one per line on stderr; Ctrl-C cancels and saves nothing.
// The PostgreSQL password comes from PGPASSWORD or the password file (~/.pgpass), never a flag.

import { PG_SSL_MODES } from '../../shared/settings';
import type { ImportReport } from '../../shared/types';
import { parse } from './args';
import { UsageError, type CliIo } from './cli-error';
import { ProgressBar } from './progress-bar';
import { cancelOnSigint } from './pull-cancel';
import { runPullContext } from './pull-context-command';
import { oneLine } from './one-line';
import { problemLine } from './problem-line';
import { Workspace } from '../workspace/workspace';
import { formatSize } from '../pull/errors';
import { DEFAULT_TABLE, type PgReadArgs, type PgSslMode } from '../pull/pg-read';
import type { PullProgress } from '../pull/progress';
import { pgSource, pullPostgres } from '../pull/pull-postgres';
import { parseS3Url, pullS3 } from '../pull/pull-s3';

export interface PullCommandOptions {
  /** Tests: the environment (PGPASSWORD, PGPASSFILE, PGUSER). */
  env?: NodeJS.ProcessEnv;
  /** Tests: a signal instead of Ctrl-C. */
  signal?: AbortSignal;
  /** Tests: stall timeout of the S3 body (ms). */
  stallMs?: number;
}

export async function runPullCommand(argv: string[], io: CliIo, dataDir: string, options: PullCommandOptions = {}): Promise<number> {
  if (argv[0] === 'context') return runPullContext(argv.slice(1), io, dataDir, { signal: options.signal });
  const cancel = cancelOnSigint(io, options.signal);
  const bar = new ProgressBar(io);
  let ws: Workspace | undefined;
  try {
    const command = parseCommand(argv, options.env ?? process.env);
    if (command.passwordInUrl) {
      io.stderr('smw: note: a password in the URL is visible to other users of this machine (process list, shell history); prefer PGPASSWORD or ~/.pgpass\n');
    }
    ws = Workspace.open(dataDir);
    const started = performance.now();
    let last: PullProgress | undefined;
    const onProgress = (p: PullProgress) => {
      last = p;
      bar.show(command.label, p, command.kind);
    };
    const report =
      command.kind === 'feedback'
        ? await pullPostgres(
            ws,
            { ...command.pg, id: command.id, replace: command.replace },
            { signal: cancel.signal, onProgress, env: options.env, passwordHint: 'set PGPASSWORD or add the password to ~/.pgpass' },
          )
        : await pullS3(
            ws,
            { kind: command.kind, ...command.s3, id: command.id, replace: command.replace },
            { signal: cancel.signal, onProgress, stallMs: options.stallMs },
          );
    bar.clear();
    for (const p of report.problems) io.stderr(`${problemLine(command.label, p)}\n`);
    const seconds = (performance.now() - started) / 1000;
    if (command.json) {
      io.stdout(`${JSON.stringify(report)}\n`);
    } else {
      io.stdout(`${closingLine(report, command.kind, last, seconds)}\n`);
    }
    return 0;
  } catch (err) {
    bar.clear();
    io.stderr(`smw: ${oneLine(err)}\n`);
    return 1;
  } finally {
    cancel.dispose();
    ws?.close();
  }
}

const usage = (message: string) => new UsageError('pull', message);

type ParsedCommand = {
  id?: string;
  replace: boolean;
  json: boolean;
  /** Names the source in lines about it; never holds a password. */
  label: string;
  passwordInUrl: boolean;
} & (
  | { kind: 'sender-model' | 'reputation'; s3: { bucket: string; key: string; endpoint?: string; region?: string; profile?: string } }
  | { kind: 'feedback'; pg: PgReadArgs }
);

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedCommand {
  const { values, positionals } = parse(
    'pull',
    argv,
    {
      id: { type: 'string' },
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      pg: { type: 'string' },
      table: { type: 'string' },
    },
    -1,
  ) as { values: Record<string, string | undefined>; positionals: string[] };
  const [kind, url, ...extra] = positionals;
  const common = { id: values.id, replace: Boolean(values.replace), json: Boolean(values.json) };
  if (kind === 'sender-model' || kind === 'reputation') {
    if (!url)
      throw usage(
        `smw pull ${kind} needs the object's URL, like s3://my-bucket/path/${kind === 'sender-model' ? 'sendermodels-2016-08-22_02:25:57.avro' : 'reputation-1472029516.15.json'}`,
      );
    if (extra.length > 0) throw usage(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
    for (const flag of ['pg', 'table'] as const) {
      if (values[flag] !== undefined) throw usage(`--${flag} is for smw pull feedback, not for S3 pulls`);
    }
    const { bucket, key } = parseS3Url(url);
    return {
      ...common,
      kind,
      label: `s3://${bucket}/${key}`,
      passwordInUrl: false,
      s3: { bucket, key, endpoint: values.endpoint, region: values.region, profile: values.profile },
    };
  }
  if (kind === 'feedback') {
    if (url !== undefined) throw usage(`smw pull feedback reads from PostgreSQL: give --pg postgres://USER@HOST:PORT/DB, not '${url}'`);
    for (const flag of ['endpoint', 'region', 'profile'] as const) {
      if (values[flag] !== undefined) throw usage(`--${flag} is for S3 pulls, not for smw pull feedback`);
    }
    if (!values.pg) throw usage('smw pull feedback needs --pg postgres://USER@HOST:PORT/DB');
    const { args, passwordInUrl } = parsePgUrl(values.pg, env);
    if (values.table !== undefined) args.table = values.table;
    return { ...common, kind, label: pgSource(args), passwordInUrl, pg: args };
  }
  throw usage(
    kind === undefined
      ? 'smw pull needs what to pull: sender-model, reputation, feedback or context'
      : `cannot pull '${kind}': use sender-model, reputation, feedback or context`,
  );
}

/**
 * `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…&sslrootcert=…&table=…]`, with libpq's
 * defaults: user PGUSER or the login name, database the user name, port 5432.
 */
export function parsePgUrl(text: string, env: NodeJS.ProcessEnv = process.env): { args: PgReadArgs; passwordInUrl: boolean } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`--pg '${redactUrl(text)}' is not a URL; give one like postgres://analyst@db.example.com:5432/feedback`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw usage(`--pg must be a postgres:// URL, like postgres://analyst@db.example.com:5432/feedback (got ${url.protocol}//…)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw usage('--pg needs a host, like postgres://analyst@db.example.com:5432/feedback');
  const user = decodeURIComponent(url.username) || env.PGUSER || env.USER || env.USERNAME || '';
  if (!user) throw usage('--pg needs a user name, like postgres://analyst@db.example.com/feedback');
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  const port = url.port ? Number(url.port) : 5432;
  const params = url.searchParams;
  const sslMode = (params.get('sslmode') ?? env.PGSSLMODE ?? 'prefer') as PgSslMode;
  if (!(PG_SSL_MODES as readonly string[]).includes(sslMode)) throw usage(`sslmode '${sslMode}' is not one of ${PG_SSL_MODES.join(', ')}`);
  const caFile = params.get('sslrootcert') ?? env.PGSSLROOTCERT ?? undefined;
  const args: PgReadArgs = { host, port, database, user, sslMode, table: params.get('table') ?? DEFAULT_TABLE };
  if (caFile) args.caFile = caFile;
  if (url.password) args.password = decodeURIComponent(url.password);
  return { args, passwordInUrl: url.password !== '' };
}

/** The URL with any password replaced, for messages. */
export function redactUrl(text: string): string {
  return text.replace(/^(\w+:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

function closingLine(report: ImportReport, kind: string, last: PullProgress | undefined, seconds: number): string {
  const tail = [
    report.skipped ? `${report.skipped} skipped` : '',
    report.rejected ? `${report.rejected} rejected` : '',
    report.replaced ? `${report.replaced} replaced` : '',
  ].filter(Boolean);
  const extra = tail.length > 0 ? ` (${tail.join(', ')})` : '';
  if (kind === 'feedback') {
    return `pulled feedback ${report.id} : ${last?.rowsDone ?? report.kept} rows, ${report.kept} kept${extra} in ${seconds.toFixed(1)} s`;
  }
  return `pulled ${kind} ${report.id} : ${report.kept} entries${extra}, ${formatSize(last?.bytesDone ?? 0)} in ${seconds.toFixed(1)} s`;
}
