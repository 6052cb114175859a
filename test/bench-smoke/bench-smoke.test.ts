// The bench pipeline (test/bench, `npm run bench`) at a tiny size: it must produce every figure
// of issue #6 and the peers must agree with our join. No timing is asserted here — timing lives
// in the bench itself.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, type BenchResult } from '../bench/run';
import { printReport } from '../bench/report';
import { NOTEBOOK_INSTALL, notebookMissing } from '../bench/peers/notebook';

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-bench-smoke-'));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('the bench at smoke size', () => {
  let result: BenchResult;

  it('runs generate → ingest → join → cutoff → peers without a problem', { timeout: 300_000 }, async () => {
    result = await runBench('smoke', { cacheDir, log: () => {} });
    expect(result.problems).toEqual([]);
  });

  it('ingests every file with its rate, peak RSS and event-loop delay', () => {
    const cases = result.size.ingest;
    expect(result.ingest).toHaveLength(cases.length);
    for (const row of result.ingest) {
      expect(row.entries).toBe(result.size.entries);
      expect(row.result.kept + row.result.replaced).toBe(row.entries);
      expect(row.entriesPerSec).toBeGreaterThan(0);
      expect(row.result.maxRssMB).toBeGreaterThan(0);
      expect(row.result.eventLoop.samples).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(row.result.eventLoop.p99)).toBe(true);
    }
    const stepped = result.ingest.find((r) => r.case.phases);
    expect(stepped?.result.phases?.map((p) => p.phase)).toHaveLength(4);
    expect(new Set(result.ingest.map((r) => r.case.codec))).toEqual(new Set(['null', 'deflate', 'snappy']));
    expect(new Set(result.ingest.map((r) => r.case.layout))).toEqual(new Set(['build', 'rows']));
  });

  it('imports the seed layout under the plain and the Spark-style schema side by side, each codec, the same entries', () => {
    const rows = result.variants!.rows;
    expect(rows.map((r) => `${r.schema} ${r.codec}`).sort()).toEqual([
      'plain deflate',
      'plain null',
      'plain snappy',
      'spark deflate',
      'spark null',
      'spark snappy',
    ]);
    for (const r of rows) {
      expect(r.entries).toBe(result.size.entries);
      expect(r.result.kept).toBe(rows[0].result.kept);
      expect(r.bestPerSec).toBeGreaterThan(0);
    }
    expect(result.variants!.checks.map((c) => c.target)).toEqual([0.85, 0.85, 0.85, 0.9]);
  });

  it('joins every item of both datasets, IPv6 included, and times the cutoff change', () => {
    expect(result.datasets.map((d) => d.label).sort()).toEqual(['skewed', 'uniform']);
    for (const d of result.datasets) {
      expect(d.items).toBe(result.size.items);
      expect(d.v6Items).toBeGreaterThan(0);
      expect(d.v6Entries).toBeGreaterThan(0);
      expect(d.join.scored).toBeGreaterThan(0);
      expect(d.join.scored).toBeLessThan(d.items);
      expect(d.join.runsMs).toHaveLength(result.size.joinRuns);
      expect(d.cutoff.cutoffs).toBeGreaterThan(1);
      expect(d.cutoff.findingsAt03).toBeGreaterThan(0);
    }
  });

  it('has the peers compute what our join computes on the same data', () => {
    for (const d of result.datasets) {
      for (const peer of [d.duckdb!, d.sqlite!]) {
        expect(peer.check.mismatches).toBe(0);
        expect(peer.check.checked).toBe(peer.timing.itemsRun);
        expect(peer.timing.itemsAll).toBe(d.items - d.v6Items);
      }
      expect(d.notebook?.missing).toBeUndefined();
      expect(d.notebook?.ok).toBe(true);
      expect(d.notebook?.result?.counted).toEqual(d.notebook?.result?.expected);
      expect(d.notebook?.result?.counted.matched).toBeGreaterThan(0);
    }
  });

  it('runs every report of the heavy shape as its own process, and DuckDB agrees on every item', () => {
    const r = result.reports;
    expect(r.runs.map((x) => x.label)).toEqual([
      'import sender-model (build A)',
      'import sender-model (build B)',
      'import feedback',
      'findings --csv (first: joins, stores the analysis)',
      'findings --csv (analysis stored)',
      'findings (text)',
      'findings --json (to a file)',
      'compare --csv (first: joins B)',
      'compare --json',
    ]);
    for (const x of r.runs) {
      expect(x.wallMs).toBeGreaterThan(0);
      expect(x.maxRssMB).toBeGreaterThan(0);
      if (!x.label.startsWith('import')) expect(x.bytes, x.label).toBeGreaterThan(0);
    }
    expect(r.matches).toBeGreaterThan(r.size.items);
    expect(r.duckdb).toMatchObject({ mismatches: 0 });
    expect(r.duckdb.items).toBeGreaterThan(0);
  });

  it('says what is missing for the notebook peer, and how to install it, instead of skipping it', () => {
    expect(notebookMissing('/nonexistent/python3')).toContain(NOTEBOOK_INSTALL);
    expect(notebookMissing('/bin/false')).toContain(NOTEBOOK_INSTALL);
  });

  it('prints a table and a closing JSON line with every headline figure', () => {
    const lines: string[] = [];
    printReport(result, (line) => lines.push(line));
    for (const section of ['INGEST', 'JOIN + STATS', 'CUTOFF CHANGE', 'PEERS', 'REPORTS', 'TARGETS'])
      expect(lines.some((l) => l.startsWith(section))).toBe(true);
    const h = JSON.parse(JSON.stringify(result.headline)) as Record<string, unknown>;
    for (const key of ['entries', 'ingestEntriesPerSec', 'peakRssMB', 'joinMs', 'cutoffMs', 'speedupVsNotebook', 'speedupVsDuckdb', 'speedupVsSqlite']) {
      expect(typeof h[key], key).toBe('number');
      expect(Number.isFinite(h[key] as number), key).toBe(true);
    }
    expect(Object.keys(h).slice(0, 8)).toEqual([
      'entries',
      'ingestEntriesPerSec',
      'peakRssMB',
      'joinMs',
      'cutoffMs',
      'speedupVsNotebook',
      'speedupVsDuckdb',
      'speedupVsSqlite',
    ]);
  });
});
