// Reopening the app lands where the analyst left off — builds A and B, the cutoff — even after
// a newer build arrived; the context bar says a newer one is there.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden } from '../support/cli';
import { newPage } from './support/browser';
import { callApi, routeParams, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';

describe('the remembered context', () => {
  it('survives a newer import and a fresh start, and the context bar tells of the newer build', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.42`);
    await settled(page);
    await expect
      .poll(async () => (await callApi<{ context: Record<string, unknown> }>(page, 'getSettings')).context, { timeout: 10_000 })
      .toMatchObject({ buildA: OLDER, buildB: NEWER, cutoff: 0.42 });

    // Another build arrives (imported in Snapshots).
    await page.locator('.app-nav a', { hasText: 'Snapshots' }).click();
    await page.locator('[data-testid="import-files"]').setInputFiles(golden('sendermodels-2.avro'));
    await page.locator('input[aria-label="Id for sendermodels-2.avro"]').fill('sendermodels-new');
    await page.locator('button', { hasText: 'Import 1 file' }).click();
    await expect.poll(() => page.locator('tr[data-snapshot="sendermodels-new"]').count(), { timeout: 30_000 }).toBe(1);
    await page.close();

    // The app afresh: a new server and a window with nothing stored; the settings answer after
    // the snapshot list, as they may on a slow disk.
    await app.restart();
    const { page: fresh } = await newPage(app.browser);
    const listed = fresh.waitForResponse((r) => r.url().endsWith('/api/listSnapshots'));
    await fresh.route('**/api/getSettings', async (route) => {
      await listed;
      await route.continue();
    });
    await fresh.goto(`${app.server.url}#/authenticity`);
    await settled(fresh);
    const params = await routeParams(fresh);
    expect([params.get('a'), params.get('b'), params.get('cutoff')]).toEqual([OLDER, NEWER, '0.42']);
    await expect(fresh.locator('[data-testid="newer-snapshots"]').textContent()).resolves.toContain('sendermodels-new');
    expect(fs.existsSync(app.dataDir)).toBe(true);
    await fresh.close();
  });
});
