// One dataset (a build and a feedback pull, both already imported as snapshots), measured in its
// own child process: loading the build, join + stats, cutoff change, and the peers
// (DuckDB, SQLite, the notebook) on the same data, each cross-checked against our join.
//
//   node --import tsx test/bench/dataset.ts --child JSON   (run.ts does this)

import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AuthenticityAnalysis } from '../../shared/authenticity';
import { authenticityItems } from '../../shared/items';
import { Rng } from './prng';
import { measureCutoff, type CutoffTiming } from './cutoff';
import { measureJoin, type JoinTiming } from './join';
import { PROJECT_ROOT } from './ingest';
import { duckdbJoin } from './peers/duckdb';
import { notebookMissing, runNotebook, type NotebookResult } from './peers/notebook';
import { peerInput, type PeerInput, type PeerRow, type PeerTiming } from './peers/peer-input';
import { loadSqlite, sqliteJoin, sqlitePlan } from './peers/sqlite';

export interface DatasetRequest {
  label: string;
  dataDir: string;
  buildId: string;
  /** The feedback pull, already imported (run.ts imports it, so its garbage is not ours). */
  feedbackId: string;
  workDir: string;
  seed: number;
  joinRuns: number;
  /** Peers to run; a budget is the longest the bench lets one query run before sampling. */
  peers: { duckdb: boolean; sqliteBudgetMs: number; notebookComparisons: number };
}

export interface CrossCheck {
  checked: number;
  mismatches: number;
  first?: string;
}

export interface PeerReport {
  timing: Omit<PeerTiming, 'rows'>;
  check: CrossCheck;
  note?: string;
}

export interface DatasetResult {
  label: string;
  entries: number;
  domains: number;
  v6Entries: number;
  items: number;
  v6Items: number;
  buildLoadMs: number;
  itemsLoadMs: number;
  join: JoinTiming;
  cutoff: CutoffTiming;
  duckdb?: PeerReport;
  sqlite?: PeerReport;
  notebook?: { result?: NotebookResult; missing?: string; ok: boolean };
  /** Comparisons our join would face in a nested loop: Σ over items of its domain's entries. */
  nestedLoopComparisons: number;
}

export function measureDataset(request: DatasetRequest): Promise<DatasetResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(request)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`dataset ${request.label} failed (exit ${code}): ${err.trim() || out.trim()}`));
        return;
      }
      resolve(JSON.parse(line) as DatasetResult);
    });
  });
}

/** Peers' rows against our stats: counts, min and max exactly, means to 1e-9. */
export function crossCheck(analysis: AuthenticityAnalysis, rows: PeerRow[]): CrossCheck {
  let mismatches = 0;
  let first: string | undefined;
  const near = (a: number | null, b: number, exact: boolean) => a !== null && (exact ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  for (const row of rows) {
    const i = row.item;
    const count = analysis.count[i];
    const ok =
      row.count === count &&
      (count === 0
        ? row.min === null && row.mean === null && row.max === null
        : near(row.min, analysis.min[i], true) && near(row.max, analysis.max[i], true) && near(row.mean, analysis.mean[i], false));
    if (!ok) {
      mismatches++;
      if (!first) {
        const item = analysis.items[i];
        first = `${item.domain} ${item.cidrText}: peer ${JSON.stringify(row)}, ours count ${count} min ${analysis.min[i]} mean ${analysis.mean[i]} max ${analysis.max[i]}`;
      }
    }
  }
  return { checked: rows.length, mismatches, first };
}

function samplePositions(count: number, take: number, rng: Rng): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < Math.min(take, count); i++) {
    const j = i + rng.int(count - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, Math.min(take, count)).sort((a, b) => a - b);
}

function report(timing: PeerTiming, analysis: AuthenticityAnalysis, note?: string): PeerReport {
  const { rows, ...rest } = timing;
  return { timing: rest, check: crossCheck(analysis, rows), note };
}

async function runPeers(
  request: DatasetRequest,
  input: PeerInput,
  analysis: AuthenticityAnalysis,
  result: DatasetResult,
  log: (s: string) => void,
): Promise<void> {
  const rng = new Rng(request.seed ^ 0x5eed);
  if (request.peers.duckdb) {
    log('duckdb');
    result.duckdb = report(await duckdbJoin(input), analysis);
  }
  if (request.peers.sqliteBudgetMs > 0) {
    log('sqlite');
    const session = loadSqlite(input);
    try {
      const plan = sqlitePlan(session);
      // A pilot on a few hundred random items says whether all of them fit in the budget.
      const pilot = sqliteJoin(session, input, { sample: samplePositions(input.itemId.length, 300, rng) });
      const perItem = pilot.queryMs / Math.max(1, pilot.itemsRun);
      const fits = Math.floor(request.peers.sqliteBudgetMs / Math.max(perItem, 1e-6));
      const timing =
        fits >= input.itemId.length
          ? sqliteJoin(session, input)
          : sqliteJoin(session, input, { sample: samplePositions(input.itemId.length, Math.max(300, fits), rng) });
      result.sqlite = report(timing, analysis, `plan: ${plan}`);
    } finally {
      session.db.close();
    }
  }
  if (request.peers.notebookComparisons > 0) {
    log('notebook');
    const missing = notebookMissing();
    if (missing) result.notebook = { missing, ok: false };
    else {
      const nb = runNotebook(await loadIndex(request), analysis, {
        budgetComparisons: request.peers.notebookComparisons,
        seed: request.seed,
        dir: request.workDir,
      });
      const ok = nb.counted.comparisons === nb.expected.comparisons && nb.counted.matched === nb.expected.matched && nb.counted.scored === nb.expected.scored;
      result.notebook = { result: nb, ok };
    }
  }
}

// The index is cached so the notebook's sample reads the very build our join used.
let cachedIndex: import('../../shared/sender-model-index').SenderModelIndex | undefined;
async function loadIndex(request: DatasetRequest) {
  if (cachedIndex) return cachedIndex;
  const { Workspace } = await import('../../main/workspace/workspace');
  const { readSenderModelIndex } = await import('../../main/workspace/sender-model-store');
  const ws = Workspace.open(request.dataDir);
  const db = ws.openSnapshot(request.buildId);
  try {
    cachedIndex = readSenderModelIndex(db);
  } finally {
    db.close();
    ws.close();
  }
  return cachedIndex;
}

async function childMain(request: DatasetRequest): Promise<void> {
  const log = (s: string) => process.stderr.write(`[${request.label}] ${s}\n`);
  const { Workspace } = await import('../../main/workspace/workspace');
  const { readFeedback } = await import('../../main/workspace/feedback-store');

  let t = performance.now();
  const index = await loadIndex(request);
  const buildLoadMs = performance.now() - t;

  t = performance.now();
  const fws = Workspace.open(request.dataDir);
  const fdb = fws.openSnapshot(request.feedbackId);
  const items = authenticityItems(readFeedback(fdb).authenticity);
  fdb.close();
  fws.close();
  const itemsLoadMs = performance.now() - t;

  log('join');
  const { timing: join, analysis } = measureJoin(index, items, request.joinRuns);
  log('cutoff');
  const cutoff = measureCutoff(analysis, request.buildId, request.feedbackId);

  let nestedLoopComparisons = 0;
  for (let i = 0; i < items.length; i++) {
    const d = analysis.itemDomain[i];
    if (d >= 0) nestedLoopComparisons += index.v4Offsets[d + 1] - index.v4Offsets[d] + index.v6Offsets[d + 1] - index.v6Offsets[d];
  }
  const result: DatasetResult = {
    label: request.label,
    entries: index.v4Start.length + index.v6Hi.length,
    domains: index.domains.length,
    v6Entries: index.v6Hi.length,
    items: items.length,
    v6Items: items.filter((it) => it.cidr.family === 6).length,
    buildLoadMs: Math.round(buildLoadMs),
    itemsLoadMs: Math.round(itemsLoadMs),
    join,
    cutoff,
    nestedLoopComparisons,
  };
  await runPeers(request, peerInput(index, items), analysis, result, log);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await childMain(JSON.parse(process.argv[3]) as DatasetRequest);
}
