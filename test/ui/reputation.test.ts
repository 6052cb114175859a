// The Reputation view end to end: counts at the cutoff as `smw reputation` gives them, two
// reputation builds compared as `smw compare` reports, reasons in the table and the detail.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport, ReputationReport } from '../../shared/types';
import { cliJson, readCards, readTransitions, routeParams, screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const summaryOf = (r: ReputationReport) => ({
  items: r.summary.items,
  scored: r.summary.scored,
  underCutoff: r.summary.underCutoff,
  uncovered: r.summary.uncoveredOrg + r.summary.uncoveredDomain,
  findings: r.summary.findings,
});

describe('Reputation view', () => {
  it('gives the counts of `smw reputation` at each cutoff, and lists findings with reasons', async () => {
    const { page, errors } = await app.open('#/reputation');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    expect(build).toMatch(/^reputation-/u);
    expect(await readCards(page)).toEqual(summaryOf(cliJson<ReputationReport>(app.dataDir, 'reputation', '--build', build)));
    await page.locator('.cutoff input[type="range"]').fill('0.42');
    await settled(page);
    const report = cliJson<ReputationReport>(app.dataDir, 'reputation', '--build', build, '--cutoff', '0.42');
    expect(await readCards(page)).toEqual(summaryOf(report));
    await page.locator('.chip', { hasText: 'findings only' }).click();
    await settled(page);
    const withReasons = report.items.find((i) => i.underCutoff && i.reasons.length > 0)!;
    await page.locator('.filter-text').fill(withReasons.domain);
    await expect.poll(async () => (await routeParams(page)).get('q')).toBe(withReasons.domain);
    await settled(page);
    await expect.poll(() => page.locator('.ft-row').first().textContent()).toContain(withReasons.reasons[0]);
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    await expect(page.locator('.reasons').textContent()).resolves.toContain(withReasons.reasons[0]);
    await page.locator('.filter-text').fill('');
    // The text filter reaches the URL after a short pause (typing is debounced).
    await expect.poll(async () => (await routeParams(page)).get('q')).toBeNull();
    await settled(page);
    await screenshot(page, 'reputation');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares two reputation builds with the transitions of `smw compare`', async () => {
    const { page, errors } = await app.open('#/reputation?cutoff=0.3');
    await settled(page);
    const a = (await routeParams(page)).get('a')!;
    const b = (await page.locator('select[aria-label^="Build B"] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).find(
      (v) => v && v !== a,
    )!;
    await page.selectOption('select[aria-label^="Build B"]', b);
    await page.waitForSelector('.card.transitions');
    await settled(page);
    // Starting a comparison puts the older build in A and the newer in B.
    const [base, candidate] = [(await routeParams(page)).get('a')!, (await routeParams(page)).get('b')!];
    expect(new Set([base, candidate])).toEqual(new Set([a, b]));
    const report = cliJson<CompareReport>(app.dataDir, 'compare', '--base', base, '--candidate', candidate, '--cutoff', '0.3');
    expect(report.kind).toBe('reputation');
    expect(await readTransitions(page)).toEqual(report.transitions);
    await screenshot(page, 'reputation-compare');
    expect(errors).toEqual([]);
    await page.close();
  });
});
