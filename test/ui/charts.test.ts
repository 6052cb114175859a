// Charts: an exported PNG says what it shows (full title, feedback pull, cutoff and org, a
// legend for A and B, axis titles, at 2× pixel density), and a bin's tooltip names its range
// and stays on screen at both ends of the axis.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { routeParams, settled, SHOTS_DIR, startApp, type App } from './support/app';
import { pngFacts } from './support/png';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';

/** Whether the picture has a pixel of exactly this CSS colour in rows [0, rows). */
async function hasColourAbove(page: Page, png: Buffer, colour: string, rows: number): Promise<boolean> {
  return page.evaluate(
    async ([base64, css, limit]) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const g2 = canvas.getContext('2d')!;
      g2.drawImage(bitmap, 0, 0);
      const data = g2.getImageData(0, 0, bitmap.width, Math.min(bitmap.height, limit)).data;
      for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) return true;
      return false;
    },
    [png.toString('base64'), colour, rows] as const,
  );
}

describe('charts', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`exports PNGs that say what they show (${scheme})`, async () => {
      const { page, errors } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3&org=54`, { width: 1440, height: 900, colorScheme: scheme });
      await settled(page);
      const feedback = (await routeParams(page)).get('feedback')!;
      const palette = await page.evaluate(() => {
        const css = getComputedStyle(document.documentElement);
        return { a: css.getPropertyValue('--a').trim(), b: css.getPropertyValue('--b').trim() };
      });
      for (const chart of ['Individual domain-IP scores', 'CIDR-averaged scores', 'Threshold curve']) {
        const section = page.locator(`section[aria-label="${chart}"]`);
        await section.locator('.chart-body svg').waitFor();
        const svg = (await section.locator('.chart-body svg').boundingBox())!;
        const [file] = await Promise.all([page.waitForEvent('download'), section.locator('button', { hasText: 'PNG' }).click()]);
        expect(file.suggestedFilename()).toContain('org-54');
        const bytes = fs.readFileSync((await file.path())!);
        fs.mkdirSync(SHOTS_DIR, { recursive: true });
        fs.writeFileSync(path.join(SHOTS_DIR, `png-${scheme}-${file.suggestedFilename()}`), bytes);
        const facts = pngFacts(bytes);
        // The whole title, both builds named; the subtitle with feedback, cutoff and org.
        expect(facts.texts.Title).toBe(`${chart} — ${OLDER} vs ${NEWER}`);
        expect(facts.texts.Description).toContain(`feedback pull ${feedback} · cutoff 0.3 (set here) · org 54`);
        expect(facts.texts.Description).toContain(`A: ${OLDER}`);
        expect(facts.texts.Description).toContain(`B: ${NEWER}`);
        expect(facts.texts.Description).toMatch(/x: .+; y: .+/u);
        // 2× pixel density: at least twice the chart as drawn, in even pixels.
        expect(facts.width).toBeGreaterThanOrEqual(Math.floor(svg.width) * 2);
        expect(facts.width % 2).toBe(0);
        // A legend: both builds' colours in the header, above the chart itself.
        const header = facts.height - Math.ceil(svg.height) * 2 - 60;
        expect(await hasColourAbove(page, bytes, palette.a, header)).toBe(true);
        expect(await hasColourAbove(page, bytes, palette.b, header)).toBe(true);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('names the range of every bin in its tooltip, the first included, and keeps it on screen', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3`, { width: 1280, height: 720 });
    await settled(page);
    const body = page.locator('section[aria-label="Individual domain-IP scores"] .chart-body svg');
    await body.waitFor();
    const box = (await body.boundingBox())!;
    const inner = box.width - 54;
    for (const [bin, range] of [
      [0, '0.00–0.02'],
      [1, '0.02–0.04'],
      [49, '0.98–1.00'],
    ] as const) {
      await page.mouse.move(box.x + 44 + ((bin + 0.5) * inner) / 50, box.y + box.height - 27);
      const tip = page.locator('.chart-tooltip');
      await expect.poll(() => tip.getAttribute('data-bin')).toBe(String(bin));
      expect(await tip.locator('strong').textContent()).toBe(range);
      // nivo places the tooltip once it has measured it: wait for where it settles.
      await expect.poll(async () => (await tip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
      await expect
        .poll(async () => {
          const t = (await tip.boundingBox())!;
          return t.x + t.width;
        })
        .toBeLessThanOrEqual(1280);
    }
    await page.close();
  });
});
