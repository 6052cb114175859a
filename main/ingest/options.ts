// What every import takes, whether a file on disk, an S3 body or rows from PostgreSQL.

import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotMeta } from '../workspace/registry';

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
 * Reads a whole input as bytes (reputation builds are one JSON document). When the size is
 * known the chunks are copied into one buffer as they arrive, so the input is not held twice.
 */
export async function readAll(input: ImportInput, options: ImportOptions): Promise<Buffer> {
  if (typeof input === 'string') return fs.promises.readFile(input, { signal: options.signal });
  const total = options.bytesTotal;
  const whole = total !== undefined ? Buffer.allocUnsafe(total) : null;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    throwIfAborted(options.signal);
    if (whole && bytes + chunk.byteLength <= whole.length) whole.set(chunk, bytes);
    else chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    bytes += chunk.byteLength;
    options.onProgress?.({ bytesDone: bytes, bytesTotal: total, rowsDone: 0 });
  }
  if (whole && chunks.length === 0) return whole.subarray(0, bytes);
  // The size was unknown or wrong: fall back to joining what arrived.
  const parts = whole ? [whole.subarray(0, bytes - chunks.reduce((n, c) => n + c.length, 0)), ...chunks] : chunks;
  return Buffer.concat(parts, bytes);
}
