// A block's decoded bytes, handed to the record decoder a window at a time. A build-layout file
// is usually one block of hundreds of MB: holding it whole (and, for deflate, inflating it whole
// before decoding a byte) cost its size in memory and serialised the inflate with the decode.
// Here a big block is read from the input in pieces, and a deflate block inflated by zlib's
// stream on libuv's thread pool while the decoder works through the previous window, so the two
// overlap on two cores and only a few windows are ever in memory.
//
// Snappy blocks are one snappy frame (the Avro codec), which can only be decompressed whole, and
// small blocks are not worth a stream: both are one window.

import zlib from 'node:zlib';
import type { ByteSource } from './byte-source';
import { CodecError, decompressBlock, type CodecName } from './codecs';

/** The block's data from byte `base` on, as far as it has arrived. */
export interface BlockWindows {
  /** The bytes in view: the block's data [base, base + buf.length). */
  readonly buf: Buffer;
  readonly base: number;
  /** No data follows `buf`. */
  readonly final: boolean;
  /**
   * Drops the bytes before `keepFrom` (an index in `buf`) and appends at least one more window
   * (or more, so that the kept bytes and the new ones at least double what was kept: a value
   * bigger than a window grows the view geometrically, not window by window).
   */
  more(keepFrom: number): Promise<void>;
  /** About how much of the block has been decoded, 0–1, with `pos` the decoder's place in `buf`. */
  progress(pos: number): number;
  /** Stops any work in flight (after an error or a cancel). */
  close(): void;
}

/** The input ended before the block's claimed size (a stream cut short). */
export class ShortBlockError extends Error {
  override name = 'ShortBlockError';
  constructor(readonly got: number) {
    super(`the input ends ${got} bytes into the block's data`);
  }
}

/**
 * Bytes per window (decoded data, and stored data read at a time); blocks up to twice this are
 * read whole. Tests pass a few bytes to put window ends everywhere.
 */
export const WINDOW = 4 << 20;

const EMPTY = Buffer.alloc(0);

/** Whether a block of `size` stored bytes is decoded whole (read at once, then decompressed). */
export function decodedWhole(codec: CodecName, size: number, window = WINDOW): boolean {
  return codec === 'snappy' || size <= 2 * window;
}

/** A block read whole: its stored data decompressed into one window. */
export function wholeBlock(codec: CodecName, stored: Buffer): BlockWindows {
  return new WholeBlock(decompressBlock(codec, stored));
}

/**
 * Opens the windows of a big block of `size` stored bytes whose data starts at the input's
 * current position. Its sync marker, after the data, is left to the caller, to read once the
 * windows are `final` and every record has been decoded.
 */
export function streamBlock(codec: 'null' | 'deflate', input: ByteSource, size: number, window = WINDOW): BlockWindows {
  return codec === 'deflate' ? new InflatedWindows(input, size, window) : new StoredWindows(input, size, window);
}

class WholeBlock implements BlockWindows {
  readonly base = 0;
  readonly final = true;
  constructor(readonly buf: Buffer) {}
  async more(): Promise<void> {}
  progress(pos: number): number {
    return this.buf.length === 0 ? 1 : pos / this.buf.length;
  }
  close(): void {}
}

/** Keeps `buf[keepFrom..]` and appends `next` windows until the view has grown enough. */
abstract class StreamedWindows implements BlockWindows {
  buf: Buffer = EMPTY;
  base = 0;
  final = false;

  /** The next window, or null at the end of the block's data. */
  protected abstract next(): Promise<Buffer | null>;
  abstract progress(pos: number): number;
  abstract close(): void;

  async more(keepFrom: number): Promise<void> {
    const kept = this.buf.subarray(keepFrom);
    this.base += keepFrom;
    const parts = kept.length > 0 ? [kept] : [];
    let length = kept.length;
    const wanted = kept.length * 2;
    do {
      const window = await this.next();
      if (window === null) {
        this.final = true;
        break;
      }
      parts.push(window);
      length += window.length;
    } while (length < wanted);
    this.buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
  }
}

/** The null codec: the stored bytes are the data, read a window at a time, the next read started early. */
class StoredWindows extends StreamedWindows {
  private left: number;
  private read = 0;
  private ahead: Promise<Buffer> | null = null;

  constructor(
    private readonly input: ByteSource,
    private readonly size: number,
    private readonly window: number,
  ) {
    super();
    this.left = size;
  }

  protected async next(): Promise<Buffer | null> {
    if (this.left === 0) return null;
    const reading = this.ahead ?? this.input.take(Math.min(this.window, this.left));
    this.ahead = null;
    const window = await reading;
    if (window.length === 0) throw new ShortBlockError(this.read);
    this.read += window.length;
    this.left -= window.length;
    // Reads go to the thread pool (files) or wait for the network (streams): ask for the next
    // window now, so that it arrives while this one is decoded.
    if (this.left > 0) {
      this.ahead = this.input.take(Math.min(this.window, this.left));
      this.ahead.catch(() => {}); // seen when awaited
    }
    return window;
  }

  progress(pos: number): number {
    return (this.base + pos) / this.size;
  }

  close(): void {}
}

/**
 * deflate: the stored bytes are fed in pieces to zlib's inflate stream, which inflates on the
 * thread pool into windows of WINDOW bytes and stops when two are waiting (backpressure), so
 * the inflate runs while the decoder is busy with the window before.
 */
class InflatedWindows extends StreamedWindows {
  private readonly inflater: zlib.InflateRaw;
  private readonly output: AsyncIterator<Buffer>;
  private fed = 0;
  private failure: Error | null = null;

  constructor(
    input: ByteSource,
    private readonly size: number,
    private readonly window: number,
  ) {
    super();
    // zlib hands its options on to the Transform stream, whose readable side buffers two windows.
    const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, window);
    this.inflater = zlib.createInflateRaw({ chunkSize, readableHighWaterMark: 2 * chunkSize } as zlib.ZlibOptions);
    this.output = this.inflater[Symbol.asyncIterator]();
    // An input failure (a stream cut short) is remembered and ends the inflater; the inflater's
    // own errors (corrupt data) arrive through its output.
    this.feed(input).catch((error: Error) => {
      this.failure = error;
      this.inflater.destroy(error);
    });
  }

  private async feed(input: ByteSource): Promise<void> {
    while (this.fed < this.size) {
      const piece = await input.take(Math.min(this.window, this.size - this.fed));
      if (piece.length === 0) throw new ShortBlockError(this.fed);
      if (this.inflater.destroyed) return;
      this.fed += piece.length;
      if (!this.inflater.write(piece)) await drained(this.inflater);
    }
    this.inflater.end();
  }

  protected async next(): Promise<Buffer | null> {
    let result: IteratorResult<Buffer>;
    try {
      result = await this.output.next();
    } catch (error) {
      if (this.failure) throw this.failure;
      throw new CodecError(`deflate data is corrupt (${(error as Error).message})`);
    }
    if (this.failure) throw this.failure;
    return result.done ? null : result.value;
  }

  progress(): number {
    return this.fed / this.size;
  }

  close(): void {
    this.inflater.destroy();
  }
}

/** Resolves when the stream drains, or fails or closes (its output then reports why). */
function drained(stream: zlib.InflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}
