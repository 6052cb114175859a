// What a pull checks about the bytes it got (issue: a flipped byte in a deflate block, or a cut
// exactly at a block boundary, reads as a valid Avro build). S3 knows better: the object's
// checksum (ChecksumMode ENABLED) or the MD5 that is a single-part upload's ETag. A mismatch
// fails the pull with one line and the workspace exactly as it was; an object S3 can vouch for
// only by its size still pulls, and the snapshot says what was checked.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeSenderModelAvro, type SenderModelDomain } from '../../main/avro-writer/index';
import { importSenderModel } from '../../main/ingest';
import { crc32cUpdate, crc64Update, IntegrityCheck } from '../../main/pull/object-integrity';
import { PullError } from '../../main/pull/errors';
import { pullS3, type S3PullArgs, type S3PullOptions } from '../../main/pull/pull-s3';
import { startFaultyS3, type FaultyS3, type StoredAs } from '../support/servers/faulty-s3';
import { isolatedAwsEnv } from '../support/servers/s3';
import { fingerprint, workspaceWithHistory, type WorkspaceFixture } from './workspace-fixture';

const KEY = 'models/sendermodels-2016-09-05_02:20:00.avro';
let build: Buffer;
let sync: Buffer;
let s3: FaultyS3;
let fx: WorkspaceFixture;
const savedEnv = { ...process.env };

function* models(): Generator<SenderModelDomain> {
  for (let d = 0; d < 30; d++) {
    yield { domain: `d${d}.example`, cidrs: Array.from({ length: 10 }, (_, i) => ({ cidr: `10.0.${d}.${i}`, score: ((d * 10 + i) % 97) / 100 })) };
  }
}

beforeAll(async () => {
  // Rows layout, deflate, five records a block: six blocks, each ending in the sync marker.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-integrity-'));
  const written = writeSenderModelAvro(path.join(dir, 'b.avro'), {
    layout: 'rows',
    codec: 'deflate',
    version: 'v1',
    threshold: 0.3,
    models: models(),
    recordsPerBlock: 5,
    syncSeed: 1,
  });
  build = fs.readFileSync(written.path);
  sync = written.sync;
  fs.rmSync(dir, { recursive: true, force: true });
  s3 = await startFaultyS3({});
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
const fast: S3PullOptions = { stallMs: 2000, resumeDelayMs: 10, clientOptions: { maxAttempts: 1, requestTimeoutMs: 5000 } };

async function store(storedAs: StoredAs = {}): Promise<void> {
  await s3.setObject(`builds/${KEY}`, build, storedAs);
}

/** The offset just after the `n`-th block's sync marker (block 0 is the header). */
function afterBlock(n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = build.indexOf(sync, at + 1);
  return at + sync.length;
}

/** A local import of `bytes` (what the pull would have read without its check). */
async function importsLocally(bytes: Buffer): Promise<number | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-integrity-local-'));
  const file = path.join(dir, 'sendermodels-x.avro');
  fs.writeFileSync(file, bytes);
  try {
    return (await importSenderModel(fx.ws, file, { id: `local-${path.basename(dir)}`, name: 'sendermodels-x.avro', source: 'local' })).kept;
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function expectDamaged(options: S3PullOptions, message: RegExp): Promise<void> {
  const before = fingerprint(fx.ws);
  const error = await pullS3(fx.ws, args(), options).then(
    () => expect.fail('the pull should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PullError);
  expect((error as PullError).kind).toBe('damaged');
  expect((error as PullError).message).toMatch(message);
  expect(fingerprint(fx.ws)).toEqual(before);
}

describe('the bytes of a pull are the object’s', () => {
  it('fails a cut exactly at a block boundary, which a local import reads as a shorter build', async () => {
    await store();
    const cut = afterBlock(3);
    // The danger: three of six blocks are a valid build.
    const kept = await importsLocally(build.subarray(0, cut));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(300);
    const local = fingerprint(fx.ws);
    s3.plan.push({ kind: 'cut', length: cut });
    await expectDamaged(
      fast,
      new RegExp(
        `^s3://builds/models/sendermodels-2016-09-05_02:20:00\\.avro arrived damaged: its MD5 \\(its ETag\\) on S3 is [0-9a-f]{32}, but the ${cut} bytes received give [0-9a-f]{32}; nothing was saved; pull again`,
        'u',
      ),
    );
    expect(fingerprint(fx.ws)).toEqual(local);
  });

  it('fails a byte flipped in a deflate block, which a local import reads without a word', async () => {
    await store();
    // The first byte of the first data block whose flip still inflates and decodes.
    let at = -1;
    for (let i = afterBlock(0) + 8; i < afterBlock(1) - sync.length && at < 0; i++) {
      const flipped = Buffer.from(build);
      flipped[i] ^= 0x01;
      if ((await importsLocally(flipped)) !== null) at = i;
    }
    expect(at).toBeGreaterThan(0);
    s3.plan.push({ kind: 'flip', at });
    await expectDamaged(fast, /arrived damaged: its MD5 \(its ETag\) on S3 is [0-9a-f]{32}, but the \d+ bytes received give [0-9a-f]{32}; nothing was saved/u);
  });

  it.each(['sha256', 'sha1', 'crc32', 'crc32c', 'crc64nvme'] as const)(
    'checks the object’s %s checksum when it has one, also across a resume',
    async (checksum) => {
      await store({ checksum, multipart: true });
      s3.plan.push({ kind: 'flip', at: afterBlock(2) + 20 });
      const labels = { sha256: 'SHA-256', sha1: 'SHA-1', crc32: 'CRC-32', crc32c: 'CRC-32C', crc64nvme: 'CRC-64/NVME' };
      const header = s3.checksumOf(`builds/${KEY}`);
      await expectDamaged(
        fast,
        new RegExp(
          `arrived damaged: its ${labels[checksum]} checksum on S3 is ${header.replace(/[+/]/gu, '\\$&')}, but the ${build.length} bytes received give \\S+; nothing was saved`,
          'u',
        ),
      );
      expect(s3.requests[0]).toMatchObject({ method: 'GET' });

      // Intact, with the connection dropped once: the resumed bytes are checked against the first answer's checksum.
      s3.plan.push({ kind: 'drop', afterBytes: 1000 });
      const report = await pullS3(fx.ws, args({ id: `good-${checksum}` }), fast);
      expect(report.kept).toBe(300);
      expect(fx.ws.getMeta(report.id)).toMatchObject({ integrity: checksum, resumes: 1 });
    },
  );

  it('pulls an object S3 can vouch for only by its size (multipart or KMS, no checksum), and says so', async () => {
    for (const storedAs of [{ multipart: true }, { kms: true }]) {
      await store(storedAs);
      const report = await pullS3(fx.ws, args({ id: 'size-only', replace: true }), fast);
      expect(report.kept).toBe(300);
      expect(fx.ws.getMeta('size-only')).toMatchObject({ integrity: 'size' });
    }
    await store();
    const report = await pullS3(fx.ws, args({ id: 'md5' }), fast);
    expect(fx.ws.getMeta(report.id)).toMatchObject({ integrity: 'md5-etag' });
  });
});

describe('checksums', () => {
  it('CRC-32C and CRC-64/NVME give the standard check values', () => {
    const digits = Buffer.from('123456789');
    expect((crc32cUpdate(0xffffffff, digits) ^ 0xffffffff) >>> 0).toBe(0xe3069283);
    const state = { hi: 0xffffffff, lo: 0xffffffff };
    crc64Update(state, digits);
    expect([(state.hi ^ 0xffffffff) >>> 0, (state.lo ^ 0xffffffff) >>> 0]).toEqual([0xae8b1486, 0x0a799888]);
  });

  it('never takes a composite (multipart) checksum for one of the bytes', () => {
    expect(new IntegrityCheck({ checksumCRC32: 'AAAAAA==-3', etag: '"0123456789abcdef0123456789abcdef-3"' }).method).toBe('size');
    expect(new IntegrityCheck({ checksumCRC32: 'AAAAAA==', checksumType: 'COMPOSITE', etag: '"0123456789abcdef0123456789abcdef"' }).method).toBe('md5-etag');
    expect(new IntegrityCheck({ etag: '"0123456789abcdef0123456789abcdef"', sseCustomerAlgorithm: 'AES256' }).method).toBe('size');
  });
});
