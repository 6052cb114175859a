// Our streaming Avro reader against avsc on the shape that matters: a build of N entries in ONE
// record of ONE block (the seed layout), null and deflate codecs. Each reader runs in a child
// process of its own, so that its peak RSS (VmHWM, see ingest.ts) is its own:
//   - ours: readSenderModel into a sink that only counts (no normalising, no storing);
//   - avsc, streaming: avsc.createFileDecoder (its BlockDecoder over a file stream), counting
//     the entries of each decoded record;
//   - avsc, whole: the block's data read and inflated whole, then Type.fromBuffer — avsc's best
//     case (no stream).
// Every reader must count the same entries and cidr bytes.
//
//   npx tsx test/bench/avro-vs-avsc.ts [entries]        # default 10,000,000

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import avsc from 'avsc';
import { writeSenderModelAvro, type AvroCodec, type SenderModelDomain, type SenderModelEntry } from '../../main/avro-writer/index';
import { readSenderModel } from '../../main/avro/read-sender-model';
import { readContainer } from '../demo/avro-helpers';
import { peakRssMB } from './ingest';
import type { SenderModelSink } from '../../shared/sender-model-sink';

type Reader = 'ours' | 'avsc-stream' | 'avsc-whole';
interface Measured {
  reader: Reader;
  codec: AvroCodec;
  /** Null when the reader was stopped at the time limit. */
  ms: number | null;
  maxRssMB: number;
  entries: number;
  cidrBytes: number;
}

const PER_DOMAIN = 20;

function* models(entries: number): Generator<SenderModelDomain> {
  const entry: SenderModelEntry = { cidr: '', score: 0 };
  for (let written = 0, d = 0; written < entries; d++) {
    const n = Math.min(PER_DOMAIN, entries - written);
    const first = written;
    written += n;
    yield {
      domain: `sender-${d}.example.com`,
      cidrs: {
        *[Symbol.iterator]() {
          for (let i = 0; i < n; i++) {
            const a = first + i;
            entry.cidr =
              i % 4 === 3
                ? `${10 + (a >>> 24)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.0/24`
                : `${10 + (a >>> 24)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
            entry.score = (a % 1000) / 1000;
            yield entry;
          }
        },
      },
    };
  }
}

class CountingSink implements SenderModelSink {
  entries = 0;
  cidrBytes = 0;
  setVersion(): void {}
  setThreshold(): void {}
  beginDomain(): boolean {
    return true;
  }
  addEntry(cidr: string): void {
    this.entries++;
    this.cidrBytes += cidr.length;
  }
  addEntryBytes(_b: Uint8Array, start: number, end: number): void {
    this.entries++;
    this.cidrBytes += end - start;
  }
  reject(): void {}
  report(): void {}
}

type Build = { models: { domain: string; cidrs: { cidr: string; score: number }[] }[] };

function count(record: Build, into: { entries: number; cidrBytes: number }): void {
  for (const m of record.models) {
    into.entries += m.cidrs.length;
    for (const c of m.cidrs) into.cidrBytes += c.cidr.length;
  }
}

async function runChild(reader: Reader, file: string, codec: AvroCodec): Promise<Measured> {
  const got = { entries: 0, cidrBytes: 0 };
  const t0 = performance.now();
  if (reader === 'ours') {
    const sink = new CountingSink();
    await readSenderModel(file, sink);
    got.entries = sink.entries;
    got.cidrBytes = sink.cidrBytes;
  } else if (reader === 'avsc-stream') {
    await new Promise<void>((resolve, reject) => {
      avsc
        .createFileDecoder(file)
        .on('data', (record: Build) => count(record, got))
        .on('error', reject)
        .on('end', resolve);
    });
  } else {
    // The file read and split by an independent container reader, its one block decompressed.
    const { meta, blocks } = readContainer(file);
    const schema = JSON.parse(meta.get('avro.schema')!.toString('utf8')) as avsc.Schema;
    count(avsc.Type.forSchema(schema).fromBuffer(blocks[0].data) as Build, got);
  }
  const ms = performance.now() - t0;
  return { reader, codec, ms, maxRssMB: peakRssMB(), ...got };
}

/** A reader still running after this long is stopped (avsc's stream decoder is quadratic in the block size). */
const LIMIT_MS = 120_000;

function measure(reader: Reader, file: string, codec: AvroCodec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', reader, file, codec], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      child.kill();
    }, LIMIT_MS);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stopped) resolve({ reader, codec, ms: null, maxRssMB: NaN, entries: NaN, cidrBytes: NaN });
      else if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as Measured);
      else reject(new Error(`${reader} ${codec} exited ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const entries = Number(process.argv[2] ?? 10_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-avsc-'));
  try {
    const rows: Measured[] = [];
    for (const codec of ['null', 'deflate'] as AvroCodec[]) {
      const file = path.join(dir, `build-${codec}.avro`);
      writeSenderModelAvro(file, { layout: 'build', codec, version: 'bench-1', threshold: 0.3, models: models(entries), deflateLevel: 1 });
      process.stderr.write(
        `${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, ${entries.toLocaleString('en')} entries in one record of one block\n`,
      );
      for (const reader of ['ours', 'avsc-whole', 'avsc-stream'] as Reader[]) rows.push(await measure(reader, file, codec));
    }
    const first = rows[0];
    for (const r of rows)
      if (r.ms !== null && (r.entries !== first.entries || r.cidrBytes !== first.cidrBytes))
        throw new Error(`${r.reader} ${r.codec} counted ${r.entries} entries / ${r.cidrBytes} cidr bytes, ours ${first.entries} / ${first.cidrBytes}`);
    process.stdout.write(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
    process.stdout.write('reader       codec     time s  peak RSS MB  entries\n');
    for (const r of rows) {
      const time = r.ms === null ? `> ${LIMIT_MS / 1000} (stopped)` : (r.ms / 1000).toFixed(2);
      process.stdout.write(
        `${r.reader.padEnd(12)} ${r.codec.padEnd(8)} ${time.padStart(7)}  ${String(r.ms === null ? '—' : r.maxRssMB).padStart(11)}  ${r.ms === null ? '—' : r.entries.toLocaleString('en')}\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await runChild(process.argv[3] as Reader, process.argv[4], process.argv[5] as AvroCodec))}\n`);
} else {
  await main();
}
