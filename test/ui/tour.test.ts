// Every view at 1440×900 and 1280×720, light and dark, the detail pane open where there is one:
// a screenshot of each in test-results/ui/ (to be looked at), and axe-core finding no serious or
// critical violation in any of them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CompareReport } from '../../shared/types';
import { seriousViolations } from './support/axe';
import { callApi, cliJson, screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';
const REP_OLDER = 'reputation-1472029516.15';
const REP_NEWER = 'reputation-1472634316.42';

interface State {
  name: string;
  hash: string;
  /** What to do once the page is there: open the detail, a menu… */
  settle?: (page: Page) => Promise<void>;
}

const openDetail =
  (row = 2) =>
  async (page: Page) => {
    await settled(page);
    await page.locator('.ft-row').nth(row).click();
    await page.locator('.detail-body').waitFor();
    await settled(page);
  };

const STATES: State[] = [
  { name: 'authenticity', hash: `#/authenticity?a=${NEWER}&cutoff=0.3`, settle: openDetail() },
  { name: 'authenticity-compare-org', hash: `#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3&org=54`, settle: openDetail(0) },
  { name: 'reputation', hash: `#/reputation?a=${REP_NEWER}&cutoff=0.3`, settle: openDetail() },
  { name: 'reputation-compare', hash: `#/reputation?a=${REP_OLDER}&b=${REP_NEWER}&cutoff=0.3`, settle: openDetail(0) },
  { name: 'notes', hash: '#/notes', settle: async (page) => void (await page.locator('.note-group').first().waitFor()) },
  { name: 'snapshots', hash: '#/snapshots', settle: async (page) => void (await page.locator('.snapshot-table').waitFor()) },
  { name: 'settings', hash: '#/settings', settle: async (page) => void (await page.locator('.settings-page').waitFor()) },
];

describe('every view', () => {
  it('looks right and has no serious or critical axe violation, at two sizes, light and dark', async () => {
    // Notes of every kind, so the Notes view and the table's badges are in the pictures.
    const { page: setup } = await app.open(`#/authenticity?a=${OLDER}&cutoff=0.3`);
    await settled(setup);
    const compare = cliJson<CompareReport<{ org: number; domain: string; cidr: string; base: { status: string; count: number; mean: number | null } }>>(
      app.dataDir,
      'compare',
      '--base',
      OLDER,
      '--candidate',
      NEWER,
      '--cutoff',
      '0.3',
    );
    const changed = compare.items.find((i) => i.org === 54 && i.base.status === 'scored')!;
    await callApi(setup, 'saveNote', { key: { org: 54 }, text: 'Org 54 runs many mailing lists.', status: 'open', tags: ['mailing list'] });
    await callApi(setup, 'saveNote', {
      key: { org: changed.org, domain: changed.domain, cidr: changed.cidr },
      text: 'Noted on the older build.',
      status: 'explained',
      tags: ['forwarder'],
      noted: { build: OLDER, status: 'scored', count: changed.base.count + 1, mean: (changed.base.mean ?? 0) + 0.1 },
    });
    await setup.close();

    const problems: string[] = [];
    for (const [width, height] of [
      [1440, 900],
      [1280, 720],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const state of STATES) {
          const { page, errors } = await app.open(state.hash, { width, height, colorScheme });
          await state.settle?.(page);
          await screenshot(page, `tour-${state.name}-${width}x${height}-${colorScheme}`);
          for (const v of await seriousViolations(page)) problems.push(`${state.name} ${width}x${height} ${colorScheme}: ${v}`);
          problems.push(...errors.map((e) => `${state.name}: ${e}`));
          await page.close();
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('has no serious or critical axe violation with the menus open and the charts focused', async () => {
    const { page } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`, { width: 1440, height: 900 });
    await settled(page);
    await page.locator('.filter-bar summary', { hasText: 'Export' }).click();
    await page.locator('.filter-bar summary', { hasText: 'status' }).click();
    await page.locator('section[aria-label="CIDR-averaged scores"] [role="listbox"]').focus();
    await page.keyboard.press('ArrowRight');
    await screenshot(page, 'tour-authenticity-menus-1440x900-light');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
