// The container's bytes, pulled in order from a file or from an async iterable of chunks (an S3
// body, an fs stream). The reader never holds the whole file: it asks for a few bytes at a time
// for headers (`ensure`/`view`/`consume`) and for exactly one block's bytes at a time (`take`).

import { open, type FileHandle } from 'node:fs/promises';

export interface ByteSource {
  /** Absolute offset in the input of the next unconsumed byte. */
  readonly position: number;
  /** Total input size when known up front (files), else null (streams). */
  readonly size: number | null;
  /**
   * Makes at least `n` unconsumed bytes available through `view()`; fewer only when the input
   * ends first. Returns how many are available.
   */
  ensure(n: number): Promise<number>;
  /** The unconsumed bytes made available so far (valid until the next call that consumes). */
  view(): Buffer;
  consume(n: number): void;
  /** Consumes and returns the next `n` bytes; a shorter result means the input ended. */
  take(n: number): Promise<Buffer>;
  close(): Promise<void>;
}

const EMPTY = Buffer.alloc(0);
/** Read-ahead for headers: small enough to be cheap, big enough to hold many small blocks. */
const LOOKAHEAD = 64 * 1024;
/** Bytes a stream must deliver before a block's full claimed size is allocated (see take). */
const TRUST = 16 * 1024 * 1024;

abstract class BufferedSource implements ByteSource {
  protected pending: Buffer = EMPTY;
  protected ended = false;
  position = 0;
  abstract readonly size: number | null;

  /** Returns the next chunk of input (about `wanted` bytes or more), or null at the end. */
  protected abstract fetch(wanted: number): Promise<Buffer | null>;
  abstract close(): Promise<void>;

  async ensure(n: number): Promise<number> {
    while (this.pending.length < n && !this.ended) {
      const chunk = await this.fetch(n - this.pending.length);
      if (chunk === null) this.ended = true;
      else if (chunk.length > 0) this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    }
    return Math.min(n, this.pending.length);
  }

  view(): Buffer {
    return this.pending;
  }

  consume(n: number): void {
    this.pending = this.pending.subarray(n);
    this.position += n;
  }

  async take(n: number): Promise<Buffer> {
    if (this.pending.length >= n) {
      const out = this.pending.subarray(0, n);
      this.consume(n);
      return out;
    }
    // A stream's length is unknown and a corrupt block header can claim any size, so `n` bytes
    // are not allocated up front. Chunks are collected until the stream has shown it really has
    // a lot of data (TRUST bytes); then the block's buffer is allocated once and filled, so a
    // block of hundreds of MB costs its size in memory, not twice that (as a final concat would).
    let parts: Buffer[] | null = [this.pending];
    let out: Buffer | null = null;
    let have = this.pending.length;
    this.pending = EMPTY;
    while (have < n && !this.ended) {
      const chunk = await this.fetch(n - have);
      if (chunk === null) {
        this.ended = true;
        break;
      }
      let piece = chunk;
      if (have + chunk.length > n) {
        piece = chunk.subarray(0, n - have);
        this.pending = chunk.subarray(n - have);
      }
      if (out !== null) out.set(piece, have);
      else parts!.push(piece);
      have += piece.length;
      if (out === null && have >= TRUST && have < n) {
        out = Buffer.allocUnsafe(n);
        let at = 0;
        for (const part of parts!) {
          out.set(part, at);
          at += part.length;
        }
        parts = null;
      }
    }
    this.position += have;
    if (out !== null) return have === n ? out : out.subarray(0, have);
    return parts!.length === 1 ? parts![0] : Buffer.concat(parts!, have);
  }
}

/** Reads a file with one FileHandle, at explicit positions, a block at a time. */
export class FileByteSource extends BufferedSource {
  private filePosition = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {
    super();
  }

  static async open(path: string): Promise<FileByteSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      return new FileByteSource(handle, stat.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  protected async fetch(wanted: number): Promise<Buffer | null> {
    const length = Math.min(Math.max(wanted, LOOKAHEAD), this.size - this.filePosition);
    if (length <= 0) return null;
    const buffer = Buffer.allocUnsafe(length);
    const got = await this.readFully(buffer, 0, length);
    return got === 0 ? null : buffer.subarray(0, got);
  }

  /** A block larger than the read-ahead is read straight into its own buffer: one copy, exact size. */
  override async take(n: number): Promise<Buffer> {
    if (this.pending.length >= n) return super.take(n);
    const length = Math.min(n, this.pending.length + Math.max(0, this.size - this.filePosition));
    const out = Buffer.allocUnsafe(length);
    const head = this.pending.length;
    this.pending.copy(out, 0);
    this.pending = EMPTY;
    const got = head + (await this.readFully(out, head, length - head));
    this.position += got;
    return got === length ? out : out.subarray(0, got);
  }

  /** Reads until `length` bytes or the end of the file (a file may shrink while we read it). */
  private async readFully(buffer: Buffer, offset: number, length: number): Promise<number> {
    let done = 0;
    while (done < length) {
      // fs caps one read at about 2 GiB; larger blocks are read in pieces.
      const piece = Math.min(length - done, 0x40000000);
      const { bytesRead } = await this.handle.read(buffer, offset + done, piece, this.filePosition);
      if (bytesRead === 0) break;
      done += bytesRead;
      this.filePosition += bytesRead;
    }
    return done;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Reads chunks from an async iterable; stops the iterable (return()) when closed early. */
export class IterableByteSource extends BufferedSource {
  readonly size = null;
  private readonly iterator: AsyncIterator<Uint8Array>;
  private finished = false;

  constructor(iterable: AsyncIterable<Uint8Array>) {
    super();
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  protected async fetch(): Promise<Buffer | null> {
    for (;;) {
      if (this.finished) return null;
      const next = await this.iterator.next();
      if (next.done) {
        this.finished = true;
        return null;
      }
      const chunk: unknown = next.value;
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(`the input stream gave a ${typeof chunk} chunk; expected bytes (a stream without an encoding)`);
      }
      if (chunk.length === 0) continue;
      // A view, not a copy: Buffer methods (readDoubleLE, toString) on the caller's bytes.
      return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }

  async close(): Promise<void> {
    if (!this.finished) {
      this.finished = true;
      await this.iterator.return?.();
    }
  }
}
