// The Authenticity view end to end on the demo workspace: the cutoff moves the counts to what
// `smw findings` gives, compare shows what `smw compare` reports, a bin click and the org list
// filter the table, the keyboard drives it, and the export holds exactly the listed rows.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport, FindingsReport } from '../../shared/types';
import { clickBin, cliJson, cliText, listedRows, readCards, readTransitions, routeParams, screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const summaryOf = (r: FindingsReport) => ({
  items: r.summary.items,
  scored: r.summary.scored,
  underCutoff: r.summary.underCutoff,
  uncovered: r.summary.uncoveredCidr + r.summary.uncoveredDomain,
  findings: r.summary.findings,
});

describe('Authenticity view', () => {
  it('opens on the demo and moves the counts with the cutoff to what `smw findings` gives', async () => {
    const { page, errors } = await app.open('#/authenticity');
    await settled(page);
    const params = await routeParams(page);
    const build = params.get('a')!;
    const feedback = params.get('feedback')!;
    expect(build).toMatch(/^sendermodels-/u);
    // No cutoff chosen: the build's threshold, as the CLI's default.
    const atThreshold = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--feedback', feedback);
    expect(await readCards(page)).toEqual(summaryOf(atThreshold));
    await expect(page.locator('.cutoff-source').textContent()).resolves.toContain("build A's threshold");

    // The slider…
    await page.locator('.cutoff input[type="range"]').fill('0.55');
    await settled(page);
    expect((await routeParams(page)).get('cutoff')).toBe('0.55');
    expect(await readCards(page)).toEqual(
      summaryOf(cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--feedback', feedback, '--cutoff', '0.55')),
    );
    // …and the exact number box.
    await page.locator('.cutoff-box').fill('0.125');
    await page.locator('.cutoff-box').press('Enter');
    await settled(page);
    expect(await readCards(page)).toEqual(
      summaryOf(cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--feedback', feedback, '--cutoff', '0.125')),
    );
    await expect(page.locator('.cutoff input[type="range"]').inputValue()).resolves.toBe('0.13');
    await screenshot(page, 'authenticity');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a cutoff that is not a number from 0 to 1, saying so', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    await page.locator('.cutoff-box').fill('1.5');
    await page.locator('.cutoff-box').press('Enter');
    await expect(page.locator('.cutoff-problem').textContent()).resolves.toBe('The cutoff is a number from 0 to 1, e.g. 0.3');
    await expect(page.locator('.cutoff-box').getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await routeParams(page)).get('cutoff')).toBe('0.3');
    await page.close();
  });

  it('compares A and B with the transitions `smw compare` reports, and filters by one', async () => {
    const { page, errors } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const a = (await routeParams(page)).get('a')!;
    const options = await page.locator('select[aria-label^="Build B"] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const b = options.find((v) => v && v !== a)!;
    await page.selectOption('select[aria-label^="Build B"]', b);
    await page.waitForSelector('.card.transitions');
    await settled(page);
    // Starting a comparison puts the older build in A and the newer in B.
    const [base, candidate] = [(await routeParams(page)).get('a')!, (await routeParams(page)).get('b')!];
    expect(new Set([base, candidate])).toEqual(new Set([a, b]));
    const report = cliJson<CompareReport>(app.dataDir, 'compare', '--base', base, '--candidate', candidate, '--cutoff', '0.3');
    expect(await readTransitions(page)).toEqual(report.transitions);
    const bReport = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', candidate, '--cutoff', '0.3');
    expect(await readCards(page, 'b')).toEqual(summaryOf(bReport));
    // The org list carries each org's transitions.
    const org54 = report.orgs.find((o) => o.org === 54)!;
    const org54Text = await page.locator('.org-row', { hasText: 'Org 54 —' }).textContent();
    if (org54.fixed) expect(org54Text).toContain(`${org54.fixed} fixed`);
    if (org54.regressed) expect(org54Text).toContain(`${org54.regressed} regressed`);

    await page.locator('[data-transition="regressed"]').click();
    await settled(page);
    expect(await listedRows(page)).toBe(report.transitions.regressed);
    await expect(page.locator('.ft-row').first().locator('.badge.regressed').count()).resolves.toBe(1);
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.detail-body');
    await screenshot(page, 'authenticity-compare');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the table by a clicked histogram bin and by an org from the list', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--cutoff', '0.3');
    const bin = report.histograms.cidrAveraged.findIndex((n, i) => i > 10 && n > 0);
    await page.waitForSelector('section[aria-label="CIDR-averaged scores"] .chart-body svg');
    await clickBin(page, 'CIDR-averaged scores', bin);
    await settled(page);
    expect((await routeParams(page)).get('bin')).toBe(`cidrAveraged:${bin}`);
    expect(await listedRows(page)).toBe(report.histograms.cidrAveraged[bin]);
    await page.locator('.active-filter', { hasText: 'CIDR-averaged' }).click();
    await settled(page);
    await page.locator('.org-row', { hasText: 'Org 54 —' }).click();
    await settled(page);
    expect(await listedRows(page)).toBe(report.orgs.find((o) => o.org === 54)!.items);
    await page.close();
  });

  it('is driven by the keyboard: j/k move, Enter opens, n writes a note, Esc closes', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3&findings=1');
    await settled(page);
    await page.locator('.findings-table').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.detail-body');
    const second = await page.locator('.ft-row').nth(1).locator('[role="gridcell"]').nth(1).textContent();
    await expect(page.locator('.detail-title .domain').textContent()).resolves.toBe(second);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.ft-row.open').getAttribute('aria-rowindex')).toBe('4');
    await page.locator('.findings-table').focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('note-text');
    await page.keyboard.press('Escape');
    await page.locator('.findings-table').focus();
    await page.keyboard.press('Escape');
    await expect(page.locator('.detail').count()).resolves.toBe(0);
    await page.close();
  });

  it('exports the whole report, every match included, byte for byte what smw findings writes', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    const feedback = (await routeParams(page)).get('feedback')!;
    await page.goto(`${app.server.origin}/#/authenticity?a=${encodeURIComponent(build)}&feedback=${encodeURIComponent(feedback)}&cutoff=0.3&org=54`);
    await settled(page);
    await page.locator('.filter-bar summary', { hasText: 'Export' }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.menu-pop button', { hasText: /^Whole report, JSON/u }).click()]);
    const exported = fs.readFileSync((await file.path())!, 'utf8');
    // The demo's feedback pull has its sender context, chosen by default: the report carries it.
    expect((await routeParams(page)).get('ctx')).toBe('context-demo');
    expect(file.suggestedFilename()).toMatch(/^findings-.*-cutoff-0\.3-with-context-demo-report\.json$/u);
    // The org filter narrows the table, not the report: the whole report is the CLI's.
    expect(exported).toBe(cliText(app.dataDir, 'findings', '--build', build, '--feedback', feedback, '--cutoff', '0.3', '--context', 'context-demo', '--json'));
    expect((JSON.parse(exported) as FindingsReport).items.some((i) => i.matches.length > 1)).toBe(true);
    await page.close();
  });

  it('exports exactly the filtered, sorted rows as CSV and JSON', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    // Build A alone, named in the URL (without it the app restores the last context, B included).
    await page.goto(`${app.server.origin}/#/authenticity?a=${encodeURIComponent(build)}&cutoff=0.3&org=54&findings=1&sort=mean:asc`);
    await settled(page);
    expect((await routeParams(page)).get('b')).toBeNull();
    const report = cliJson<FindingsReport>(app.dataDir, 'findings', '--build', build, '--cutoff', '0.3');
    const expected = report.items.filter((i) => i.org === 54 && (i.underCutoff || i.status !== 'scored'));
    expect(await listedRows(page)).toBe(expected.length);

    const download = async (format: 'CSV' | 'JSON') => {
      await page.locator('.filter-bar summary', { hasText: 'Export' }).click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.menu-pop button', { hasText: new RegExp(`^${format} —`, 'u') }).click()]);
      return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
    };
    const csv = await download('CSV');
    expect(csv.name).toBe(`findings-${build.replace(/:/gu, '-')}-cutoff-0.3-with-context-demo-org-54-findings-only-by-mean-asc.csv`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['org', 'domain', 'cidr', 'status']);
    expect(lines).toHaveLength(expected.length + 1);
    const keys = lines.slice(1).map((l) => l.split(',').slice(0, 3).join(' '));
    expect(new Set(keys)).toEqual(new Set(expected.map((i) => `${i.org} ${i.domain} ${i.cidr}`)));
    // Sorted by mean ascending, the uncovered (no mean) last.
    const means = lines.slice(1).map((l) => l.split(',')[6]);
    const scored = means.filter((m) => m !== '').map(Number);
    expect(scored).toEqual([...scored].sort((x, y) => x - y));
    expect(means.slice(scored.length).every((m) => m === '')).toBe(true);

    const json = await download('JSON');
    const body = JSON.parse(json.text) as { total: number; rows: Array<{ org: number; domain: string; cidr: string }>; filter: unknown };
    expect(body.total).toBe(expected.length);
    expect(body.rows.map((r) => `${r.org} ${r.domain} ${r.cidr}`)).toEqual(keys);
    expect(body.filter).toEqual({ org: 54, findingsOnly: true });
    await page.close();
  });

  it('names an export after its filters, so a filtered and a full export do not overwrite each other', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    const build = (await routeParams(page)).get('a')!;
    const name = async () => {
      await page.locator('.filter-bar summary', { hasText: 'Export' }).click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.menu-pop button', { hasText: /^CSV —/u }).click()]);
      return file.suggestedFilename();
    };
    await page.goto(`${app.server.origin}/#/authenticity?a=${encodeURIComponent(build)}&cutoff=0.3`);
    await settled(page);
    const full = await name();
    await page.goto(`${app.server.origin}/#/authenticity?a=${encodeURIComponent(build)}&cutoff=0.3&org=acme-eu&status=uncovered-cidr,scored&q=.Com`);
    await settled(page);
    const filtered = await name();
    expect(full).toBe(`findings-${build.replace(/:/gu, '-')}-cutoff-0.3-with-context-demo.csv`);
    expect(filtered).toBe(`findings-${build.replace(/:/gu, '-')}-cutoff-0.3-with-context-demo-org-acme-eu-status-uncovered-cidr+scored-q-.com.csv`);
    await page.close();
  });

  it('saves each chart as a PNG', async () => {
    const { page } = await app.open('#/authenticity?cutoff=0.3');
    await settled(page);
    // The chart code loads beside the first data; the PNG is made from the drawn SVG.
    await page.waitForSelector('section[aria-label="Threshold curve"] .chart-body svg');
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('section[aria-label="Threshold curve"] button', { hasText: 'PNG' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^authenticity-sendermodels-.*-cutoff-0\.3-threshold-curve\.png$/u);
    const bytes = fs.readFileSync((await file.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5000);
    await page.close();
  });

  it('reads at 1920×1080 and in dark mode', async () => {
    const { page, errors } = await app.open('#/authenticity?cutoff=0.3', { width: 1920, height: 1080, colorScheme: 'dark' });
    await settled(page);
    await page.locator('.ft-row').nth(3).click();
    await page.waitForSelector('.detail-body');
    await screenshot(page, 'authenticity-1920-dark');
    expect(errors).toEqual([]);
    await page.close();
  });
});
