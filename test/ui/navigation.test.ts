// Getting around: a deep link or a note's "open" scrolls the table to its finding and puts the
// keyboard cursor there, keeping builds A and B; the detail pane follows End; Back steps
// through bin, org and filter changes; compare reads older → newer; a tooltip does not outlive
// its view.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport, FindingsReport } from '../../shared/types';
import { callApi, clickBin, cliJson, routeParams, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';

describe('navigation', () => {
  it('scrolls a deep-linked finding into view and moves the cursor to it', async () => {
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', OLDER, '--cutoff', '0.3');
    const target = report.items[1500];
    const sel = encodeURIComponent(`${target.org}|${target.domain}|${target.cidr}`);
    const { page, errors } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3&sel=${sel}`, { width: 1280, height: 720 });
    await settled(page);
    const row = page.locator('.ft-row.open');
    await row.waitFor();
    await expect(row.locator('.domain').textContent()).resolves.toBe(target.domain);
    await expect(row.getAttribute('aria-rowindex')).resolves.toBe(String(1500 + 2));
    await expect.poll(() => row.getAttribute('class')).toContain('cursor');
    // In view, inside the table's scroller.
    const table = (await page.locator('.findings-table').boundingBox())!;
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(table.y);
    expect(box.y + box.height).toBeLessThanOrEqual(table.y + table.height);
    // The keyboard goes on from there.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.detail-title .mono').textContent()).toBe(report.items[1501].cidr);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a note’s finding from the Notes view with builds A and B kept, scrolled to it', async () => {
    const compare = cliJson<CompareReport<{ org: number; domain: string; cidr: string }>>(
      app.dataDir,
      'compare',
      '--base',
      OLDER,
      '--candidate',
      NEWER,
      '--cutoff',
      '0.3',
    );
    const target = compare.items.filter((i) => i.org === 64)[200];
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`, { width: 1280, height: 720 });
    await settled(page);
    await callApi(page, 'saveNote', {
      key: { org: target.org, domain: target.domain, cidr: target.cidr },
      text: 'to be found again',
      status: 'open',
      tags: [],
    });
    await page.locator('.app-nav a', { hasText: 'Notes' }).click();
    await page.locator('.note-item', { hasText: 'to be found again' }).locator('a', { hasText: 'open' }).click();
    await settled(page);
    const params = await routeParams(page);
    expect(params.get('a')).toBe(OLDER);
    expect(params.get('b')).toBe(NEWER);
    const row = page.locator('.ft-row.open');
    await row.waitFor();
    await expect(row.locator('.mono').first().textContent()).resolves.toBe(target.cidr);
    await expect.poll(() => row.getAttribute('class')).toContain('cursor');
    await page.close();

    // The same from a window that has not shown the analysis yet: the workspace's context.
    await expect.poll(async () => (await cliJson<{ snapshots: unknown[] }>(app.dataDir, 'list')).snapshots.length).toBeGreaterThan(0);
    const fresh = await app.open('#/notes', { width: 1280, height: 720 });
    await fresh.page.locator('.note-item', { hasText: 'to be found again' }).locator('a', { hasText: 'open' }).click();
    await settled(fresh.page);
    const again = await routeParams(fresh.page);
    expect([again.get('a'), again.get('b')]).toEqual([OLDER, NEWER]);
    await fresh.page.locator('.ft-row.open').waitFor();
    await fresh.page.close();
  });

  it('moves the detail pane with the first End keypress', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3`);
    await settled(page);
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', OLDER, '--cutoff', '0.3');
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    await page.locator('.findings-table').focus();
    await page.keyboard.press('End');
    const last = report.items[report.items.length - 1];
    await expect.poll(() => page.locator('.detail-title .mono').textContent()).toBe(last.cidr);
    expect((await routeParams(page)).get('sel')).toBe(`${last.org}|${last.domain}|${last.cidr}`);
    await page.close();
  });

  it('steps back through bin, org and filter changes with the browser’s Back', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3`);
    await settled(page);
    const start = await page.evaluate(() => window.location.href);
    await page.waitForSelector('section[aria-label="CIDR-averaged scores"] .chart-body svg');
    await clickBin(page, 'CIDR-averaged scores', 40);
    await expect.poll(async () => (await routeParams(page)).get('bin')).toBe('cidrAveraged:40');
    await page.locator('.org-row', { hasText: 'Org 54 —' }).click();
    await expect.poll(async () => (await routeParams(page)).get('org')).toBe('54');
    await page.locator('.filter-bar .chip', { hasText: 'findings only' }).click();
    await expect.poll(async () => (await routeParams(page)).get('findings')).toBe('1');
    await page.locator('.filter-text').fill('mail');
    await expect.poll(async () => (await routeParams(page)).get('q')).toBe('mail');

    const steps: Array<[string, string | null]> = [
      ['q', null],
      ['findings', null],
      ['org', null],
      ['bin', null],
    ];
    for (const [param, value] of steps) {
      await page.goBack();
      await expect.poll(async () => (await routeParams(page)).get(param)).toBe(value);
      await settled(page);
    }
    // Still in the app, where it started; the filter box shows the URL's (empty) text.
    expect(await page.evaluate(() => window.location.href)).toBe(start);
    await expect(page.locator('.filter-text').inputValue()).resolves.toBe('');
    await page.close();
  });

  it('starts a comparison reading forwards: A the older build, B the newer', async () => {
    const { page } = await app.open(`#/authenticity?a=${NEWER}&cutoff=0.3`);
    await settled(page);
    await page.selectOption('select[aria-label^="Build B"]', OLDER);
    await page.waitForSelector('.card.transitions');
    await settled(page);
    const params = await routeParams(page);
    expect([params.get('a'), params.get('b')]).toEqual([OLDER, NEWER]);
    const report = cliJson<CompareReport>(app.dataDir, 'compare', '--base', OLDER, '--candidate', NEWER, '--cutoff', '0.3');
    await expect(page.locator('[data-transition="fixed"] .num').textContent()).resolves.toBe(String(report.transitions.fixed));
    // Once comparing, a pick is taken as it is: ⇄ swaps.
    await page.locator('button[aria-label="Swap builds A and B"]').click();
    await expect.poll(async () => (await routeParams(page)).get('a')).toBe(NEWER);
    await page.close();
  });

  it('takes a chart tooltip away with its comparison and its view', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`);
    await settled(page);
    const body = page.locator('section[aria-label="Individual domain-IP scores"] .chart-body svg');
    await body.waitFor();
    const box = (await body.boundingBox())!;
    await page.mouse.move(box.x + 44 + ((40 + 0.5) * (box.width - 54)) / 50, box.y + box.height - 27);
    await page.locator('.chart-tooltip').waitFor();
    // Away from the comparison by the keyboard, the pointer still on the bar: B set to none…
    await page.locator('select[aria-label^="Build B"]').selectOption('');
    await expect.poll(async () => (await routeParams(page)).get('b')).toBeNull();
    await settled(page);
    await expect.poll(() => page.locator('.chart-tooltip').count()).toBe(0);
    // …and to another view.
    await page.mouse.move(0, 0);
    const now = (await body.boundingBox())!;
    await page.mouse.move(now.x + 44 + ((40 + 0.5) * (now.width - 54)) / 50, now.y + now.height - 27);
    await page.locator('.chart-tooltip').waitFor();
    await page.evaluate(() => {
      window.location.hash = '#/notes';
    });
    await page.waitForSelector('.notes-page');
    await expect.poll(() => page.locator('.chart-tooltip').count()).toBe(0);
    await page.close();
  });

  it('says a page without its token needs the link’s token, not that the workspace is unreadable', async () => {
    const { page } = await app.open('#/authenticity');
    await settled(page);
    const bare = await app.browser.newPage();
    await bare.goto(`${app.server.origin}/#/authenticity`);
    await expect(bare.locator('h1').textContent()).resolves.toBe('This page needs its access token');
    await expect(bare.locator('body').textContent()).resolves.not.toContain('could not read the workspace');
    await bare.close();
    await page.close();
  });
});
