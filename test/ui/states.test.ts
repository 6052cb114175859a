// Empty and error states say what happened and what to do: a finding that is not in the
// feedback pull (a stale bookmark), and a workspace with nothing to analyse.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('states', () => {
  it('says so when a bookmarked finding is not in the feedback pull', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3&sel=1%7Cnowhere.example%7C10.0.0.1%2F32');
    await settled(page);
    await expect(page.locator('.detail .error-banner').textContent()).resolves.toContain(
      'no feedback item (org 1, nowhere.example, 10.0.0.1/32) in feedback pull',
    );
    await screenshot(page, 'state-missing-finding');
    await page.close();
  });

  it('tells what to do when the workspace has no build or feedback', async () => {
    const { page } = await app.open('#/snapshots');
    await page.waitForSelector('.snapshot-table');
    for (;;) {
      const next = page.locator('button[aria-label^="Delete "]').first();
      if ((await next.count()) === 0) break;
      const before = await page.locator('.snapshot-table tbody tr[data-snapshot]').count();
      await next.click();
      await page.locator('[role="alertdialog"] button', { hasText: 'Delete' }).click();
      await expect.poll(() => page.locator('.snapshot-table tbody tr[data-snapshot]').count()).toBe(before - 1);
    }
    await expect(page.locator('.state h2').textContent()).resolves.toBe('The workspace is empty');
    await screenshot(page, 'state-empty-snapshots');
    await page.locator('.app-nav a', { hasText: 'Authenticity' }).click();
    await expect.poll(() => page.locator('.state h2').textContent()).toBe('No sender-model build in this workspace yet');
    await expect(page.locator('.state a', { hasText: 'Go to Snapshots' }).count()).resolves.toBe(1);
    await screenshot(page, 'state-empty-authenticity');
    // "Load the demo data" brings the demo back.
    await page.locator('.state button', { hasText: 'Load the demo data' }).click();
    await page.waitForSelector('.ft-row', { timeout: 60_000 });
    await page.close();
  });
});
