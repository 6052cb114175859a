// Block compression for Avro object container files (spec, "Required Codecs"/"Optional Codecs").
// A block body receives the block's serialised records as chunks and yields the bytes to
// write after the block's count and size.

import zlib from 'node:zlib';
import { compressSync } from 'snappy';

export type AvroCodec = 'null' | 'deflate' | 'snappy';

export interface BlockBody {
  push(chunk: Buffer): void;
  /** The compressed block data as chunks, and their total size. */
  finish(): { chunks: Buffer[]; size: number };
}

/** Raw bytes above which a deflate block is compressed in pieces (see DeflateBody). */
const DEFLATE_PIECE = 8 << 20;

function concat(chunks: Buffer[], size: number): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

class NullBody implements BlockBody {
  private chunks: Buffer[] = [];
  private size = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }
  finish(): { chunks: Buffer[]; size: number } {
    return { chunks: this.chunks, size: this.size };
  }
}

/**
 * `deflate`: RFC 1951 raw deflate of the block data. A block up to DEFLATE_PIECE bytes is
 * compressed in one call (`deflateRawSync` on the concatenation). A larger one is compressed
 * piece by piece as it is produced, so the uncompressed block is never held whole: each piece
 * but the last ends with a sync flush (byte-aligned, BFINAL clear), the last with Z_FINISH,
 * and their concatenation is one valid deflate stream (as pigz does; only the 32 KiB window
 * is reset between pieces).
 */
class DeflateBody implements BlockBody {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private out: Buffer[] = [];
  private outSize = 0;
  constructor(private readonly level: number) {}
  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    if (this.pendingSize >= DEFLATE_PIECE) this.compress(zlib.constants.Z_SYNC_FLUSH);
  }
  private compress(flush: number): void {
    const raw = concat(this.pending, this.pendingSize);
    this.pending = [];
    this.pendingSize = 0;
    const z = zlib.deflateRawSync(raw, { level: this.level, finishFlush: flush });
    this.out.push(z);
    this.outSize += z.length;
  }
  finish(): { chunks: Buffer[]; size: number } {
    this.compress(zlib.constants.Z_FINISH);
    return { chunks: this.out, size: this.outSize };
  }
}

/** `snappy`: raw Snappy of the whole block, then the CRC-32 of the uncompressed data, big-endian. */
class SnappyBody implements BlockBody {
  private chunks: Buffer[] = [];
  private size = 0;
  private crc = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.crc = zlib.crc32(chunk, this.crc);
  }
  finish(): { chunks: Buffer[]; size: number } {
    const raw = concat(this.chunks, this.size);
    this.chunks = [];
    // A small output is copied into V8's heap so that the GC sees it (many blocks would
    // otherwise pile up as external memory); a big one is used as it comes.
    const z = compressSync(raw, { copyOutputData: raw.length < 64 << 20 });
    const crc = Buffer.allocUnsafe(4);
    crc.writeUInt32BE(this.crc >>> 0, 0);
    return { chunks: [z, crc], size: z.length + 4 };
  }
}

export function newBlockBody(codec: AvroCodec, deflateLevel = 6): BlockBody {
  switch (codec) {
    case 'null':
      return new NullBody();
    case 'deflate':
      return new DeflateBody(deflateLevel);
    case 'snappy':
      return new SnappyBody();
    default:
      throw new Error(`unsupported Avro codec: ${String(codec)}`);
  }
}
