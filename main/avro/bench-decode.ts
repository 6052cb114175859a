// Micro-benchmark of the sender-model Avro reader: writes a build-layout file of ~2M entries in
// ONE record and ONE block (the shape of a real build) with each codec, under the plain schema and
// the Spark-style one (every field, array and item a `[T, "null"]` union), to the temp folder,
// reads it back into a sink that only counts, and prints entries per second. The sink's own work
// (normalising, storing) is not measured here.
//
//   npx tsx main/avro/bench-decode.ts [entries]

import { writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { compressSync } from 'snappy';
import type { EntryWhere, SenderModelSink } from '../../shared/sender-model-sink';
import type { Problem } from '../../shared/types';
import { readSenderModel } from './read-sender-model';

const PLAIN_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'SenderModelBuild',
  fields: [
    { name: 'version', type: 'string' },
    { name: 'threshold', type: 'double' },
    {
      name: 'models',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'DomainModel',
          fields: [
            { name: 'domain', type: 'string' },
            {
              name: 'cidrs',
              type: {
                type: 'array',
                items: {
                  type: 'record',
                  name: 'Cidr',
                  fields: [
                    { name: 'cidr', type: 'string' },
                    { name: 'score', type: 'double' },
                  ],
                },
              },
            },
          ],
        },
      },
    },
  ],
});

/**
 * What Spark writes for the same data: every field, array and item a `[T, "null"]` union. Also
 * the schema of test/bench/ingest-variants.ts's Spark-style files.
 */
export const SPARK_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'topLevelRecord',
  fields: [
    { name: 'version', type: ['string', 'null'] },
    { name: 'threshold', type: ['double', 'null'] },
    {
      name: 'models',
      type: [
        {
          type: 'array',
          items: [
            {
              type: 'record',
              name: 'models',
              namespace: 'topLevelRecord',
              fields: [
                { name: 'domain', type: ['string', 'null'] },
                {
                  name: 'cidrs',
                  type: [
                    {
                      type: 'array',
                      items: [
                        {
                          type: 'record',
                          name: 'cidrs',
                          namespace: 'topLevelRecord.models',
                          fields: [
                            { name: 'cidr', type: ['string', 'null'] },
                            { name: 'score', type: ['double', 'null'] },
                          ],
                        },
                        'null',
                      ],
                    },
                    'null',
                  ],
                },
              ],
            },
            'null',
          ],
        },
        'null',
      ],
    },
  ],
});

type Style = 'plain' | 'spark';

/** Just enough of an Avro binary encoder for this file. */
class Encoder {
  private buf = Buffer.allocUnsafe(1 << 20);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  long(value: number): void {
    this.room(10);
    let n = value >= 0 ? value * 2 : -value * 2 - 1; // zig-zag, exact for |value| < 2^52
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  string(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.long(bytes.length);
    this.raw(bytes);
  }

  double(value: number): void {
    this.room(8);
    this.buf.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

function buildRecord(entries: number, perDomain: number, style: Style): Buffer {
  const e = new Encoder();
  // Spark-style: the branch index 0 (the value, not null) before every field, array and item.
  const present = style === 'spark' ? () => e.long(0) : () => {};
  present();
  e.string('bench-1');
  present();
  e.double(0.3);
  const domains = Math.ceil(entries / perDomain);
  present();
  e.long(domains);
  let written = 0;
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let d = 0; d < domains; d++) {
    present();
    present();
    e.string(`sender-${d}.example.com`);
    const n = Math.min(perDomain, entries - written);
    present();
    e.long(n);
    for (let i = 0; i < n; i++) {
      const a = (written + i) >>> 0;
      const cidr =
        i % 4 === 3 ? `${10 + (a >>> 24)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.0/24` : `${10 + (a >>> 24)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
      present();
      present();
      e.string(cidr);
      present();
      e.double(random());
    }
    if (n > 0) e.long(0);
    written += n;
  }
  e.long(0);
  return e.bytes();
}

function container(codec: 'null' | 'deflate' | 'snappy', record: Buffer, schema: string): Buffer {
  let data: Buffer;
  if (codec === 'deflate') data = deflateRawSync(record, { level: 6 });
  else if (codec === 'snappy') {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(record) >>> 0);
    data = Buffer.concat([compressSync(record), crc]);
  } else data = record;
  const sync = Buffer.from('0123456789abcdef');
  const e = new Encoder();
  e.raw(Buffer.from('Obj\x01', 'latin1'));
  e.long(2);
  e.string('avro.schema');
  e.string(schema);
  e.string('avro.codec');
  e.string(codec);
  e.long(0);
  e.raw(sync);
  e.long(1);
  e.long(data.length);
  e.raw(data);
  e.raw(sync);
  return e.bytes();
}

class CountingSink implements SenderModelSink {
  entries = 0;
  domains = 0;
  cidrBytes = 0;
  scoreSum = 0;
  setVersion(): void {}
  setThreshold(): void {}
  beginDomain(_domain: string, _where: EntryWhere): boolean {
    this.domains++;
    return true;
  }
  addEntry(cidr: string, score: number | null): void {
    this.entries++;
    this.cidrBytes += cidr.length;
    this.scoreSum += score ?? 0;
  }
  addEntryBytes(_bytes: Uint8Array, start: number, end: number, score: number | null): void {
    this.entries++;
    this.cidrBytes += end - start;
    this.scoreSum += score ?? 0;
  }
  reject(): void {}
  report(_problem: Problem): void {}
}

/** Best time of `runs` reads, in seconds; checks every entry arrived. */
async function best(runs: number, entries: number, readOnce: (sink: CountingSink) => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let run = 0; run < runs; run++) {
    const sink = new CountingSink();
    const started = process.hrtime.bigint();
    await readOnce(sink);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (sink.entries !== entries) throw new Error(`decoded ${sink.entries} entries, wrote ${entries}`);
    fastest = Math.min(fastest, seconds);
  }
  return fastest;
}

async function main(): Promise<void> {
  const entries = Number(process.argv[2] ?? 2_000_000);
  const rate = (seconds: number): string => `${(seconds * 1000).toFixed(0).padStart(5)} ms ${(entries / seconds / 1e6).toFixed(2).padStart(6)} M entries/s`;
  for (const style of ['plain', 'spark'] as const) {
    const record = buildRecord(entries, Number(process.argv[3] ?? 20), style);
    console.log(`${style} schema, one record, one block: ${entries.toLocaleString('en')} entries, ${(record.length / 1e6).toFixed(1)} MB uncompressed`);
    console.log('codec     file MB   from file (read+inflate+decode)   from memory (inflate+decode)');
    for (const codec of ['null', 'deflate', 'snappy'] as const) {
      const bytes = container(codec, record, style === 'spark' ? SPARK_SCHEMA : PLAIN_SCHEMA);
      const path = join(tmpdir(), `smw-bench-${process.pid}-${codec}.avro`);
      writeFileSync(path, bytes);
      try {
        const fromFile = await best(5, entries, (sink) => readSenderModel(path, sink));
        const fromMemory = await best(5, entries, (sink) =>
          readSenderModel(
            (async function* () {
              yield bytes;
            })(),
            sink,
          ),
        );
        console.log(`${codec.padEnd(8)} ${(statSync(path).size / 1e6).toFixed(1).padStart(7)}   ${rate(fromFile)}          ${rate(fromMemory)}`);
      } finally {
        rmSync(path, { force: true });
      }
    }
  }
  console.log('(null codec from memory = the record decoder alone; the sink here only counts)');
}

// Run, not imported (test/bench/ingest-variants.ts takes SPARK_SCHEMA from here).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
