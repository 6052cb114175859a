// Choosing an org scopes the whole view to it: the summary cards (with the all-orgs figure for
// reference), both histograms, the threshold curve and the transitions — as `smw findings` and
// `smw compare` count that org's items.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport, FindingsReport } from '../../shared/types';
import { cliJson, readCards, readTransitions, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const OLDER = 'sendermodels-2016-08-22_02:25:57';
const NEWER = 'sendermodels-2016-08-29_02:31:12';
const bins = (values: number[]) =>
  values.reduce((h, v) => {
    h[Math.min(49, Math.max(0, Math.floor(v * 50 + 1e-9)))]++;
    return h;
  }, new Array<number>(50).fill(0));

describe('org scope', () => {
  it('scopes the cards, both histograms, the curve and the transitions to the chosen org', async () => {
    const { page, errors } = await app.open(`#/authenticity?a=${OLDER}&b=${NEWER}&cutoff=0.3`);
    await settled(page);
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', OLDER, '--cutoff', '0.3');
    const compare = cliJson<CompareReport>(app.dataDir, 'compare', '--base', OLDER, '--candidate', NEWER, '--cutoff', '0.3');
    await page.locator('.org-row', { hasText: 'Org 54 —' }).click();
    await page.waitForSelector('[data-scope="54"]');
    await settled(page);

    const org = report.orgs.find((o) => o.org === 54)!;
    const items = report.items.filter((i) => i.org === 54);
    const scored = items.filter((i) => i.status === 'scored');
    expect(await readCards(page)).toEqual({
      items: org.items,
      scored: scored.length,
      underCutoff: org.underCutoff,
      uncovered: org.uncovered,
      findings: org.findings,
    });
    // The all-orgs figure stays beside each card.
    await expect(page.locator('[data-ref="findings"]').textContent()).resolves.toContain(`of ${report.summary.findings}`);
    await expect(page.locator('[data-scope="54"]').textContent()).resolves.toBe(' · org 54');
    expect(await readTransitions(page)).toEqual({
      fixed: compare.orgs.find((o) => o.org === 54)!.fixed,
      regressed: compare.orgs.find((o) => o.org === 54)!.regressed,
      changed: compare.orgs.find((o) => o.org === 54)!.changed,
      unchanged: compare.orgs.find((o) => o.org === 54)!.unchanged,
    });

    // The histograms, read from their bins' list: CIDR-averaged per item, individual per distinct entry.
    const optionCounts = (chart: string) =>
      page
        .locator(`section[aria-label="${chart}"] [role="option"]`)
        .evaluateAll((els) => els.map((e) => Number(/: A ([\d,]+)/u.exec(e.textContent ?? '')![1].replace(/,/gu, ''))));
    expect(await optionCounts('CIDR-averaged scores')).toEqual(bins(scored.map((i) => i.mean!)));
    const distinct = new Map<string, number>();
    for (const i of items) for (const m of i.matches) distinct.set(`${i.domain} ${m.entry}`, m.score);
    expect(await optionCounts('Individual domain-IP scores')).toEqual(bins([...distinct.values()]));

    // The curve at the cutoff: the org's share of items scored above it.
    const above = scored.filter((i) => i.mean! > 0.3 + 1e-9).length / items.length;
    await expect(page.locator('[data-testid="curve-readout"]').textContent()).resolves.toContain(`org 54 · scored above 0.30: A ${(above * 100).toFixed(1)}%`);

    // Back to all orgs: the whole feedback pull again.
    await page.locator('.org-row', { hasText: 'All orgs' }).click();
    await expect.poll(() => page.locator('[data-scope]').count()).toBe(0);
    await settled(page);
    expect((await readCards(page)).findings).toBe(report.summary.findings);
    expect(errors).toEqual([]);
    await page.close();
  });
});
