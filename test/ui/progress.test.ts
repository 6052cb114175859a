// A call that takes a while shows progress where its result will appear: the cards, each
// chart and the org list while the overview is computed, the table while its rows come, the
// detail pane while it loads — and nothing once the answer is there. The calls are held back
// by the test (not slowed by chance), so "a while" is certain.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { newPage } from './support/browser';
import { settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';

/** Holds the next calls of `method` until release() is called. */
async function hold(page: Page, method: string): Promise<{ release: () => Promise<void> }> {
  const held: Route[] = [];
  let open = false;
  await page.route(`**/api/${method}`, async (route) => {
    if (open) return route.continue();
    held.push(route);
  });
  return {
    release: async () => {
      open = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

describe('progress where the result will appear', () => {
  it('on the first overview, before there is anything to show', async () => {
    const { page } = await newPage(app.browser, { width: 1280, height: 720 });
    const overview = await hold(page, 'authenticityOverview');
    await page.goto(`${app.server.url}#/authenticity?a=${OLDER}&cutoff=0.3`);
    await expect(page.locator('.findings-top [role="progressbar"]').isVisible()).resolves.toBe(false);
    await page.locator('.findings-top [role="progressbar"]').waitFor({ state: 'visible' });
    // The org list's (the Networks panel under it has its own).
    await page.locator('.org-pane [role="progressbar"][aria-label="Counting…"]').waitFor({ state: 'visible' });
    await overview.release();
    await settled(page);
    await expect.poll(() => page.locator('[role="progressbar"]').count()).toBe(0);
    await page.close();
  });

  it('on the cards, charts and org list for a new cutoff, on the table for new rows, on the detail', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3`, { width: 1440, height: 900 });
    await settled(page);
    const overview = await hold(page, 'authenticityOverview');
    const rows = await hold(page, 'authenticityRows');
    await page.locator('.cutoff-box').fill('0.5');
    await page.locator('.cutoff-box').press('Enter');
    for (const region of ['.findings-top', 'section[aria-label="CIDR-averaged scores"]', 'section[aria-label="Threshold curve"]', '.org-pane', '.table-wrap']) {
      await page.locator(`${region} [role="progressbar"]`).first().waitFor({ state: 'visible' });
    }
    await overview.release();
    await expect.poll(() => page.locator('.findings-top [role="progressbar"]').count()).toBe(0);
    expect(await page.locator('.table-wrap [role="progressbar"]').isVisible()).toBe(true);
    await rows.release();
    await settled(page);
    await expect.poll(() => page.locator('[role="progressbar"]').count()).toBe(0);

    const detail = await hold(page, 'authenticityDetail');
    await page.locator('.ft-row').first().click();
    await page.locator('.detail [role="progressbar"]').waitFor({ state: 'visible' });
    await detail.release();
    await page.locator('.detail-body').waitFor();
    await expect.poll(() => page.locator('.detail [role="progressbar"]').count()).toBe(0);
    await page.close();
  });
});
