// The sender context in the app (DESIGN §8), end to end on the demo workspace: the Authenticity
// view opens with the demo's context snapshot, its rows say what `smw findings --context` says,
// "in SPF but under the cutoff" and the networks panel list what the CLI's output gives when
// counted by hand, the detail shows the item's context and its neighbourhood's PTR names, and a
// context pulled from a real DNS server (dnsmasq) in Snapshots is there to choose.

import { getDomain } from 'tldts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SenderContext } from '../../shared/sender-context';
import type { FindingsReport } from '../../shared/types';
import { startDnsmasq, type TestDns } from '../support/servers/dns';
import { seriousViolations } from './support/axe';
import { golden } from '../support/cli';
import { callApi, cliJson, listedRows, routeParams, screenshot, settled, startApp, type App } from './support/app';

type ContextItem = FindingsReport['items'][number] & { context: SenderContext | null };

let app: App;
let dns: TestDns;
beforeAll(async () => {
  app = await startApp();
  // One demo domain gets an SPF record naming one of its addresses; every other name is NXDOMAIN.
  dns = await startDnsmasq(['txt-record=acep.org,"v=spf1 ip4:198.37.147.117 -all"']);
});
afterAll(async () => {
  await app?.close();
  await dns?.stop();
});

const CONTEXT = 'context-demo';
const itemKey = (i: { org: unknown; domain: string; cidr: string }) => `${String(i.org)}|${i.domain}|${i.cidr}`;

/** What `smw findings --context` reports for the view's build, feedback and cutoff. */
async function cliItems(page: import('playwright-core').Page, context = CONTEXT): Promise<ContextItem[]> {
  const params = await routeParams(page);
  const args = ['findings', '--build', params.get('a')!, '--feedback', params.get('feedback')!, '--context', context];
  if (params.get('cutoff')) args.push('--cutoff', params.get('cutoff')!);
  return cliJson<{ items: ContextItem[] }>(app.dataDir, ...args).items;
}

/** The rendered rows: their item key and the text of their SPF, PTR and AS cells. */
async function shownRows(page: import('playwright-core').Page) {
  return page.locator('.ft-row[data-item]').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = (cls: string) => row.querySelector(`.${cls}`)?.textContent?.trim() ?? null;
      return { key: row.getAttribute('data-item')!, spf: cell('spf-result'), ptr: cell('ptr-names'), uncovered: !!row.querySelector('.not-covered') };
    }),
  );
}

describe('the sender context in the Authenticity view', () => {
  it("opens with the feedback pull's context and shows each row's SPF and PTR names as `smw findings --context` gives them", async () => {
    const { page, errors } = await app.open('#/authenticity');
    await settled(page);
    expect((await routeParams(page)).get('ctx')).toBe(CONTEXT);
    await expect(page.locator('select[aria-label^="Sender context"]').inputValue()).resolves.toBe(CONTEXT);
    // At 1280 px the SPF and PTR names stand beside the figures; the rest come with width.
    for (const title of ['SPF', 'PTR names']) await expect(page.locator('.ft-head [role="columnheader"]', { hasText: title }).count()).resolves.toBe(1);

    const byKey = new Map((await cliItems(page)).map((i) => [itemKey(i), i]));
    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const item = byKey.get(row.key);
      expect(item, row.key).toBeDefined();
      expect(row.spf, row.key).toBe(item!.context?.spf ?? null);
      expect(row.ptr, row.key).toBe(item!.context?.ptr?.length ? item!.context.ptr.join(', ') : null);
      expect(row.uncovered, row.key).toBe(item!.context === null);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sender-context');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists "in SPF but under the cutoff" and one sending network as the CLI\'s output counts them', async () => {
    const { page, errors } = await app.open('#/authenticity?cutoff=0.6');
    await settled(page);
    const items = await cliItems(page);

    await page.locator('button.chip', { hasText: 'in SPF but under the cutoff' }).click();
    await settled(page);
    const inSpf = items.filter((i) => i.context?.spf === 'pass' && i.underCutoff);
    expect(inSpf.length).toBeGreaterThan(0);
    expect(await listedRows(page)).toBe(inSpf.length);
    const expected = new Set(inSpf.map(itemKey));
    const listed = await shownRows(page);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((r) => !expected.has(r.key))).toEqual([]);
    await page.locator('button.chip', { hasText: 'in SPF but under the cutoff' }).click();
    await settled(page);

    // The networks panel: the registered domain of the PTR names, its findings in all orgs.
    const network = page.locator('.network-list li').first();
    await expect.poll(() => network.count(), { timeout: 30_000 }).toBe(1);
    const name = (await network.getAttribute('data-network'))!;
    const ofNetwork = items.filter((i) => (i.context?.ptr ?? []).some((p) => getDomain(p) === name));
    const findings = ofNetwork.filter((i) => i.underCutoff || i.status !== 'scored');
    await expect(network.locator('[data-count="findings"]').textContent()).resolves.toBe(findings.length.toLocaleString('en-US'));
    await network.locator('button').click();
    await settled(page);
    expect((await routeParams(page)).get('net')).toBe(`ptr:${name}`);
    expect(await listedRows(page)).toBe(ofNetwork.length);
    await screenshot(page, 'sender-context-network');

    // The detail: the item's context, and the PTR names of its neighbourhood's entries.
    await page.locator('.ft-row[data-item]').first().click();
    const facts = page.locator('section[aria-label="Sender context"]');
    await expect.poll(() => facts.count(), { timeout: 30_000 }).toBe(1);
    const opened = await page.locator('.ft-row.open').getAttribute('data-item');
    const item = items.find((i) => itemKey(i) === opened)!;
    await expect(facts.textContent()).resolves.toContain(item.context!.ptr![0]);
    await screenshot(page, 'sender-context-detail');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("names the PTR of the neighbourhood's entries in the detail, as the context pulled them", async () => {
    const { page } = await app.open('#/authenticity?q=atlastherapy.com&sel=1%7Catlastherapy.com%7C96.78.59.18%2F32');
    const neighbourhood = page.locator('.detail section', { hasText: 'Neighbourhood' });
    await expect.poll(() => neighbourhood.locator('th', { hasText: 'PTR names' }).count(), { timeout: 30_000 }).toBe(1);
    const first = neighbourhood.locator('tbody tr').first();
    const entry = (await first.locator('td').first().textContent())!;
    // 96.78.59.5/32 → 96-78-59-5.static.sunmesh.example.net, the demo generator's naming.
    const address = entry.replace('/32', '');
    await expect(first.locator('td.ptr-names').textContent()).resolves.toContain(`${address.replaceAll('.', '-')}.static.sunmesh.example.net`);
    await page.close();
  });

  it('drops the columns and the context filters with "none"', async () => {
    const { page } = await app.open('#/authenticity?inspf=1');
    await settled(page);
    await page.locator('select[aria-label^="Sender context"]').selectOption('');
    await settled(page);
    const params = await routeParams(page);
    expect(params.get('ctx')).toBe('');
    expect(params.get('inspf')).toBeNull();
    await expect(page.locator('.ft-head', { hasText: 'PTR names' }).count()).resolves.toBe(0);
    await page.close();
  });

  it('says "not covered" on every row when the context was pulled for another feedback pull', async () => {
    const { page } = await app.open('#/snapshots');
    await callApi(page, 'startImport', { kind: 'feedback', path: golden('feedback.jsonl'), id: 'feedback-other' });
    await expect.poll(() => page.locator('tr[data-snapshot="feedback-other"]').count(), { timeout: 30_000 }).toBe(1);
    await page.goto(`${app.server.url}#/authenticity?feedback=feedback-other&ctx=${CONTEXT}`);
    await settled(page);
    await expect(page.locator('optgroup[label="pulled for another feedback pull"] option').getAttribute('value')).resolves.toBe(CONTEXT);
    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.uncovered)).toEqual([]);
    await page.close();
  });
});

describe('the context pull in Snapshots', () => {
  it('pulls the demo feedback against a DNS server and offers the new context in the Authenticity view', async () => {
    const { page, errors } = await app.open('#/snapshots');
    const form = page.locator('section[aria-label="Pull the sender context"]');
    await form.locator('label', { hasText: 'DNS server' }).locator('input').fill('not an address');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('.field-error').textContent()).resolves.toContain('an IP address');

    // The feedback pull created last is the default (feedback-other, of the test before); the demo's is chosen.
    await expect(form.locator('label', { hasText: 'Feedback pull' }).locator('select').inputValue()).resolves.toBe('feedback-other');
    await form.locator('label', { hasText: 'Feedback pull' }).locator('select').selectOption('feedback-demo');
    await form.locator('label', { hasText: 'DNS server' }).locator('input').fill(dns.server);
    await form.locator('label', { hasText: 'Timeout' }).locator('input').fill('500');
    await form.locator('label', { hasText: 'Id (optional)' }).locator('input').fill('context-dnsmasq');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('.notice').textContent(), { timeout: 120_000 }).toContain('Pulled the sender context');
    await screenshot(page, 'sender-context-pull');

    await page.goto(`${app.server.url}#/authenticity?feedback=feedback-demo&ctx=context-dnsmasq`);
    await settled(page);
    const items = await cliItems(page, 'context-dnsmasq');
    const acep = items.find((i) => i.domain === 'acep.org' && i.cidr === '198.37.147.117/32')!;
    expect(acep.context?.spf).toBe('pass');
    await page.locator('input[aria-label="Filter the table by text"]').fill('acep.org');
    const ofAcep = items.filter((i) => i.domain === 'acep.org');
    await expect.poll(() => listedRows(page), { timeout: 30_000 }).toBe(ofAcep.length);
    await settled(page);
    const rows = await shownRows(page);
    expect(rows.find((r) => r.key === itemKey(acep))?.spf).toBe('pass');
    // acep.org's other addresses fail (-all); its wider CIDRs have no SPF result.
    const byKey = new Map(items.map((i) => [itemKey(i), i]));
    expect(rows.map((r) => r.spf)).toEqual(rows.map((r) => byKey.get(r.key)!.context?.spf ?? null));
    expect(rows.some((r) => r.spf === 'fail')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
