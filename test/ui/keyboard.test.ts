// Every control reachable and usable by keyboard: the current view in the navigation, the
// table's column headers (sorting), and the histogram bins (filtering), without a mouse.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsReport } from '../../shared/types';
import { cliJson, focused, listedRows, routeParams, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('keyboard', () => {
  it('reaches the current view in the navigation with Tab', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    await page.locator('body').focus();
    const reached: string[] = [];
    for (let k = 0; k < 6; k++) {
      await page.keyboard.press('Tab');
      reached.push((await focused(page)).text);
    }
    expect(reached).toContain('Authenticity');
    expect(reached).toContain('Reputation');
    await page.close();
  });

  it('sorts the table from a column header with Tab and Enter', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    // From the table, Tab walks its headers: Org, Domain, CIDR, …
    await page.locator('.findings-table').focus();
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Org: sort');
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Domain: sort');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await routeParams(page)).get('sort')).toBe('domain:asc');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await routeParams(page)).get('sort')).toBe('domain:desc');
    await settled(page);
    const first = await page.locator('.ft-row').first().locator('.domain').textContent();
    const build = (await routeParams(page)).get('a')!;
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--cutoff', '0.3');
    expect(first).toBe([...report.items].sort((x, y) => (x.domain < y.domain ? 1 : x.domain > y.domain ? -1 : 0))[0].domain);
    await page.close();
  });

  it('sorts from anywhere in the header cell, not only its label', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const cell = page.locator('.ft-head [role="columnheader"]', { hasText: 'Domain' });
    const box = (await cell.boundingBox())!;
    await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
    await expect.poll(async () => (await routeParams(page)).get('sort')).toBe('domain:asc');
    await page.close();
  });

  it('filters the table to a histogram bin from the keyboard', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--cutoff', '0.3');
    const bins = page.locator('section[aria-label="CIDR-averaged scores"] [role="listbox"]');
    await bins.focus();
    await page.keyboard.press('Home');
    for (let k = 0; k < 15; k++) await page.keyboard.press('ArrowRight');
    await expect(page.locator('section[aria-label="CIDR-averaged scores"] .bin-picker-readout').textContent()).resolves.toContain('0.30–0.32');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await routeParams(page)).get('bin')).toBe('cidrAveraged:15');
    await settled(page);
    expect(await listedRows(page)).toBe(report.histograms.cidrAveraged[15]);
    // The bins are read out as a list with their counts.
    const option = await page.locator('section[aria-label="CIDR-averaged scores"] [role="option"]').nth(15).textContent();
    expect(option).toBe(`0.30–0.32: ${report.histograms.cidrAveraged[15]}`);
    await page.close();
  });
});
