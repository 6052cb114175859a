// The reader as a stream consumer: a whole build in one huge block, array blocks written the
// skippable way, cancellation, progress, and releasing its input (file handle, stream) whatever
// happens.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvroFormatError, readSenderModel } from '../../main/avro/read-sender-model';
import { PAUSE_EVERY } from '../../main/avro/decode-records';
import type { EntryWhere, SenderModelSink } from '../../shared/sender-model-sink';
import { BUILD_SCHEMA, buildRecord, container, ROWS_SCHEMA, TestEncoder, writeArray, type Codec, type Models } from './avro-test-writer';
import { CollectingSink } from './collecting-sink';
import { chunked, fixtureBytes, fixturePath, layoutOf, patched, read } from './helpers';

/** Counts without keeping anything: CollectingSink would hold millions of objects. */
class CountingSink implements SenderModelSink {
  entries = 0;
  domains = 0;
  cidrBytes = 0;
  scoreSum = 0;
  versions: (string | null)[] = [];
  constructor(private readonly onEntry?: (n: number) => void) {}
  setVersion(version: string | null): void {
    this.versions.push(version);
  }
  setThreshold(): void {}
  beginDomain(): boolean {
    this.domains++;
    return true;
  }
  addEntry(): void {
    throw new Error('the fast path must be used');
  }
  addEntryBytes(_b: Uint8Array, start: number, end: number, score: number | null, where: () => EntryWhere): void {
    this.entries++;
    this.cidrBytes += end - start;
    this.scoreSum += score ?? 0;
    if (this.entries === 1) expect(where()).toEqual({ record: 1, path: 'models[0].cidrs[0]' });
    this.onEntry?.(this.entries);
  }
  reject(): void {}
  report(): void {}
}

const BIG_ENTRIES = 2 * PAUSE_EVERY + 12_345;
const PER_DOMAIN = 25;

/** One build-layout record of BIG_ENTRIES entries: `sender-<d>.example` → `10.x.y.z` scores. */
function bigRecord(): { data: Buffer; cidrBytes: number } {
  const e = new TestEncoder().string('big-1').double(0.3);
  const domains = Math.ceil(BIG_ENTRIES / PER_DOMAIN);
  e.long(domains);
  let written = 0;
  let cidrBytes = 0;
  for (let d = 0; d < domains; d++) {
    e.string(`sender-${d}.example`);
    const n = Math.min(PER_DOMAIN, BIG_ENTRIES - written);
    e.long(n);
    for (let i = 0; i < n; i++, written++) {
      const cidr = `10.${(written >>> 16) & 255}.${(written >>> 8) & 255}.${written & 255}`;
      cidrBytes += cidr.length;
      e.string(cidr).double((written % 1000) / 1000);
    }
    e.long(0);
  }
  e.long(0);
  return { data: e.bytes(), cidrBytes };
}

let dir: string;
let big: { data: Buffer; cidrBytes: number };
const bigFiles = new Map<Codec, { path: string; bytes: Buffer }>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smw-avro-stream-'));
  big = bigRecord();
  for (const codec of ['null', 'deflate', 'snappy'] as const) {
    const bytes = container({ schema: BUILD_SCHEMA, codec, blocks: [{ count: 1, data: big.data }] });
    const path = join(dir, `big-${codec}.avro`);
    writeFileSync(path, bytes);
    bigFiles.set(codec, { path, bytes });
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a whole build in one record of one block', () => {
  it.each(['null', 'deflate', 'snappy'] as const)('is read completely from a path (%s)', async (codec) => {
    const sink = new CountingSink();
    const result = await readSenderModel(bigFiles.get(codec)!.path, sink);
    expect(result).toMatchObject({ layout: 'build', codec, records: 1, blocks: 1, bytes: bigFiles.get(codec)!.bytes.length });
    expect(sink.entries).toBe(BIG_ENTRIES);
    expect(sink.domains).toBe(Math.ceil(BIG_ENTRIES / PER_DOMAIN));
    expect(sink.cidrBytes).toBe(big.cidrBytes);
    expect(sink.versions).toEqual(['big-1']);
  });

  it.each(['null', 'deflate'] as const)('is read completely from a stream of 64 KiB chunks, an S3 body (%s)', async (codec) => {
    const sink = new CountingSink();
    const bytes = bigFiles.get(codec)!.bytes;
    await readSenderModel(chunked(bytes, 65_536), sink, { name: 'big.avro' });
    expect(sink.entries).toBe(BIG_ENTRIES);
    expect(sink.cidrBytes).toBe(big.cidrBytes);
  });

  it('a block header claiming gigabytes in a short stream is an error once the stream ends, without allocating them', async () => {
    const header = container({ schema: BUILD_SCHEMA, blocks: [] });
    const bytes = Buffer.concat([header, new TestEncoder().long(1).long(3_000_000_000).bytes(), Buffer.alloc(100)]);
    const before = process.memoryUsage().arrayBuffers;
    const error = await readSenderModel(chunked(bytes, 7), new CountingSink(), { name: 'short.avro' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AvroFormatError);
    expect((error as Error).message).toBe(
      `short.avro: byte ${header.length}: block 1 (1 record) says it has 3000000000 bytes of data and a 16-byte sync marker, ` +
        `but the file ends 100 bytes after byte ${header.length + 6}: what follows the header's sync marker is not a whole block ` +
        '(the file is truncated, or has trailing bytes)',
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100_000_000);
  });

  it('reports progress during the block, not only at its end, ending at the file size', async () => {
    const { path, bytes } = bigFiles.get('null')!;
    const progress: number[] = [];
    await readSenderModel(path, new CountingSink(), { onProgress: (n) => progress.push(n) });
    expect(progress.at(-1)).toBe(bytes.length);
    const { blocks } = layoutOf(bytes);
    const inside = progress.filter((n) => n > blocks[0].start && n < bytes.length);
    expect(inside.length).toBeGreaterThanOrEqual(2); // one per ~PAUSE_EVERY entries
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('lets the event loop run during the block (so a cancel can arrive)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await readSenderModel(bigFiles.get('null')!.path, new CountingSink());
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops with an AbortError about every million entries when aborted during the block', async () => {
    const controller = new AbortController();
    const sink = new CountingSink((n) => {
      if (n === 10) setImmediate(() => controller.abort()); // arrives as an event, like a cancel message
    });
    const error = await readSenderModel(bigFiles.get('snappy')!.path, sink, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(sink.entries).toBeGreaterThanOrEqual(PAUSE_EVERY);
    expect(sink.entries).toBeLessThan(BIG_ENTRIES);
  });
});

describe('cancelling and releasing the input', () => {
  const multiBlock = fixtureBytes('py-rows-null.avro'); // 2 blocks

  it('an already-aborted signal stops the read before anything is read', async () => {
    const sink = new CollectingSink();
    const error = await readSenderModel(fixturePath('py-rows-null.avro'), sink, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(sink.calls).toEqual([]);
  });

  it('an abort between blocks stops before the next block', async () => {
    const controller = new AbortController();
    const { blocks } = layoutOf(multiBlock);
    const sink = new CollectingSink();
    const error = await read(multiBlock, {
      sink,
      signal: controller.signal,
      onProgress: (n) => {
        if (n >= blocks[0].syncStart + 16) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(sink.domains.map((d) => d.where.record)).toEqual(Array.from({ length: blocks[0].count }, (_, i) => i + 1));
  });

  it('a stream is stopped (return() called) when the read fails part-way', async () => {
    const { blocks } = layoutOf(multiBlock);
    const bad = patched(multiBlock, blocks[0].syncStart, [multiBlock[blocks[0].syncStart] ^ 1]);
    let finished = false;
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < bad.length; i += 16) {
          pulled++;
          yield bad.subarray(i, i + 16);
        }
      } finally {
        finished = true;
      }
    }
    await expect(readSenderModel(source(), new CollectingSink(), { name: 'bad.avro' })).rejects.toThrow(AvroFormatError);
    expect(finished).toBe(true);
    expect(pulled).toBeLessThan(Math.ceil(bad.length / 16));
  });

  it.runIf(process.platform === 'linux')('the file handle is closed after a successful and after a failed read', async () => {
    const fds = (): number => readdirSync('/proc/self/fd').length;
    const before = fds();
    await readSenderModel(fixturePath('py-rows-null.avro'), new CollectingSink());
    const path = join(dir, 'truncated.avro');
    writeFileSync(path, multiBlock.subarray(0, multiBlock.length - 5));
    await expect(readSenderModel(path, new CollectingSink())).rejects.toThrow(AvroFormatError);
    expect(fds()).toBe(before);
  });

  it('a missing file is the file system error, not a format error', async () => {
    await expect(readSenderModel(join(dir, 'missing.avro'), new CollectingSink())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a stream of text chunks (a stream with an encoding set) is refused with a clear TypeError', async () => {
    async function* text(): AsyncGenerator<Uint8Array> {
      yield 'Obj' as unknown as Uint8Array;
    }
    await expect(readSenderModel(text(), new CollectingSink())).rejects.toThrow(/gave a string chunk; expected bytes/);
  });
});

describe('arrays written in blocks', () => {
  const models: Models = [
    [
      'a.example',
      [
        ['192.0.2.1', 0.1],
        ['192.0.2.2', 0.2],
        ['192.0.2.3', 0.3],
      ],
    ],
    ['b.example', []],
    [
      'c.example',
      [
        ['2001:db8::1', 0.9],
        ['2001:db8::2', 0.8],
        ['2001:db8::3', 0.7],
        ['2001:db8::4', 0.6],
        ['2001:db8::5', 0.5],
      ],
    ],
  ];

  it.each([1, 2, 4])('negative counts with byte sizes (blocks of %i) read the same as one plain block', async (blockSize) => {
    const plain = container({ schema: BUILD_SCHEMA, blocks: [{ count: 1, data: buildRecord(new TestEncoder(), 'v', 0.5, models).bytes() }] });
    const blocked = container({ schema: BUILD_SCHEMA, blocks: [{ count: 1, data: buildRecord(new TestEncoder(), 'v', 0.5, models, blockSize).bytes() }] });
    const a = await read(plain);
    const b = await read(blocked);
    expect(b.sink.calls).toEqual(a.sink.calls);
    expect(b.sink.entries.map((e) => e.where)).toEqual(a.sink.entries.map((e) => e.where));
    expect(a.sink.content()['c.example']).toHaveLength(5);
  });

  it('the generic decoder (score as a union) reads blocked arrays too', async () => {
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'domain', type: 'string' },
        {
          name: 'cidrs',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'C',
              fields: [
                { name: 'cidr', type: 'string' },
                { name: 'score', type: ['null', 'double'] },
              ],
            },
          },
        },
      ],
    };
    const e = new TestEncoder().string('a.example');
    writeArray(
      e,
      [
        ['192.0.2.1', 0.5],
        ['192.0.2.2', null],
      ] as [string, number | null][],
      1,
      (x, [cidr, score]) => {
        x.string(cidr);
        if (score === null) x.long(0);
        else x.long(1).double(score);
      },
    );
    const { sink } = await read(container({ schema, blocks: [{ count: 1, data: e.bytes() }] }));
    expect(sink.content()).toEqual({
      'a.example': [
        ['192.0.2.1', 0.5],
        ['192.0.2.2', null],
      ],
    });
  });

  it('skipped fields written in blocks are jumped over by their byte size', async () => {
    const schema = {
      ...ROWS_SCHEMA,
      fields: [...ROWS_SCHEMA.fields, { name: 'history', type: { type: 'array', items: { type: 'map', values: 'string' } } }],
    };
    const e = new TestEncoder().string('a.example').long(1).string('192.0.2.1').double(0.25).long(0);
    // history: one block of 2 maps, written with a negative count and its byte size.
    const block = new TestEncoder().long(1).string('k').string('v').long(0).long(0);
    e.long(-2).long(block.length).raw(block.bytes()).long(0);
    const { sink } = await read(container({ schema, blocks: [{ count: 1, data: e.bytes() }] }));
    expect(sink.content()).toEqual({ 'a.example': [['192.0.2.1', 0.25]] });
  });
});
