// The bench's table, the targets of issue #6 checked against it, and the closing JSON line.

import path from 'node:path';
import type { BenchResult } from './run';

export interface Headline {
  entries: number;
  ingestEntriesPerSec: number;
  peakRssMB: number;
  joinMs: number;
  cutoffMs: number;
  speedupVsNotebook: number | null;
  speedupVsDuckdb: number | null;
  speedupVsSqlite: number | null;
  size: string;
  joinFirstMs: number;
  eventLoopP99Ms: number;
  /** The heavy shape: import, findings --csv, text, --json MB/s, compare, the biggest report RSS. */
  reportImportMs: number;
  reportCsvMs: number;
  reportTextMs: number;
  reportJsonMBps: number;
  reportCompareMs: number;
  reportPeakRssMB: number;
}

type Partial = Omit<BenchResult, 'headline'>;

function reportRun(r: Partial, label: string) {
  const run = r.reports.runs.find((x) => x.label === label);
  if (!run) throw new Error(`the report bench has no run '${label}'`);
  return run;
}

const ratio = (peerMs: number | undefined, oursMs: number): number | null =>
  peerMs === undefined || !(oursMs > 0) ? null : peerMs / oursMs >= 100 ? Math.round(peerMs / oursMs) : Math.round((peerMs / oursMs) * 10) / 10;

/** The figures of the closing JSON line: the slower dataset, the slower codec, the bigger RSS. */
export function headline(r: Partial): Headline {
  const measured = r.ingest.filter((i) => !i.case.phases && !i.case.hugePages);
  const targetCodecs = measured.filter((i) => i.case.codec === 'deflate' || i.case.codec === 'snappy');
  const skewed = r.datasets.find((d) => d.label === 'skewed') ?? r.datasets[0];
  const ours = skewed?.join.medianMs ?? NaN;
  return {
    entries: skewed?.entries ?? 0,
    ingestEntriesPerSec: Math.round(Math.min(...targetCodecs.map((i) => i.entriesPerSec))),
    peakRssMB: Math.max(...r.ingest.map((i) => i.result.maxRssMB)),
    joinMs: Math.max(...r.datasets.map((d) => d.join.medianMs)),
    cutoffMs: Math.max(...r.datasets.map((d) => d.cutoff.appMs)),
    speedupVsNotebook: ratio(skewed?.notebook?.result?.fullMs, ours),
    speedupVsDuckdb: ratio(skewed?.duckdb?.timing.fullMs, ours),
    speedupVsSqlite: ratio(skewed?.sqlite?.timing.fullMs, ours),
    size: r.size.name,
    joinFirstMs: Math.max(...r.datasets.map((d) => d.join.firstMs)),
    eventLoopP99Ms: Math.max(...measured.map((i) => i.result.eventLoop.p99)),
    reportImportMs: reportRun(r, 'import sender-model (build A)').wallMs,
    reportCsvMs: reportRun(r, 'findings --csv (first: joins, stores the analysis)').wallMs,
    reportTextMs: reportRun(r, 'findings (text)').wallMs,
    reportJsonMBps: r.reports.jsonMBps,
    reportCompareMs: reportRun(r, 'compare --csv (first: joins B)').wallMs,
    reportPeakRssMB: Math.max(...r.reports.runs.filter((x) => !x.label.startsWith('import')).map((x) => x.maxRssMB)),
  };
}

function table(rows: Array<Array<string | number>>, print: (line: string) => void): void {
  const text = rows.map((r) => r.map((c) => String(c)));
  const widths = text[0].map((_, k) => Math.max(...text.map((r) => (r[k] ?? '').length)));
  for (const r of text) print(`  ${r.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ')}`.trimEnd());
}

const n = (v: number) => v.toLocaleString('en');
const s = (ms: number) => (ms / 1000).toFixed(2);
const m = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : String(v));

export function printReport(r: BenchResult, print: (line: string) => void): void {
  const h = r.headline;
  print(`Sender Model Workbench bench — size ${r.size.name}, seed ${r.size.seed}, ${n(r.size.entries)} entries per build, ${n(r.size.items)} feedback items`);
  print(
    `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGB} GB, node ${r.machine.node}; load average ${r.machine.loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${r.machine.loadAfter.map((x) => x.toFixed(2)).join(' ')} after (other processes share these cores); first touch of fresh memory ${r.machine.freshMemoryMsPerMB} ms/MB`,
  );
  print(
    `generated in ${s(r.generateMs)} s: ${r.generatedFiles.map((f) => `${path.basename(f.file)} ${f.MB.toFixed(0)} MB${f.cached ? ' (cached)' : ''}`).join(', ')}`,
  );
  print('');

  print('INGEST — Avro file → queryable snapshot (importSenderModel in a worker thread; one child process per file)');
  const ingestRows: Array<Array<string | number>> = [
    ['dataset', 'layout', 'codec', 'file MB', 'entries', 'time s', 'CPU s', 'entries/s', 'per CPU s', 'peak RSS MB', 'loop delay p99 ms', 'max ms', 'replaced'],
  ];
  for (const i of r.ingest.filter((x) => !x.case.phases)) {
    const codec = i.case.hugePages ? `${i.case.codec} (huge pages*)` : i.case.codec;
    ingestRows.push([
      i.case.shape,
      i.case.layout,
      codec,
      i.fileMB.toFixed(0),
      m(i.entries),
      s(i.result.ms),
      s(i.result.cpuMs),
      m(Math.round(i.entriesPerSec)),
      m(Math.round(i.entries / (i.result.cpuMs / 1000))),
      i.result.maxRssMB,
      i.result.eventLoop.p99,
      i.result.eventLoop.max,
      n(i.result.replaced),
    ]);
  }
  table(ingestRows, print);
  if (r.ingest.some((i) => i.case.hugePages)) {
    print(
      '  * the same import with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (malloc asks for transparent huge pages): what page faults cost here; not a target row',
    );
  }
  for (const i of r.ingest.filter((x) => x.case.phases && x.result.phases)) {
    print(`  where time and memory go (${i.case.shape} ${i.case.layout} ${i.case.codec}, step by step; RSS before ${i.result.baselineRssMB} MB):`);
    table([['step', 'ms', 'RSS after MB', 'peak so far MB'], ...i.result.phases!.map((p) => [p.phase, p.ms, p.rssMB, p.maxRssMB])], print);
  }
  print('');

  print('JOIN + STATS — analyseAuthenticity over every item (build loaded from its snapshot, not timed)');
  const joinRows: Array<Array<string | number>> = [
    ['dataset', 'entries', 'domains', 'items', 'IPv6 items', 'import feedback s', 'load build s', 'first run ms', 'median ms', 'runs ms', 'matches', 'scored'],
  ];
  for (const d of r.datasets)
    joinRows.push([
      d.label,
      m(d.entries),
      n(d.domains),
      n(d.items),
      n(d.v6Items),
      s(r.feedbackImportMs[d.label] ?? NaN),
      s(d.buildLoadMs),
      d.join.firstMs,
      d.join.medianMs,
      d.join.runsMs.join(' '),
      n(d.join.matches),
      n(d.join.scored),
    ]);
  table(joinRows, print);
  print('');

  print('CUTOFF CHANGE — findings, org summary, histograms for a new cutoff (41 cutoffs, median)');
  const cutRows: Array<Array<string | number>> = [
    ['dataset', 'orgs', 'views: table once ms', 'views: per cutoff ms', 'from scratch per cutoff ms', 'findings at 0.3'],
  ];
  for (const d of r.datasets) cutRows.push([d.label, d.cutoff.orgs, d.cutoff.tableBuildMs, d.cutoff.appMs, d.cutoff.scratchMs, n(d.cutoff.findingsAt03)]);
  table(cutRows, print);
  print('');

  print('PEERS — the same build and feedback; the peers get IPv4 items only (IPv6 ranges do not fit a BIGINT), ours all items');
  const peerRows: Array<Array<string | number>> = [
    ['dataset', 'peer', 'items run / all', 'load s', 'query ms', 'all items ms', 'ours ms', 'ours vs peer', 'cross-check'],
  ];
  for (const d of r.datasets) {
    const ours = d.join.medianMs;
    for (const p of [d.duckdb, d.sqlite]) {
      if (!p) continue;
      const t = p.timing;
      const sampled = t.itemsRun < t.itemsAll ? ' (sample, scaled)' : '';
      peerRows.push([
        d.label,
        t.peer,
        `${n(t.itemsRun)} / ${n(t.itemsAll)}${sampled}`,
        s(t.loadMs),
        t.queryMs,
        Math.round(t.fullMs),
        ours,
        `${ratio(t.fullMs, ours)}×`,
        p.check.mismatches === 0 ? `same counts/min/mean/max on ${n(p.check.checked)} items` : `MISMATCH on ${p.check.mismatches}`,
      ]);
    }
    if (d.notebook?.missing) peerRows.push([d.label, 'notebook', 'MISSING', '', '', '', ours, '', d.notebook.missing]);
    else if (d.notebook?.result) {
      const nb = d.notebook.result;
      peerRows.push([
        d.label,
        `notebook (Python ${nb.python})`,
        `${n(nb.items)} / ${n(d.items)} (sample, scaled)`,
        s(nb.loadMs),
        nb.joinMs,
        Math.round(nb.fullMs),
        ours,
        `${ratio(nb.fullMs, ours)}×`,
        d.notebook.ok ? `same comparisons/matches/scored (${n(nb.counted.comparisons)}/${n(nb.counted.matched)}/${n(nb.counted.scored)})` : 'MISMATCH',
      ]);
    }
  }
  table(peerRows, print);
  for (const d of r.datasets) {
    if (d.notebook?.result) {
      const nb = d.notebook.result;
      print(
        `  notebook on ${d.label}: ${nb.perComparisonUs} µs per comparison (IPAddress(ip) in IPNetwork(cidr)); all ${n(d.items)} items need ${n(nb.fullComparisons)} comparisons → ${(nb.fullMs / 3.6e6).toFixed(2)} h; sample: ${n(nb.domains)} domains, ${n(nb.entriesInSample)} entries`,
      );
    }
    if (d.sqlite?.note) print(`  sqlite on ${d.label}: ${d.sqlite.note}`);
  }
  print('');

  const rb = r.reports;
  print(
    `REPORTS — the heavy shape: Zipf-skewed ${m(rb.size.entries)}-entry builds, ${n(rb.size.items)} feedback CIDRs (5 % /16, 20 % /24 on the largest domains), ${n(rb.matches)} matched entries; each command its own smw process (wall time includes Node and tsx starting, ~0.4 s)`,
  );
  const reportRows: Array<Array<string | number>> = [['command', 'wall s', 'in process s', 'peak RSS MB', 'output MB', 'MB/s']];
  for (const x of rb.runs)
    reportRows.push([
      x.label,
      s(x.wallMs),
      s(x.ms),
      x.maxRssMB,
      x.bytes ? (x.bytes / 1e6).toFixed(1) : '',
      x.bytes ? Math.round(x.bytes / 1e6 / (x.wallMs / 1000)) : '',
    ]);
  table(reportRows, print);
  print(
    `  the same per-item rows: ours (join + stats) ${rb.oursAnalysisMs} ms, DuckDB's range join + GROUP BY ${rb.duckdb.queryMs} ms (load ${s(rb.duckdb.loadMs)} s) → ours ${ratio(rb.duckdb.queryMs, rb.oursAnalysisMs)}× faster; ${rb.duckdb.mismatches === 0 ? `same count/min/mean/max (within 1e-9) on ${n(rb.duckdb.items)} items` : `MISMATCH on ${rb.duckdb.mismatches} items`}`,
  );
  print('');

  print('TARGETS (issue #6, 2-core machine)');
  const targets: Array<[string, string, boolean | null]> = [];
  const measured = r.ingest.filter((i) => !i.case.phases && !i.case.hugePages);
  for (const i of measured.filter((x) => x.case.codec !== 'null')) {
    targets.push([
      `ingest ≥ 1.5M entries/s — ${i.case.shape} ${i.case.layout} ${i.case.codec}`,
      `${(i.entriesPerSec / 1e6).toFixed(3)}M/s`,
      i.entriesPerSec >= 1.5e6,
    ]);
  }
  const rssLimit = r.size.entries >= 20e6 ? 1536 : r.size.entries >= 5e6 ? 1024 : null;
  if (rssLimit)
    targets.push([`peak RSS < ${rssLimit === 1024 ? '1 GB' : '1.5 GB'} at ${m(r.size.entries)} entries`, `${h.peakRssMB} MB`, h.peakRssMB < rssLimit]);
  for (const d of r.datasets) {
    targets.push([
      `join + stats < 300 ms — ${d.label}, ${n(d.items)} items × ${m(d.entries)} entries (median; first run ${d.join.firstMs} ms)`,
      `${d.join.medianMs} ms`,
      d.join.medianMs < 300,
    ]);
    targets.push([`cutoff change < 20 ms — ${d.label}`, `${d.cutoff.appMs} ms`, d.cutoff.appMs < 20]);
  }
  targets.push([
    '≥ 1000× the notebook per item (skewed)',
    h.speedupVsNotebook === null ? 'not measured' : `${h.speedupVsNotebook}×`,
    h.speedupVsNotebook === null ? null : h.speedupVsNotebook >= 1000,
  ]);
  targets.push([
    '≥ 5× DuckDB (skewed)',
    h.speedupVsDuckdb === null ? 'not measured' : `${h.speedupVsDuckdb}×`,
    h.speedupVsDuckdb === null ? null : h.speedupVsDuckdb >= 5,
  ]);
  targets.push([`event-loop p99 < 50 ms during ${m(r.size.entries)}-entry imports`, `${h.eventLoopP99Ms} ms`, h.eventLoopP99Ms < 50]);
  targets.push([
    `findings --csv faster than importing the build (heavy, ${m(rb.size.entries)})`,
    `${s(h.reportCsvMs)} s vs ${s(h.reportImportMs)} s`,
    h.reportCsvMs < h.reportImportMs,
  ]);
  targets.push([
    `findings text faster than importing the build (heavy, ${m(rb.size.entries)})`,
    `${s(h.reportTextMs)} s vs ${s(h.reportImportMs)} s`,
    h.reportTextMs < h.reportImportMs,
  ]);
  targets.push(['findings --json to a file ≥ 200 MB/s (heavy)', `${h.reportJsonMBps} MB/s`, rb.size.entries >= 5e6 ? h.reportJsonMBps >= 200 : null]);
  targets.push([
    'compare of two heavy builds < 2× findings --csv',
    `${s(h.reportCompareMs)} s vs ${s(h.reportCsvMs)} s`,
    h.reportCompareMs < 2 * h.reportCsvMs,
  ]);
  targets.push(['every report < 1 GB peak RSS (heavy)', `${h.reportPeakRssMB} MB`, h.reportPeakRssMB < 1024]);
  table([['target', 'measured', ''], ...targets.map(([what, value, ok]) => [what, value, ok === null ? '—' : ok ? 'met' : 'MISSED'])], print);
  for (const p of r.problems) print(`PROBLEM: ${p}`);
  print(`total ${s(r.totalMs)} s`);
}
