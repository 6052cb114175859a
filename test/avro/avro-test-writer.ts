// A minimal Avro writer for tests: just enough to make containers the fixtures cannot (millions
// of entries, negative array block counts, odd codecs, hand-made corruption). The fixtures from
// Python and Java, not this, are what show that the reader reads other implementations' files.

import { crc32, deflateRawSync } from 'node:zlib';
import { compressSync } from 'snappy';

export class TestEncoder {
  private buf = Buffer.allocUnsafe(1 << 16);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  /** Zig-zag varint, exact for any bigint in the signed 64-bit range. */
  long(value: number | bigint): this {
    this.room(10);
    let n = BigInt.asUintN(64, (BigInt(value) << 1n) ^ (BigInt(value) < 0n ? -1n : 0n));
    while (n >= 0x80n) {
      this.buf[this.length++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.buf[this.length++] = Number(n);
    return this;
  }

  /** A small non-negative number as a varint, fast (for bulk content). */
  smallLong(value: number): this {
    this.room(5);
    let n = value * 2;
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.length++] = n;
    return this;
  }

  string(text: string): this {
    const bytes = Buffer.from(text, 'utf8');
    return this.smallLong(bytes.length).raw(bytes);
  }

  double(value: number): this {
    this.room(8);
    this.buf.writeDoubleLE(value, this.length);
    this.length += 8;
    return this;
  }

  float(value: number): this {
    this.room(4);
    this.buf.writeFloatLE(value, this.length);
    this.length += 4;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  bytes(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

export type Codec = 'null' | 'deflate' | 'snappy';

export function compress(codec: Codec, data: Buffer): Buffer {
  if (codec === 'deflate') return deflateRawSync(data);
  if (codec === 'snappy') {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(data) >>> 0);
    return Buffer.concat([compressSync(data), crc]);
  }
  return data;
}

export interface ContainerSpec {
  schema: unknown;
  codec?: Codec;
  /** Extra metadata (avro.schema and avro.codec are added). */
  meta?: Record<string, string>;
  /** Each block: its record count and its uncompressed data. */
  blocks: { count: number; data: Buffer }[];
  sync?: Buffer;
}

export const TEST_SYNC = Buffer.from('sync-marker-0123');

export function container(spec: ContainerSpec): Buffer {
  const codec = spec.codec ?? 'null';
  const sync = spec.sync ?? TEST_SYNC;
  const e = new TestEncoder().raw(Buffer.from('Obj\x01', 'latin1'));
  const meta: Record<string, string> = { 'avro.schema': JSON.stringify(spec.schema), 'avro.codec': codec, ...spec.meta };
  e.long(Object.keys(meta).length);
  for (const [key, value] of Object.entries(meta)) e.string(key).string(value);
  e.long(0).raw(sync);
  for (const block of spec.blocks) {
    const data = compress(codec, block.data);
    e.long(block.count).long(data.length).raw(data).raw(sync);
  }
  return e.bytes();
}

const ENTRY_SCHEMA = {
  type: 'record',
  name: 'Cidr',
  fields: [
    { name: 'cidr', type: 'string' },
    { name: 'score', type: 'double' },
  ],
};
const MODEL_SCHEMA = {
  type: 'record',
  name: 'DomainModel',
  fields: [
    { name: 'domain', type: 'string' },
    { name: 'cidrs', type: { type: 'array', items: ENTRY_SCHEMA } },
  ],
};

/** The build layout exactly as the notebook's writer has it. */
export const BUILD_SCHEMA = {
  type: 'record',
  name: 'SenderModelBuild',
  fields: [
    { name: 'version', type: 'string' },
    { name: 'threshold', type: 'double' },
    { name: 'models', type: { type: 'array', items: MODEL_SCHEMA } },
  ],
};

export const ROWS_SCHEMA = MODEL_SCHEMA;

export type Models = [domain: string, entries: [cidr: string, score: number][]][];

/** One build-layout record (exact schema). `blockSize` > 0 writes arrays in blocks of that many items. */
export function buildRecord(e: TestEncoder, version: string, threshold: number, models: Models, blockSize = 0): TestEncoder {
  e.string(version).double(threshold);
  writeArray(e, models, blockSize, (m, [domain, entries]) => {
    m.string(domain);
    writeArray(m, entries, blockSize, (c, [cidr, score]) => c.string(cidr).double(score));
  });
  return e;
}

/**
 * An array in blocks; with `blockSize` > 0 each block is written the skippable way (negative
 * count, then the block's byte size), as Java's BlockingBinaryEncoder does.
 */
export function writeArray<T>(e: TestEncoder, items: T[], blockSize: number, write: (e: TestEncoder, item: T) => void): void {
  if (blockSize <= 0) {
    if (items.length > 0) {
      e.long(items.length);
      for (const item of items) write(e, item);
    }
  } else {
    for (let i = 0; i < items.length; i += blockSize) {
      const block = new TestEncoder();
      const slice = items.slice(i, i + blockSize);
      for (const item of slice) write(block, item);
      e.long(-slice.length).long(block.length).raw(block.bytes());
    }
  }
  e.long(0);
}
