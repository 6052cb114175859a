// Pulls from a real S3 API server (s3rver on 127.0.0.1): builds land as snapshots with where
// they came from, listings know what is pulled, and every failure leaves the workspace exactly
// as it was, with an error the analyst can act on.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importReputation, importSenderModel } from '../../main/ingest';
import { PullError } from '../../main/pull/errors';
import type { PullProgress } from '../../main/pull/progress';
import { pullS3, type S3PullArgs } from '../../main/pull/pull-s3';
import { listS3Builds } from '../../main/pull/s3-listing';
import { startS3, type S3Server } from '../support/servers/s3';
import { bigBuild } from './big-build';
import { fingerprint, GOLDEN, workspaceWithHistory, type WorkspaceFixture } from './workspace-fixture';

const SM_KEY = 'models/sendermodels-2016-08-22_02:25:57.avro';
const REP_KEY = 'activereputation/reputation-1472029516.15.json';
const smBytes = fs.readFileSync(path.join(GOLDEN, 'sendermodels-1.avro'));
const repBytes = fs.readFileSync(path.join(GOLDEN, 'reputation-1.json'));

let s3: S3Server;
let fx: WorkspaceFixture;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startS3();
  await s3.put('builds', SM_KEY, smBytes);
  await s3.put('builds', REP_KEY, repBytes);
  await s3.put('builds', 'models/notes.txt', 'not a build');
});

afterAll(async () => {
  await s3?.stop();
});

beforeEach(async () => {
  // The SDK's default chain, as a user has it: keys in the environment, no ~/.aws.
  Object.assign(process.env, s3.env);
  fx = await workspaceWithHistory();
});

afterEach(() => {
  fx.dispose();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

const args = (over: Partial<S3PullArgs> = {}): S3PullArgs => ({ kind: 'sender-model', bucket: 'builds', key: SM_KEY, endpoint: s3.endpoint, ...over });

describe('pulling from S3', () => {
  it('pulls a sender model into a snapshot equal to importing the same file, recording bucket, key, ETag and size', async () => {
    const progress: PullProgress[] = [];
    const report = await pullS3(fx.ws, args(), { onProgress: (p) => progress.push(p), now: () => new Date('2026-03-01T10:00:00Z') });
    const direct = await importSenderModel(fx.ws, path.join(GOLDEN, 'sendermodels-1.avro'), { id: 'direct', name: 'sendermodels-1.avro', source: 'file' });
    expect({ ...report, id: 'direct' }).toEqual(direct);
    expect(report.id).toBe('sendermodels-2016-08-22_02:25:57');

    const info = fx.ws.get(report.id)!;
    expect(info).toMatchObject({ kind: 'sender-model', source: `s3://builds/${SM_KEY}`, rows: direct.kept });
    expect(fx.ws.getMeta(report.id)).toMatchObject({
      bucket: 'builds',
      key: SM_KEY,
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      size: smBytes.length,
      pulledAt: '2026-03-01T10:00:00.000Z',
      endpoint: s3.endpoint,
      region: 'us-east-1',
    });
    const sameData = (id: string) => {
      const db = fx.ws.openSnapshot(id);
      try {
        return db
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
          .pluck()
          .all()
          .map((t) => db.prepare(`SELECT * FROM "${String(t)}"`).all());
      } finally {
        db.close();
      }
    };
    expect(sameData(report.id)).toEqual(sameData('direct'));

    expect(progress[0].phase).toBe('connecting');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', bytesDone: smBytes.length, bytesTotal: smBytes.length, rowsDone: direct.kept });
    for (let i = 1; i < progress.length; i++) expect(progress[i].bytesDone).toBeGreaterThanOrEqual(progress[i - 1].bytesDone);
  });

  it('pulls a reputation build', async () => {
    const report = await pullS3(fx.ws, args({ kind: 'reputation', key: REP_KEY }));
    const direct = await importReputation(fx.ws, path.join(GOLDEN, 'reputation-1.json'), { id: 'direct', name: 'reputation-1.json', source: 'file' });
    expect({ ...report, id: 'direct' }).toEqual(direct);
    expect(fx.ws.get('reputation-1472029516.15')).toMatchObject({ kind: 'reputation', version: '2016-08-24T09:05:16.150Z' });
  });

  it('lists builds newest first with times from their names, sizes, and which are pulled', async () => {
    await pullS3(fx.ws, args());
    const { builds } = await listS3Builds(fx.ws, { bucket: 'builds', prefix: '', endpoint: s3.endpoint });
    const byKey = Object.fromEntries(builds.map((b) => [b.key, b]));
    expect(builds.map((b) => b.key)).toEqual(['models/notes.txt', REP_KEY, SM_KEY]); // notes.txt has today's S3 date
    expect(byKey[SM_KEY]).toMatchObject({
      kind: 'sender-model',
      buildTime: '2016-08-22T02:25:57.000Z',
      size: smBytes.length,
      pulled: true,
      suggestedId: 'sendermodels-2016-08-22_02:25:57',
    });
    expect(byKey[REP_KEY]).toMatchObject({ kind: 'reputation', buildTime: '2016-08-24T09:05:16.150Z', pulled: false });
    expect(byKey['models/notes.txt']).toMatchObject({ kind: 'other', pulled: false });
    expect(byKey['models/notes.txt'].buildTime).toBe(byKey['models/notes.txt'].lastModified);

    const { builds: models } = await listS3Builds(fx.ws, { bucket: 'builds', prefix: 'models/sendermodels-', endpoint: s3.endpoint });
    expect(models.map((b) => b.key)).toEqual([SM_KEY]);
  });

  it('calls a key rebuilt under the same name not pulled (its ETag differs)', async () => {
    await s3.put('builds', 'again/sendermodels-2016-08-22_02:25:57.avro', smBytes);
    await pullS3(fx.ws, args({ key: 'again/sendermodels-2016-08-22_02:25:57.avro', id: 'again' }));
    await s3.put('builds', 'again/sendermodels-2016-08-22_02:25:57.avro', fs.readFileSync(path.join(GOLDEN, 'sendermodels-2.avro')));
    const { builds } = await listS3Builds(fx.ws, { bucket: 'builds', prefix: 'again/', endpoint: s3.endpoint });
    expect(builds[0].pulled).toBe(false);
  });

  it('refuses an id that exists before moving a byte, and replaces it with replace', async () => {
    await pullS3(fx.ws, args({ id: 'earlier-build', replace: true }));
    expect(fx.ws.get('earlier-build')?.source).toBe(`s3://builds/${SM_KEY}`);
    const before = fingerprint(fx.ws);
    await expect(pullS3(fx.ws, args({ id: 'earlier-build', endpoint: 'http://127.0.0.1:1' }))).rejects.toThrow(
      /snapshot id 'earlier-build' already exists .*; use --replace or --id/,
    );
    expect(fingerprint(fx.ws)).toEqual(before);
  });
});

describe('S3 failures leave the workspace as it was', () => {
  async function expectUntouched(run: () => Promise<unknown>, kind: PullError['kind'], message: RegExp): Promise<void> {
    const before = fingerprint(fx.ws);
    const error = await run().then(
      () => expect.fail('the pull should have failed'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).message).toMatch(message);
    expect((error as PullError).kind).toBe(kind);
    expect(fingerprint(fx.ws)).toEqual(before);
  }

  it('no such key', () =>
    expectUntouched(
      () => pullS3(fx.ws, args({ key: 'models/sendermodels-1999-01-01_00:00:00.avro' })),
      'not-found',
      /^there is no object s3:\/\/builds\/models\/sendermodels-1999-01-01_00:00:00\.avro; list the builds/,
    ));

  it('no such bucket', () =>
    expectUntouched(
      () => pullS3(fx.ws, args({ bucket: 'nobody' })),
      'not-found',
      /^there is no bucket 'nobody' at 127\.0\.0\.1:\d+; check the bucket name and --endpoint$/,
    ));

  it('wrong credentials', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG0';
    await expectUntouched(
      () => pullS3(fx.ws, args()),
      'credentials',
      /does not know the AWS access key of the credentials in use .*check AWS_ACCESS_KEY_ID or the profile/,
    );
    await expect(listS3Builds(fx.ws, { bucket: 'builds', endpoint: s3.endpoint })).rejects.toMatchObject({ kind: 'credentials' });
  });

  it('an unknown profile', () =>
    expectUntouched(
      () => pullS3(fx.ws, args({ profile: 'no-such-profile' })),
      'no-credentials',
      /^no AWS credentials from the profile 'no-such-profile' for s3:\/\/builds\/.*: it is not in ~\/\.aws\/config or ~\/\.aws\/credentials, or gives no keys; check its name \(aws configure list-profiles\) or sign in \(aws sso login --profile no-such-profile\)$/,
    ));

  it('connection refused', () =>
    expectUntouched(
      () => pullS3(fx.ws, args({ endpoint: 'http://127.0.0.1:1' }), { clientOptions: { maxAttempts: 1 } }),
      'refused',
      /^connection refused by 127\.0\.0\.1:1 for s3:\/\/builds\/.*is http:\/\/127\.0\.0\.1:1 the right endpoint/,
    ));

  it('wrong content: a web page stored under a build name', async () => {
    await s3.put('builds', 'models/sendermodels-2000-01-01_00:00:00.avro', '<!DOCTYPE html><html><body>Moved</body></html>');
    await expectUntouched(
      () => pullS3(fx.ws, args({ key: 'models/sendermodels-2000-01-01_00:00:00.avro' })),
      'wrong-content',
      /is not an Avro build: it starts with '<!DOCTYPE html><html><body>Moved<\/body><…'; the server answered with a web page/,
    );
  });

  it('wrong kind: a sender model pulled as a reputation build', () =>
    expectUntouched(
      () => pullS3(fx.ws, args({ kind: 'reputation' })),
      'wrong-content',
      /is not a reputation build \(a JSON array\): it is an Avro file \(a sender-model build\?\)/,
    ));

  it('a truncated object (the upload was cut short)', async () => {
    await s3.put('builds', 'models/cut.avro', smBytes.subarray(0, 600));
    await expectUntouched(
      () => pullS3(fx.ws, args({ key: 'models/cut.avro' })),
      'truncated',
      /^s3:\/\/builds\/models\/cut\.avro \(all 600 bytes received\) cannot be read: .*truncated.*; nothing was saved; the object on S3 is incomplete/,
    );
    await s3.put('builds', 'rep/cut.json', repBytes.subarray(0, 50));
    await expectUntouched(
      () => pullS3(fx.ws, args({ kind: 'reputation', key: 'rep/cut.json' })),
      'truncated',
      /^s3:\/\/builds\/rep\/cut\.json \(all 50 bytes received\) cannot be read: not valid JSON/,
    );
  });

  describe('with a large build in transfer', () => {
    let big: Buffer;
    beforeAll(async () => {
      big = bigBuild(1_200_000); // ≈ 30 MB: far more than the socket buffers hold
      await s3.put('builds', 'big/sendermodels-2020-01-01_00:00:00.avro', big);
    });

    it('cancel mid-transfer stops it at once and saves nothing', async () => {
      const controller = new AbortController();
      let at = 0;
      const started = Date.now();
      await expectUntouched(
        () =>
          pullS3(fx.ws, args({ key: 'big/sendermodels-2020-01-01_00:00:00.avro' }), {
            signal: controller.signal,
            onProgress: (p) => {
              if (p.bytesDone > 0 && !controller.signal.aborted) {
                at = p.bytesDone;
                controller.abort();
              }
            },
          }),
        'cancelled',
        /^the pull of s3:\/\/builds\/big\/sendermodels-2020-01-01_00:00:00\.avro was cancelled; nothing was saved and the workspace is as it was$/,
      );
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(big.length);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('the server stopped mid-transfer: resumes are tried, then a clear error', async () => {
      const other = await startS3();
      try {
        await other.put('builds', 'big.avro', big);
        let stopping: Promise<void> | undefined;
        await expectUntouched(
          () =>
            pullS3(
              fx.ws,
              { ...args({ key: 'big.avro' }), endpoint: other.endpoint },
              {
                maxResumes: 2,
                resumeDelayMs: 20,
                clientOptions: { maxAttempts: 1 },
                onProgress: (p) => {
                  if (p.bytesDone > 0) stopping ??= other.stop();
                },
              },
            ),
          'interrupted',
          /^127\.0\.0\.1:\d+ went away in the middle of s3:\/\/builds\/big\.avro after [\d.]+ (MB|KB|bytes) of [\d.]+ MB \(connection refused by 127\.0\.0\.1:\d+ .*\) \(resumed 2 times\); nothing was saved; pull again when it is back$/,
        );
        await stopping;
      } finally {
        await other.stop();
      }
    });
  });
});
