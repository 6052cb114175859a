// Ordinary window sizes: nothing overflows or overlaps, nothing is cut — the import list at
// 1440×900, the org list, the Org and CIDR columns, the drop-downs — and at 1280×720 with the
// detail open the org list stays, the charts fold away and the panes resize (remembered).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { golden } from '../support/cli';
import { screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) => inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5;

/** Whether a select shows its chosen option's whole text. */
async function selectShowsAll(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const g = document.createElement('canvas').getContext('2d')!;
    g.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.text ?? '';
    // The drop-down arrow takes about 14 px.
    return g.measureText(text).width + 14 <= select.clientWidth;
  });
}

describe('layout', () => {
  it('fits three files in the import list at 1440×900 without covering the S3 form', async () => {
    const { page, errors } = await app.open('#/snapshots', { width: 1440, height: 900 });
    await page.waitForSelector('.snapshot-table');
    await page.locator('[data-testid="import-files"]').setInputFiles([golden('sendermodels-1.avro'), golden('reputation-1.json'), golden('feedback.jsonl')]);
    const panel = (await page.locator('section[aria-label="Import files"]').boundingBox())!;
    const s3 = (await page.locator('section[aria-label="Pull builds from S3"]').boundingBox())!;
    expect(panel.x + panel.width).toBeLessThanOrEqual(s3.x);
    for (const name of ['sendermodels-1.avro', 'reputation-1.json', 'feedback.jsonl']) {
      const id = (await page.locator(`input[aria-label="Id for ${name}"]`).boundingBox())!;
      expect(id.width).toBeGreaterThanOrEqual(120);
      expect(inside(id, panel)).toBe(true);
      expect(inside((await page.locator(`button[aria-label="Remove ${name} from the list"]`).boundingBox())!, panel)).toBe(true);
      expect(inside((await page.locator(`select[aria-label="Kind of ${name}"]`).boundingBox())!, panel)).toBe(true);
    }
    // The S3 form's Region field is what is on top where it is drawn.
    const region = page.locator('section[aria-label="Pull builds from S3"] label', { hasText: 'Region' }).locator('input');
    const r = (await region.boundingBox())!;
    expect(
      await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('section')?.getAttribute('aria-label'), [r.x + r.width / 2, r.y + r.height / 2]),
    ).toBe('Pull builds from S3');
    await page.locator('section[aria-label="Import files"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'snapshots-import-three-files-1440x900');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps org rows apart, shows org ids, IPv6 CIDRs and the drop-downs whole', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`, { width: 1280, height: 720 });
    await settled(page);
    const rowsApart = () =>
      page.locator('.org-item').evaluateAll((els) => {
        const boxes = els.map((e) => e.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        return boxes.every((b, i) => i === 0 || b.top >= boxes[i - 1].bottom - 0.5);
      });
    expect(await rowsApart()).toBe(true);
    await page.locator('select[aria-label="Order orgs by"]').selectOption('org');
    await expect.poll(rowsApart).toBe(true);
    await page.locator('.cutoff-box').fill('0.6');
    await page.locator('.cutoff-box').press('Enter');
    await settled(page);
    await page.locator('select[aria-label="Order orgs by"]').selectOption('findings');
    await expect.poll(rowsApart).toBe(true);

    // Drop-downs show what they hold.
    for (const select of [
      'select[aria-label="Feedback pull"]',
      'select[aria-label^="Build A"]',
      'select[aria-label^="Build B"]',
      'select[aria-label="Order orgs by"]',
    ]) {
      expect(await selectShowsAll(page, select), select).toBe(true);
    }

    // The text org id and the IPv6 CIDRs whole, with the detail open.
    await page.goto(`${app.server.origin}/#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3&org=acme-eu`);
    await settled(page);
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    const cut = (selector: string) =>
      page.locator(selector).evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    await expect.poll(() => page.locator('.ft-row [role="gridcell"]:first-child').first().textContent()).toBe('acme-eu');
    expect(await cut('.ft-row [role="gridcell"]:first-child')).toEqual([]);
    await page.locator('.filter-text').fill('2001:db8');
    await expect.poll(() => page.locator('.ft-row .mono').first().textContent()).toContain(':');
    await page.goto(`${app.server.origin}/#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3&q=2001%3Adb8`);
    await settled(page);
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    const cidrCells = page.locator('.ft-row [role="gridcell"]:has(> .mono)');
    expect(await cidrCells.count()).toBeGreaterThan(0);
    expect(await cut('.ft-row [role="gridcell"]:has(> .mono)')).toEqual([]);
    // The neighbourhood heading keeps the address in lower case (RFC 5952).
    // innerText, not textContent: it is the text as drawn, after text-transform.
    // biome-ignore lint/performance/useDomNodeTextContent: the point is the drawn (transformed) text
    const heading = await page.locator('.detail h3', { hasText: 'Neighbourhood' }).evaluate((e) => (e as HTMLElement).innerText);
    expect(heading).toMatch(/2001:db8:[0-9a-f:]+\/\d+/u);
    await page.close();
  });

  it('at 1280×720 with the detail open: the org list stays, the charts fold away, the panes resize', async () => {
    const { page, errors } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`, { width: 1280, height: 720 });
    await settled(page);
    await page.locator('.ft-row').nth(2).click();
    await page.waitForSelector('.detail-body');
    expect((await page.locator('.org-list').boundingBox())?.width ?? 0).toBeGreaterThan(120);

    await page.locator('button.charts-toggle').click();
    await expect.poll(() => page.locator('.charts-row').count()).toBe(0);
    const table = (await page.locator('.findings-table').boundingBox())!;
    const rows = await page
      .locator('.ft-row')
      .evaluateAll((els, bottom) => els.filter((e) => e.getBoundingClientRect().bottom <= bottom).length, table.y + table.height);
    expect(rows).toBeGreaterThanOrEqual(12);
    const note = (await page.locator('.detail .note-text').boundingBox())!;
    expect(note.y + note.height).toBeLessThanOrEqual(720);

    // Drag the detail's splitter 120 px to the left: the detail widens by as much.
    const detailBefore = (await page.locator('.detail').boundingBox())!.width;
    const handle = (await page.locator('[role="separator"][aria-label="Width of the detail"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 100);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - 120, handle.y + 100, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await page.locator('.detail').boundingBox())!.width - detailBefore)).toBe(120);
    // The org list's splitter from the keyboard.
    const orgBefore = (await page.locator('.org-list').boundingBox())!.width;
    await page.locator('[role="separator"][aria-label="Width of the org list"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Math.round((await page.locator('.org-list').boundingBox())!.width - orgBefore)).toBe(-16);

    // Remembered when the app opens again.
    const widths = await page.locator('.work').evaluate((e) => (e as HTMLElement).style.gridTemplateColumns);
    await page.reload();
    await settled(page);
    expect(await page.locator('.charts-row').count()).toBe(0);
    await page.locator('.detail-body').waitFor();
    expect(await page.locator('.work').evaluate((e) => (e as HTMLElement).style.gridTemplateColumns)).toBe(widths);
    expect(errors).toEqual([]);
    await page.close();
  });
});
