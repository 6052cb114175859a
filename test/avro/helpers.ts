// Shared helpers of the Avro reader tests: fixture paths and bytes, chunked sources, and the
// block layout of a container found from its sync markers (independently of the reader).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AvroFormatError, readSenderModel, type ReadSenderModelOptions, type ReadSenderModelResult } from '../../main/avro/read-sender-model';
import { CollectingSink } from './collecting-sink';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'avro');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** The bytes as an async iterable of `size`-byte chunks (plain Uint8Arrays, copies). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield new Uint8Array(bytes.subarray(i, i + size));
  }
}

export async function read(
  source: string | Uint8Array,
  options: ReadSenderModelOptions & { chunk?: number; sink?: CollectingSink } = {},
): Promise<{ result: ReadSenderModelResult; sink: CollectingSink }> {
  const sink = options.sink ?? new CollectingSink();
  const input = typeof source === 'string' ? source : chunked(source, options.chunk ?? 7);
  const result = await readSenderModel(input, sink, options);
  return { result, sink };
}

/**
 * Reads bytes that must be rejected, both from a file named `name` and as a stream of 7-byte
 * chunks named `name`; both must throw the same AvroFormatError, whose message starts with the
 * name and the byte offset. Returns it.
 */
export async function formatError(bytes: Uint8Array, name = 'mutated.avro'): Promise<AvroFormatError> {
  const dir = mkdtempSync(join(tmpdir(), 'smw-avro-test-'));
  try {
    writeFileSync(join(dir, name), bytes);
    const fromFile = await failure(readSenderModel(join(dir, name), new CollectingSink()));
    const fromStream = await failure(readSenderModel(chunked(bytes, 7), new CollectingSink(), { name }));
    for (const e of [fromFile, fromStream]) {
      expect(e.file).toBe(name);
      expect(e.message.startsWith(`${name}: byte ${e.offset}: `), e.message).toBe(true);
    }
    expect(fromStream.message).toBe(fromFile.message);
    return fromFile;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function failure(reading: Promise<unknown>): Promise<AvroFormatError> {
  const error = await reading.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the read must fail').toBeInstanceOf(AvroFormatError);
  return error as AvroFormatError;
}

export interface BlockLayout {
  /** Offset of the block's count varint. */
  start: number;
  count: number;
  size: number;
  /** Offset of the block's data. */
  dataStart: number;
  /** Offset of the block's sync marker. */
  syncStart: number;
}

/**
 * The header length and the blocks of a well-formed container, found by searching for the sync
 * marker (the file's last 16 bytes) rather than by parsing the header as the reader does.
 */
export function layoutOf(bytes: Buffer): { headerLength: number; sync: Buffer; blocks: BlockLayout[] } {
  const sync = bytes.subarray(bytes.length - 16);
  const headerLength = bytes.indexOf(sync) + 16;
  const blocks: BlockLayout[] = [];
  let at = headerLength;
  while (at < bytes.length) {
    const [count, afterCount] = varint(bytes, at);
    const [size, dataStart] = varint(bytes, afterCount);
    const syncStart = dataStart + size;
    expect(bytes.subarray(syncStart, syncStart + 16).equals(sync)).toBe(true);
    blocks.push({ start: at, count, size, dataStart, syncStart });
    at = syncStart + 16;
  }
  return { headerLength, sync: Buffer.from(sync), blocks };
}

/** A zig-zag varint (small values only) and the offset after it. */
export function varint(bytes: Uint8Array, at: number): [number, number] {
  let n = 0;
  let shift = 0;
  let b: number;
  do {
    b = bytes[at++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [n % 2 === 0 ? n / 2 : -(n + 1) / 2, at];
}

/** The bytes with `replacement` written at `offset` (a copy). */
export function patched(bytes: Uint8Array, offset: number, replacement: Uint8Array | number[]): Buffer {
  const out = Buffer.from(bytes);
  out.set(replacement, offset);
  return out;
}

/** The bytes with the first occurrence of `from` replaced by `to` (same length, so no varint changes). */
export function replacedText(bytes: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(to)).toBe(Buffer.byteLength(from));
  const at = bytes.indexOf(from);
  expect(at, `${from} in the file`).toBeGreaterThanOrEqual(0);
  return patched(bytes, at, Buffer.from(to));
}
