// Ingest side by side, in one bench run: the same skewed build in the seed layout (one record, one
// block) under the plain schema and under the Spark-style one (`topLevelRecord`, every field,
// array and item a `[T, "null"]` union), with the null, deflate and snappy codecs. Each import runs
// in its own child process (measureIngest), the files alternating run by run so that the load of
// a shared machine falls on all of them alike, and the best run of each is compared (on a machine
// shared with other test runs a run is only ever slowed down, so the fastest is the least
// disturbed; a median of a few is not robust to that):
//   - Spark-style against plain, same codec: the decode plan's union handling (target ≥ 0.85);
//   - deflate against null, plain schema: inflating in windows on the thread pool while the
//     decoder works (target ≥ 0.90).
// The Spark-style files are written here (from the generator's build, same seed, so the same
// entries as the plain files) and cached beside the plain ones.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BufferedWriter, ChunkWriter } from '../../main/avro-writer/encoder';
import { newBlockBody, type AvroCodec } from '../../main/avro-writer/codec';
import { encodeHeader, syncMarker } from '../../main/avro-writer/index';
import { SPARK_SCHEMA } from '../../main/avro/bench-decode';
import { generateBuild, modelsOf, writeBuild, type GeneratedBuild } from './generate';
import { measureIngest, PROJECT_ROOT, type IngestResult } from './ingest';
import { SIZES, type BenchSize, type SizeName } from './sizes';

export type SchemaStyle = 'plain' | 'spark';

export interface VariantRow {
  schema: SchemaStyle;
  codec: AvroCodec;
  file: string;
  fileMB: number;
  entries: number;
  /** Entries per second of each run, in run order, and the best of them. */
  runs: number[];
  bestPerSec: number;
  /** The largest peak RSS over the runs. */
  maxRssMB: number;
  result: IngestResult;
}

export interface VariantCheck {
  what: string;
  ratio: number;
  target: number;
  met: boolean;
}

export interface IngestVariants {
  runs: number;
  rows: VariantRow[];
  checks: VariantCheck[];
}

/** Items per Avro array block, as main/avro-writer writes them. */
const MODELS_PER_BLOCK = 1000;
const CIDRS_PER_BLOCK = 4096;

/**
 * The build in the seed layout under SPARK_SCHEMA: one record, one block, each value preceded by
 * its union branch (0: the value). Streams through the codec's block body, never one object per
 * entry.
 */
export function writeSparkBuild(build: GeneratedBuild, file: string, codec: AvroCodec): void {
  const body = newBlockBody(codec, 1);
  const w = new ChunkWriter((c) => body.push(c));
  w.writeLong(0);
  w.writeString(build.version);
  w.writeLong(0);
  w.writeDouble(build.threshold);
  w.writeLong(0);
  const pending = new BufferedWriter();
  const cidrs = new BufferedWriter();
  let models = 0;
  const flushModels = (): void => {
    if (models === 0) return;
    w.writeLong(models);
    for (const c of pending.take()) w.writeRaw(c);
    models = 0;
  };
  for (const model of modelsOf(build)) {
    pending.writeLong(0);
    pending.writeLong(0);
    pending.writeString(model.domain);
    pending.writeLong(0);
    let n = 0;
    const flushCidrs = (): void => {
      pending.writeLong(n);
      for (const c of cidrs.take()) pending.writeRaw(c);
      n = 0;
    };
    for (const e of model.cidrs) {
      cidrs.writeLong(0);
      cidrs.writeLong(0);
      cidrs.writeString(e.cidr);
      cidrs.writeLong(0);
      cidrs.writeDouble(e.score!);
      if (++n === CIDRS_PER_BLOCK) flushCidrs();
    }
    if (n > 0) flushCidrs();
    pending.writeLong(0);
    if (++models === MODELS_PER_BLOCK) flushModels();
  }
  flushModels();
  w.writeLong(0);
  w.flush();
  const { chunks, size } = body.finish();

  const sync = syncMarker(`spark|${codec}|${build.version}`);
  const blockHeader = new BufferedWriter(32);
  blockHeader.writeLong(1);
  blockHeader.writeLong(size);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const c of [encodeHeader(SPARK_SCHEMA, codec, [], sync), ...blockHeader.take(), ...chunks, sync]) fs.writeSync(fd, c);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

const SOURCES = [
  'test/bench/ingest-variants.ts',
  'test/bench/generate.ts',
  'test/bench/prng.ts',
  'main/avro/bench-decode.ts',
  'main/avro-writer/encoder.ts',
  'main/avro-writer/codec.ts',
  'main/avro-writer/index.ts',
];

function cacheKey(size: BenchSize): string {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(fs.readFileSync(path.join(PROJECT_ROOT, file)));
  hash.update(JSON.stringify({ entries: size.entries, seed: size.seed }));
  return hash.digest('hex').slice(0, 16);
}

export interface VariantOptions {
  size: BenchSize;
  /** The plain seed-layout files of the skewed build, by codec (written by run.ts); default: written here. */
  plainFiles?: Record<AvroCodec, string>;
  /** The bench's cache folder (the parent of run.ts's per-size folder). */
  cacheRoot: string;
  dataDir: string;
  log: (line: string) => void;
}

export async function measureIngestVariants(options: VariantOptions): Promise<IngestVariants> {
  const { size, cacheRoot, dataDir, log } = options;
  const dir = path.join(cacheRoot, `variants-${size.name}-${cacheKey(size)}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of fs.readdirSync(cacheRoot).filter((d) => d.startsWith(`variants-${size.name}-`) && d !== path.basename(dir))) {
    fs.rmSync(path.join(cacheRoot, stale), { recursive: true, force: true });
  }
  const codecs: AvroCodec[] = ['null', 'deflate', 'snappy'];
  const named = (style: SchemaStyle) =>
    Object.fromEntries(codecs.map((c) => [c, path.join(dir, `skewed-${size.entries}-build-${style}-${c}.avro`)])) as Record<AvroCodec, string>;
  const sparkFiles = named('spark');
  const plainFiles = options.plainFiles ?? named('plain');
  const missing = [...codecs.map((c) => sparkFiles[c]), ...codecs.map((c) => plainFiles[c])].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    log(`writing ${missing.map((f) => path.basename(f)).join(', ')} (${size.entries.toLocaleString('en')} entries)`);
    const build = generateBuild({ entries: size.entries, shape: 'skewed', seed: size.seed });
    for (const c of codecs) {
      if (!fs.existsSync(sparkFiles[c])) writeSparkBuild(build, sparkFiles[c], c);
      if (!fs.existsSync(plainFiles[c])) writeBuild(build, plainFiles[c], 'build', c);
    }
  }

  const files: { schema: SchemaStyle; codec: AvroCodec; file: string }[] = [];
  for (const codec of codecs)
    for (const schema of ['plain', 'spark'] as const) files.push({ schema, codec, file: schema === 'plain' ? plainFiles[codec] : sparkFiles[codec] });
  const runs = size.name === 'smoke' ? 1 : size.entries >= 20e6 ? 2 : 4;
  const results = files.map(() => [] as IngestResult[]);
  const { Workspace } = await import('../../main/workspace/workspace');
  for (let run = 0; run < runs; run++) {
    // Alternating order run by run: no file always goes first or last.
    const order = files.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    for (const i of order) {
      const f = files[i];
      const id = `variant-${f.schema}-${f.codec}`;
      log(`ingesting ${path.basename(f.file)} (variants, run ${run + 1} of ${runs})`);
      results[i].push(await measureIngest({ file: f.file, dataDir, id }));
      const ws = Workspace.open(dataDir);
      ws.delete(id);
      ws.close();
    }
  }
  const rows: VariantRow[] = files.map((f, i) => {
    const rs = results[i];
    const entries = rs[0].kept + rs[0].replaced + rs[0].rejected;
    const perSec = rs.map((r) => entries / (r.ms / 1000));
    return {
      ...f,
      fileMB: fs.statSync(f.file).size / 1e6,
      entries,
      runs: perSec,
      bestPerSec: Math.max(...perSec),
      maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)),
      result: rs[0],
    };
  });
  const row = (schema: SchemaStyle, codec: AvroCodec): VariantRow => rows.find((r) => r.schema === schema && r.codec === codec)!;
  for (const r of rows) {
    const plain = row('plain', r.codec);
    if (r.schema === 'spark' && (r.entries !== plain.entries || r.result.kept !== plain.result.kept)) {
      throw new Error(`the Spark-style ${r.codec} build imported ${r.result.kept} entries, the plain one ${plain.result.kept}`);
    }
  }
  const checks: VariantCheck[] = [];
  for (const codec of codecs) {
    const ratio = row('spark', codec).bestPerSec / row('plain', codec).bestPerSec;
    checks.push({ what: `Spark-style schema within 15 % of the plain schema — seed layout, ${codec}`, ratio, target: 0.85, met: ratio >= 0.85 });
  }
  const deflate = row('plain', 'deflate').bestPerSec / row('plain', 'null').bestPerSec;
  checks.push({ what: 'seed layout deflate within 10 % of the null codec (plain schema)', ratio: deflate, target: 0.9, met: deflate >= 0.9 });
  return { runs, rows, checks };
}

export function printIngestVariants(v: IngestVariants, print: (line: string) => void): void {
  const m = (x: number): string => `${(x / 1e6).toFixed(2)}M`;
  print(
    `INGEST VARIANTS — the skewed build, seed layout, plain and Spark-style schema side by side (best of ${v.runs} alternating runs, one child process each)`,
  );
  const rows: string[][] = [['schema', 'codec', 'file MB', 'entries', 'entries/s (best)', 'runs', 'vs plain', 'peak RSS MB']];
  for (const r of v.rows) {
    const plain = v.rows.find((p) => p.schema === 'plain' && p.codec === r.codec)!;
    rows.push([
      r.schema,
      r.codec,
      r.fileMB.toFixed(0),
      m(r.entries),
      m(r.bestPerSec),
      r.runs.map(m).join(' '),
      r.schema === 'plain' ? '' : `${(r.bestPerSec / plain.bestPerSec).toFixed(3)}×`,
      String(r.maxRssMB),
    ]);
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) print(`  ${r.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ')}`.trimEnd());
  for (const c of v.checks) print(`  ${c.what}: ${c.ratio.toFixed(3)}× (target ≥ ${c.target}) ${c.met ? 'met' : 'MISSED'}`);
  print('');
}

// `npx tsx test/bench/ingest-variants.ts [--size smoke|default|large]`: this section alone, with
// files of its own (cached beside the bench's), for measuring again at a quiet moment.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--size');
  const size = SIZES[(at >= 0 ? process.argv[at + 1] : 'default') as SizeName];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-bench-ws-'));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  try {
    const loadBefore = os.loadavg();
    const result = await measureIngestVariants({ size, cacheRoot: path.join(os.tmpdir(), 'smw-bench-cache'), dataDir, log });
    process.stdout.write(
      `load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} after\n`,
    );
    printIngestVariants(result, (line) => process.stdout.write(`${line}\n`));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
