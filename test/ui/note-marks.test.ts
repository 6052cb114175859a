// Notes as marks: an inherited org note is quieter than a finding's own; a deleted note leaves
// the table at once and can be undone; reputation findings offer reputation tags and say why
// they have no links; the Notes view marks a note whose finding changed, saying what changed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport, Note } from '../../shared/types';
import { callApi, cliJson, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';
type Item = {
  org: number | string;
  domain: string;
  cidr: string;
  base: { status: string; count: number; mean: number | null };
  candidate: { status: string; count: number; mean: number | null };
  transition: string;
};

describe('note marks', () => {
  it('shows an inherited org note quieter than a finding’s own note', async () => {
    const compare = cliJson<CompareReport<Item>>(app.dataDir, 'compare', '--base', OLDER, '--candidate', NEWER, '--cutoff', '0.3');
    const own = compare.items.find((i) => i.org === 56)!;
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3&org=56`);
    await settled(page);
    await callApi(page, 'saveNote', { key: { org: 56 }, text: 'Org 56 forwards a lot', status: 'open', tags: [] });
    await callApi(page, 'saveNote', { key: { org: 56, domain: own.domain, cidr: own.cidr }, text: 'its own note', status: 'open', tags: [] });
    await page.reload();
    await settled(page);
    const ownRow = page.locator('.ft-row').first();
    await expect(ownRow.locator('.badge').first().textContent()).resolves.toBe('open');
    const inherited = page.locator('.ft-row').nth(3).locator('.badge').first();
    await expect(inherited.textContent()).resolves.toBe('org note');
    const [ownBg, inheritedBg] = [
      await ownRow
        .locator('.badge')
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor),
      await inherited.evaluate((e) => getComputedStyle(e).backgroundColor),
    ];
    expect(ownBg).not.toBe('rgba(0, 0, 0, 0)');
    expect(inheritedBg).toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('takes a deleted note off the table at once and brings it back with Undo', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3&org=61`);
    await settled(page);
    await page.locator('.findings-table').focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('note-text');
    await page.keyboard.type('a forwarder, surely');
    await expect.poll(() => page.locator('.save-state').getAttribute('class'), { timeout: 5000 }).toContain('saved');
    await expect.poll(() => page.locator('.ft-row.open .note-badge').count()).toBe(1);
    await page.locator('button[aria-label="Delete the note on this finding"]').click();
    await expect.poll(() => page.locator('.ft-row.open .note-badge').count()).toBe(0);
    await expect.poll(() => page.locator('.scope-tabs [role="tab"]').first().textContent()).toBe('this finding');
    await expect(page.locator('.note-text').inputValue()).resolves.toBe('');
    await page.locator('.note-deleted button', { hasText: 'Undo' }).click();
    await expect.poll(() => page.locator('.ft-row.open .note-badge').count()).toBe(1);
    await expect(page.locator('.note-text').inputValue()).resolves.toBe('a forwarder, surely');
    const { notes } = await callApi<{ notes: Note[] }>(page, 'listNotes');
    expect(notes.filter((n) => n.text === 'a forwarder, surely')).toHaveLength(1);
    await page.close();
  });

  it('offers reputation tags on a reputation finding, and says why it has no links', async () => {
    const { page } = await app.open('#/reputation?cutoff=0.3');
    await settled(page);
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    const tags = await page.locator('.detail .note-tags .chip').allTextContents();
    expect(tags).toContain('cousin domain');
    expect(tags).not.toContain('PTR neighbourhood');
    expect(tags).not.toContain('SPF');
    await expect(page.locator('.detail section', { hasText: 'Links' }).textContent()).resolves.toContain('No link template fits a reputation finding');
    await page.close();
  });

  it('marks in the Notes view a note whose finding changed since it was written, with what changed', async () => {
    const compare = cliJson<CompareReport<Item>>(app.dataDir, 'compare', '--base', OLDER, '--candidate', NEWER, '--cutoff', '0.3');
    const moved = compare.items.find(
      (i) =>
        i.org === 7 && i.base.status === 'scored' && i.candidate.status === 'scored' && i.base.mean !== i.candidate.mean && i.base.count !== i.candidate.count,
    )!;
    const still = compare.items.find((i) => i.org === 7 && i.transition === 'unchanged' && i.base.status === 'scored')!;
    const sel = (i: Item) => encodeURIComponent(`${i.org}|${i.domain}|${i.cidr}`);
    const { page } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3&org=7&sel=${sel(moved)}`);
    for (const [item, text] of [
      [moved, 'noted on the older build'],
      [still, 'nothing moved here'],
    ] as const) {
      await page.goto(`${app.server.origin}/#/authenticity?a=${OLDER}&cutoff=0.3&org=7&sel=${sel(item)}`);
      await page.locator('.detail .note-text').fill(text);
      await expect.poll(() => page.locator('.detail .save-state').getAttribute('class'), { timeout: 5000 }).toContain('saved');
    }
    // Now the analyst looks at the newer build.
    await page.goto(`${app.server.origin}/#/authenticity?a=${NEWER}&cutoff=0.3&org=7`);
    await settled(page);
    await page.locator('.app-nav a', { hasText: 'Notes' }).click();
    const mark = page.locator('.note-item', { hasText: 'noted on the older build' }).locator('[data-testid="changed-since-noted"]');
    await expect(mark.textContent()).resolves.toBe(
      `changed since noted on ${OLDER}, in ${NEWER}: count ${moved.base.count} → ${moved.candidate.count} · mean ${moved.base.mean!.toFixed(3)} → ${moved.candidate.mean!.toFixed(3)}`,
    );
    await expect(page.locator('.note-item', { hasText: 'nothing moved here' }).locator('[data-testid="changed-since-noted"]').count()).resolves.toBe(0);
    await page.close();
  });
});
