// A misbehaving S3 (test/support/servers/faulty-s3.ts): connections cut mid-body are resumed
// with ranged GETs of the same object version; bodies that stall, answers that never come,
// HTML pages with 200 and error answers all end in one actionable error, and the workspace is
// exactly as before.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importSenderModel } from '../../main/ingest';
import { PullError } from '../../main/pull/errors';
import { pullS3, type S3PullArgs, type S3PullOptions } from '../../main/pull/pull-s3';
import { startFaultyS3, type FaultyS3 } from '../support/servers/faulty-s3';
import { isolatedAwsEnv } from '../support/servers/s3';
import { bigBuild } from './big-build';
import { fingerprint, GOLDEN, workspaceWithHistory, type WorkspaceFixture } from './workspace-fixture';

const KEY = 'models/sendermodels-2016-08-22_02:25:57.avro';
const golden = fs.readFileSync(path.join(GOLDEN, 'sendermodels-1.avro'));
let big: Buffer;
let s3: FaultyS3;
let fx: WorkspaceFixture;
const savedEnv = { ...process.env };

beforeAll(async () => {
  big = bigBuild(100_000); // ≈ 2.4 MB
  s3 = await startFaultyS3({ [`builds/${KEY}`]: golden, 'builds/big.avro': big });
  Object.assign(process.env, isolatedAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' }));
});

afterAll(async () => {
  await s3?.stop();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

beforeEach(async () => {
  fx = await workspaceWithHistory();
  s3.plan.length = 0;
  s3.requests.length = 0;
});

afterEach(() => fx.dispose());

const args = (over: Partial<S3PullArgs> = {}): S3PullArgs => ({ kind: 'sender-model', bucket: 'builds', key: KEY, endpoint: s3.endpoint, ...over });
const fast: S3PullOptions = { stallMs: 300, resumeDelayMs: 10, clientOptions: { maxAttempts: 1, requestTimeoutMs: 1000 } };
const gets = () => s3.requests.filter((r) => r.method === 'GET');

async function expectFailure(run: () => Promise<unknown>, kind: PullError['kind'], message: RegExp, before = fingerprint(fx.ws)): Promise<PullError> {
  const error = await run().then(
    () => expect.fail('the pull should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PullError);
  expect((error as PullError).message).toMatch(message);
  expect((error as PullError).kind).toBe(kind);
  expect(fingerprint(fx.ws)).toEqual(before);
  return error as PullError;
}

describe('resuming', () => {
  it('resumes a dropped connection with Range and If-Match, and the snapshot equals a direct import', async () => {
    s3.plan.push({ kind: 'drop', afterBytes: 300 }, { kind: 'drop', afterBytes: 200 });
    const report = await pullS3(fx.ws, args(), fast);
    const direct = await importSenderModel(fx.ws, path.join(GOLDEN, 'sendermodels-1.avro'), { id: 'direct', name: 'sendermodels-1.avro', source: 'file' });
    expect({ ...report, id: 'direct' }).toEqual(direct);
    const etag = s3.etagOf(`builds/${KEY}`);
    expect(gets().map((r) => [r.range, r.ifMatch])).toEqual([
      [undefined, undefined],
      ['bytes=300-', etag],
      ['bytes=500-', etag],
    ]);
    expect(fx.ws.getMeta(report.id)).toMatchObject({ etag, size: golden.length, resumes: 2 });
  });

  it('resumes a stalled body after the stall timeout', async () => {
    s3.plan.push({ kind: 'stall', afterBytes: 100_000 });
    const report = await pullS3(fx.ws, args({ key: 'big.avro', id: 'big' }), fast);
    expect(report.kept).toBe(100_000);
    expect(gets()[1].range).toBe('bytes=100000-');
  });

  it('copes with a server that ignores Range by skipping what it already has', async () => {
    s3.plan.push({ kind: 'drop', afterBytes: 250_000 }, { kind: 'ignore-range' });
    const report = await pullS3(fx.ws, args({ key: 'big.avro', id: 'big' }), fast);
    expect(report.kept).toBe(100_000);
  });

  it('fails cleanly when the object is replaced during the pull', async () => {
    s3.plan.push({ kind: 'drop', afterBytes: 300 });
    const original = golden;
    const replaced = fs.readFileSync(path.join(GOLDEN, 'sendermodels-2.avro'));
    const before = fingerprint(fx.ws);
    const pull = pullS3(fx.ws, args(), { ...fast, resumeDelayMs: 500 });
    const failed = expectFailure(
      () => pull,
      'changed',
      /^s3:\/\/builds\/models\/sendermodels-2016-08-22_02:25:57\.avro was replaced on S3 during the pull \(its ETag changed\) after \d+ bytes of 772 bytes \(resumed 1 time\); pull again to get the new object$/,
      before,
    );
    // Replaced right after the first GET was answered, before the resume asks again.
    while (gets().length === 0) await new Promise((r) => setTimeout(r, 5));
    await s3.setObject(`builds/${KEY}`, replaced);
    try {
      await failed;
    } finally {
      await s3.setObject(`builds/${KEY}`, original);
    }
  });
});

describe('faults that fail the pull', () => {
  it('a body that stalls for good: "S3 stopped sending data", after the resumes', async () => {
    s3.plan.push({ kind: 'stall', afterBytes: 100 }, { kind: 'stall', afterBytes: 0 }, { kind: 'stall', afterBytes: 0 });
    await expectFailure(
      () => pullS3(fx.ws, args(), { ...fast, maxResumes: 2 }),
      'timeout',
      /^S3 stopped sending data for 300 ms during s3:\/\/builds\/models\/sendermodels-2016-08-22_02:25:57\.avro, after \d+ bytes of 772 bytes \(resumed 2 times\); nothing was saved; check your network and pull again$/,
    );
    expect(gets().map((r) => r.range)).toEqual([undefined, 'bytes=100-', 'bytes=100-']);
  });

  it('an answer that never comes: the request timeout', async () => {
    s3.plan.push({ kind: 'hang-before-headers' });
    await expectFailure(
      () => pullS3(fx.ws, args(), fast),
      'timeout',
      /^127\.0\.0\.1:\d+ did not answer in time for s3:\/\/builds\/.*; check your network or VPN and try again$/,
    );
  });

  it('connections cut every time: interrupted after the resumes', async () => {
    s3.plan.push({ kind: 'drop', afterBytes: 100 }, { kind: 'drop', afterBytes: 100 }, { kind: 'drop', afterBytes: 100 });
    await expectFailure(
      () => pullS3(fx.ws, args(), { ...fast, maxResumes: 2 }),
      'interrupted',
      /^the connection to 127\.0\.0\.1:\d+ dropped during s3:\/\/builds\/.* after \d+ bytes of 772 bytes \(resumed 2 times\); nothing was saved; check your network and pull again$/,
    );
  });

  it('an HTML page with status 200 is rejected by its content', async () => {
    s3.plan.push({ kind: 'html' });
    await expectFailure(
      () => pullS3(fx.ws, args(), fast),
      'wrong-content',
      /^s3:\/\/builds\/models\/sendermodels-2016-08-22_02:25:57\.avro is not an Avro build: it starts with '<!DOCTYPE html> <html><head><title>Sign…'; the server answered with a web page, not the object/,
    );
  });

  it.each([
    [403, 'SignatureDoesNotMatch', 'credentials', /rejected the signature: the secret key of the credentials in use .* does not match its access key/],
    [403, 'AccessDenied', 'access-denied', /^access denied to s3:\/\/builds\/models\/.* ask for s3:GetObject on the bucket/],
    [403, 'InvalidAccessKeyId', 'credentials', /does not know the AWS access key/],
    [400, 'ExpiredToken', 'credentials', /the AWS session of .* has expired; sign in again \(aws sso login\)/],
    [500, 'InternalError', 'server', /failed to serve s3:\/\/builds\/.* \(InternalError: InternalError\); try again in a few minutes$/],
  ] as const)('S3 answers %i %s', async (status, code, kind, message) => {
    s3.plan.push({ kind: 'error', status, code });
    await expectFailure(() => pullS3(fx.ws, args(), fast), kind, message);
  });

  it('cancel while waiting for a resume stops at once', async () => {
    s3.plan.push({ kind: 'drop', afterBytes: 100 });
    const controller = new AbortController();
    const before = fingerprint(fx.ws);
    const pull = pullS3(fx.ws, args(), { ...fast, resumeDelayMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expectFailure(() => pull, 'cancelled', /was cancelled; nothing was saved/, before);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('cancel during a stalled body stops at once', async () => {
    s3.plan.push({ kind: 'stall', afterBytes: 100 });
    const controller = new AbortController();
    const before = fingerprint(fx.ws);
    const pull = pullS3(fx.ws, args(), { ...fast, stallMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expectFailure(() => pull, 'cancelled', /was cancelled; nothing was saved/, before);
  });
});
