// A real S3 API server for tests: s3rver on 127.0.0.1, a free port, a fresh temp folder.
//
//   const s3 = await startS3();                      // in beforeAll
//   await s3.put('builds', 'sendermodels-….avro', fs.readFileSync(file));
//   … pull with { endpoint: s3.endpoint, region: s3.region } and s3.env / s3.credentials …
//   await s3.stop();                                 // in afterAll
//
// Traps of s3rver 3, handled here or worth knowing:
// - It checks that the access key exists (S3RVER) but does not verify SigV4 signatures: a wrong
//   secret is accepted; a wrong access key id gives InvalidAccessKeyId.
// - Suffix ranges (`bytes=-N`) are answered wrongly; open-ended ranges (`bytes=N-`) are right.
// - A streamed upload with the SDK's default checksums stores the aws-chunked framing in the
//   object; `put` sends Buffers with checksums only when required.
// - It ignores If-Match. The faulty server in faulty-s3.ts honours it.

import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { freePort } from './free-port';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3Server {
  /** `http://127.0.0.1:PORT`; use path-style addressing (the pull does for any custom endpoint). */
  endpoint: string;
  port: number;
  region: 'us-east-1';
  credentials: typeof S3RVER_CREDENTIALS;
  /**
   * Environment for a process that talks to this server through the SDK's default chain:
   * its keys, a region, and no shared config files or instance metadata lookups.
   */
  env: Record<string, string>;
  /** An SDK client for this server (seeding, checking). */
  client: S3Client;
  /** Stores an object (the bucket is created when missing); resolves to its ETag. */
  put(bucket: string, key: string, body: Buffer | string): Promise<string>;
  remove(bucket: string, key: string): Promise<void>;
  /** Stops listening and cuts every open connection at once (a server gone mid-transfer). */
  stop(): Promise<void>;
}

/** Environment that keeps the SDK's chain away from the developer's ~/.aws and from instance metadata. */
export function isolatedAwsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_CONFIG_FILE: path.join(os.tmpdir(), 'smw-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'smw-no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export async function startS3(): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-s3-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, vhostBuckets: false });
  await server.run();
  const sockets = new Set<net.Socket>();
  server.httpServer!.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const buckets = new Set<string>();
  let stopped = false;
  return {
    endpoint,
    port,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    env: isolatedAwsEnv({
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    }),
    client,
    async put(bucket, key, body) {
      if (!buckets.has(bucket)) {
        try {
          await client.send(new CreateBucketCommand({ Bucket: bucket }));
        } catch (err) {
          if ((err as Error).name !== 'BucketAlreadyOwnedByYou' && (err as Error).name !== 'BucketAlreadyExists') throw err;
        }
        buckets.add(bucket);
      }
      const out = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
      return out.ETag ?? '';
    },
    async remove(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.destroy();
      const closed = server.close().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
      await closed;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
