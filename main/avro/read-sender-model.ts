// Reads a sender-model build (DESIGN §3.1) from an Avro object container file, streaming: the
// header, then one block at a time (count, size, data, sync), each decoded straight into the
// sink. Every byte of the file is accounted for; anything that does not add up is an
// AvroFormatError naming the file and the byte offset.

import { basename } from 'node:path';
import type { SenderModelSink } from '../../shared/sender-model-sink';
import { Cursor, readLong } from './byte-reader';
import { FileByteSource, IterableByteSource, type ByteSource } from './byte-source';
import { decodedWhole, ShortBlockError, streamBlock, wholeBlock, type BlockWindows } from './block-windows';
import { CodecError, isCodecName, type CodecName } from './codecs';
import { readContainerHeader, SYNC_SIZE } from './container-header';
import { compilePlan, LayoutError, type DecodePlan } from './decode-plan';
import { RecordDecoder, type Pause } from './decode-records';
import { AvroFormatError, BlockDataError, throwIfAborted } from './errors';
import { parseSchema } from './schema';

export { AvroFormatError } from './errors';
export type { SenderModelSink } from '../../shared/sender-model-sink';

export interface ReadSenderModelOptions {
  /** Names the input in errors (default: the file's base name, or "input" for a stream). */
  name?: string;
  /** Aborting throws an AbortError between blocks and about every million entries. */
  signal?: AbortSignal;
  /** Bytes of the file read and decoded so far; called after each block and during big ones. */
  onProgress?: (bytesRead: number) => void;
  /**
   * Bytes per window in which big blocks are read and inflated (default 4 MiB; blocks up to
   * twice this are read whole). Tests use a few bytes to put window ends everywhere.
   */
  window?: number;
}

export interface ReadSenderModelResult {
  layout: 'build' | 'rows';
  codec: CodecName;
  /** Top-level Avro records (build layout: usually 1; rows layout: one per domain row). */
  records: number;
  blocks: number;
  /** Bytes of the file, all of them read. */
  bytes: number;
  /** The header's metadata, values as UTF-8 text (avro.schema, avro.codec, version, …). */
  metadata: Record<string, string>;
}

export async function readSenderModel(
  source: string | AsyncIterable<Uint8Array>,
  sink: SenderModelSink,
  options: ReadSenderModelOptions = {},
): Promise<ReadSenderModelResult> {
  const name = options.name ?? (typeof source === 'string' ? basename(source) : 'input');
  throwIfAborted(options.signal);
  const input: ByteSource = typeof source === 'string' ? await FileByteSource.open(source) : new IterableByteSource(source);
  let failed = true;
  try {
    const result = await readContainer(input, name, sink, options);
    failed = false;
    return result;
  } finally {
    // Closing also stops a stream we did not read to its end; a failure to close must not
    // hide the error that made us stop.
    try {
      await input.close();
    } catch (error) {
      if (!failed) throw error;
    }
  }
}

async function readContainer(
  input: ByteSource,
  file: string,
  sink: SenderModelSink,
  { signal, onProgress, window }: ReadSenderModelOptions,
): Promise<ReadSenderModelResult> {
  const header = await readContainerHeader(input, file);
  const { metadata, valueOffsets } = header;
  const plan = planFor(header.metadata, valueOffsets, file);
  const codecName = metadata['avro.codec'] ?? 'null';
  if (!isCodecName(codecName)) {
    throw new AvroFormatError(file, valueOffsets['avro.codec'], `codec ${JSON.stringify(codecName)} is not supported (null, deflate and snappy are)`);
  }
  const codec: CodecName = codecName;

  // Version and threshold not carried by the records come from the metadata (the caller falls
  // back to the file name for a missing version). When the records have the field, a record
  // that gives one wins; the metadata counts only if none does (DESIGN §3.1).
  const metaVersion = metadata.version ?? null;
  const metaThreshold = thresholdFromMetadata(metadata.threshold, sink);
  const recordsCarryVersion = plan.layout === 'build' && plan.version !== null;
  const recordsCarryThreshold = plan.layout === 'build' && plan.threshold !== null;
  if (!recordsCarryVersion) sink.setVersion(metaVersion);
  if (!recordsCarryThreshold) sink.setThreshold(metaThreshold);

  let blockStart = input.position;
  let blockEnd = blockStart;
  const pause: Pause = async (fraction) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(signal);
    onProgress?.(Math.floor(blockStart + (blockEnd - blockStart) * fraction));
  };
  const decoder = new RecordDecoder(plan, sink, pause);
  onProgress?.(input.position);

  let blocks = 0;
  for (;;) {
    throwIfAborted(signal);
    blockStart = input.position;
    const block = await readBlockHeader(input, file, blocks + 1);
    if (block === null) break;
    blocks++;
    blockEnd = block.dataStart + block.size + SYNC_SIZE;
    throwIfAborted(signal);

    // A small (or snappy) block is read whole with its sync marker, which is checked before a
    // byte is decoded; a big one streams in windows and its marker is checked at its end.
    const whole = decodedWhole(block.size, window);
    let windows: BlockWindows | null = null;
    try {
      windows = whole ? await readWholeBlock(input, codec, header.sync, file, block, blocks) : streamBlock(codec, input, block.size, window);
      await decoder.decodeBlock(windows, block.count);
    } catch (error) {
      windows?.close();
      if (error instanceof BlockDataError) throw blockError(error, file, block, blocks, codec, windows);
      if (error instanceof CodecError) throw new AvroFormatError(file, block.dataStart, `block ${blocks}: ${error.message}`);
      if (error instanceof ShortBlockError) throw block.notWhole(`${block.describe}, but the file ends ${error.got} bytes after byte ${block.dataStart}`);
      throw error;
    }
    windows = null;
    if (!whole) {
      const sync = await input.take(SYNC_SIZE);
      if (sync.length < SYNC_SIZE) throw block.notWhole(`${block.describe}, but the file ends ${block.size + sync.length} bytes after byte ${block.dataStart}`);
      checkSync(sync, header.sync, file, block, blocks);
    }
    onProgress?.(input.position);
  }

  if (recordsCarryVersion && decoder.said.version === null) sink.setVersion(metaVersion);
  if (recordsCarryThreshold && decoder.said.threshold === null) sink.setThreshold(metaThreshold);
  return { layout: plan.layout, codec, records: decoder.record, blocks, bytes: input.position, metadata };
}

function planFor(metadata: Record<string, string>, offsets: Record<string, number>, file: string): DecodePlan {
  const text = metadata['avro.schema'];
  if (text === undefined) throw new AvroFormatError(file, 4, 'the header has no avro.schema: the writer schema is missing');
  const at = offsets['avro.schema'];
  try {
    return compilePlan(parseSchema(text));
  } catch (error) {
    if (error instanceof LayoutError) throw new AvroFormatError(file, at, error.message);
    throw new AvroFormatError(file, at, `avro.schema is not a valid Avro schema: ${(error as Error).message}`);
  }
}

function thresholdFromMetadata(text: string | undefined, sink: SenderModelSink): number | null {
  if (text === undefined) return null;
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isFinite(value)) return value;
  sink.report({ field: 'metadata.threshold', value: text, reason: 'not a finite number; the file gives no threshold' });
  return null;
}

interface BlockHeader {
  count: number;
  /** Bytes of the block's (stored) data, after its header and before its sync marker. */
  size: number;
  /** File offset of the block's data. */
  dataStart: number;
  /** `block 3 (1 record) says it has … bytes of data …`, for errors. */
  describe: string;
  /** The error for a block the input does not hold whole. */
  notWhole: (detail: string) => AvroFormatError;
}

/** Reads the next block's count and size (its data is left to read); null at a clean end of the file. */
async function readBlockHeader(input: ByteSource, file: string, number: number): Promise<BlockHeader | null> {
  const start = input.position;
  const available = await input.ensure(20); // two varints of at most 10 bytes each
  if (available === 0) return null;
  const notWhole = (detail: string): AvroFormatError =>
    new AvroFormatError(
      file,
      start,
      `${detail}: what follows ${number === 1 ? "the header's" : 'the last'} sync marker is not a whole block ` +
        '(the file is truncated, or has trailing bytes)',
    );

  const c = new Cursor(input.view().subarray(0, available), 0);
  const readHeaderLong = (what: string): number => {
    const at = c.pos;
    try {
      return readLong(c, what);
    } catch (error) {
      if (!(error instanceof BlockDataError)) throw error;
      if (available < 20) throw notWhole(`the file ends inside block ${number}'s ${what}`);
      throw new AvroFormatError(file, start + at, `block ${number}: ${error.message}`);
    }
  };
  const count = readHeaderLong('record count');
  if (count < 0) throw new AvroFormatError(file, start, `block ${number} has a negative record count (${count})`);
  const sizeAt = c.pos;
  const size = readHeaderLong('byte size');
  if (size < 0) throw new AvroFormatError(file, start + sizeAt, `block ${number} has a negative byte size (${size})`);
  const dataStart = start + c.pos;
  const total = size + SYNC_SIZE;
  const describe = `block ${number} (${count} record${count === 1 ? '' : 's'}) says it has ${size} bytes of data and a ${SYNC_SIZE}-byte sync marker`;
  if (input.size !== null && dataStart + total > input.size) {
    throw notWhole(`${describe}, but the file ends ${input.size - dataStart} bytes after byte ${dataStart}`);
  }
  input.consume(c.pos);
  return { count, size, dataStart, describe, notWhole };
}

/**
 * A block read whole, its sync marker checked, decompressed. A function of its own, so that the
 * stored (compressed) bytes are let go when it returns: a suspended caller could keep them alive
 * while the block is decoded (hundreds of MB for a snappy build).
 */
async function readWholeBlock(input: ByteSource, codec: CodecName, sync: Buffer, file: string, block: BlockHeader, number: number): Promise<BlockWindows> {
  const bytes = await input.take(block.size + SYNC_SIZE);
  if (bytes.length < block.size + SYNC_SIZE) throw new ShortBlockError(bytes.length);
  checkSync(bytes.subarray(block.size), sync, file, block, number);
  return wholeBlock(codec, bytes.subarray(0, block.size));
}

function checkSync(found: Buffer, sync: Buffer, file: string, block: BlockHeader, number: number): void {
  if (!found.equals(sync)) {
    throw new AvroFormatError(
      file,
      block.dataStart + block.size,
      `block ${number}'s sync marker does not match the header's — the file is corrupt or truncated`,
    );
  }
}

function blockError(error: BlockDataError, file: string, block: BlockHeader, number: number, codec: CodecName, windows: BlockWindows | null): AvroFormatError {
  const record = error.record !== undefined && !error.namesRecord ? `, record ${error.record}` : '';
  // Positions inside compressed data have no file offset: name the block's and the position
  // in its decompressed bytes instead.
  if (codec === 'null') return new AvroFormatError(file, block.dataStart + error.position, `block ${number}${record}: ${error.message}`);
  const length = windows?.final ? `its ${windows.base + windows.buf.length} decompressed bytes` : 'its decompressed data';
  return new AvroFormatError(file, block.dataStart, `block ${number}${record} (at byte ${error.position} of ${length}): ${error.message}`);
}
