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
    const compare = cliJson<CompareReport<{ org: number; domain: string; cidr: string }>>(app.dataDir, 'compare', '--base', OLDER, '--candidate', NEWER, '--cutoff', '0.3');
    const target = compare.items.filter((i) => i.org === 64)[200];
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`, { width: 1280, height: 720 });
    await settled(page);
    await callApi(page, 'saveNote', { key: { org: target.org, domain: target.domain, cidr: target.cidr }, text: 'to be found again', status: 'open', tags: [] });
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
});
