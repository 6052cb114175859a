// Reads a sender-model build (DESIGN §3.1) from an Avro object container file, streaming: the
// header, then one block at a time (count, size, data, sync), each decoded straight into the
// sink. Every byte of the file is accounted for; anything that does not add up is an
// AvroFormatError naming the file and the byte offset.

import { basename } from 'node:path';
import { constants as bufferConstants } from 'node:buffer';
import type { SenderModelSink } from '../../shared/sender-model-sink';
import { Cursor, readLong } from './byte-reader';
import { FileByteSource, IterableByteSource, type ByteSource } from './byte-source';
import { CodecError, decompressBlock, isCodecName, type CodecName } from './codecs';
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
  { signal, onProgress }: ReadSenderModelOptions,
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
  // back to the file name for a missing version).
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
    const block = await readBlock(input, file, header.sync, blocks + 1);
    if (block === null) break;
    blocks++;
    blockEnd = input.position;
    throwIfAborted(signal);

    let data: Buffer;
    try {
      data = decompressBlock(codec, block.data);
    } catch (error) {
      if (error instanceof CodecError) throw new AvroFormatError(file, block.dataStart, `block ${blocks}: ${error.message}`);
      throw error;
    }
    block.data = data; // drops the compressed bytes while the block is decoded (big blocks)
    try {
      await decoder.decodeBlock(data, block.count);
    } catch (error) {
      if (error instanceof BlockDataError) throw blockError(error, file, block.dataStart, blocks, codec, data.length);
      throw error;
    }
    onProgress?.(input.position);
  }

  // A build-layout file without records still has the metadata's version/threshold, if any.
  if (decoder.record === 0) {
    if (recordsCarryVersion) sink.setVersion(metaVersion);
    if (recordsCarryThreshold) sink.setThreshold(metaThreshold);
  }
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

interface Block {
  count: number;
  /** File offset of the block's (compressed) data. */
  dataStart: number;
  /** The block's data as read; replaced by the decompressed data once decompressed. */
  data: Buffer;
}

/** Reads the next block, checking its sync marker; null at a clean end of the file. */
async function readBlock(input: ByteSource, file: string, sync: Buffer, number: number): Promise<Block | null> {
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
  if (total > bufferConstants.MAX_LENGTH) throw new AvroFormatError(file, start, `${describe}: more than this reader can hold in memory`);
  input.consume(c.pos);

  const bytes = await input.take(total);
  if (bytes.length < total) throw notWhole(`${describe}, but the file ends ${bytes.length} bytes after byte ${dataStart}`);
  if (bytes.compare(sync, 0, SYNC_SIZE, size, total) !== 0) {
    throw new AvroFormatError(file, dataStart + size, `block ${number}'s sync marker does not match the header's — the file is corrupt or truncated`);
  }
  return { count, dataStart, data: bytes.subarray(0, size) };
}

function blockError(error: BlockDataError, file: string, dataStart: number, block: number, codec: CodecName, length: number): AvroFormatError {
  const record = error.record !== undefined && !error.namesRecord ? `, record ${error.record}` : '';
  // Positions inside compressed data have no file offset: name the block's and the position
  // in its decompressed bytes instead.
  if (codec === 'null') return new AvroFormatError(file, dataStart + error.position, `block ${block}${record}: ${error.message}`);
  return new AvroFormatError(
    file,
    dataStart,
    `block ${block}${record} (at byte ${error.position} of its ${length} decompressed bytes): ${error.message}`,
  );
}
