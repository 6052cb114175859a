// `smw pull sender-model|reputation s3://BUCKET/KEY` and the app's S3 pull job: the object's
// body streams through the content check into the core's importer, which writes the snapshot
// atomically. A failed, cancelled or killed pull leaves no snapshot and changes nothing else.

import type { S3Client } from '@aws-sdk/client-s3';
import type { ImportReport } from '../../shared/types';
import { importReputation, importSenderModel } from '../ingest';
import { SnapshotExistsError } from '../workspace/errors';
import { defaultIdFromName, validateSnapshotId } from '../workspace/snapshot-id';
import type { Workspace } from '../workspace/workspace';
import { sniffedChunks, type BuildKind } from './content-sniff';
import { isAbortError, PullCancelledError, PullError } from './errors';
import { ProgressTracker, type PullProgress } from './progress';
import { createS3Client, endpointLabel, type CreateS3ClientOptions, type S3Location } from './s3-client';
import { openS3Download, type S3Download } from './s3-download';
import { acquireSource } from './source-lock';

export interface S3PullArgs extends S3Location {
  kind: BuildKind;
  bucket: string;
  key: string;
  /** Default: the key's base name without its extension (DESIGN §6). */
  id?: string;
  replace?: boolean;
}

export interface S3PullOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  /** An existing client (the app keeps one per location); else one is made and destroyed. */
  client?: S3Client;
  clientOptions?: CreateS3ClientOptions;
  stallMs?: number;
  maxResumes?: number;
  resumeDelayMs?: number;
  now?: () => Date;
}

/** `s3://bucket/key` → its parts; throws a usage error naming what is wrong. */
export function parseS3Url(url: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!m) throw new PullError('usage', `'${url}' is not an S3 object URL; give one like s3://my-bucket/models/sendermodels-2016-08-22_02:25:57.avro`);
  return { bucket: m[1], key: m[2] };
}

/** The key that keeps two pulls of one object apart (endpoint + bucket + key). */
export function s3SourceKey(args: Pick<S3PullArgs, 'bucket' | 'key' | 'endpoint'>): string {
  return `s3|${args.endpoint ? endpointLabel(args) : 'aws'}|${args.bucket}|${args.key}`;
}

export async function pullS3(ws: Workspace, args: S3PullArgs, options: S3PullOptions = {}): Promise<ImportReport> {
  if (args.kind !== 'sender-model' && args.kind !== 'reputation') {
    throw new PullError('usage', `cannot pull a '${String(args.kind)}' from S3; pull a sender-model or a reputation build`);
  }
  if (!args.bucket || !args.key) throw new PullError('usage', 'an S3 pull needs a bucket and a key');
  const where = `s3://${args.bucket}/${args.key}`;
  // The id and the registry are checked before any byte moves: a clash fails in the first second.
  const id = validateSnapshotId(args.id ?? defaultIdFromName(args.key));
  const existing = ws.get(id);
  if (existing && !args.replace) throw new SnapshotExistsError(id, existing);

  const release = acquireSource(s3SourceKey(args), `a pull of ${where}`);
  const { signal } = options;
  const progress = new ProgressTracker(options.onProgress);
  const client = options.client ?? createS3Client(args, options.clientOptions);
  let download: S3Download | undefined;
  try {
    if (signal?.aborted) throw new PullCancelledError(`the pull of ${where}`);
    progress.update({ phase: 'connecting' }, true);
    download = await openS3Download(client, args, {
      signal,
      stallMs: options.stallMs,
      maxResumes: options.maxResumes,
      resumeDelayMs: options.resumeDelayMs,
      context: { endpoint: args.endpoint, region: args.region, profile: args.profile },
      onBytes: (bytesDone, bytesTotal) =>
        progress.update({
          bytesDone,
          resumes: download?.resumes ?? 0,
          ...(bytesTotal !== undefined && bytesDone >= bytesTotal ? { phase: 'saving' as const } : {}),
        }),
    });
    progress.update({ phase: 'transferring', bytesTotal: download.size ?? null }, true);
    const region = await resolvedRegion(client);
    const meta = {
      bucket: args.bucket,
      key: args.key,
      etag: download.etag,
      size: download.size,
      // What the bytes were checked against (a checksum, the MD5 ETag, or only the size).
      integrity: download.integrity,
      lastModified: download.lastModified?.toISOString(),
      pulledAt: (options.now?.() ?? new Date()).toISOString(),
      ...(args.endpoint ? { endpoint: endpointLabel(args) } : {}),
      ...(region ? { region } : {}),
      ...(args.profile ? { profile: args.profile } : {}),
    };
    const importer = args.kind === 'sender-model' ? importSenderModel : importReputation;
    const chunks = sniffedChunks(download.chunks, args.kind, where, download.contentType);
    const report = await importer(ws, chunks, {
      id,
      replace: args.replace,
      name: args.key,
      source: where,
      bytesTotal: download.size,
      // A getter: the importer copies the meta when it commits, after the last resume.
      meta: Object.defineProperty(meta, 'resumes', { get: () => download?.resumes ?? 0, enumerable: true }),
      signal,
      onProgress: (p) => progress.update({ rowsDone: p.rowsDone }),
    });
    progress.update({ phase: 'done', rowsDone: report.kept, bytesDone: download.bytesDone, resumes: download.resumes }, true);
    return report;
  } catch (err) {
    // The importer sees the transfer's error as its input failing and may wrap it; the
    // transfer's own error is the one that says what to do.
    if (download?.failure) throw download.failure;
    if (signal?.aborted || isAbortError(err)) throw new PullCancelledError(`the pull of ${where}`);
    throw damagedBuildError(err, where, args.key, download);
  } finally {
    download?.close();
    if (!options.client) client.destroy();
    release();
  }
}

/**
 * The importer's format errors name the file by its base name; for a pull, say which object
 * it was and that the transfer itself was complete (so the object on S3 is what is wrong).
 */
function damagedBuildError(err: unknown, where: string, key: string, download: S3Download | undefined): unknown {
  if (!(err instanceof Error) || err instanceof PullError || !download) return err;
  const base = key.slice(key.lastIndexOf('/') + 1);
  const isFormatError = err.name === 'AvroFormatError' || err.message.startsWith(`${base}:`);
  if (!isFormatError) return err;
  const detail = err.message.startsWith(`${base}:`) ? err.message.slice(base.length + 1).trim() : err.message;
  const truncated = /truncated|ends (inside|early|before|in the middle)|unexpected end|end of (the )?(data|input|file)/i.test(detail);
  const received = download.size !== undefined ? `all ${download.size} bytes received` : `${download.bytesDone} bytes received`;
  return new PullError(
    truncated ? 'truncated' : 'wrong-content',
    `${where} (${received}) cannot be read: ${detail}; nothing was saved; ${truncated ? 'the object on S3 is incomplete: pick another build or ask for it to be uploaded again' : 'check that the key is the build you meant'}`,
    { cause: err },
  );
}

async function resolvedRegion(client: S3Client): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch {
    return undefined;
  }
}
