// The report bench (issue: one analysis for the CLI and the app, at any feedback size): on the
// heavy shape (generate-heavy.ts), the reports a user runs, each as its own `smw` process, side
// by side with importing the same build in the same run — findings as CSV, text and JSON (to a
// file: MB/s), the same again once the analysis is stored, compare of two such builds — with
// wall time and peak RSS; and DuckDB computing the same per-item rows (count, min, mean, max),
// cross-checked within 1e-9 against ours.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuild, writeFeedback } from '../generate';
import { PROJECT_ROOT } from '../ingest';
import { duckdbJoin } from '../peers/duckdb';
import { peerInput } from '../peers/peer-input';
import { generateHeavyBuild, generateHeavyFeedback } from './generate-heavy';

export interface ReportSize {
  entries: number;
  items: number;
  seed: number;
}

export interface CommandRun {
  label: string;
  /** Wall time of the whole process, as the user waits for it (startup included). */
  wallMs: number;
  /** Inside the process, after its modules loaded. */
  ms: number;
  maxRssMB: number;
  bytes: number;
}

export interface ReportBenchResult {
  size: ReportSize;
  matches: number;
  runs: CommandRun[];
  jsonMBps: number;
  duckdb: { queryMs: number; loadMs: number; items: number; mismatches: number; first?: string };
  oursAnalysisMs: number;
  problems: string[];
}

const MEASURED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'measured-smw.ts');

function measured(label: string, out: string, args: string[], dataDir: string): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', MEASURED, out, '--', ...args, '--data-dir', dataDir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const r = JSON.parse(line) as { code: number; ms: number; bytes: number; maxRssMB: number; stderr: string };
        if (r.code !== 0) return reject(new Error(`smw ${args.join(' ')} exited ${r.code}: ${r.stderr}`));
        resolve({ label, wallMs: Math.round(wallMs), ms: Math.round(r.ms), maxRssMB: r.maxRssMB, bytes: r.bytes });
      } catch {
        reject(new Error(`smw ${args.join(' ')}: ${stderr || stdout}`));
      }
    });
  });
}

export async function runReportBench(size: ReportSize, cacheDir: string, log: (line: string) => void): Promise<ReportBenchResult> {
  const problems: string[] = [];
  const tag = `heavy-${size.entries}-${size.items}-${size.seed}`;
  const files = { a: path.join(cacheDir, `${tag}-a.avro`), b: path.join(cacheDir, `${tag}-b.avro`), feedback: path.join(cacheDir, `${tag}-feedback.jsonl`) };
  if (!Object.values(files).every((f) => fs.existsSync(f))) {
    log(`generating the heavy shape: two ${size.entries.toLocaleString('en')}-entry builds, ${size.items.toLocaleString('en')} feedback CIDRs`);
    const a = generateHeavyBuild(size);
    writeBuild(a, files.a, 'build', 'deflate');
    writeFeedback(generateHeavyFeedback(a, size), files.feedback);
    writeBuild(generateHeavyBuild({ ...size, scoreSeed: size.seed + 1 }), files.b, 'build', 'deflate');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-bench-reports-'));
  const outDir = path.join(dataDir, 'out');
  fs.mkdirSync(outDir);
  const runs: CommandRun[] = [];
  const run = async (label: string, out: string, args: string[]) => {
    log(`  ${label}`);
    const r = await measured(label, out, args, dataDir);
    runs.push(r);
    return r;
  };
  try {
    log('running the reports, each as its own smw process');
    await run('import sender-model (build A)', '-', ['import', 'sender-model', files.a, '--id', 'heavy-a']);
    await run('import sender-model (build B)', '-', ['import', 'sender-model', files.b, '--id', 'heavy-b']);
    await run('import feedback', '-', ['import', 'feedback', files.feedback, '--id', 'heavy-feedback']);
    await run('findings --csv (first: joins, stores the analysis)', path.join(outDir, 'a.csv'), ['findings', '--build', 'heavy-a', '--csv']);
    await run('findings --csv (analysis stored)', path.join(outDir, 'a2.csv'), ['findings', '--build', 'heavy-a', '--csv']);
    await run('findings (text)', path.join(outDir, 'a.txt'), ['findings', '--build', 'heavy-a']);
    const json = await run('findings --json (to a file)', path.join(outDir, 'a.json'), ['findings', '--build', 'heavy-a', '--json']);
    await run('compare --csv (first: joins B)', path.join(outDir, 'ab.csv'), ['compare', '--base', 'heavy-a', '--candidate', 'heavy-b', '--csv']);
    await run('compare --json', path.join(outDir, 'ab.json'), ['compare', '--base', 'heavy-a', '--candidate', 'heavy-b', '--json']);
    if (fs.readFileSync(path.join(outDir, 'a.csv')).compare(fs.readFileSync(path.join(outDir, 'a2.csv'))) !== 0)
      problems.push('findings --csv differs between the first run and the one from the stored analysis');

    log('DuckDB: the same per-item rows');
    const { Workspace } = await import('../../../main/workspace/workspace');
    const { SnapshotCache } = await import('../../../main/workspace/snapshot-cache');
    const { authenticityStats } = await import('../../../shared/authenticity');
    const ws = Workspace.open(dataDir);
    try {
      const cache = new SnapshotCache(ws);
      const index = cache.senderModel('heavy-a');
      const items = cache.feedback('heavy-feedback').authenticityItems;
      const t = performance.now();
      const ours = authenticityStats(index, items);
      const oursAnalysisMs = Math.round(performance.now() - t);
      const matches = ours.count.reduce((x, y) => x + y, 0);
      const duck = await duckdbJoin(peerInput(index, items));
      let mismatches = 0;
      let first: string | undefined;
      const byItem = new Map(duck.rows.map((r) => [r.item, r]));
      const near = (x: number | null, y: number) => (x === null ? Number.isNaN(y) : Math.abs(x - y) <= 1e-9);
      for (let i = 0; i < items.length; i++) {
        if (items[i].cidr.family !== 4) continue;
        const r = byItem.get(i);
        const ok = r ? r.count === ours.count[i] && near(r.min, ours.min[i]) && near(r.mean, ours.mean[i]) && near(r.max, ours.max[i]) : ours.count[i] === 0;
        if (!ok) {
          mismatches++;
          first ??= `item ${i} (${items[i].domain} ${items[i].cidrText}): DuckDB ${JSON.stringify(r)}, ours count ${ours.count[i]} mean ${ours.mean[i]}`;
        }
      }
      if (mismatches > 0) problems.push(`DuckDB disagrees with our stats on ${mismatches} items (first: ${first})`);
      return {
        size,
        matches,
        runs,
        jsonMBps: Math.round(json.bytes / 1e6 / (json.wallMs / 1000)),
        duckdb: { queryMs: Math.round(duck.queryMs), loadMs: duck.loadMs, items: duck.itemsRun, mismatches, first },
        oursAnalysisMs,
        problems,
      };
    } finally {
      ws.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
