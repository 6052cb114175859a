// Settings end to end: the workspace folder shown; a default cutoff and link templates saved
// and used by the views; bad input refused with a message.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, settled, startApp, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('Settings view', () => {
  it('shows the workspace folder', async () => {
    const { page } = await app.open('#/settings');
    await expect(page.locator('[data-testid="workspace-folder"]').textContent()).resolves.toBe(app.dataDir);
    await page.close();
  });

  it('refuses a bad default cutoff and a bad link template, saying why', async () => {
    const { page, errors } = await app.open('#/settings');
    const cutoff = page.locator('input[aria-label="Default cutoff"]');
    await cutoff.fill('two');
    await expect(page.locator('section[aria-labelledby="cutoff-title"] .field-error').textContent()).resolves.toContain('a number from 0 to 1');
    await expect(page.locator('section[aria-labelledby="cutoff-title"] button', { hasText: 'Save' }).isDisabled()).resolves.toBe(true);

    await page.locator('input[aria-label="URL of link 1"]').fill('https://portal.example/search?d={domain}&x={address}');
    await expect(page.locator('section[aria-labelledby="links-title"] .field-error').textContent()).resolves.toBe(
      'unknown placeholder {address}; use {domain}, {cidr}, {ip} or {org}',
    );
    await page.locator('input[aria-label="URL of link 1"]').fill('ftp://portal.example/{domain}');
    await expect(page.locator('section[aria-labelledby="links-title"] .field-error').textContent()).resolves.toBe('must be an http:// or https:// URL');
    await expect(page.locator('button', { hasText: 'Save links' }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves a default cutoff and link templates that the views then use', async () => {
    const { page, errors } = await app.open('#/settings');
    await page.locator('input[aria-label="Default cutoff"]').fill('0.25');
    await page.locator('section[aria-labelledby="cutoff-title"] button', { hasText: 'Save' }).click();
    await page.locator('section[aria-labelledby="cutoff-title"] .saved').waitFor();
    await page.locator('input[aria-label="URL of link 1"]').fill('https://portal.example/messages?domain={domain}&ip={ip}&org={org}');
    await page.locator('button', { hasText: 'Add link' }).click();
    await page.locator('input[aria-label="Name of link 2"]').fill('Receiver IP');
    await page.locator('input[aria-label="URL of link 2"]').fill('https://portal.example/receiver-ip/{ip}?interval_days=60');
    await page.locator('button', { hasText: 'Save links' }).click();
    await page.locator('section[aria-labelledby="links-title"] .saved').waitFor();
    await screenshot(page, 'settings');

    await page.goto(`${app.server.origin}/#/authenticity?findings=1&org=54`);
    await settled(page);
    await expect(page.locator('.cutoff-box').inputValue()).resolves.toBe('0.25');
    await expect(page.locator('.cutoff-source').textContent()).resolves.toBe('your default (Settings)');
    await page.locator('.ft-row').first().click();
    await page.waitForSelector('.links a');
    const hrefs = await page.locator('.links a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(2);
    expect(hrefs[0]).toMatch(/^https:\/\/portal\.example\/messages\?domain=[^&]+&ip=[\d.]+&org=54$/u);
    expect(hrefs[1]).toMatch(/^https:\/\/portal\.example\/receiver-ip\/[\d.]+\?interval_days=60$/u);
    expect(errors).toEqual([]);
    await page.close();
  });
});
