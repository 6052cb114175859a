// `smw pull` as a person sees it: a progress bar on a terminal, a plain closing line when not,
// the ImportReport with --json, one clear stderr line and exit 1 on failure, and a password
// given in the URL never shown or stored.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/smw';
import { runPullCommand } from '../../main/cli/pull-command';
import { Workspace } from '../../main/workspace/workspace';
import { startPostgres, type PostgresServer } from '../support/servers/postgres';
import { startS3, type S3Server } from '../support/servers/s3';
import { bigBuild } from './big-build';
import { GOLDEN } from './workspace-fixture';

const KEY = 'models/sendermodels-2016-08-22_02:25:57.avro';
let s3: S3Server;
let pg: PostgresServer;
let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  [s3, pg] = await Promise.all([startS3(), startPostgres()]);
  await s3.put('builds', KEY, fs.readFileSync(path.join(GOLDEN, 'sendermodels-1.avro')));
  await s3.put('builds', 'big/sendermodels-2020-01-01_00:00:00.avro', bigBuild(400_000));
  await pg.query(
    'CREATE TABLE user_response (id serial PRIMARY KEY, suggestion text, context text, organization_id integer, comments text, suggestion_type text)',
  );
  await pg.query(
    `INSERT INTO user_response (suggestion, context, organization_id, comments, suggestion_type) VALUES ($1, '{}', 54, 'ok', 'authenticity'), ('{oops', '{}', 54, '', 'authenticity')`,
    [
      JSON.stringify({
        input_type: 'ip_list',
        matches: [
          { field: 'domain', value: ['list.example'] },
          { field: 'ip', value: ['192.0.2.1'] },
        ],
      }),
    ],
  );
  Object.assign(process.env, s3.env);
});

afterAll(async () => {
  await Promise.all([s3?.stop(), pg?.stop()]);
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-cli-pull-'));
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function pull(
  argv: string[],
  { isTTY = false, env = {} as NodeJS.ProcessEnv, signal = undefined as AbortSignal | undefined, onStderr = (_: string) => {} } = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runPullCommand(
    argv,
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => {
        stderr += t;
        onStderr(t);
      },
      isTTY,
    },
    dataDir,
    { env, signal },
  );
  return { code, stdout, stderr };
}

describe('smw pull on the command line', () => {
  it('prints a plain closing line when stderr is not a terminal', async () => {
    const run = await pull(['sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint]);
    expect(run).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^pulled sender-model sendermodels-2016-08-22_02:25:57 : 12 entries \(1 replaced\), 772 bytes in \d+\.\d s\n$/),
      stderr: '',
    });
  });

  it('draws a progress bar on a terminal, in place, and clears it', async () => {
    const run = await pull(['sender-model', 's3://builds/big/sendermodels-2020-01-01_00:00:00.avro', '--endpoint', s3.endpoint], { isTTY: true });
    expect(run.code).toBe(0);
    const frames = run.stderr.split('\r\x1b[K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.some((f) => /^…?.*sendermodels-2020-01-01_00:00:00\.avro {2}\[[#-]{24}\] +\d+% {2}[\d.]+ (MB|KB|bytes) \/ [\d.]+ MB/.test(f))).toBe(true);
    expect(run.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(run.stdout).toMatch(/^pulled sender-model sendermodels-2020-01-01_00:00:00 : 400000 entries, [\d.]+ MB in [\d.]+ s\n$/);
  });

  it('prints the ImportReport with --json, and only that on stdout', async () => {
    const run = await pull(['reputation', 's3://builds/none.json', '--endpoint', s3.endpoint, '--json']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'smw: there is no object s3://builds/none.json; list the builds under its prefix to check the key (keys are case-sensitive)\n',
    });
    const ok = await pull(['sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint, '--id', 'first', '--json']);
    expect(JSON.parse(ok.stdout)).toEqual({ id: 'first', kind: 'sender-model', kept: 12, skipped: 0, rejected: 0, replaced: 1, problems: [] });
  });

  it('refuses an existing id unless --replace', async () => {
    expect((await pull(['sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint])).code).toBe(0);
    const again = await pull(['sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^smw: snapshot id 'sendermodels-2016-08-22_02:25:57' already exists .*; use --replace or --id\n$/);
    expect((await pull(['sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint, '--replace'])).code).toBe(0);
  });

  it('pulls feedback, reporting bad rows by row id on stderr', async () => {
    const run = await pull(['feedback', '--pg', pg.url, '--id', 'fb'], { env: { PGPASSWORD: pg.password } });
    expect(run.code).toBe(0);
    // The reason quotes JSON.parse's own message, which differs by Node version (24 adds the line and column).
    let parseError = '';
    try {
      JSON.parse('{oops');
    } catch (error) {
      parseError = (error as Error).message;
    }
    expect(run.stderr).toBe(
      `postgres://postgres@127.0.0.1:${pg.port}/postgres?table=user_response: row 2: suggestion "{oops": not valid JSON (${parseError}); row dropped\n`,
    );
    expect(run.stdout).toMatch(/^pulled feedback fb : 2 rows, 1 kept \(1 rejected\) in \d+\.\d s\n$/);
  });

  it('uses a password given in the URL, warns about it, and never shows or stores it', async () => {
    const password = pg.password;
    const url = pg.url.replace('postgres@', `postgres:${encodeURIComponent(password)}@`);
    const run = await pull(['feedback', '--pg', url, '--id', 'fb', '--json'], { env: {} });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('smw: note: a password in the URL is visible to other users of this machine');
    expect(run.stdout + run.stderr).not.toContain(password);
    const bad = await pull(['feedback', '--pg', url.replace(encodeURIComponent(password), 'wrong-one'), '--id', 'fb2'], { env: {} });
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toContain('wrong-one');
    const ws = Workspace.open(dataDir);
    try {
      expect(ws.get('fb')?.source).toBe(`postgres://postgres@127.0.0.1:${pg.port}/postgres?table=user_response`);
      expect(JSON.stringify(ws.getMeta('fb'))).not.toContain(password);
    } finally {
      ws.close();
    }
  });

  it('cancels on Ctrl-C (the signal), saying nothing was saved', async () => {
    const controller = new AbortController();
    // Cancel at the first progress the pull shows, not after a fixed delay: a loaded machine
    // could finish the download before any timer fired.
    const run = await pull(['sender-model', 's3://builds/big/sendermodels-2020-01-01_00:00:00.avro', '--endpoint', s3.endpoint], {
      signal: controller.signal,
      isTTY: true,
      onStderr: () => controller.abort(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\r\x1b[K').at(-1)).toBe(
      'smw: the pull of s3://builds/big/sendermodels-2020-01-01_00:00:00.avro was cancelled; nothing was saved and the workspace is as it was\n',
    );
    const ws = Workspace.open(dataDir);
    try {
      expect(ws.list()).toEqual([]);
      expect(fs.readdirSync(ws.snapshotsDir)).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it.each([
    [
      ['sender-model'],
      "smw: smw pull sender-model needs the object's URL, like s3://my-bucket/path/sendermodels-2016-08-22_02:25:57.avro (see smw pull --help)",
    ],
    [
      ['sender-model', 'builds/x.avro'],
      "smw: 'builds/x.avro' is not an S3 object URL; give one like s3://my-bucket/models/sendermodels-2016-08-22_02:25:57.avro",
    ],
    [
      ['feedback', '--pg', 'mysql://u@h/d'],
      'smw: --pg must be a postgres:// URL, like postgres://analyst@db.example.com:5432/feedback (got mysql://…) (see smw pull --help)',
    ],
    [['sender-model', 's3://b/k.avro', '--endpoint', 'ftp://x'], "smw: --endpoint 'ftp://x' must start with http:// or https://"],
    [['sender-model', 's3://b/k.avro', '--id', 'has space'], /^smw: invalid snapshot id 'has space': it contains a space/],
  ])('says what is wrong with %j', async (argv, message) => {
    const run = await pull(argv);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    if (typeof message === 'string') expect(run.stderr).toBe(`${message}\n`);
    else expect(run.stderr).toMatch(message);
  });

  it('is what `smw pull` runs', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['pull', 'sender-model', `s3://builds/${KEY}`, '--endpoint', s3.endpoint, '--json', '--data-dir', dataDir], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      isTTY: false,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toMatchObject({ id: 'sendermodels-2016-08-22_02:25:57', kept: 12 });
  });
});
