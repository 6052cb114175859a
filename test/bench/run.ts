// `npm run bench [-- --size default|large|smoke] [--fresh] [--keep]` — issue #6: the app against
// its peers (the notebook, DuckDB, SQLite) on the same generated builds, at real-build sizes.
//
// 1. generates seeded builds (skewed and uniform) and their feedback, and writes them as Avro
//    with main/avro-writer (cached under the OS temp folder, keyed by the generator's sources);
// 2. ingests each file in its own child process (peak RSS, event-loop delay, entries/s);
// 3. per dataset, in a child process: join + stats, cutoff change, and the peers, each
//    cross-checked against our join;
// 4. the report bench on the heavy shape: each report a user runs as its own smw process, beside
//    importing the same build, and DuckDB computing the same rows (test/bench/heavy/);
// 5. prints a table, then one JSON line with the headline figures.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateBuild, generateFeedback, writeBuild, writeFeedback, type GeneratedBuild, type Layout, type Shape } from './generate';
import { measureIngest, PROJECT_ROOT, type IngestResult } from './ingest';
import { measureDataset, type DatasetResult } from './dataset';
import { SIZES, type BenchSize, type IngestCase, type SizeName } from './sizes';
import { printReport, headline, type Headline } from './report';
import { measureIngestVariants, printIngestVariants, type IngestVariants } from './ingest-variants';
import type { AvroCodec } from '../../main/avro-writer/index';
import { runReportBench, type ReportBenchResult } from './heavy/report-bench';

export interface IngestRow {
  case: IngestCase;
  file: string;
  fileMB: number;
  entries: number;
  entriesPerSec: number;
  result: IngestResult;
}

export interface BenchResult {
  size: BenchSize;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; loadBefore: number[]; loadAfter: number[]; freshMemoryMsPerMB: number };
  generateMs: number;
  generatedFiles: Array<{ file: string; MB: number; cached: boolean }>;
  ingest: IngestRow[];
  /** Plain and Spark-style schema, and each codec, side by side (ingest-variants.ts). */
  variants?: IngestVariants;
  datasets: DatasetResult[];
  reports: ReportBenchResult;
  /** Importing each dataset's feedback file (JSON Lines → feedback snapshot). */
  feedbackImportMs: Record<string, number>;
  totalMs: number;
  headline: Headline;
  /** What is missing or wrong (a peer's libraries, a cross-check): non-empty fails the run. */
  problems: string[];
}

export interface BenchOptions {
  fresh?: boolean;
  keep?: boolean;
  log?: (line: string) => void;
  /** Where generated files are cached (default: the OS temp folder). */
  cacheDir?: string;
}

const SOURCES_THAT_SHAPE_THE_DATA = [
  'test/bench/generate.ts',
  'test/bench/heavy/generate-heavy.ts',
  'test/bench/prng.ts',
  'shared/cidr.ts',
  'main/avro-writer/index.ts',
  'main/avro-writer/encoder.ts',
  'main/avro-writer/codec.ts',
];

function sourcesKey(size: BenchSize): string {
  const hash = createHash('sha256');
  for (const file of SOURCES_THAT_SHAPE_THE_DATA) hash.update(fs.readFileSync(path.join(PROJECT_ROOT, file)));
  hash.update(JSON.stringify({ entries: size.entries, items: size.items, seed: size.seed }));
  return hash.digest('hex').slice(0, 16);
}

function buildFile(dir: string, size: BenchSize, shape: Shape, layout: Layout, codec: AvroCodec): string {
  return path.join(dir, `${shape}-${size.entries}-${layout}-${codec}.avro`);
}

/**
 * What touching fresh memory costs here (page faults): on some VMs it is ~15× a bare-metal
 * machine's, and an import touches a few hundred MB (file, decompressed block, typed arrays).
 */
function freshMemoryMsPerMB(): number {
  const mb = 64;
  const t = performance.now();
  const a = new Float64Array((mb << 20) / 8);
  for (let i = 0; i < a.length; i += 512) a[i] = i;
  return Math.round(((performance.now() - t) / mb) * 100) / 100;
}

function snapshotId(c: IngestCase): string {
  return `${c.shape}-${c.layout}-${c.codec}${c.phases ? '-phases' : ''}${c.hugePages ? '-hugepages' : ''}`;
}

export async function runBench(sizeName: SizeName, options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const size = SIZES[sizeName];
  const started = performance.now();
  const loadBefore = os.loadavg();
  const freshMemory = freshMemoryMsPerMB();
  const problems: string[] = [];

  // 1. Generate (or reuse) the files.
  const cacheDir = path.join(options.cacheDir ?? path.join(os.tmpdir(), 'smw-bench-cache'), `${size.name}-${sourcesKey(size)}`);
  if (options.fresh) fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  // Files of this size made by other versions of the generator or the writer are stale.
  for (const stale of fs.readdirSync(path.dirname(cacheDir)).filter((d) => d.startsWith(`${size.name}-`) && d !== path.basename(cacheDir))) {
    fs.rmSync(path.join(path.dirname(cacheDir), stale), { recursive: true, force: true });
  }
  const generatedFiles: BenchResult['generatedFiles'] = [];
  const shapes = [...new Set(size.ingest.map((c) => c.shape))];
  const t = performance.now();
  for (const shape of shapes) {
    const feedbackPath = path.join(cacheDir, `${shape}-feedback.jsonl`);
    const wanted = [...new Set(size.ingest.filter((c) => c.shape === shape).map((c) => `${c.layout}/${c.codec}`))];
    const missing = wanted.filter((w) => {
      const [layout, codec] = w.split('/') as [Layout, AvroCodec];
      return !fs.existsSync(buildFile(cacheDir, size, shape, layout, codec));
    });
    let build: GeneratedBuild | undefined;
    if (missing.length > 0 || !fs.existsSync(feedbackPath)) {
      log(`generating the ${shape} build (${size.entries.toLocaleString('en')} entries) and ${size.items.toLocaleString('en')} feedback items`);
      build = generateBuild({ entries: size.entries, shape, seed: size.seed });
      writeFeedback(generateFeedback(build, { items: size.items, seed: size.seed }), feedbackPath);
    }
    for (const w of wanted) {
      const [layout, codec] = w.split('/') as [Layout, AvroCodec];
      const file = buildFile(cacheDir, size, shape, layout, codec);
      const cached = fs.existsSync(file);
      if (!cached) {
        log(`writing ${path.basename(file)}`);
        writeBuild(build!, file, layout, codec);
      }
      generatedFiles.push({ file, MB: fs.statSync(file).size / 1e6, cached });
    }
    generatedFiles.push({ file: feedbackPath, MB: fs.statSync(feedbackPath).size / 1e6, cached: build === undefined });
    build = undefined;
  }
  const generateMs = performance.now() - t;

  // 2. Ingest, each in its own process.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-bench-ws-'));
  const workDir = path.join(dataDir, 'work');
  const ingest: IngestRow[] = [];
  const datasets: DatasetResult[] = [];
  const feedbackImportMs: Record<string, number> = {};
  let variants: IngestVariants | undefined;
  try {
    const { Workspace } = await import('../../main/workspace/workspace');
    for (const c of size.ingest) {
      const file = buildFile(cacheDir, size, c.shape, c.layout, c.codec);
      const id = snapshotId(c);
      log(`ingesting ${path.basename(file)}${c.phases ? ' step by step' : ''}`);
      const env = c.hugePages ? { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } : process.env;
      const result = await measureIngest({ file, dataDir, id, phases: c.phases }, env);
      const entries = result.kept + result.replaced + result.rejected;
      ingest.push({ case: c, file, fileMB: fs.statSync(file).size / 1e6, entries, entriesPerSec: entries / (result.ms / 1000), result });
      if (!c.forJoin) {
        const ws = Workspace.open(dataDir);
        ws.delete(id);
        ws.close();
      }
    }

    const plainFiles = {
      null: buildFile(cacheDir, size, 'skewed', 'build', 'null'),
      deflate: buildFile(cacheDir, size, 'skewed', 'build', 'deflate'),
      snappy: buildFile(cacheDir, size, 'skewed', 'build', 'snappy'),
    };
    variants = await measureIngestVariants({ size, plainFiles, cacheRoot: path.dirname(cacheDir), dataDir, log });

    // 3. Join, cutoff and peers per dataset (the feedback imported here first).
    const { importFeedbackFile } = await import('../../main/ingest/import-feedback');
    for (const c of size.ingest.filter((x) => x.forJoin)) {
      const peers = size.peers.shapes.includes(c.shape);
      const feedbackFile = path.join(cacheDir, `${c.shape}-feedback.jsonl`);
      const ws = Workspace.open(dataDir);
      const t0 = performance.now();
      await importFeedbackFile(ws, feedbackFile, { id: `${c.shape}-feedback`, name: path.basename(feedbackFile), source: feedbackFile });
      feedbackImportMs[c.shape] = Math.round(performance.now() - t0);
      ws.close();
      log(`measuring the ${c.shape} dataset (join, cutoff${peers ? ', peers' : ''})`);
      datasets.push(
        await measureDataset({
          label: c.shape,
          dataDir,
          buildId: snapshotId(c),
          feedbackId: `${c.shape}-feedback`,
          workDir,
          seed: size.seed,
          joinRuns: size.joinRuns,
          peers: peers
            ? { duckdb: size.peers.duckdb, sqliteBudgetMs: size.peers.sqliteBudgetMs, notebookComparisons: size.peers.notebookComparisons }
            : { duckdb: false, sqliteBudgetMs: 0, notebookComparisons: 0 },
        }),
      );
    }
  } finally {
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    else log(`kept the workspace in ${dataDir}`);
  }

  // 4. The reports on the heavy shape.
  const reports = await runReportBench(size.reports, cacheDir, log);
  problems.push(...reports.problems);

  for (const d of datasets) {
    for (const peer of [d.duckdb, d.sqlite]) {
      if (peer && peer.check.mismatches > 0)
        problems.push(
          `${d.label}: ${peer.timing.peer} disagrees with our join on ${peer.check.mismatches} of ${peer.check.checked} items (first: ${peer.check.first})`,
        );
    }
    if (d.notebook?.missing) problems.push(`${d.label}: the notebook peer did not run: ${d.notebook.missing}`);
    else if (d.notebook && !d.notebook.ok)
      problems.push(
        `${d.label}: the notebook counted ${JSON.stringify(d.notebook.result?.counted)}, our join on its terms ${JSON.stringify(d.notebook.result?.expected)}`,
      );
  }

  const result: Omit<BenchResult, 'headline'> = {
    size,
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadBefore,
      loadAfter: os.loadavg(),
      freshMemoryMsPerMB: freshMemory,
    },
    generateMs,
    generatedFiles,
    ingest,
    variants,
    datasets,
    reports,
    feedbackImportMs,
    totalMs: performance.now() - started,
    problems,
  };
  return { ...result, headline: headline(result) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizeAt = args.indexOf('--size');
  const sizeName = (sizeAt >= 0 ? args[sizeAt + 1] : 'default') as SizeName;
  if (!(sizeName in SIZES)) {
    process.stderr.write(`unknown size ${JSON.stringify(sizeName)}: use --size default, large or smoke\n`);
    process.exit(2);
  }
  const result = await runBench(sizeName, { fresh: args.includes('--fresh'), keep: args.includes('--keep') });
  const out = path.join(os.tmpdir(), `smw-bench-${sizeName}-${Date.now()}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
  printReport(result, (line) => process.stdout.write(`${line}\n`));
  if (result.variants) printIngestVariants(result.variants, (line) => process.stdout.write(`${line}\n`));
  process.stderr.write(`full results: ${out}\n`);
  for (const p of result.problems) process.stderr.write(`bench: ${p}\n`);
  process.stdout.write(`${JSON.stringify(result.headline)}\n`);
  if (result.problems.length > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
