// The app shell in a real browser: the renderer built by vite (the files the Electron window
// loads), browser mode on a fresh workspace (the demo imported on first start), and headless
// Chromium opening the Open link and finding the demo snapshots on the Snapshots view.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserMode, type BrowserMode } from '../../main/server/browser-mode';
import { buildRenderer } from '../../main/server/renderer-build';
import { launchBrowser } from '../ui/support/browser';
import { DEMO, PROJECT_ROOT, tempDir } from './harness';

let mode: BrowserMode;
let openLine = '';
let browser: Browser;
const screenshots = path.join(PROJECT_ROOT, 'test-results');

beforeAll(async () => {
  const rendererDir = tempDir('smw-ui-build-');
  await buildRenderer(rendererDir);
  mode = await runBrowserMode({ dataDir: path.join(tempDir(), 'workspace'), rendererDir, open: false, log: () => {}, print: (line) => (openLine = line) });
  browser = await launchBrowser();
  fs.mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await mode?.stop();
});

describe('browser mode in headless Chromium', () => {
  it('prints one Open line with a 256-bit token', () => {
    expect(openLine).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/u);
  });

  it('shows the app shell with the demo snapshots, under the strict CSP, and keeps the token out of the address bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(openLine.replace(/^Open /u, ''));
    await page
      .getByRole('link', { name: 'Snapshots' })
      .or(page.getByRole('tab', { name: 'Snapshots' }))
      .or(page.getByText('Snapshots', { exact: true }))
      .first()
      .click();
    for (const id of Object.values(DEMO)) await expect.poll(() => page.getByText(id, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, 'shell-snapshots.png'), fullPage: false });

    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('smw.token'))).toBe(new URL(openLine.replace(/^Open /u, '')).searchParams.get('token'));
    // No Content-Security-Policy violation, no failed request, no uncaught error.
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a page without the token cannot read anything', async () => {
    const page = await browser.newPage();
    const origin = new URL(openLine.replace(/^Open /u, '')).origin;
    await page.goto(origin);
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/listSnapshots', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return { status: res.status, body: (await res.json()) as unknown };
    });
    expect(answer.status).toBe(401);
    await page.close();
  });
});
