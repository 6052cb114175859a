// The browser the UI tests drive is a browser as analysts have it: the same-origin policy on, one
// renderer process per site, none of @sparticuz/chromium's AWS Lambda flags. Checked on each
// Chromium the tests can pick (Debian's where installed, and the @sparticuz fallback), by what the
// browser itself reports and does: its command line, and a cross-origin read it must refuse.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserServer, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseChromium, type ChromiumChoice, launchOptions, SYSTEM_CHROMIUM } from '../ui/support/browser';

const WEAKENING = [
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
  '--in-process-gpu',
  'site-per-process',
  'IsolateOrigins',
];

/** A server on 127.0.0.1 that answers every request with `body`, and no CORS headers. */
async function serve(body: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let pageSite: Awaited<ReturnType<typeof serve>>;
let otherSite: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  pageSite = await serve('<!doctype html><title>page</title>');
  otherSite = await serve('secret of another origin');
});

afterAll(async () => {
  await pageSite?.close();
  await otherSite?.close();
});

const choices: Array<[string, () => Promise<ChromiumChoice>]> = [['@sparticuz/chromium (the fallback)', () => chooseChromium({}, '/nonexistent/chromium')]];
if (fs.existsSync(SYSTEM_CHROMIUM)) choices.unshift([`Debian's chromium (${SYSTEM_CHROMIUM})`, () => chooseChromium({}, SYSTEM_CHROMIUM)]);

describe.each(choices)('the test browser: %s', (_name, choose) => {
  // A browser server started with the very options launchBrowser() passes, so that the
  // command line Chromium was given can be read off its process.
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await chromium.launchServer(launchOptions(await choose()));
    browser = await chromium.connect(server.wsEndpoint());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs without the flags that weaken a page', () => {
    const commandLine = server.process().spawnargs;
    expect(commandLine.some((arg) => arg.startsWith('--headless'))).toBe(true);
    for (const flag of WEAKENING) expect(commandLine.filter((arg) => arg.includes(flag))).toEqual([]);
  });

  it('refuses a page a read of another origin that did not allow it', async () => {
    const page = await browser.newPage();
    await page.goto(pageSite.origin);
    const read = await page.evaluate(async (url) => {
      try {
        return `read: ${await (await fetch(url)).text()}`;
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    }, `${otherSite.origin}/secret`);
    await page.close();
    expect(read).toBe('refused: TypeError');
  });
});
