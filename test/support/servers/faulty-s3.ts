// A misbehaving S3 for fault tests: a plain HTTP server on 127.0.0.1 that speaks just enough
// S3 (path-style GetObject and HeadObject, with Range and If-Match) and misbehaves on cue.
// Each GET takes the next step of `plan` (then behaves); every request is recorded.
//
//   const s3 = await startFaultyS3({ 'builds/sendermodels-1.avro': bytes });
//   s3.plan.push({ kind: 'drop', afterBytes: 1000 });   // first GET: cut after 1000 bytes
//   … the second GET must carry Range: bytes=1000- and If-Match …
//   await s3.stop();

import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { freePort } from './free-port';

export type FaultyStep =
  /** Behave: the object, or the asked range; If-Match honoured. */
  | { kind: 'ok' }
  /** Headers for the whole answer, `afterBytes` bytes of it, then the socket is destroyed. */
  | { kind: 'drop'; afterBytes: number }
  /** Headers, `afterBytes` bytes, then silence with the connection open. */
  | { kind: 'stall'; afterBytes: number }
  /** Headers only, then silence: the request never completes its body. */
  | { kind: 'hang-before-headers' }
  /** 200 with an HTML page, as a proxy or sign-in page answers. */
  | { kind: 'html' }
  /** An S3 error answer. */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** 200 with the whole object even when a range was asked. */
  | { kind: 'ignore-range' }
  /** The object's headers (ETag, checksum), but its byte at `at` flipped on the way. */
  | { kind: 'flip'; at: number }
  /** The object's headers, but only its first `length` bytes, with a Content-Length to match. */
  | { kind: 'cut'; length: number };

/** How an object was stored: S3's checksum of it (asked for with ChecksumMode), how it was uploaded. */
export interface StoredAs {
  checksum?: 'sha256' | 'sha1' | 'crc32' | 'crc32c' | 'crc64nvme';
  /** Uploaded in parts: the ETag is not the MD5 of the bytes (`"…-2"`). */
  multipart?: boolean;
  /** SSE-KMS: the ETag is not the MD5 of the bytes either. */
  kms?: boolean;
}

export interface RecordedRequest {
  method: string;
  bucket: string;
  key: string;
  range?: string;
  ifMatch?: string;
  authorization?: string;
}

export interface FaultyS3 {
  endpoint: string;
  plan: FaultyStep[];
  requests: RecordedRequest[];
  /** Replaces an object (a new ETag), e.g. to play "rebuilt during the pull". */
  setObject(path: string, body: Buffer, storedAs?: StoredAs): Promise<void>;
  etagOf(path: string): string;
  /** The checksum header S3 sends for the object (asked for with ChecksumMode), or ''. */
  checksumOf(path: string): string;
  stop(): Promise<void>;
}

/** `objects` maps `bucket/key` to the object's bytes. */
export async function startFaultyS3(objects: Record<string, Buffer>): Promise<FaultyS3> {
  const store = new Map<string, { body: Buffer; etag: string; headers: Record<string, string> }>();
  const setObject = async (p: string, body: Buffer, storedAs: StoredAs = {}) => {
    const md5 = crypto.createHash('md5').update(body).digest('hex');
    const headers: Record<string, string> = {};
    if (storedAs.checksum) {
      headers[`x-amz-checksum-${storedAs.checksum}`] = await checksumOf(storedAs.checksum, body);
      headers['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    if (storedAs.kms) headers['x-amz-server-side-encryption'] = 'aws:kms';
    const etag = storedAs.multipart ? `"${md5.slice(0, 32)}-2"` : storedAs.kms ? `"${crypto.createHash('md5').update(md5).digest('hex')}"` : `"${md5}"`;
    store.set(p, { body, etag, headers });
  };
  for (const [p, body] of Object.entries(objects)) await setObject(p, body);
  const plan: FaultyStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
    const key = rest.join('/');
    requests.push({
      method: req.method ?? '',
      bucket,
      key,
      range: header(req, 'range'),
      ifMatch: header(req, 'if-match'),
      authorization: header(req, 'authorization'),
    });
    const step: FaultyStep = req.method === 'GET' ? (plan.shift() ?? { kind: 'ok' }) : { kind: 'ok' };
    if (step.kind === 'error') return sendError(res, step.status, step.code, step.message ?? step.code, `/${bucket}/${key}`);
    if (step.kind === 'html') {
      const page = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in to continue.</body></html>\n';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      return res.end(req.method === 'HEAD' ? undefined : page);
    }
    if (step.kind === 'hang-before-headers') return; // never answers
    const object = store.get(`${bucket}/${key}`);
    if (!object) return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', `/${bucket}/${key}`);
    const ifMatch = header(req, 'if-match');
    if (ifMatch !== undefined && ifMatch !== object.etag) {
      return sendError(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', `/${bucket}/${key}`);
    }
    let start = 0;
    let end = object.body.length - 1;
    let partial = false;
    const range = /^bytes=(\d+)-(\d*)$/.exec(header(req, 'range') ?? '');
    if (range && step.kind !== 'ignore-range') {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), end) : end;
      if (start > end) return sendError(res, 416, 'InvalidRange', 'The requested range is not satisfiable', `/${bucket}/${key}`);
      partial = true;
    }
    let body = object.body.subarray(start, end + 1);
    if (step.kind === 'flip') {
      body = Buffer.from(body);
      body[step.at - start] ^= 0x01;
    }
    if (step.kind === 'cut') body = body.subarray(0, step.length);
    // As S3: the object's checksum only when asked for, and only with the whole object.
    const checksums =
      !partial && header(req, 'x-amz-checksum-mode') === 'ENABLED'
        ? object.headers
        : Object.fromEntries(Object.entries(object.headers).filter(([k]) => !k.startsWith('x-amz-checksum-')));
    res.writeHead(partial ? 206 : 200, {
      'content-type': 'application/octet-stream',
      'content-length': body.length,
      etag: object.etag,
      'last-modified': new Date(0).toUTCString(),
      'accept-ranges': 'bytes',
      ...checksums,
      ...(partial ? { 'content-range': `bytes ${start}-${end}/${object.body.length}` } : {}),
    });
    if (req.method === 'HEAD') return res.end();
    if (step.kind === 'drop' || step.kind === 'stall') {
      res.flushHeaders();
      const part = body.subarray(0, Math.min(step.afterBytes, body.length));
      res.write(part, () => {
        if (step.kind === 'drop') setTimeout(() => req.socket.destroy(), 20);
      });
      return; // 'stall': the rest never comes
    }
    res.end(body);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    plan,
    requests,
    setObject,
    etagOf: (p) => store.get(p)?.etag ?? '',
    checksumOf: (p) => Object.entries(store.get(p)?.headers ?? {}).find(([k]) => k.startsWith('x-amz-checksum-') && k !== 'x-amz-checksum-type')?.[1] ?? '',
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** S3's checksum of `body` as its header carries it, computed by the AWS SDK's own code. */
async function checksumOf(algorithm: NonNullable<StoredAs['checksum']>, body: Buffer): Promise<string> {
  if (algorithm === 'sha256' || algorithm === 'sha1') return crypto.createHash(algorithm).update(body).digest('base64');
  const crc = await import('@aws-sdk/checksums/crc');
  const Checksum = { crc32: crc.Crc32, crc32c: crc.Crc32c, crc64nvme: crc.Crc64Nvme }[algorithm];
  const checksum = new Checksum();
  checksum.update(body);
  return Buffer.from(await checksum.digest()).toString('base64');
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>test</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
