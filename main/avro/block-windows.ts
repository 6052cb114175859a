// A block's decoded bytes, handed to the record decoder a window at a time. A build-layout file
// is usually one block of hundreds of MB: holding it whole (and, for deflate, inflating it whole
// before decoding a byte) cost its size in memory and serialised the inflate with the decode.
// Here a big block is read from the input in pieces, and a deflate block inflated by zlib's
// stream on libuv's thread pool while the decoder works through the previous window, so the two
// overlap on two cores and only a few windows are ever in memory.
//
// A snappy block (one raw snappy stream) is cut into pieces that decompress on their own
// (snappy-pieces.ts), so that it is never whole in memory either.
// Small blocks are not worth a stream: they are one window.

import zlib, { crc32 } from 'node:zlib';
import type { ByteSource } from './byte-source';
import { CodecError, checkSnappyCrc, checkSnappySize, decompressBlock, uncompressSnappy, type CodecName } from './codecs';
import { decompressPiece, SnappyScanner, snappyPreamble } from './snappy-pieces';

/** The block's data from byte `base` on, as far as it has arrived. */
export interface BlockWindows {
  /** The bytes in view: the block's data [base, base + buf.length). */
  readonly buf: Buffer;
  readonly base: number;
  /** No data follows `buf`. */
  readonly final: boolean;
  /**
   * Drops the bytes before `keepFrom` (an index in `buf`) and shows more after them: the rest of
   * the next window, or a bridge into it, or (for a value bigger than a bridge) windows until
   * the kept bytes at least double, so that a big value grows the view geometrically.
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
export function decodedWhole(size: number, window = WINDOW): boolean {
  return size <= 2 * window;
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
export function streamBlock(codec: CodecName, input: ByteSource, size: number, window = WINDOW): BlockWindows {
  if (codec === 'deflate') return new InflatedWindows(input, size, window);
  if (codec === 'snappy') return new SnappyWindows(input, size, window);
  return new StoredWindows(input, size, window);
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

/**
 * The bytes a value cut by a window's end are read from: they are copied onto the start of the
 * next window (a "bridge" of them and BRIDGE bytes of it), not the whole next window. Once the
 * decoder is past the copied bytes, it goes on in the next window itself, without a copy.
 */
const BRIDGE = 64 * 1024;

/** Keeps `buf[keepFrom..]` and appends `next` windows until the view has grown enough. */
abstract class StreamedWindows implements BlockWindows {
  buf: Buffer = EMPTY;
  base = 0;
  final = false;
  /** `next()` has said that there is no more. */
  private ended = false;
  /** When `buf` is a bridge: the window whose first bytes it holds from `bridgeFrom` on. */
  private bridgeSource: Buffer | null = null;
  private bridgeFrom = 0;
  /** Bytes of the next window in a bridge (smaller for small windows, as tests use). */
  private readonly bridge: number;

  constructor(window: number) {
    this.bridge = Math.max(1, Math.min(BRIDGE, window >> 2));
  }

  /** The next window, or null at the end of the block's data. */
  protected abstract next(): Promise<Buffer | null>;
  abstract progress(pos: number): number;
  abstract close(): void;

  async more(keepFrom: number): Promise<void> {
    const bridged = this.bridgeSource;
    if (bridged !== null) {
      this.bridgeSource = null;
      this.final = this.ended;
      if (keepFrom >= this.bridgeFrom) {
        // Past the copied bytes: read on in the window itself.
        this.base += keepFrom;
        this.buf = bridged.subarray(keepFrom - this.bridgeFrom);
        if (this.buf.length === 0 && !this.ended) await this.more(0);
        return;
      }
      // A value begun in the copied bytes that runs past the bridge: with the rest of the window.
      this.buf = Buffer.concat([this.buf.subarray(keepFrom), bridged.subarray(this.buf.length - this.bridgeFrom)]);
      this.base += keepFrom;
      return;
    }
    const kept = this.buf.subarray(keepFrom);
    this.base += keepFrom;
    const bridge = this.bridge;
    if (kept.length <= bridge) {
      const window = await this.nextWindow();
      if (window === null) this.buf = kept;
      else if (kept.length === 0) this.buf = window;
      else if (window.length > 2 * bridge) {
        this.buf = Buffer.concat([kept, window.subarray(0, bridge)]);
        this.bridgeSource = window;
        this.bridgeFrom = kept.length;
      } else this.buf = Buffer.concat([kept, window]);
      this.final = this.ended && this.bridgeSource === null;
      return;
    }
    // A value bigger than a bridge: grow the view geometrically (the kept bytes at least doubled).
    const parts = [kept];
    let length = kept.length;
    do {
      const window = await this.nextWindow();
      if (window === null) break;
      parts.push(window);
      length += window.length;
    } while (length < kept.length * 2);
    this.buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
    this.final = this.ended;
  }

  private async nextWindow(): Promise<Buffer | null> {
    if (this.ended) return null;
    const window = await this.next();
    if (window === null) this.ended = true;
    return window;
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
    super(window);
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
    super(window);
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

/**
 * snappy: the stored bytes are read a window at a time and scanned for pieces that decompress on
 * their own, each decompressed by snappy when the decoder needs it. A piece that refers back
 * before its start is decompressed in JS from the output kept before it. The CRC-32 of the data,
 * after it, is checked at the end.
 */
class SnappyWindows extends StreamedWindows {
  /** Stored bytes [storedBase, storedBase + stored.length) that the pieces still need. */
  private stored: Buffer = EMPTY;
  private storedBase = 0;
  private read = 0;
  private readonly scanner: SnappyScanner;
  /** The latest windows, at least `historyBytes` of them, for a piece that refers back. */
  private history: Buffer[] = [];
  private readonly historyBytes: number;
  private crc = 0;
  private ahead: Promise<Buffer | null> | null = null;

  constructor(
    private readonly input: ByteSource,
    private readonly size: number,
    private readonly window: number,
  ) {
    super(window);
    checkSnappySize(size);
    this.scanner = new SnappyScanner(size - 4, window);
    this.historyBytes = Math.max(WINDOW, 2 * window);
  }

  protected async next(): Promise<Buffer | null> {
    const window = await (this.ahead ?? this.produce());
    this.ahead = null;
    if (window === null) {
      await this.checkCrc();
      return null;
    }
    this.crc = crc32(window, this.crc);
    this.history.push(window);
    let kept = this.history.reduce((n, w) => n + w.length, 0);
    while (this.history.length > 1 && kept - this.history[0].length >= this.historyBytes) kept -= this.history.shift()!.length;
    this.ahead = this.produce();
    this.ahead.catch(() => {}); // seen when awaited
    return window;
  }

  /** The next piece's data, or null after the last. */
  private async produce(): Promise<Buffer | null> {
    if (this.scanner.done) return null;
    let piece = this.scanner.scan(this.stored, this.storedBase);
    while (piece === null) {
      await this.fetch();
      piece = this.scanner.scan(this.stored, this.storedBase);
    }
    while (this.read < piece.end) await this.fetch();
    const elements = this.stored.subarray(piece.start - this.storedBase, piece.end - this.storedBase);
    this.stored = this.stored.subarray(piece.end - this.storedBase);
    this.storedBase = piece.end;
    const length = piece.outEnd - piece.outStart;
    if (!piece.selfContained) return decompressPiece(elements, length, Buffer.concat(this.history));
    // Synchronous: measured, snappy's async calls leave every piece's memory behind (in the
    // malloc arenas of the pool's threads), and the import's RSS grows by the block's size.
    const out = uncompressSnappy(Buffer.concat([snappyPreamble(length), elements]));
    if (out.length !== length) throw new CodecError(`snappy data is corrupt (a piece made ${out.length} bytes, ${length} expected)`);
    return out;
  }

  /** Reads the next window of stored bytes onto the ones still needed. */
  private async fetch(): Promise<void> {
    if (this.read >= this.size) throw new CodecError('snappy data is corrupt (its elements run past the end of the block)');
    const bytes = await this.input.take(Math.min(this.window, this.size - this.read));
    if (bytes.length === 0) throw new ShortBlockError(this.read);
    this.read += bytes.length;
    this.stored = this.stored.length === 0 ? bytes : Buffer.concat([this.stored, bytes]);
  }

  private async checkCrc(): Promise<void> {
    while (this.read < this.size) await this.fetch();
    const at = this.size - 4 - this.storedBase;
    checkSnappyCrc(this.stored.readUInt32BE(at), this.crc >>> 0, this.scanner.total);
  }

  progress(pos: number): number {
    return this.scanner.total <= 0 ? 0 : Math.min(1, (this.base + pos) / this.scanner.total);
  }

  close(): void {}
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
