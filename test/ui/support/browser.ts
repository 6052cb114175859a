// Headless Chromium for the UI tests, the shell tests and the benchmark, driven by playwright-core
// (no browser download). Debian's chromium package where it is installed (.ci/run installs it): a
// desktop build that gets the distribution's security fixes. Elsewhere @sparticuz/chromium, but
// without the flags it sets for AWS Lambda that would test the app in a weakened browser (no
// same-origin policy, insecure content allowed, one process for every site).

import fs from 'node:fs';
import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type LaunchOptions, type Page, chromium as playwright } from 'playwright-core';

/** Where Debian's package puts its launcher; SMW_CHROMIUM names another Chromium or Chrome. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Ours, for a root user on a closed network: no sandbox (root), no GPU, and none of Chromium's
 * background connections (refused here, many at a time). Playwright gives each launch a fresh
 * profile of its own.
 */
export const HEADLESS_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Of @sparticuz/chromium's own flags, only those about drawing (software GL, font hinting) are
 * taken. The rest are for AWS Lambda and weaken the page under test: --disable-web-security,
 * --allow-running-insecure-content, --disable-site-isolation-trials, --single-process,
 * --in-process-gpu, --disable-features=IsolateOrigins,site-per-process, SharedArrayBuffer without
 * cross-origin isolation.
 */
export const SPARTICUZ_KEPT_ARGS: readonly string[] = ['--use-gl', '--use-angle', '--font-render-hinting'];

/** Our flags, plus those of `given` that only change how pages are drawn. */
export function safeArgs(given: readonly string[]): string[] {
  const kept = given.filter((arg) => SPARTICUZ_KEPT_ARGS.includes(arg.split('=')[0]));
  return [...HEADLESS_ARGS, ...kept];
}

export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  /** 'system' for SMW_CHROMIUM or Debian's package, 'sparticuz' for the fallback. */
  kind: 'system' | 'sparticuz';
}

/** SMW_CHROMIUM, else Debian's chromium where installed, else @sparticuz/chromium. */
export async function chooseChromium(env: NodeJS.ProcessEnv = process.env, systemChromium = SYSTEM_CHROMIUM): Promise<ChromiumChoice> {
  const system = env.SMW_CHROMIUM || (fs.existsSync(systemChromium) ? systemChromium : '');
  if (system) return { executablePath: system, args: [...HEADLESS_ARGS], kind: 'system' };
  return { executablePath: await chromium.executablePath(), args: safeArgs(chromium.args), kind: 'sparticuz' };
}

/** What every launch of the tests passes to Playwright. */
export function launchOptions({ executablePath, args }: ChromiumChoice): LaunchOptions {
  return { executablePath, args, headless: true };
}

export async function launchBrowser(choice?: ChromiumChoice): Promise<Browser> {
  return playwright.launch(launchOptions(choice ?? (await chooseChromium())));
}

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

/** A page that fails the test on any console error or uncaught exception of the app. */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}
