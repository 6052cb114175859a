// The app in browser mode on a fresh workspace (the first start imports the demo of
// snapshots/), one headless Chromium, and the helpers the UI tests share: wait until a view
// has settled, read its counts, ask the CLI for the same figures, save screenshots.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { smwProcess } from '../../support/cli';
import { launchBrowser, newPage, type PageOptions } from './browser';
import { ensureUiBuilt } from './ui-build';
import { PROJECT_ROOT, startWebServer, type WebServer } from './web-server';

export const SHOTS_DIR = path.join(PROJECT_ROOT, 'test-results', 'ui');

export interface App {
  dataDir: string;
  server: WebServer;
  browser: Browser;
  /** A page on `hash` (e.g. `#/authenticity`), logged in with the server's token. */
  open(hash?: string, options?: PageOptions): Promise<{ page: Page; errors: string[] }>;
  /** Stops the server only (the workspace stays), for "restart the app". */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(options: { env?: Record<string, string> } = {}): Promise<App> {
  await ensureUiBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-ui-'));
  const browser = await launchBrowser();
  const app: App = {
    dataDir,
    server: await startWebServer(dataDir, options.env),
    browser,
    async open(hash = '#/authenticity', pageOptions) {
      const { page, errors } = await newPage(browser, pageOptions);
      await page.goto(`${app.server.url}${hash}`);
      return { page, errors };
    },
    async restart() {
      await app.server.stop();
      app.server = await startWebServer(dataDir, options.env);
    },
    async close() {
      await browser.close();
      await app.server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** Waits until the analysis view shows the answer to what it last asked. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('.findings-view[data-loading="false"]', { timeout: 60_000 });
}

export interface Cards {
  items: number;
  scored: number;
  underCutoff: number;
  uncovered: number;
  findings: number;
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d-]/gu, ''));

/** The summary cards of side A (or B). */
export async function readCards(page: Page, side: 'a' | 'b' = 'a'): Promise<Cards> {
  const read = async (card: string) => {
    const cls = card === 'items' ? 'a' : side;
    return number(await page.locator(`[data-card="${card}"] .card-${cls}`).textContent());
  };
  return {
    items: await read('items'),
    scored: await read('scored'),
    underCutoff: await read('underCutoff'),
    uncovered: await read('uncovered'),
    findings: await read('findings'),
  };
}

export async function readTransitions(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['fixed', 'regressed', 'changed', 'unchanged']) out[t] = number(await page.locator(`[data-transition="${t}"] .num`).textContent());
  return out;
}

/** The table's "N of M items". */
export async function listedRows(page: Page): Promise<number> {
  return number(await page.locator('.row-count .num').first().textContent());
}

/** The route's query, as the app wrote it in the address bar. */
export async function routeParams(page: Page): Promise<URLSearchParams> {
  const hash = await page.evaluate(() => window.location.hash);
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/** `smw ARGS --json --data-dir DIR` as a user runs it; the parsed output. */
export function cliJson<T = Record<string, unknown>>(dataDir: string, ...args: string[]): T {
  const run = smwProcess([...args, '--json', '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`smw ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** `smw ARGS --data-dir DIR` as a user runs it; what it printed on stdout. */
export function cliText(dataDir: string, ...args: string[]): string {
  const run = smwProcess([...args, '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`smw ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  // Charts load beside the data: a screenshot shows them drawn.
  await page.waitForFunction(() => !document.querySelector('.chart-loading'), undefined, { timeout: 30_000 });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** One call of the app's API from the page, with the page's token: for setting up a test. */
export async function callApi<T = unknown>(page: Page, method: string, args: unknown = {}): Promise<T> {
  return page.evaluate(
    async ([m, a]) => {
      const token = sessionStorage.getItem('smw.token');
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(a),
      });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: string };
      if (!body.ok) throw new Error(body.error);
      return body.value;
    },
    [method, args] as const,
  ) as Promise<T>;
}

/** The element that has the keyboard focus, as `tag.class[aria-label]`, for keyboard tests. */
export async function focused(page: Page): Promise<{ tag: string; text: string; label: string | null; className: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.textContent ?? '').trim(),
      label: el?.getAttribute('aria-label') ?? null,
      className: el?.className ?? '',
    };
  });
}

/** Clicks bin `bin` of a histogram (build A's bar; the chart's margins are 44 px left, 10 right, 26 below). */
export async function clickBin(page: Page, chart: string, bin: number): Promise<void> {
  const box = (await page.locator(`section[aria-label="${chart}"] .chart-body svg`).boundingBox())!;
  const inner = box.width - 54;
  await page.mouse.click(box.x + 44 + ((bin + 0.3) * inner) / 50, box.y + box.height - 27);
}
