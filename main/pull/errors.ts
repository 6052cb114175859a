// What a failed pull tells the analyst: one line with what happened, where, and what to do.
// Every error of the S3 SDK, of `pg` and of the network is mapped here, so the CLI's stderr
// line, the app's job banner and the tests all see the same text. `kind` lets callers (the
// job runner, tests) tell failures apart without parsing the message.

export type PullErrorKind =
  | 'cancelled'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'no-credentials'
  | 'credentials'
  | 'access-denied'
  | 'not-found'
  | 'wrong-region'
  | 'interrupted'
  | 'truncated'
  /** The bytes that arrived are not the object's: its checksum or MD5 ETag does not match. */
  | 'damaged'
  | 'changed'
  | 'wrong-content'
  | 'server'
  | 'busy'
  | 'usage'
  | 'other';

export class PullError extends Error {
  override name = 'PullError';
  constructor(
    readonly kind: PullErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Named like every other cancellation (fetch, streams, the importers) so generic code sees it too. */
export class PullCancelledError extends PullError {
  override name = 'AbortError';
  constructor(what = 'the pull') {
    super('cancelled', `${what} was cancelled; nothing was saved and the workspace is as it was`);
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err instanceof PullCancelledError);
}

export function throwIfCancelled(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new PullCancelledError(what);
}

// ---- shared helpers ----------------------------------------------------------------------

interface ErrorFacts {
  name: string;
  code: string;
  message: string;
  status: number | undefined;
}

/** The facts of an error and of its causes (the SDK and undici wrap network errors). */
function facts(err: unknown): ErrorFacts[] {
  const out: ErrorFacts[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== null && e !== undefined && depth < 5; depth++) {
    const any = e as {
      name?: unknown;
      code?: unknown;
      Code?: unknown;
      message?: unknown;
      $metadata?: { httpStatusCode?: unknown };
      cause?: unknown;
      errors?: unknown;
    };
    out.push({
      name: typeof any.name === 'string' ? any.name : '',
      code: typeof any.code === 'string' ? any.code : typeof any.Code === 'string' ? any.Code : '',
      message: typeof any.message === 'string' ? any.message : String(e),
      status: typeof any.$metadata?.httpStatusCode === 'number' ? any.$metadata.httpStatusCode : undefined,
    });
    // AggregateError (happy eyeballs tries several addresses): the first says enough.
    e = any.cause ?? (Array.isArray(any.errors) ? any.errors[0] : undefined);
  }
  return out;
}

const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL'];
const RESET_CODES = ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET'];
const TIMEOUT_CODES = ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'];
const UNREACHABLE_CODES = ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'];

function anyCode(all: ErrorFacts[], codes: string[]): string | undefined {
  return all.find((f) => codes.includes(f.code))?.code;
}

function anyMessage(all: ErrorFacts[], pattern: RegExp): string | undefined {
  return all.find((f) => pattern.test(f.message))?.message;
}

/** A dropped connection (as opposed to a refusal or an answer): worth a resume. */
export function isConnectionDrop(err: unknown): boolean {
  const all = facts(err);
  return anyCode(all, RESET_CODES) !== undefined || anyMessage(all, /^aborted$|socket hang up|premature close|other side closed|terminated/i) !== undefined;
}

function networkError(all: ErrorFacts[], where: string, host: string, advice: { refused: string; timeout: string }): PullError | undefined {
  const dns = anyCode(all, DNS_CODES);
  if (dns) {
    return new PullError(
      'dns',
      `cannot find the host '${host}' (${dns === 'EAI_AGAIN' ? 'DNS lookup failed for now' : 'no such host name'}) for ${where}; check the host name, and that you are on the network or VPN that reaches it`,
    );
  }
  if (anyCode(all, ['ECONNREFUSED'])) return new PullError('refused', `connection refused by ${host} for ${where}; ${advice.refused}`);
  const unreachable = anyCode(all, UNREACHABLE_CODES);
  if (unreachable) return new PullError('refused', `cannot reach ${host} (${unreachable}) for ${where}; check your network or VPN`);
  if (anyCode(all, TIMEOUT_CODES) || all.some((f) => f.name === 'TimeoutError') || anyMessage(all, /timed? ?out/i)) {
    return new PullError('timeout', `${host} did not answer in time for ${where}; ${advice.timeout}`);
  }
  const tls = all.find((f) => /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(f.code) || /certificate|self[- ]signed|TLS|SSL/i.test(f.message));
  if (tls) {
    return new PullError(
      'tls',
      `the TLS certificate of ${host} was not accepted for ${where} (${tls.message}); check the host name, the CA file and the SSL mode`,
    );
  }
  return undefined;
}

// ---- S3 --------------------------------------------------------------------------------

export interface S3ErrorContext {
  bucket: string;
  key?: string;
  prefix?: string;
  /** Custom endpoint (S3-compatible store), else AWS. */
  endpoint?: string;
  region?: string;
  profile?: string;
  /** During a download: how far it got. */
  bytesDone?: number;
  bytesTotal?: number;
}

function s3Where(ctx: S3ErrorContext): string {
  if (ctx.key !== undefined) return `s3://${ctx.bucket}/${ctx.key}`;
  return `s3://${ctx.bucket}/${ctx.prefix ?? ''}`;
}

function s3Host(ctx: S3ErrorContext): string {
  if (ctx.endpoint) {
    try {
      return new URL(ctx.endpoint).host;
    } catch {
      return ctx.endpoint;
    }
  }
  return ctx.region ? `s3.${ctx.region}.amazonaws.com` : 'AWS S3';
}

function profileHint(ctx: S3ErrorContext): string {
  return ctx.profile ? `the profile '${ctx.profile}'` : 'the credentials in use (AWS_PROFILE, AWS_ACCESS_KEY_ID or the default profile)';
}

function progressNote(ctx: S3ErrorContext): string {
  if (ctx.bytesDone === undefined || ctx.bytesDone === 0) return '';
  return ` after ${formatSize(ctx.bytesDone)}${ctx.bytesTotal ? ` of ${formatSize(ctx.bytesTotal)}` : ''}`;
}

export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

/** Sizes as a person reads them: bytes, KB or MB (decimal units, as S3 consoles show them). */
export function formatSize(bytes: number): string {
  if (bytes < 10_000) return `${Math.round(bytes)} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/** Maps anything the S3 SDK or the network threw to a PullError with one actionable line. */
export function describeS3Error(err: unknown, ctx: S3ErrorContext): PullError {
  if (err instanceof PullError) return err;
  if (isAbortError(err)) return new PullCancelledError(`the pull of ${s3Where(ctx)}`);
  const all = facts(err);
  const where = s3Where(ctx);
  const host = s3Host(ctx);
  const named = (...names: string[]) => all.some((f) => names.includes(f.name) || names.includes(f.code));
  const status = all.find((f) => f.status !== undefined)?.status;

  if (named('NoSuchBucket')) {
    return new PullError(
      'not-found',
      `there is no bucket '${ctx.bucket}' at ${host}; check the bucket name${ctx.endpoint ? ' and --endpoint' : ' and --region'}`,
      { cause: err },
    );
  }
  if (named('NoSuchKey') || (status === 404 && ctx.key !== undefined)) {
    return new PullError('not-found', `there is no object ${where}; list the builds under its prefix to check the key (keys are case-sensitive)`, {
      cause: err,
    });
  }
  if (named('InvalidAccessKeyId')) {
    return new PullError(
      'credentials',
      `${host} does not know the AWS access key of ${profileHint(ctx)}; check AWS_ACCESS_KEY_ID or the profile, or pick another with --profile`,
      { cause: err },
    );
  }
  if (named('SignatureDoesNotMatch')) {
    return new PullError(
      'credentials',
      `${host} rejected the signature: the secret key of ${profileHint(ctx)} does not match its access key; check AWS_SECRET_ACCESS_KEY or the profile's credentials`,
      { cause: err },
    );
  }
  const login = ctx.profile ? `aws sso login --profile ${ctx.profile}` : 'aws sso login';
  if (anyMessage(all, /SSO session|sso login|SSO token/i)) {
    return new PullError('no-credentials', `the SSO session of ${profileHint(ctx)} has expired or was never started; run ${login}, then pull again`, {
      cause: err,
    });
  }
  if (named('ExpiredToken', 'TokenRefreshRequired', 'InvalidToken', 'RequestExpired') || anyMessage(all, /token .*expired|refresh.*token/i)) {
    return new PullError(
      'credentials',
      `the AWS session of ${profileHint(ctx)} has expired; sign in again (${login}) or refresh the session token, then pull again`,
      { cause: err },
    );
  }
  if (named('CredentialsProviderError') || anyMessage(all, /Could not load credentials|profile .* could not be found|Unable to find .*credentials/i)) {
    if (ctx.profile) {
      return new PullError(
        'no-credentials',
        `no AWS credentials from the profile '${ctx.profile}' for ${where}: it is not in ~/.aws/config or ~/.aws/credentials, or gives no keys; check its name (aws configure list-profiles) or sign in (${login})`,
        { cause: err },
      );
    }
    const why = all.find((f) => f.name === 'CredentialsProviderError')?.message ?? all[0].message;
    return new PullError(
      'no-credentials',
      `no AWS credentials for ${where} (${why.split('\n')[0]}); use --profile (aws sso login for an SSO profile), AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      { cause: err },
    );
  }
  if (named('PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException') || status === 301) {
    return new PullError(
      'wrong-region',
      `the bucket '${ctx.bucket}' is in another region than ${ctx.region ?? 'the one configured'}; give its region with --region`,
      { cause: err },
    );
  }
  if (anyMessage(all, /Region is missing/i)) {
    return new PullError('usage', `no AWS region is set for ${where}; give --region, or set AWS_REGION or the profile's region`, { cause: err });
  }
  if (named('AccessDenied', 'AllAccessDisabled', 'AccountProblem', 'InvalidObjectState') || status === 403) {
    return new PullError(
      'access-denied',
      `access denied to ${where} for ${profileHint(ctx)}; ask for s3:GetObject${ctx.key === undefined ? ' and s3:ListBucket' : ''} on the bucket, or use a profile that has it (--profile)`,
      { cause: err },
    );
  }
  if (named('PreconditionFailed') || status === 412) {
    return new PullError('changed', `${where} was replaced on S3 during the pull (its ETag changed)${progressNote(ctx)}; pull again to get the new object`, {
      cause: err,
    });
  }
  if (named('SlowDown', 'ServiceUnavailable', 'InternalError', 'ThrottlingException') || (status !== undefined && status >= 500)) {
    return new PullError(
      'server',
      `${host} failed to serve ${where} (${all[0].name || status}: ${all[0].message.split('\n')[0]}); try again in a few minutes`,
      { cause: err },
    );
  }
  const network = networkError(all, where, host, {
    refused: ctx.endpoint ? `is ${ctx.endpoint} the right endpoint, and is the S3 service running?` : 'check your network or proxy settings',
    timeout: 'check your network or VPN and try again',
  });
  if (network) {
    network.cause = err;
    if (ctx.bytesDone && (network.kind === 'refused' || network.kind === 'dns')) {
      return new PullError(
        'interrupted',
        `${host} went away in the middle of ${where}${progressNote(ctx)} (${network.message.split(';')[0]}); nothing was saved; pull again when it is back`,
        { cause: err },
      );
    }
    return network;
  }
  if (isConnectionDrop(err)) {
    return new PullError(
      'interrupted',
      `the connection to ${host} dropped during ${where}${progressNote(ctx)}; nothing was saved; check your network and pull again`,
      { cause: err },
    );
  }
  const first = all[0];
  const label = first.name && first.name !== 'Error' ? `${first.name}: ` : '';
  return new PullError('other', `S3 request for ${where} at ${host} failed: ${label}${first.message.split('\n')[0]}${status ? ` (HTTP ${status})` : ''}`, {
    cause: err,
  });
}

// ---- PostgreSQL ------------------------------------------------------------------------

export interface PgErrorContext {
  host: string;
  port: number;
  database: string;
  user: string;
  table?: string;
  statementTimeoutMs?: number;
  rowsDone?: number;
  /** Where the password came from, for the advice: the app asks, the CLI reads PGPASSWORD/.pgpass. */
  passwordHint?: string;
}

/** Maps anything `pg` or the network threw to a PullError with one actionable line. */
export function describePgError(err: unknown, ctx: PgErrorContext): PullError {
  if (err instanceof PullError) return err;
  const server = `${ctx.host}:${ctx.port}`;
  const db = `database '${ctx.database}' at ${server}`;
  if (isAbortError(err)) return new PullError('cancelled', new PullCancelledError(`the pull from ${db}`).message, { cause: err });
  const all = facts(err);
  const sqlstate = all.find((f) => /^[0-9A-Z]{5}$/.test(f.code))?.code;
  const serverMessage = all[0].message.split('\n')[0];
  const passwordHint = ctx.passwordHint ?? 'set PGPASSWORD or add it to ~/.pgpass';
  const table = ctx.table ?? 'user_response';
  const mk = (kind: PullErrorKind, message: string) => new PullError(kind, message, { cause: err });

  switch (sqlstate) {
    case '28P01':
      return mk('credentials', `PostgreSQL at ${server} rejected the password of user '${ctx.user}'; check it (${passwordHint})`);
    case '28000':
      return mk(
        'access-denied',
        `PostgreSQL at ${server} does not let user '${ctx.user}' into database '${ctx.database}' (${serverMessage}); ask the DBA for access, or check the user name and the SSL mode`,
      );
    case '3D000':
      return mk('not-found', `there is no database '${ctx.database}' at ${server}; check the database name in the connection`);
    case '42P01':
      return mk('not-found', `there is no table '${table}' in ${db}; check the table name (--table, or the connection's table)`);
    case '42703':
      return mk(
        'not-found',
        `a column is missing in '${table}' of ${db} (${serverMessage}); the pull needs suggestion, context, organization_id, comments and suggestion_type`,
      );
    case '42501':
      return mk(
        'access-denied',
        `user '${ctx.user}' may not read '${table}' in ${db} (${serverMessage}); ask the DBA for GRANT SELECT ON ${table} TO ${ctx.user}`,
      );
    case '57014': {
      const limit = ctx.statementTimeoutMs ? ` after ${formatDuration(ctx.statementTimeoutMs)} (statement_timeout)` : '';
      return mk('timeout', `reading '${table}' from ${db} was stopped by the server${limit}; try again when the server is less busy, or raise the timeout`);
    }
    case '57P01':
    case '57P02':
    case '57P03':
      return mk(
        'interrupted',
        `the PostgreSQL server at ${server} ${sqlstate === '57P03' ? 'is not accepting connections yet' : 'shut the connection down'}${rowsNote(ctx)} (${serverMessage}); nothing was saved; pull again when it is back`,
      );
    case '53300':
      return mk('busy', `PostgreSQL at ${server} has too many connections; try again in a moment`);
    case '25006':
      return mk('other', `PostgreSQL at ${server} refused a write in the read-only pull (${serverMessage}); this is a bug, please report it`);
    default:
      break;
  }
  if (sqlstate && /^08/.test(sqlstate)) {
    return mk(
      'interrupted',
      `the connection to PostgreSQL at ${server} failed${rowsNote(ctx)} (${serverMessage}); nothing was saved; check the network and pull again`,
    );
  }
  if (anyMessage(all, /client password must be a string|password must be a string|no password supplied/i)) {
    return mk('no-credentials', `PostgreSQL at ${server} wants a password for user '${ctx.user}' and none was given; ${passwordHint}`);
  }
  if (anyMessage(all, /does not support SSL/i)) {
    return mk(
      'tls',
      `PostgreSQL at ${server} does not offer SSL, but the SSL mode requires it; use SSL mode 'disable' or 'prefer' for this server, or enable SSL on it`,
    );
  }
  const network = networkError(all, db, server, {
    refused: 'check the host and port, and that PostgreSQL is running and listening there',
    timeout: 'check the host and port, your network or VPN, and any firewall',
  });
  if (network) {
    network.cause = err;
    if (ctx.rowsDone && network.kind !== 'tls') {
      return mk(
        'interrupted',
        `PostgreSQL at ${server} went away during the pull${rowsNote(ctx)} (${network.message.split(';')[0]}); nothing was saved; pull again when it is back`,
      );
    }
    return network;
  }
  if (isConnectionDrop(err) || anyMessage(all, /Connection terminated|connection.*closed|ended unexpectedly/i)) {
    return mk('interrupted', `the connection to PostgreSQL at ${server} was lost${rowsNote(ctx)}; nothing was saved; check the network and pull again`);
  }
  return mk('other', `reading '${table}' from ${db} failed: ${sqlstate ? `${sqlstate} ` : ''}${serverMessage}`);
}

function rowsNote(ctx: PgErrorContext): string {
  return ctx.rowsDone ? ` after ${ctx.rowsDone.toLocaleString('en-US')} rows` : '';
}
