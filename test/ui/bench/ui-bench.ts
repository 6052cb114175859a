// `npm run bench:ui`: the analyst's view on a big build, measured end to end in headless
// Chromium over browser mode (the target: on a 5M-entry build with 50k feedback items,
// a cutoff move updates counts, histogram markers, org list and table in < 100 ms p95; the
// table scrolls smoothly; opening the workspace shows the first view in < 1 s).
//
//   npm run bench:ui [-- --entries 5000000 --items 50000 --moves 60 --shape skewed|heavy]
//
// heavy: the report bench's shape (test/bench/heavy/): Zipf domain sizes, 5 % /16 and 20 % /24
// feedback on the largest domains, ~20M matched entries at 5M entries.
// The build and feedback are generated once (seeded, test/bench/generate.ts) and kept in
// .tmp/bench-ui/; the workspace is made fresh each run. Figures go to stdout and to
// bench-results/ui-bench.json.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { generateBuild, generateFeedback, writeBuild, writeFeedback } from '../../bench/generate';
import { generateHeavyBuild, generateHeavyFeedback } from '../../bench/heavy/generate-heavy';
import { smwProcess } from '../../support/cli';
import { launchBrowser, newPage } from '../support/browser';
import { ensureUiBuilt } from '../support/ui-build';
import { PROJECT_ROOT, startWebServer } from '../support/web-server';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '5000000' },
    items: { type: 'string', default: '50000' },
    moves: { type: 'string', default: '60' },
    shape: { type: 'string', default: 'skewed' },
  },
});
const SHAPE = values.shape === 'heavy' ? 'heavy' : 'skewed';
const ENTRIES = Number(values.entries);
const ITEMS = Number(values.items);
const MOVES = Number(values.moves);

const cacheDir = path.join(PROJECT_ROOT, '.tmp', 'bench-ui', `${SHAPE}-${ENTRIES}-${ITEMS}`);
const buildFile = path.join(cacheDir, 'sendermodels-bench.avro');
const feedbackFile = path.join(cacheDir, 'feedback-bench.jsonl');

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function timed<T>(what: string, run: () => T): T {
  const t = performance.now();
  const out = run();
  log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: s.length, p50: r(quantile(s, 0.5)), p95: r(quantile(s, 0.95)), max: r(s[s.length - 1]) };
}

function prepareInputs(): void {
  if (fs.existsSync(buildFile) && fs.existsSync(feedbackFile)) {
    log(`inputs: reusing ${cacheDir}`);
    return;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  log(`inputs: generating a ${ENTRIES.toLocaleString('en-US')}-entry build and ${ITEMS.toLocaleString('en-US')} feedback items`);
  const heavy = SHAPE === 'heavy' ? timed('generate build', () => generateHeavyBuild({ entries: ENTRIES, items: ITEMS, seed: 7 })) : null;
  const build = heavy ?? timed('generate build', () => generateBuild({ entries: ENTRIES, shape: 'skewed', seed: 7 }));
  timed('write build (Avro, deflate)', () => writeBuild(build, `${buildFile}.part`, 'build', 'deflate'));
  fs.renameSync(`${buildFile}.part`, buildFile);
  const feedback = timed('generate feedback', () =>
    heavy ? generateHeavyFeedback(heavy, { entries: ENTRIES, items: ITEMS, seed: 7 }) : generateFeedback(build, { items: ITEMS, seed: 11 }),
  );
  timed('write feedback (JSON Lines)', () => writeFeedback(feedback, `${feedbackFile}.part`));
  fs.renameSync(`${feedbackFile}.part`, feedbackFile);
}

function prepareWorkspace(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
  log(`workspace: ${dataDir}`);
  const run = (...args: string[]) => {
    const r = smwProcess([...args, '--data-dir', dataDir]);
    if (r.code !== 0) throw new Error(`smw ${args.join(' ')}: ${r.stderr}`);
  };
  timed('import build A', () => run('import', 'sender-model', buildFile, '--id', 'bench-a'));
  // B is the same build under another id: the compare path does all its work (both analyses,
  // transitions per item) whatever the numbers are.
  timed('import build B', () => run('import', 'sender-model', buildFile, '--id', 'bench-b'));
  timed('import feedback', () => run('import', 'feedback', feedbackFile, '--id', 'bench-feedback'));
}

/**
 * Moves the cutoff as the slider does (an input event on the range) and measures, in the page,
 * until the frame after counts, charts, org list and the table page show the new cutoff.
 */
async function moveCutoff(page: Page, value: number, via: 'slider' | 'box'): Promise<number> {
  return page.evaluate(
    ({ value, via }) =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector<HTMLElement>('.findings-view')!;
        const input = document.querySelector<HTMLInputElement>(via === 'slider' ? '.cutoff input[type="range"]' : '.cutoff-box')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const t0 = performance.now();
        setValue.call(input, String(value));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (via === 'box') input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        const timeout = setTimeout(() => reject(new Error(`cutoff ${value} not shown after 10 s`)), 10_000);
        const check = () => {
          const shown = root.dataset.loading === 'false' && Number(root.dataset.cutoff) === value && document.querySelector('.ft-row [role="gridcell"]');
          if (shown) {
            // The next frame is the one that paints it.
            requestAnimationFrame(() => {
              clearTimeout(timeout);
              resolve(performance.now() - t0);
            });
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { value, via },
  );
}

/** Scrolls the table like a wheel would for `ms`, recording frame times and unfilled rows. */
async function scrollTable(page: Page, ms: number): Promise<{ frames: number[]; placeholderFrames: number; rowsTotal: number }> {
  return page.evaluate(
    (ms) =>
      new Promise<{ frames: number[]; placeholderFrames: number; rowsTotal: number }>((resolve) => {
        const table = document.querySelector<HTMLElement>('.findings-table')!;
        const frames: number[] = [];
        let placeholderFrames = 0;
        const start = performance.now();
        let last = start;
        const step = () => {
          const now = performance.now();
          frames.push(now - last);
          last = now;
          // ~3,000 px/s, with a long jump every second (a dragged scrollbar).
          table.scrollTop += Math.round(frames.length % 60 === 0 ? table.scrollHeight / 7 : 50);
          if (table.scrollTop + table.clientHeight >= table.scrollHeight - 1) table.scrollTop = 0;
          if (document.querySelector('.ft-placeholder')) placeholderFrames++;
          if (now - start < ms) requestAnimationFrame(step);
          else resolve({ frames: frames.slice(1), placeholderFrames, rowsTotal: Number(table.getAttribute('aria-rowcount')) - 1 });
        };
        requestAnimationFrame(step);
      }),
    ms,
  );
}

async function waitShown(page: Page): Promise<void> {
  await page.waitForSelector('.findings-view[data-loading="false"] .ft-row [role="gridcell"]', { timeout: 120_000 });
}

async function main(): Promise<void> {
  const started = Date.now();
  prepareInputs();
  const dataDir = path.join(PROJECT_ROOT, '.tmp', 'bench-ui', 'workspace');
  prepareWorkspace(dataDir);
  await ensureUiBuilt();
  let server = await startWebServer(dataDir);
  const browser = await launchBrowser();
  const results: Record<string, unknown> = { shape: SHAPE, entries: ENTRIES, items: ITEMS, moves: MOVES, date: new Date().toISOString() };
  try {
    const { page, errors } = await newPage(browser, { width: 1280, height: 800 });
    // tsx names functions with an `__name` helper that the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f;');
    const hash = '#/authenticity?feedback=bench-feedback&a=bench-a';

    // First view: the build is read from its snapshot and joined on first use (cold), then
    // served from the cache (warm: a reload, another window).
    let t = Date.now();
    await page.goto(`${server.url}${hash}`);
    await waitShown(page);
    results.firstViewColdMs = Date.now() - t;
    t = Date.now();
    await page.reload();
    await waitShown(page);
    results.firstViewWarmMs = Date.now() - t;
    log(`first view: cold ${results.firstViewColdMs} ms (reads the 5M-entry build and joins), warm ${results.firstViewWarmMs} ms`);

    const cutoffs = Array.from({ length: MOVES }, (_, k) => Math.round((0.05 + ((k * 37) % 90) / 100) * 100) / 100);
    const run = async (label: string, via: 'slider' | 'box', list: number[]) => {
      const samples: number[] = [];
      // Two warm-up moves: the first sort or filter of a kind builds its cached order.
      for (const c of [0.33, 0.34]) await moveCutoff(page, c, via);
      for (const c of list) samples.push(await moveCutoff(page, c, via));
      const s = stats(samples);
      results[label] = s;
      log(`${label.padEnd(34)} p50 ${String(s.p50).padStart(6)} ms   p95 ${String(s.p95).padStart(6)} ms   max ${String(s.max).padStart(6)} ms   (n=${s.n})`);
    };
    const go = async (h: string) => {
      await page.goto(`${server.origin}/${h}`);
      await waitShown(page);
    };

    log('cutoff moves, end to end (input event → painted counts, markers, orgs, table page):');
    await run('cutoff: A, default order', 'slider', cutoffs);
    await go(`${hash}&sort=mean:asc`);
    await run('cutoff: A, sorted by mean', 'slider', cutoffs);
    await go(`${hash}&findings=1`);
    await run('cutoff: A, findings only', 'slider', cutoffs);
    await go(`${hash}&b=bench-b&findings=1&sort=delta:desc`);
    await run('cutoff: A vs B, findings, by Δ', 'slider', cutoffs);
    await go(`${hash}&b=bench-b`);
    await run('cutoff: A vs B, number box', 'box', cutoffs.slice(0, 20));

    await go(hash);
    const scroll = await scrollTable(page, 4000);
    const f = stats(scroll.frames);
    results.scroll = { ...f, rows: scroll.rowsTotal, framesOver50ms: scroll.frames.filter((x) => x > 50).length, placeholderFrames: scroll.placeholderFrames };
    log(
      `scrolling ${scroll.rowsTotal.toLocaleString('en-US')} rows for 4 s: frame p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms; frames > 50 ms: ${(results.scroll as { framesOver50ms: number }).framesOver50ms}; frames showing a row still loading: ${scroll.placeholderFrames} of ${f.n}`,
    );

    // Opening the app again on the same workspace, as an analyst does each morning: the core
    // loads the remembered context's builds while the window loads (AppCore.warmUp).
    await server.stop();
    const beforeStart = Date.now();
    server = await startWebServer(dataDir);
    t = Date.now();
    await page.goto(`${server.url}${hash}`);
    await waitShown(page);
    results.firstViewAfterRestartMs = Date.now() - t;
    results.serverStartMs = t - beforeStart;
    log(`first view after reopening the app: ${results.firstViewAfterRestartMs} ms (server start ${results.serverStartMs} ms before)`);
    if (errors.length) log(`page errors: ${errors.join('; ')}`);
    results.pageErrors = errors;
  } finally {
    await browser.close();
    await server.stop();
  }
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  const out = path.join(PROJECT_ROOT, 'bench-results', `ui-bench-${SHAPE}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`written ${path.relative(PROJECT_ROOT, out)}`);
}

await main();
