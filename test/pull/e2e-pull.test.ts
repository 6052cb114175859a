// End to end: the demo builds uploaded to a real S3 API server and the demo feedback loaded into
// a real PostgreSQL table, pulled with the `smw` binary as a user runs it (a child process, the
// SDK's default credential chain, PGPASSWORD), give exactly the findings, reputation and compare
// reports of importing the same files directly.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoManifest } from '../../main/ingest';
import { projectRoot, smw } from '../support/cli';
import { startPostgres, type PostgresServer } from '../support/servers/postgres';
import { startS3, type S3Server } from '../support/servers/s3';
import { bigBuild } from './big-build';

const demoDir = path.join(projectRoot, 'snapshots');
const manifest = readDemoManifest(demoDir);
// The builds (S3 pulls); the context snapshot is pulled from DNS, not S3.
const builds = manifest.snapshots.filter((s) => s.kind === 'sender-model' || s.kind === 'reputation');
const feedback = manifest.snapshots.find((s) => s.kind === 'feedback')!;

/** Where the builds live on S3: their real names (with colons), under the usual prefixes. */
function s3Key(entry: { id: string; kind: string }): string {
  return entry.kind === 'sender-model' ? `sendermodels/${entry.id}.avro` : `activereputation/${entry.id}.json`;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/smw.mjs …` without blocking this process (the S3 server runs in it). */
function smwChild(args: string[], env: Record<string, string>, onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/smw.mjs'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
    onSpawn?.(child);
  });
}

let s3: S3Server;
let pg: PostgresServer;
let pulledDir: string;
let importedDir: string;

beforeAll(async () => {
  [s3, pg] = await Promise.all([startS3(), startPostgres()]);
  for (const entry of builds) await s3.put('demo-builds', s3Key(entry), fs.readFileSync(path.join(demoDir, entry.file)));
  // organization_id is text here: the demo has string org ids ("acme-eu") besides numbers.
  await pg.query(
    'CREATE TABLE user_response (id integer PRIMARY KEY, suggestion text, context text, organization_id text, comments text, suggestion_type text, created_at timestamptz)',
  );
  const rows = fs
    .readFileSync(path.join(demoDir, feedback.file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const client = await pg.connect();
  try {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((_, j) => `(${[1, 2, 3, 4, 5, 6, 7].map((k) => `$${j * 7 + k}`).join(', ')})`).join(', ');
      const text = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
      await client.query(
        `INSERT INTO user_response (id, suggestion, context, organization_id, comments, suggestion_type, created_at) VALUES ${values}`,
        chunk.flatMap((r) => [
          r.id,
          text(r.suggestion),
          text(r.context),
          text(r.organization_id),
          text(r.comments),
          text(r.suggestion_type),
          r.created_at ?? null,
        ]),
      );
    }
  } finally {
    await client.end();
  }
  pulledDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-e2e-pulled-'));
  importedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-e2e-imported-'));
});

afterAll(async () => {
  await Promise.all([s3?.stop(), pg?.stop()]);
  for (const dir of [pulledDir, importedDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('smw pull, end to end', () => {
  it('pulls the demo from S3 and PostgreSQL with the CLI, reporting like imports of the same files', async () => {
    for (const entry of builds) {
      const pulled = await smwChild(
        ['pull', entry.kind, `s3://demo-builds/${s3Key(entry)}`, '--endpoint', s3.endpoint, '--json', '--data-dir', pulledDir],
        s3.env,
      );
      expect(pulled.code, pulled.stderr).toBe(0);
      // Bad entries of the build, one per line on stderr; nothing else.
      const report = JSON.parse(pulled.stdout) as { problems: unknown[] };
      expect(pulled.stderr.split('\n').filter(Boolean)).toHaveLength(report.problems.length);
      const imported = await smw('import', entry.kind, path.join(demoDir, entry.file), '--id', entry.id, '--json', '--data-dir', importedDir);
      expect(imported.code).toBe(0);
      // The default id is the key's base name: the build's real name.
      expect(JSON.parse(pulled.stdout)).toEqual(JSON.parse(imported.stdout));
    }
    const pulledFeedback = await smwChild(['pull', 'feedback', '--pg', pg.url, '--id', feedback.id, '--json', '--data-dir', pulledDir], {
      PGPASSWORD: pg.password,
      PGPASSFILE: path.join(pulledDir, 'none'),
    });
    expect(pulledFeedback.code).toBe(0);
    const importedFeedback = await smw('import', 'feedback', path.join(demoDir, feedback.file), '--id', feedback.id, '--json', '--data-dir', importedDir);
    expect(JSON.parse(pulledFeedback.stdout)).toEqual(JSON.parse(importedFeedback.stdout));
    // The bad rows are reported one per line on stderr, by row id.
    const problems = JSON.parse(pulledFeedback.stdout).problems as unknown[];
    expect(pulledFeedback.stderr.trim().split('\n')).toHaveLength(problems.length);

    const list = await smw('list', '--json', '--data-dir', pulledDir);
    const sources = (JSON.parse(list.stdout) as { snapshots: Array<{ id: string; source: string }> }).snapshots.map((s) => [s.id, s.source]);
    expect(sources).toEqual(
      expect.arrayContaining([
        ...builds.map((b) => [b.id, `s3://demo-builds/${s3Key(b)}`]),
        [feedback.id, `postgres://postgres@127.0.0.1:${pg.port}/postgres?table=user_response`],
      ]),
    );
  }, 120_000);

  it('gives the same findings, reputation and compare reports as the directly imported files', async () => {
    const same = async (...args: string[]) => {
      const a = await smw(...args, '--json', '--data-dir', pulledDir);
      const b = await smw(...args, '--json', '--data-dir', importedDir);
      expect(a.stderr).toBe('');
      expect(a.code).toBe(0);
      expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
      return JSON.parse(a.stdout) as { items?: unknown[] };
    };
    const models = builds.filter((b) => b.kind === 'sender-model').map((b) => b.id);
    const reputations = builds.filter((b) => b.kind === 'reputation').map((b) => b.id);
    for (const id of models) expect((await same('findings', '--build', id, '--feedback', feedback.id)).items!.length).toBeGreaterThan(100);
    for (const id of reputations) expect((await same('reputation', '--build', id, '--feedback', feedback.id)).items!.length).toBeGreaterThan(10);
    await same('compare', '--base', models[0], '--candidate', models[1], '--feedback', feedback.id);
    await same('compare', '--base', reputations[0], '--candidate', reputations[1], '--feedback', feedback.id);
  }, 120_000);

  it('fails a pull with one line on stderr and exit 1, leaving the workspace as it was', async () => {
    const before = await smw('list', '--json', '--data-dir', pulledDir);
    const run = await smwChild(
      ['pull', 'sender-model', 's3://demo-builds/sendermodels/missing.avro', '--endpoint', s3.endpoint, '--data-dir', pulledDir],
      s3.env,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'smw: there is no object s3://demo-builds/sendermodels/missing.avro; list the builds under its prefix to check the key (keys are case-sensitive)\n',
    );
    expect((await smw('list', '--json', '--data-dir', pulledDir)).stdout).toBe(before.stdout);
    expect(fs.readdirSync(path.join(pulledDir, 'snapshots')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
  }, 60_000);

  describe('a pull that is interrupted from outside', () => {
    beforeAll(async () => {
      await s3.put('demo-builds', 'big/sendermodels-2020-01-01_00:00:00.avro', bigBuild(1_200_000));
    });

    /** Runs a pull of the big build and calls `interrupt` once its temporary snapshot file exists. */
    async function interruptedPull(interrupt: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
      const snapshots = path.join(pulledDir, 'snapshots');
      let timer: NodeJS.Timeout | undefined;
      const run = await smwChild(
        ['pull', 'sender-model', 's3://demo-builds/big/sendermodels-2020-01-01_00:00:00.avro', '--endpoint', s3.endpoint, '--data-dir', pulledDir],
        s3.env,
        (child) => {
          timer = setInterval(() => {
            if (fs.readdirSync(snapshots).some((f) => f.startsWith('.tmp-'))) {
              clearInterval(timer);
              interrupt(child);
            }
          }, 5);
        },
      );
      clearInterval(timer);
      return run;
    }

    it('killed: leaves a temporary file that the next start removes, and nothing else', async () => {
      const before = (await smw('list', '--json', '--data-dir', pulledDir)).stdout;
      const run = await interruptedPull((child) => child.kill('SIGKILL'));
      expect(run.code).toBe(-1);
      expect(fs.readdirSync(path.join(pulledDir, 'snapshots')).some((f) => f.startsWith('.tmp-'))).toBe(true);
      // The next start (any command) sweeps what the killed pull left.
      expect((await smw('list', '--json', '--data-dir', pulledDir)).stdout).toBe(before);
      expect(fs.readdirSync(path.join(pulledDir, 'snapshots')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    }, 60_000);

    it('Ctrl-C: cancels, says so in one line, and leaves nothing behind', async () => {
      const before = (await smw('list', '--json', '--data-dir', pulledDir)).stdout;
      const run = await interruptedPull((child) => child.kill('SIGINT'));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'smw: cancelling the pull…\nsmw: the pull of s3://demo-builds/big/sendermodels-2020-01-01_00:00:00.avro was cancelled; nothing was saved and the workspace is as it was\n',
      );
      expect(fs.readdirSync(path.join(pulledDir, 'snapshots')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
      expect((await smw('list', '--json', '--data-dir', pulledDir)).stdout).toBe(before);
    }, 60_000);
  });
});
