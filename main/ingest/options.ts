// What every import takes, whether a file on disk, an S3 body or rows from PostgreSQL.

import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotKind } from '../../shared/types';
import type { SnapshotMeta } from '../workspace/registry';
import { defaultIdFromName } from '../workspace/snapshot-id';
import type { SnapshotWriter } from '../workspace/snapshot-writer';
import type { Workspace } from '../workspace/workspace';

export interface ImportProgress {
  bytesDone: number;
  bytesTotal?: number;
  rowsDone: number;
}

export interface ImportOptions {
  /** The snapshot id; default the file's or key's base name without extension (DESIGN §6). */
  id?: string;
  replace?: boolean;
  /** File or key name: names the input in errors and gives the default id. */
  name: string;
  /** Shown in the snapshot list: a path, `s3://bucket/key`, `postgres://…`. */
  source: string;
  /** Size of the input when known (streams); files are measured. */
  bytesTotal?: number;
  meta?: SnapshotMeta;
  demo?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportInput = string | AsyncIterable<Uint8Array>;

export function inputSize(input: ImportInput, options: ImportOptions): number | undefined {
  if (typeof input === 'string') return fs.statSync(input).size;
  return options.bytesTotal;
}

export function baseName(name: string): string {
  return path.posix.basename(name.replace(/\\/g, '/'));
}

/** Starts the import's snapshot: `options.id`, or by default the input's base name (DESIGN §6). */
export function createImportSnapshot(ws: Workspace, kind: SnapshotKind, options: ImportOptions): SnapshotWriter {
  const id = options.id ?? defaultIdFromName(baseName(options.name));
  return ws.createSnapshot(kind, id, { replace: options.replace, source: options.source, demo: options.demo });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('the import was cancelled; nothing was kept');
    error.name = 'AbortError';
    throw error;
  }
}

/**
 * The last moment a cancel can take effect, just before the snapshot is registered. Decoding
 * and writing are synchronous, so a cancel that arrived meanwhile (a message to this worker
 * thread) is still queued: one turn of the event loop delivers it, then it is checked.
 */
export async function checkCancelBeforeCommit(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}

/**
 * The input's bytes as they come: a file read in 1 MiB chunks, or the stream as it is. The
 * readers consume them one at a time, so no input is ever held whole.
 */
export async function* inputChunks(input: ImportInput, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (typeof input !== 'string') {
    yield* input;
    return;
  }
  const stream = fs.createReadStream(input, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/**
 * A whole input as bytes, for the small files read in one piece (a context snapshot's JSON
 * Lines form); builds and feedback are read chunk by chunk instead.
 */
export async function readAll(input: ImportInput, options: Pick<ImportOptions, 'signal'>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of inputChunks(input, options.signal)) {
    throwIfAborted(options.signal);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks);
}
