// What every import takes, whether a file on disk, an S3 body or rows from PostgreSQL.

import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotMeta } from '../../workspace/registry';

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

/** Reads a whole input as bytes (reputation builds are one JSON document). */
export async function readAll(input: ImportInput, options: ImportOptions): Promise<Buffer> {
  if (typeof input === 'string') return fs.promises.readFile(input, { signal: options.signal });
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    throwIfAborted(options.signal);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    bytes += chunk.byteLength;
    options.onProgress?.({ bytesDone: bytes, bytesTotal: options.bytesTotal, rowsDone: 0 });
  }
  return Buffer.concat(chunks, bytes);
}
