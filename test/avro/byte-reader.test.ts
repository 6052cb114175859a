// Avro's zig-zag varints at their edges: the reader must decode every valid long exactly (or
// refuse it when a JS number cannot hold it), and never read past the data.

import { describe, expect, it } from 'vitest';
import { Cursor, readLength, readLong, readLongBig, skipVarint } from '../../main/avro/byte-reader';
import { BlockDataError } from '../../main/avro/errors';
import { TestEncoder } from './avro-test-writer';

const encode = (n: number | bigint): Buffer => new TestEncoder().long(n).bytes();

describe('zig-zag varints', () => {
  it.each([
    0,
    -1,
    1,
    -64,
    63,
    64,
    -65,
    127,
    128,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 31,
    2 ** 40 + 3,
    -(2 ** 45) - 7,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
  ])('readLong decodes %d exactly and moves past its bytes', (n) => {
    const bytes = Buffer.concat([encode(n), Buffer.from([0x7f])]);
    const c = new Cursor(bytes, 0);
    expect(readLong(c)).toBe(n);
    expect(c.pos).toBe(bytes.length - 1);
  });

  it.each([2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 20160822022557n])('readLongBig decodes %s exactly (a long version)', (n) => {
    const c = new Cursor(encode(n), 0);
    expect(readLongBig(c)).toBe(n);
    expect(c.pos).toBe(c.buf.length);
  });

  it('readLong refuses a value a JS number cannot hold exactly, rather than rounding it', () => {
    expect(() => readLong(new Cursor(encode(2n ** 60n), 0), 'a count')).toThrow(/a count is too large/);
  });

  it('skipVarint skips any 64-bit value, however large', () => {
    const c = new Cursor(Buffer.concat([encode(-(2n ** 63n)), encode(5)]), 0);
    skipVarint(c);
    expect(readLong(c)).toBe(5);
  });

  it.each([
    ['readLong', (c: Cursor) => readLong(c)],
    ['readLongBig', (c: Cursor) => readLongBig(c)],
    ['skipVarint', (c: Cursor) => skipVarint(c)],
  ])('%s refuses a varint cut short by the end of the data, at its first byte', (_, run) => {
    const bytes = Buffer.from([0x01, 0x80, 0x80]);
    const c = new Cursor(bytes, 1);
    expect(() => run(c)).toThrow(BlockDataError);
    try {
      run(new Cursor(bytes, 1));
    } catch (e) {
      expect((e as BlockDataError).position).toBe(1);
      expect((e as BlockDataError).message).toMatch(/the data ends inside/);
    }
  });

  it('refuses a varint longer than 10 bytes', () => {
    const c = new Cursor(Buffer.alloc(12, 0x80), 0);
    expect(() => readLong(c)).toThrow(/longer than 10 bytes/);
    expect(() => skipVarint(new Cursor(Buffer.alloc(12, 0x80), 0))).toThrow(/longer than 10 bytes/);
  });

  it('readLength refuses a negative length and a length beyond the data, at the length itself', () => {
    expect(() => readLength(new Cursor(Buffer.concat([Buffer.from([9]), encode(-3)]), 1), 'a string')).toThrow('a string has a negative length (-3)');
    const c = new Cursor(Buffer.concat([encode(5), Buffer.from('abc')]), 0);
    expect(() => readLength(c, 'a string')).toThrow('the data ends inside a string (5 bytes)');
  });
});
