// An Avro snappy block is one raw snappy stream (then the CRC-32 of its data), which snappy's
// libraries only decompress whole: a 20M-entry build's one block then needs its stored bytes and
// its whole decompressed data (≈ 770 MB) in memory at once. But the reference compressor (C++
// snappy, behind snappy-java, python-snappy and Hadoop; Rust's snap and Go's snappy alike)
// compresses its input in 64 KiB fragments, each referring to nothing before it. So the stream
// can be cut at element boundaries on 64 KiB output marks into pieces that decompress on their own,
// natively; this scanner walks the elements (tags and lengths, without copying any data) to find
// those cuts, and checks each piece: one that refers back before its start (another compressor)
// is decompressed here in JS from the output before it instead.

import { CodecError } from './codecs';

/** A run of the element stream and the output it makes. Offsets in the block's stored data. */
export interface SnappyPiece {
  start: number;
  end: number;
  outStart: number;
  outEnd: number;
  /** No copy in it refers to output before `outStart`: it decompresses on its own. */
  selfContained: boolean;
}

const FRAGMENT = 1 << 16;

export class SnappyScanner {
  /** Bytes of data the block says it holds (its preamble), once read. */
  total = -1;
  /** The next element's offset, and the output made before it. */
  private pos = 0;
  private out = 0;
  private pieceStart = -1;
  private pieceOut = 0;
  private minRef = Infinity;

  /** `end`: where the element stream ends (before the CRC); `window`: output per piece, about. */
  constructor(
    private readonly end: number,
    private readonly window: number,
  ) {}

  get done(): boolean {
    return this.total >= 0 && this.pos === this.end;
  }

  /**
   * Scans from where it stopped through `buf` (the stored data from offset `base` on) to the end
   * of the next piece: the piece, or null when `buf` ends first (call again with more).
   */
  scan(buf: Buffer, base: number): SnappyPiece | null {
    if (this.total < 0 && !this.preamble(buf, base)) return null;
    if (this.pieceStart < 0) {
      this.pieceStart = this.pos;
      this.pieceOut = this.out;
      this.minRef = Infinity;
    }
    const length = buf.length;
    const { window, total } = this;
    const stop = this.end - base; // where the elements end, as an index in buf
    const pieceOut = this.pieceOut;
    // Indexes in buf from here on; written back to the fields at every exit.
    let i = this.pos - base;
    let out = this.out;
    let minRef = this.minRef;
    let complete = false;
    // Pieces end on a 64 KiB output mark once `window` bytes long, or anywhere at 4 windows.
    let check = pieceOut + window;
    const anywhere = pieceOut + 4 * window;
    const safe = length - 5; // below this every element's header is in buf
    while (i < stop) {
      if (i > safe && !headerFits(buf, i, length)) break;
      const tag = buf[i];
      const type = tag & 3;
      if (type === 0) {
        const code = tag >>> 2;
        if (code < 60) {
          out += code + 1;
          i += code + 2;
        } else {
          const extra = code - 59;
          let size = buf[i + 1];
          if (extra > 1) size += buf[i + 2] * 0x100;
          if (extra > 2) size += buf[i + 3] * 0x10000;
          if (extra > 3) size += buf[i + 4] * 0x1000000;
          out += size + 1;
          i += extra + size + 2;
        }
      } else {
        let offset: number;
        let size: number;
        if (type === 1) {
          size = ((tag >>> 2) & 7) + 4;
          offset = ((tag & 0xe0) << 3) | buf[i + 1];
          i += 2;
        } else if (type === 2) {
          size = (tag >>> 2) + 1;
          offset = buf[i + 1] | (buf[i + 2] << 8);
          i += 3;
        } else {
          size = (tag >>> 2) + 1;
          offset = (buf[i + 1] | (buf[i + 2] << 8) | (buf[i + 3] << 16)) + buf[i + 4] * 0x1000000;
          i += 5;
        }
        const from = out - offset;
        if (offset === 0 || from < 0)
          throw new CodecError(`snappy data is corrupt (a copy at byte ${base + i} refers ${offset} bytes back, before the data's start)`);
        if (from < minRef) minRef = from;
        out += size;
      }
      if (out >= check) {
        if (out % FRAGMENT === 0 || out >= anywhere) {
          complete = true;
          break;
        }
        check = out + 1;
      }
    }
    if (i > stop) throw new CodecError('snappy data is corrupt (an element runs past the end of the block)');
    if (out > total) throw new CodecError(`snappy data is corrupt (it makes more than the ${total} bytes its preamble says)`);
    this.pos = base + i;
    this.out = out;
    this.minRef = minRef;
    if (!complete && i < stop) return null; // buf ended first
    if (i === stop && out !== total) throw new CodecError(`snappy data is corrupt (it makes ${out} bytes, its preamble says ${total})`);
    const piece: SnappyPiece = { start: this.pieceStart, end: this.pos, outStart: pieceOut, outEnd: out, selfContained: minRef >= pieceOut };
    this.pieceStart = -1;
    return piece;
  }

  /** The uncompressed length, a varint of at most 5 bytes at the start of the stream. */
  private preamble(buf: Buffer, base: number): boolean {
    let n = 0;
    for (let i = 0; i < 5; i++) {
      if (i - base >= buf.length || i >= this.end) return false;
      const b = buf[i - base];
      n += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) {
        this.total = n;
        this.pos = i + 1;
        return true;
      }
    }
    throw new CodecError('snappy data is corrupt (its length preamble is longer than 5 bytes)');
  }
}

/** Whether the element at `i` has its whole header (tag and length or offset bytes) before `length`. */
function headerFits(buf: Buffer, i: number, length: number): boolean {
  if (i >= length) return false;
  const tag = buf[i];
  const type = tag & 3;
  const header = type === 0 ? (tag >>> 2 < 60 ? 1 : 1 + (tag >>> 2) - 59) : type === 1 ? 2 : type === 2 ? 3 : 5;
  return i + header <= length;
}

/** The varint preamble that makes a piece a snappy stream of its own. */
export function snappyPreamble(length: number): Buffer {
  const bytes: number[] = [];
  let n = length;
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/**
 * Decompresses a piece that refers back before its start, from `history` (the output just
 * before it); a copy reaching further back than `history` is an error.
 */
export function decompressPiece(elements: Buffer, outLength: number, history: Buffer): Buffer {
  const out = Buffer.allocUnsafe(history.length + outLength);
  history.copy(out, 0);
  let o = history.length;
  let p = 0;
  while (p < elements.length) {
    const tag = elements[p];
    let length: number;
    let offset = 0;
    switch (tag & 3) {
      case 0: {
        const code = tag >>> 2;
        p++;
        if (code < 60) length = code + 1;
        else {
          length = 0;
          for (let i = code - 59; i >= 1; i--) length = length * 256 + elements[p + i - 1];
          p += code - 59;
          length += 1;
        }
        elements.copy(out, o, p, p + length);
        p += length;
        o += length;
        continue;
      }
      case 1:
        length = ((tag >>> 2) & 7) + 4;
        offset = ((tag >>> 5) << 8) | elements[p + 1];
        p += 2;
        break;
      case 2:
        length = (tag >>> 2) + 1;
        offset = elements.readUInt16LE(p + 1);
        p += 3;
        break;
      default:
        length = (tag >>> 2) + 1;
        offset = elements.readUInt32LE(p + 1);
        p += 5;
    }
    const from = o - offset;
    if (from < 0) {
      throw new CodecError(
        `a snappy copy refers ${offset} bytes back, further than this reader keeps (${history.length} bytes) while it reads a block in pieces`,
      );
    }
    if (offset >= length) out.copyWithin(o, from, from + length);
    else for (let i = 0; i < length; i++) out[o + i] = out[from + i];
    o += length;
  }
  if (o !== out.length) throw new CodecError(`snappy data is corrupt (a piece makes ${o - history.length} bytes, ${outLength} expected)`);
  return out.subarray(history.length);
}
