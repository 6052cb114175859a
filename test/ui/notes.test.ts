// Notes end to end: a note written on a finding (press n, type, tag) is saved as you type,
// survives a restart of the app, shows as a badge in the table and in the Notes view, and
// exports as Markdown and JSON; a colleague's JSON merges in.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../shared/types';
import { screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const TEXT = 'Mailing list: the PTR neighbourhood sends for it too. EP-1822';

describe('Notes', () => {
  it('keeps a note written on a finding across a restart of the app', async () => {
    let { page, errors } = await app.open('#/authenticity?cutoff=0.3&findings=1&org=54');
    await settled(page);
    await page.locator('.findings-table').focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('note-text');
    await page.keyboard.type(TEXT);
    await page.locator('.note-tags .chip', { hasText: 'mailing list' }).click();
    await page.locator('.note-tags .free-tag').fill('EP-1822');
    await page.locator('.note-tags .free-tag').press('Enter');
    await page.locator('.note-status select').selectOption('explained');
    await expect.poll(() => page.locator('.save-state').getAttribute('class'), { timeout: 5000 }).toContain('saved');
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toContain('sel=54%7C');
    // The table shows the badge.
    await settled(page);
    await expect(page.locator('.ft-row.open .note-badge').textContent()).resolves.toContain('explained');
    expect(errors).toEqual([]);
    await page.close();

    await app.restart();
    ({ page, errors } = await app.open(hash));
    await page.waitForSelector('.note-text');
    await expect(page.locator('.note-text').inputValue()).resolves.toBe(TEXT);
    await expect(page.locator('.note-status select').inputValue()).resolves.toBe('explained');
    await expect(page.locator('.note-tags .chip[aria-pressed="true"]').allTextContents()).resolves.toEqual(['mailing list', 'EP-1822 ✕']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves what was typed when the editor is left before the delay ran out', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3&findings=1&org=64');
    await settled(page);
    await page.locator('.findings-table').focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('note-text');
    await page.keyboard.type('one-off, seen once');
    // Straight to another view: the editor unmounts and flushes.
    await page.locator('.app-nav a', { hasText: 'Notes' }).click();
    await page.waitForSelector('.note-item');
    await expect.poll(() => page.locator('.note-item', { hasText: 'one-off, seen once' }).count(), { timeout: 5000 }).toBe(1);
    await page.close();
  });

  it('tries a refused save again, showing the note as not saved until it lands', async () => {
    const { page, errors } = await app.open('#/authenticity?cutoff=0.3&findings=1&org=7');
    await settled(page);
    // The first two saves are refused, as a workspace busy with another writer once refused them.
    let refused = 0;
    await page.route('**/api/saveNote', async (route) => {
      if (refused >= 2) return route.continue();
      refused++;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ ok: false, error: 'database is locked' }) });
    });
    await page.locator('.findings-table').focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('note-text');
    await page.keyboard.type('refused twice, saved the third time');
    await expect
      .poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 })
      .toMatch(/^not saved: database is locked \(trying again in [\d.]+ s\)$/u);
    await expect.poll(() => page.locator('.save-state').getAttribute('class'), { timeout: 20_000 }).toBe('save-state saved');
    expect(refused).toBe(2);
    await page.locator('.app-nav a', { hasText: 'Notes' }).click();
    await expect.poll(() => page.locator('.note-item', { hasText: 'refused twice, saved the third time' }).count(), { timeout: 5000 }).toBe(1);
    expect(errors.filter((e) => !e.includes('status of 500'))).toEqual([]);
    await page.close();
  });

  it('lists notes by org, exports Markdown and JSON, and merges a colleague’s JSON', async () => {
    const { page, errors } = await app.open('#/notes');
    await page.waitForSelector('.note-group');
    await expect(page.locator('.note-group h2').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Org 54'), expect.stringContaining('Org 64')]),
    );
    await expect(page.locator('.note-item', { hasText: TEXT }).locator('.badge').first().textContent()).resolves.toBe('explained');

    const download = async (label: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('button', { hasText: label }).click()]);
      return fs.readFileSync((await file.path())!, 'utf8');
    };
    const markdown = await download('Export Markdown');
    expect(markdown).toContain('Org 54');
    expect(markdown).toContain(TEXT);
    const json = JSON.parse(await download('Export JSON')) as { notes: Note[] };
    const mine = json.notes.find((n) => n.text === TEXT)!;
    expect(mine).toMatchObject({ org: 54, scope: 'finding', status: 'explained', tags: ['mailing list', 'EP-1822'] });
    expect(mine.noted?.build).toMatch(/^sendermodels-/u);

    // A colleague's file: a new org note, and the same finding with other text.
    const colleague = {
      ...json,
      notes: [
        { ...mine, text: 'Colleague: confirmed with the customer', updatedAt: new Date(Date.now() + 60_000).toISOString() },
        { ...mine, domain: undefined, cidr: undefined, noted: undefined, scope: 'org', text: 'Org 54 uses a lot of mailing lists', tags: [] },
      ],
    };
    await page
      .locator('input[type="file"][aria-label="Notes JSON file to import"]')
      .setInputFiles({ name: 'colleague-notes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(colleague)) });
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/1 new, 1 merged/u);
    const merged = page.locator('.note-item', { hasText: 'Colleague: confirmed' });
    await expect(merged.textContent()).resolves.toContain(TEXT.slice(0, 20));
    await expect(page.locator('.note-item', { hasText: 'Org 54 uses a lot of mailing lists' }).count()).resolves.toBe(1);
    await screenshot(page, 'notes');

    // A file that is not a notes export is refused with the reason.
    await page
      .locator('input[type="file"][aria-label="Notes JSON file to import"]')
      .setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect(page.locator('.error-banner').textContent()).resolves.toContain('wrong.json was not imported');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  });
});
