// A big snappy block is read in pieces cut where the reference compressor starts a 64 KiB
// fragment; a piece that refers back before its start (another compressor may) is decompressed
// from the output before it; and the block's CRC-32 is still checked, at its end.

import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILD_SCHEMA, buildRecord, compress, container, TestEncoder, type Models } from './avro-test-writer';
import { AvroFormatError } from '../../main/avro/read-sender-model';
import { read } from './helpers';

const models = (n: number, tag: string): Models =>
  Array.from({ length: n }, (_, d) => [
    `${tag}-${d}.example`,
    Array.from({ length: 12 }, (_, i) => [`10.${d & 255}.${i}.${(d >> 8) & 255}`, ((d * 12 + i) % 97) / 97] as [string, number]),
  ]);

/**
 * A raw snappy stream: a literal of `literal`, then 64-byte copies reaching `distance` back for
 * `copied` bytes, then `tail`; and the offset of its first copy.
 */
function snappyWithFarCopies(literal: Buffer, distance: number, copied: number, tail: Buffer): { stream: Buffer; firstCopy: number } {
  const parts: Buffer[] = [];
  const varint = (n: number): Buffer => {
    const bytes: number[] = [];
    for (; n >= 0x80; n = Math.floor(n / 0x80)) bytes.push((n % 0x80) | 0x80);
    bytes.push(n);
    return Buffer.from(bytes);
  };
  const lit = (b: Buffer): void => {
    const header = Buffer.alloc(5);
    header[0] = 62 << 2; // literal, length in the next 3 bytes
    header.writeUIntLE(b.length - 1, 1, 3);
    parts.push(header.subarray(0, 4), b);
  };
  parts.push(varint(literal.length + copied + tail.length));
  lit(literal);
  const firstCopy = parts.reduce((n, p) => n + p.length, 0);
  for (let left = copied; left > 0; left -= 64) {
    const n = Math.min(64, left);
    const copy = Buffer.alloc(5);
    copy[0] = ((n - 1) << 2) | 3; // copy with a 4-byte offset
    copy.writeUInt32LE(distance, 1);
    parts.push(copy);
  }
  if (tail.length > 0) lit(tail);
  return { stream: Buffer.concat(parts), firstCopy };
}

/** An Avro snappy block's stored data: the stream, then the CRC-32 of the data. */
function snappyBlock(stream: Buffer, data: Buffer): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data) >>> 0);
  return Buffer.concat([stream, crc]);
}

/** A container whose one block's stored data is given as is (the codec says snappy). */
function rawSnappyContainer(stored: Buffer): Buffer {
  const header = container({ schema: BUILD_SCHEMA, codec: 'null', blocks: [] });
  const withCodec = Buffer.from(header.toString('latin1').replace('avro.codec\x08null', 'avro.codec\x0csnappy'), 'latin1');
  const sync = withCodec.subarray(withCodec.length - 16);
  return Buffer.concat([withCodec, new TestEncoder().long(1).long(stored.length).bytes(), stored, sync]);
}

describe('snappy blocks in pieces', () => {
  // The models array written twice: the second copy is 64-byte copies from the first, far back.
  const once = new TestEncoder();
  buildRecord(once, 'v1', 0.3, models(900, 'far'));
  const record = once.bytes(); // version, threshold, the models block, the closing 0
  const head = new TestEncoder().string('v1').double(0.3).bytes();
  const block = record.subarray(head.length, record.length - 1);
  const data = Buffer.concat([head, block, block, Buffer.from([0])]);

  const far = () => snappyWithFarCopies(Buffer.concat([head, block]), block.length, block.length, Buffer.from([0]));

  /** The error of reading `bytes` in windows of 4 KiB (so the block is read in pieces). */
  const failure = (bytes: Buffer) =>
    read(bytes, { name: 'bad.avro', chunk: 999, window: 4096 }).then(
      () => null,
      (e: unknown) => e as AvroFormatError,
    );

  it('reads a block whose copies refer further back than a piece, from the output kept before it', async () => {
    expect(block.length).toBeGreaterThan(65_536 + 4096); // so the copies cross a 64 KiB cut
    const bytes = rawSnappyContainer(snappyBlock(far().stream, data));
    const whole = await read(bytes, { name: 'far.avro', chunk: 65_536 });
    for (const window of [4096, 10_000, 65_536]) {
      const { sink } = await read(bytes, { name: 'far.avro', chunk: 4093, window });
      expect(sink.calls).toEqual(whole.sink.calls);
    }
    expect(whole.sink.entries).toHaveLength(2 * 900 * 12);
    expect(whole.sink.content()['far-899.example']).toHaveLength(24);
  });

  it('reads a block from the snappy compressor in pieces it cuts at 64 KiB marks, the same as whole', async () => {
    const bytes = rawSnappyContainer(compress('snappy', data));
    const whole = await read(bytes, { name: 'cut.avro', chunk: 65_536 });
    const { sink } = await read(bytes, { name: 'cut.avro', chunk: 1000, window: 8192 });
    expect(sink.calls).toEqual(whole.sink.calls);
  });

  it('checks the CRC-32 of a block read in pieces, at its end', async () => {
    const stored = compress('snappy', data);
    stored.writeUInt32BE((stored.readUInt32BE(stored.length - 4) ^ 1) >>> 0, stored.length - 4);
    const e = await failure(rawSnappyContainer(stored));
    expect(e).toBeInstanceOf(AvroFormatError);
    expect(e!.message).toMatch(
      /^bad\.avro: byte \d+: block 1: snappy block checksum does not match: the block says CRC-32 0x[0-9a-f]{8}, its \d+ decompressed bytes have 0x[0-9a-f]{8}$/,
    );
  });

  it.each([
    [
      'a copy reaching before the data',
      (s: { stream: Buffer; firstCopy: number }) => {
        s.stream.writeUInt32LE(0x7fffffff, s.firstCopy + 1);
        return s.stream;
      },
      /block 1: snappy data is corrupt \(a copy at byte \d+ refers 2147483647 bytes back, before the data's start\)/,
    ],
    [
      'a stream that makes fewer bytes than its preamble says',
      (s: { stream: Buffer }) => Buffer.concat([Buffer.from([0xff, 0xff, 0x7f]), s.stream.subarray(3)]),
      /block 1: snappy data is corrupt \(it makes \d+ bytes, its preamble says 2097151\)/,
    ],
  ])('refuses %s, at the block', async (_, mutate, message) => {
    const e = await failure(rawSnappyContainer(snappyBlock(mutate(far()), data)));
    expect(e).toBeInstanceOf(AvroFormatError);
    expect(e!.message).toMatch(message);
  });
});
