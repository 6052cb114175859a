// Avro's binary primitives over a Buffer: zig-zag varints, lengths, skips. The hot loops in
// decode-records.ts inline the one-byte varint case and fall back to these for the rest, so
// these favour clarity and exact bounds checks over speed.

import { BlockDataError, EndOfDataError } from './errors';

/** A read position in a buffer whose every byte is data: the end is always `buf.length`. */
export class Cursor {
  constructor(
    public buf: Buffer,
    public pos: number,
  ) {}
}

function overrun(pos: number, what: string): BlockDataError {
  return new EndOfDataError(pos, what);
}

/**
 * Reads a zig-zag varint long as a JS number. Used for counts, lengths and indexes, so a value
 * beyond ±2^53 (which a number cannot hold exactly) is an error, not a rounded number.
 */
export function readLong(c: Cursor, what = 'a number'): number {
  const buf = c.buf;
  const end = buf.length;
  let pos = c.pos;
  // Low 28 bits with integer ops, the rest (up to 64 bits) as exact float multiples.
  let low = 0;
  let high = 0;
  let shift = 0;
  let b: number;
  do {
    if (pos >= end) throw overrun(c.pos, what);
    if (shift >= 70) throw new BlockDataError(c.pos, `${what} is a varint longer than 10 bytes`);
    b = buf[pos++];
    if (shift < 28) low |= (b & 0x7f) << shift;
    else high += (b & 0x7f) * 2 ** (shift - 28);
    shift += 7;
  } while (b & 0x80);
  if (high === 0) {
    c.pos = pos;
    return (low >>> 1) ^ -(low & 1);
  }
  // Unsigned u = high·2^28 + low may pass 2^53; halve it before combining (zig-zag: even u is
  // u/2, odd u is −(u+1)/2), so every value within ±(2^53 − 1) comes out exact.
  const half = high * 2 ** 27 + (low >>> 1);
  const value = low & 1 ? -(half + 1) : half;
  if (!Number.isSafeInteger(value)) throw new BlockDataError(c.pos, `${what} is too large (beyond ±2^53)`);
  c.pos = pos;
  return value;
}

/** Reads a zig-zag varint long exactly, for values (such as a `long` version) that may pass 2^53. */
export function readLongBig(c: Cursor, what = 'a long'): bigint {
  const buf = c.buf;
  let pos = c.pos;
  let n = 0n;
  let shift = 0n;
  let b: number;
  do {
    if (pos >= buf.length) throw overrun(c.pos, what);
    if (shift >= 70n) throw new BlockDataError(c.pos, `${what} is a varint longer than 10 bytes`);
    b = buf[pos++];
    n |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80);
  c.pos = pos;
  n = BigInt.asUintN(64, n);
  return (n >> 1n) ^ -(n & 1n);
}

/** Skips a varint of any size (an `int`/`long` field we do not need, e.g. a nanosecond timestamp). */
export function skipVarint(c: Cursor): void {
  const buf = c.buf;
  let pos = c.pos;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw overrun(c.pos, 'a number');
    if ((buf[pos++] & 0x80) === 0) {
      c.pos = pos;
      return;
    }
  }
  throw new BlockDataError(c.pos, 'a number is a varint longer than 10 bytes');
}

/** Reads the length prefix of bytes/string and checks that many bytes follow. */
export function readLength(c: Cursor, what: string): number {
  const at = c.pos;
  const length = readLong(c, `the length of ${what}`);
  if (length < 0) throw new BlockDataError(at, `${what} has a negative length (${length})`);
  if (c.pos + length > c.buf.length) throw overrun(at, `${what} (${length} bytes)`);
  return length;
}

/** Advances over `n` fixed bytes, checking they are there. */
export function skipFixed(c: Cursor, n: number, what: string): void {
  if (c.pos + n > c.buf.length) throw overrun(c.pos, what);
  c.pos += n;
}
