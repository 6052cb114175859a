// One S3 object as an async iterable of chunks, read straight from the GetObject body: the
// object is never held in memory here. A body that stops sending bytes is dropped after
// `stallMs`; a dropped or stalled connection is resumed with `Range: bytes=<done>-` and
// `If-Match: <etag>` (so the rest comes from the same object version) a few times before the
// download fails. An AbortSignal stops the request or the body at once. The bytes are checked
// against the object's checksum or MD5 ETag (object-integrity.ts) before the last chunk is
// handed on, so the importer never completes a build whose bytes are not the object's.

import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandInput, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { describeS3Error, formatDuration, formatSize, isAbortError, isConnectionDrop, PullCancelledError, PullError, type S3ErrorContext } from './errors';
import { IntegrityCheck, integrityLabel, type IntegrityMethod } from './object-integrity';

export interface S3ObjectRef {
  bucket: string;
  key: string;
}

export interface S3DownloadOptions {
  signal?: AbortSignal;
  /** No byte for this long → the connection is dropped and resumed (default 30 s). */
  stallMs?: number;
  /** Ranged re-requests after drops and stalls before giving up (default 5). */
  maxResumes?: number;
  /** First pause before a resume, doubled each time up to 4 s (default 250 ms). */
  resumeDelayMs?: number;
  /** For messages: endpoint, region, profile. */
  context?: Omit<S3ErrorContext, 'bucket' | 'key'>;
  /** Bytes received so far (after each chunk). */
  onBytes?: (bytesDone: number, bytesTotal: number | undefined) => void;
}

export interface S3Download {
  readonly where: string;
  /** Object size from Content-Length; undefined only when the server sent none. */
  readonly size: number | undefined;
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  readonly contentType: string | undefined;
  readonly bytesDone: number;
  /** Ranged re-requests made so far. */
  readonly resumes: number;
  /** What the bytes are checked against: a checksum, the MD5 ETag, or only the size. */
  readonly integrity: IntegrityMethod;
  /** Iterate once. Ends when all `size` bytes arrived; throws a PullError otherwise. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** The error that ended the transfer, if one did (the importer may wrap what it sees). */
  readonly failure: PullError | undefined;
  /** Stops the transfer (idempotent). */
  close(): void;
}

export const DEFAULT_STALL_MS = 30_000;
export const DEFAULT_MAX_RESUMES = 5;

class StallError extends Error {
  override name = 'StallError';
  constructor(readonly ms: number) {
    super(`no data for ${ms} ms`);
  }
}

class ShortBodyError extends Error {
  override name = 'ShortBodyError';
}

/** Sends the GetObject and waits for its headers: not found, access denied… fail here, early. */
export async function openS3Download(client: S3Client, ref: S3ObjectRef, options: S3DownloadOptions = {}): Promise<S3Download> {
  const download = new Download(client, ref, options);
  await download.open();
  return download;
}

class Download implements S3Download {
  readonly where: string;
  size: number | undefined;
  etag: string | undefined;
  lastModified: Date | undefined;
  contentType: string | undefined;
  bytesDone = 0;
  resumes = 0;
  failure: PullError | undefined;
  private check = new IntegrityCheck({});
  /** The checksums S3 sent with the first answer, by algorithm. */
  private checksums: Record<string, string | undefined> = {};
  private body: Readable | undefined;
  private closed = false;
  private iterated = false;
  private readonly stallMs: number;
  private readonly maxResumes: number;
  private readonly resumeDelayMs: number;
  private readonly onAbort = () => this.body?.destroy(new PullCancelledError(`the pull of ${this.where}`));

  constructor(
    private readonly client: S3Client,
    private readonly ref: S3ObjectRef,
    private readonly options: S3DownloadOptions,
  ) {
    this.where = `s3://${ref.bucket}/${ref.key}`;
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.maxResumes = options.maxResumes ?? DEFAULT_MAX_RESUMES;
    this.resumeDelayMs = options.resumeDelayMs ?? 250;
  }

  async open(): Promise<void> {
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
    let out: GetObjectCommandOutput;
    try {
      out = await this.get(undefined);
    } catch (err) {
      this.close();
      throw this.fail(err);
    }
    this.size = out.ContentLength;
    this.etag = out.ETag;
    this.lastModified = out.LastModified;
    this.contentType = out.ContentType;
    this.checksums = {
      sha256: out.ChecksumSHA256,
      sha1: out.ChecksumSHA1,
      crc64nvme: out.ChecksumCRC64NVME,
      crc32c: out.ChecksumCRC32C,
      crc32: out.ChecksumCRC32,
    };
    this.check = new IntegrityCheck({
      etag: out.ETag,
      checksumSHA256: out.ChecksumSHA256,
      checksumSHA1: out.ChecksumSHA1,
      checksumCRC64NVME: out.ChecksumCRC64NVME,
      checksumCRC32C: out.ChecksumCRC32C,
      checksumCRC32: out.ChecksumCRC32,
      checksumType: out.ChecksumType,
      serverSideEncryption: out.ServerSideEncryption,
      sseCustomerAlgorithm: out.SSECustomerAlgorithm,
    });
    this.body = bodyOf(out);
  }

  get integrity(): IntegrityMethod {
    return this.check.method;
  }

  get chunks(): AsyncIterable<Uint8Array> {
    if (this.iterated) throw new Error(`the download of ${this.where} can be read only once`);
    this.iterated = true;
    return this.read();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.body?.destroy();
  }

  private async *read(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const body = this.body!;
        try {
          const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
          for (;;) {
            const step = await this.next(it, body);
            if (step.done) break;
            this.check.update(step.value);
            this.bytesDone += step.value.length;
            // The last chunk is handed on only once the whole object is known to be intact.
            if (this.bytesDone === this.size) this.verify();
            this.options.onBytes?.(this.bytesDone, this.size);
            yield step.value;
          }
          if (this.size === undefined) this.verify();
          if (this.size === undefined || this.bytesDone === this.size) return;
          if (this.bytesDone > this.size) {
            throw new PullError('other', `${this.where} sent ${this.bytesDone} bytes, more than its size of ${this.size}; pull again`);
          }
          throw new ShortBodyError(`the body ended after ${this.bytesDone} of ${this.size} bytes`);
        } catch (err) {
          body.destroy();
          await this.resumeAfter(err);
        }
      }
    } catch (err) {
      throw this.fail(err);
    } finally {
      this.close();
    }
  }

  /** Throws a 'damaged' PullError when the bytes received are not the object's. */
  private verify(): void {
    const mismatch = this.check.mismatch();
    if (mismatch) throw this.damaged(integrityLabel(mismatch.method), mismatch.expected, mismatch.actual, this.bytesDone);
  }

  private damaged(label: string, expected: string, actual: string, bytes: number, cause?: unknown): PullError {
    return new PullError(
      'damaged',
      `${this.where} arrived damaged: its ${label} on S3 is ${expected}, but the ${bytes} bytes received give ${actual}; nothing was saved; pull again, and if it happens again something between this machine and S3 (a proxy?) changes the bytes`,
      { cause },
    );
  }

  /**
   * The SDK's `Checksum mismatch: expected "…" but received "…" in response header "…"`, in our
   * words. (Which of the two is S3's value differs between the SDK's code paths: S3's is the
   * one that equals the header.)
   */
  private sdkChecksumMismatch(err: Error): PullError {
    const m = /expected "([^"]+)" but received "([^"]+)" in response header "x-amz-checksum-([a-z0-9]+)"/u.exec(err.message);
    const methods: Record<string, IntegrityMethod> = { sha256: 'sha256', sha1: 'sha1', crc64nvme: 'crc64nvme', crc32c: 'crc32c', crc32: 'crc32' };
    const bytes = this.size ?? this.bytesDone;
    if (m && methods[m[3]]) {
      const fromS3 = this.checksums[m[3]] ?? m[1];
      return this.damaged(integrityLabel(methods[m[3]]), fromS3, m[1] === fromS3 ? m[2] : m[1], bytes, err);
    }
    return new PullError('damaged', `${this.where} arrived damaged (${err.message.replace(/\.$/u, '')}); nothing was saved; pull again`, { cause: err });
  }

  /** The next chunk, or a StallError when none comes within stallMs. */
  private async next(it: AsyncIterator<Buffer>, body: Readable): Promise<IteratorResult<Buffer>> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StallError(this.stallMs);
        body.destroy(error);
        reject(error);
      }, this.stallMs);
    });
    try {
      return await Promise.race([it.next(), stalled]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Re-requests the rest of the object after `err`, or throws when that is not possible. */
  private async resumeAfter(err: unknown): Promise<void> {
    let last = err;
    for (;;) {
      if (this.options.signal?.aborted) throw new PullCancelledError(`the pull of ${this.where}`);
      if (!isResumable(last) || this.resumes >= this.maxResumes) throw last;
      if (this.etag === undefined) throw last; // without an ETag a resume could splice two versions
      this.resumes++;
      await sleep(Math.min(4000, this.resumeDelayMs * 2 ** (this.resumes - 1)), this.options.signal);
      try {
        const out = await this.get(this.bytesDone);
        this.body = this.checkResumed(out);
        return;
      } catch (e) {
        last = e;
      }
    }
  }

  /** The ranged answer must continue the same object at the right offset. */
  private checkResumed(out: GetObjectCommandOutput): Readable {
    const body = bodyOf(out);
    if (out.ETag !== undefined && out.ETag !== this.etag) {
      body.destroy();
      throw new PullError('changed', `${this.where} was replaced on S3 during the pull (ETag ${this.etag} → ${out.ETag}); pull again to get the new object`);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(out.ContentRange ?? '');
    if (range && Number(range[1]) === this.bytesDone) return body;
    if (!range && out.ContentLength === this.size) {
      // The server ignored the Range and sent the whole object again: skip what we have.
      return skipBytes(body, this.bytesDone);
    }
    body.destroy();
    throw new PullError(
      'other',
      `${this.where}: asked S3 to resume at byte ${this.bytesDone}, but it answered with '${out.ContentRange ?? `${out.ContentLength} bytes`}'; pull again`,
    );
  }

  private async get(from: number | undefined): Promise<GetObjectCommandOutput> {
    const input: GetObjectCommandInput = { Bucket: this.ref.bucket, Key: this.ref.key };
    // The object's checksum comes with a whole-object answer only; a resume is checked
    // against the checksum of the first answer.
    if (from === undefined) input.ChecksumMode = 'ENABLED';
    if (from !== undefined) {
      input.Range = `bytes=${from}-`;
      input.IfMatch = this.etag;
    }
    return this.client.send(new GetObjectCommand(input), { abortSignal: this.options.signal });
  }

  private fail(err: unknown): PullError {
    if (this.failure) return this.failure;
    const resumed = this.resumes > 0 ? ` (resumed ${this.resumes} time${this.resumes === 1 ? '' : 's'})` : '';
    const progress = this.size !== undefined ? `after ${formatSize(this.bytesDone)} of ${formatSize(this.size)}` : `after ${formatSize(this.bytesDone)}`;
    let error: PullError;
    if (this.options.signal?.aborted || isAbortError(err)) {
      error = new PullCancelledError(`the pull of ${this.where}`);
    } else if (err instanceof StallError) {
      error = new PullError(
        'timeout',
        `S3 stopped sending data for ${formatDuration(err.ms)} during ${this.where}, ${progress}${resumed}; nothing was saved; check your network and pull again`,
        { cause: err },
      );
    } else if (err instanceof Error && /^Checksum mismatch/u.test(err.message)) {
      // The SDK checks the first answer's checksum itself, and may see the mismatch first.
      error = this.sdkChecksumMismatch(err);
    } else if (err instanceof ShortBodyError) {
      error = new PullError(
        'truncated',
        `${this.where} arrived truncated: the transfer ended ${progress}${resumed}; nothing was saved; pull again, and if it happens again the object on S3 may be damaged`,
        { cause: err },
      );
    } else {
      error = describeS3Error(err, { ...this.options.context, bucket: this.ref.bucket, key: this.ref.key, bytesDone: this.bytesDone, bytesTotal: this.size });
      if (resumed && error.kind !== 'cancelled') error = new PullError(error.kind, error.message.replace(/;/, `${resumed};`), { cause: err });
    }
    this.failure = error;
    return error;
  }
}

function isResumable(err: unknown): boolean {
  if (err instanceof StallError || err instanceof ShortBodyError) return true;
  if (err instanceof PullError || isAbortError(err)) return false;
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  // Refused or timed out while re-requesting: the server may be restarting; try again.
  return isConnectionDrop(err) || e.name === 'TimeoutError' || ['ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN'].includes(e.code ?? '');
}

function bodyOf(out: GetObjectCommandOutput): Readable {
  const body = out.Body as unknown as Readable | undefined;
  if (!body || typeof (body as Partial<Readable>)[Symbol.asyncIterator] !== 'function') {
    throw new PullError('other', 'S3 answered without a readable body');
  }
  return body;
}

/** A stream that drops its first `n` bytes (for a server that ignores Range). */
function skipBytes(body: Readable, n: number): Readable {
  let left = n;
  async function* rest(): AsyncGenerator<Buffer> {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (left >= chunk.length) {
        left -= chunk.length;
        continue;
      }
      const out = left > 0 ? chunk.subarray(left) : chunk;
      left = 0;
      yield out;
    }
  }
  const stream = Readable.from(rest(), { objectMode: false });
  stream.once('close', () => body.destroy());
  return stream;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PullCancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PullCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
