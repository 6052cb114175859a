// Avro binary encoding primitives (Avro 1.11 spec, "Binary Encoding") over a list of Buffer
// chunks, so that a value of hundreds of megabytes is never one JS string or array.

const DEFAULT_CHUNK = 1 << 20;

/**
 * Appends Avro-encoded values to fixed-size Buffers and hands each full one to `emit`.
 * Emitted chunks are never written to again (a fresh Buffer is allocated after each emit),
 * so a consumer may keep them.
 */
export class ChunkWriter {
  private buf: Buffer;
  private pos = 0;
  /** Total bytes written so far (emitted and pending). */
  length = 0;

  constructor(
    private readonly emit: (chunk: Buffer) => void,
    private readonly chunkSize: number = DEFAULT_CHUNK,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Emits the pending bytes, if any. */
  flush(): void {
    if (this.pos === 0) return;
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkSize);
    this.pos = 0;
    this.emit(out);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Avro `long`/`int`: zig-zag varint. Exact for |n| ≤ 2^53. */
  writeLong(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    if (n >= -0x40000000 && n < 0x40000000) {
      // 32-bit fast path.
      let z = ((n << 1) ^ (n >> 31)) >>> 0;
      while (z > 0x7f) {
        buf[pos++] = (z & 0x7f) | 0x80;
        z >>>= 7;
      }
      buf[pos++] = z;
    } else {
      let z = n >= 0 ? n * 2 : -n * 2 - 1;
      while (z > 0x7f) {
        buf[pos++] = (z % 128) | 0x80;
        z = Math.floor(z / 128);
      }
      buf[pos++] = z;
    }
    const written = pos - this.pos;
    this.pos = pos;
    this.length += written;
  }

  /** Avro `double`: 8 bytes, little-endian IEEE 754. */
  writeDouble(x: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(x, this.pos);
    this.pos += 8;
    this.length += 8;
  }

  /** Avro `string`: length (bytes) then UTF-8. */
  writeString(s: string): void {
    if (s.length <= 21) {
      // ≤ 63 UTF-8 bytes: the zig-zag length fits in one byte, so write the text first.
      this.ensure(64);
      const n = this.buf.write(s, this.pos + 1, 'utf8');
      this.buf[this.pos] = n << 1;
      this.pos += n + 1;
      this.length += n + 1;
      return;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.writeLong(n);
    if (n <= this.chunkSize) {
      this.ensure(n);
      this.buf.write(s, this.pos, 'utf8');
      this.pos += n;
      this.length += n;
    } else {
      this.writeRaw(Buffer.from(s, 'utf8'));
    }
  }

  /** Avro `bytes`: length then the bytes. */
  writeBytes(b: Uint8Array): void {
    this.writeLong(b.length);
    this.writeRaw(b);
  }

  /** Appends bytes as they are (already-encoded data). */
  writeRaw(b: Uint8Array): void {
    if (b.length === 0) return;
    if (b.length >= this.chunkSize >> 2) {
      // Large: hand it over without copying.
      this.flush();
      this.emit(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.length));
    } else {
      this.ensure(b.length);
      this.buf.set(b, this.pos);
      this.pos += b.length;
    }
    this.length += b.length;
  }
}

/** A ChunkWriter that keeps its chunks, for data whose length must be known before it is written. */
export class BufferedWriter extends ChunkWriter {
  private readonly chunks: Buffer[];

  constructor(chunkSize = 64 * 1024) {
    const chunks: Buffer[] = [];
    super((c) => chunks.push(c), chunkSize);
    this.chunks = chunks;
  }

  /** The chunks written since the last take, and resets the writer to empty. */
  take(): Buffer[] {
    this.flush();
    const out = this.chunks.splice(0, this.chunks.length);
    this.length = 0;
    return out;
  }
}
