// The Snapshots view end to end: the demo listed; files imported with the picker and by drag
// and drop (uploaded in browser mode); builds pulled from a real S3 server and feedback from a
// real PostgreSQL server, with progress and the result landing in the list; bad form input
// refused with a message; a pull cancelled; a snapshot deleted after confirmation.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPostgres, type PostgresServer } from '../support/servers/postgres';
import { startHoldingProxy, type HoldingProxy } from '../support/servers/holding-proxy';
import { startS3, type S3Server } from '../support/servers/s3';
import { golden } from '../support/cli';
import { bigBuild } from '../pull/big-build';
import { cliJson, screenshot, startApp, type App } from './support/app';

let app: App;
let s3: S3Server;
let proxy: HoldingProxy;
let pg: PostgresServer;

beforeAll(async () => {
  [s3, pg] = await Promise.all([startS3(), startPostgres()]);
  await s3.put('ep-metadata', 'models/sendermodels-2016-09-05_02:20:00.avro', fs.readFileSync(golden('sendermodels-2.avro')));
  await s3.put('ep-metadata', 'activereputation/reputation-1473033600.5.json', fs.readFileSync(golden('reputation-2.json')));
  // Big enough that its progress shows; the proxy holds it mid-transfer, so its size is not what
  // keeps the pull running when Cancel is clicked.
  await s3.put('ep-metadata', 'big/sendermodels-2020-01-01_00:00:00.avro', bigBuild(300_000));
  proxy = await startHoldingProxy(s3.endpoint);
  await pg.query(
    'CREATE TABLE user_response (id integer PRIMARY KEY, suggestion text, context text, organization_id integer, comments text, suggestion_type text)',
  );
  const rows = fs
    .readFileSync(golden('feedback.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const r of rows) {
    await pg.query('INSERT INTO user_response VALUES ($1, $2, $3, $4, $5, $6)', [
      r.id,
      r.suggestion,
      r.context,
      r.organization_id,
      r.comments,
      r.suggestion_type,
    ]);
  }
  // The app reaches S3 through the SDK's default chain: this server's keys in its environment.
  app = await startApp({ env: s3.env });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await Promise.all([s3?.stop(), pg?.stop()]);
});

const listed = (page: Page) => page.locator('.snapshot-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-snapshot')));
const jobFor = (page: Page, text: string) => page.locator('.job', { hasText: text }).first();

describe('Snapshots view', () => {
  it('lists the demo and imports files from the picker and by drag and drop', async () => {
    const { page, errors } = await app.open('#/snapshots');
    await page.waitForSelector('.snapshot-table');
    // The demo: two sender models, two reputation builds, the feedback and the sender context.
    expect(await listed(page)).toHaveLength(6);
    await expect(page.locator('.badge.demo').count()).resolves.toBe(6);

    await page.locator('[data-testid="import-files"]').setInputFiles(golden('sendermodels-1.avro'));
    const idBox = page.locator('input[aria-label="Id for sendermodels-1.avro"]');
    await expect(idBox.inputValue()).resolves.toBe('sendermodels-1');
    await expect(page.locator('select[aria-label="Kind of sendermodels-1.avro"]').inputValue()).resolves.toBe('sender-model');
    // A bad id is refused here, with the rule.
    await idBox.fill('golden one!');
    await page.locator('button', { hasText: 'Import 1 file' }).click();
    await expect(page.locator('.pending .field-error').textContent()).resolves.toBe('an id is 1–100 letters, digits and . _ - :');
    await idBox.fill('golden-1');
    await page.locator('button', { hasText: 'Import 1 file' }).click();
    await expect.poll(() => jobFor(page, 'golden-1').getAttribute('data-job-state'), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => listed(page)).toContain('golden-1');

    // Drag and drop: the file arrives as a DataTransfer, as from a file manager.
    const text = fs.readFileSync(golden('feedback.jsonl'), 'utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'golden-feedback.jsonl', { type: 'application/x-ndjson' }));
      return dt;
    }, text);
    await page.dispatchEvent('.snapshots-page', 'dragover', { dataTransfer });
    await page.dispatchEvent('.snapshots-page', 'drop', { dataTransfer });
    await expect(page.locator('select[aria-label="Kind of golden-feedback.jsonl"]').inputValue()).resolves.toBe('feedback');
    await page.locator('button', { hasText: 'Import 1 file' }).click();
    await expect.poll(() => jobFor(page, 'golden-feedback').getAttribute('data-job-state'), { timeout: 30_000 }).toBe('done');
    await expect(jobFor(page, 'golden-feedback').locator('.job-result').textContent()).resolves.toContain('rejected 3');
    await expect.poll(() => listed(page)).toContain('golden-feedback');
    await expect(jobFor(page, 'golden-feedback').locator('.job-warning').count()).resolves.toBe(0);

    // A well-formed file with nothing usable imports with kept 0, and the job says so.
    const useless = ['{"id": 1, "suggestion_type": "other"}', '{"id": 2, "suggestion_type": "authenticity", "suggestion": {"input_type": "domain_list"}}'].join(
      '\n',
    );
    await page
      .locator('[data-testid="import-files"]')
      .setInputFiles({ name: 'nothing-usable.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(useless) });
    await page.locator('button', { hasText: 'Import 1 file' }).click();
    await expect.poll(() => jobFor(page, 'nothing-usable').getAttribute('data-job-state'), { timeout: 30_000 }).toBe('done');
    await expect(jobFor(page, 'nothing-usable').locator('.job-warning').textContent()).resolves.toBe(
      'Nothing usable in nothing-usable: no row or entry was kept. Is it the file you meant?',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists builds on S3 with their dates, pulls one with progress, and it lands', async () => {
    const { page, errors } = await app.open('#/snapshots');
    const panel = page.locator('section[aria-label="Pull builds from S3"]');
    // Bad input first: refused with a message, nothing sent.
    await panel.locator('label', { hasText: 'Bucket' }).locator('input').fill('ep');
    await panel.locator('label', { hasText: 'Endpoint' }).locator('input').fill('not a url');
    await panel.locator('button', { hasText: 'List builds' }).click();
    await expect(panel.locator('.field-error').allTextContents()).resolves.toEqual([
      'a bucket name is 3–63 characters',
      'the endpoint is an http:// or https:// URL, e.g. http://127.0.0.1:9000',
    ]);

    await panel.locator('label', { hasText: 'Bucket' }).locator('input').fill('ep-metadata');
    await panel.locator('label', { hasText: 'Endpoint' }).locator('input').fill(s3.endpoint);
    await panel.locator('label', { hasText: 'Region' }).locator('input').fill('us-east-1');
    await panel.locator('button', { hasText: 'List builds' }).click();
    const row = panel.locator('tr[data-key="models/sendermodels-2016-09-05_02:20:00.avro"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('2016-09-05');
    await row.locator('button', { hasText: 'Pull' }).click();
    const job = jobFor(page, 'sendermodels-2016-09-05');
    await expect.poll(() => job.getAttribute('data-job-state'), { timeout: 30_000 }).toBe('done');
    await expect(job.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(job.locator('.job-figures').textContent()).resolves.toMatch(/^\d+ B of \d+ B · \d+ rows/u);
    await expect.poll(() => listed(page)).toContain('sendermodels-2016-09-05_02:20:00');
    // Listed again, the build says it is here.
    await panel.locator('button', { hasText: 'List builds' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('pulled');
    // The pulled build is the one on S3: same findings as the CLI on the same snapshot.
    const report = cliJson<{ summary: { items: number } }>(
      app.dataDir,
      'findings',
      '--build',
      'sendermodels-2016-09-05_02:20:00',
      '--feedback',
      'feedback-demo',
    );
    expect(report.summary.items).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a big pull’s progress live and cancels it', async () => {
    const { page } = await app.open('#/snapshots');
    const panel = page.locator('section[aria-label="Pull builds from S3"]');
    await panel.locator('label', { hasText: 'Bucket' }).locator('input').fill('ep-metadata');
    await panel.locator('label', { hasText: 'Prefix' }).locator('input').fill('big/');
    // Through the proxy: the body stops after its first megabyte until the test has cancelled.
    await panel.locator('label', { hasText: 'Endpoint' }).locator('input').fill(proxy.endpoint);
    await panel.locator('button', { hasText: 'List builds' }).click();
    const held = proxy.hold((p) => p.includes('sendermodels-2020-01-01') && !p.includes('list-type'), 1 << 20);
    await panel.locator('tr[data-key="big/sendermodels-2020-01-01_00:00:00.avro"] button', { hasText: 'Pull' }).click();
    const job = jobFor(page, 'sendermodels-2020-01-01');
    await held;
    await expect.poll(() => job.getAttribute('data-job-state'), { timeout: 30_000 }).toBe('running');
    await expect.poll(async () => Number(await job.locator('[role="progressbar"]').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
    await job.scrollIntoViewIfNeeded();
    await screenshot(page, 'snapshots-pulling');
    await job.locator('button', { hasText: 'Cancel' }).click();
    await expect.poll(() => job.getAttribute('data-job-state'), { timeout: 30_000 }).toBe('cancelled');
    proxy.release();
    expect(await listed(page)).not.toContain('sendermodels-2020-01-01_00:00:00');
    await page.close();
  });

  it('pulls feedback from PostgreSQL with the password kept for that pull only', async () => {
    const { page, errors } = await app.open('#/snapshots');
    const panel = page.locator('section[aria-label="Pull feedback from PostgreSQL"]');
    const input = (label: string) => panel.locator('label', { hasText: label }).locator('input');
    await input('Host').fill('127.0.0.1');
    await input('Port').fill('not a port');
    await input('Database').fill(pg.database);
    await input('User').fill(pg.user);
    await input('Id').fill('pg feedback');
    await panel.locator('button', { hasText: 'Pull feedback' }).click();
    await expect(panel.locator('.field-error').allTextContents()).resolves.toEqual([
      'the port is a whole number from 1 to 65535',
      'an id is 1–100 letters, digits and . _ - :',
    ]);
    await input('Port').fill(String(pg.port));
    await input('Id').fill('pg-feedback');
    await input('Password').fill(pg.password);
    await panel.locator('button', { hasText: 'Pull feedback' }).click();
    const job = jobFor(page, 'pg-feedback');
    await expect.poll(() => job.getAttribute('data-job-state'), { timeout: 60_000 }).toBe('done');
    await expect(job.locator('.job-figures').textContent()).resolves.toContain('17 rows');
    await expect(input('Password').inputValue()).resolves.toBe('');
    await expect.poll(() => listed(page)).toContain('pg-feedback');
    // The same pull, by the CLI's reading: the golden findings.
    const report = cliJson<{ summary: { items: number; findings: number } }>(
      app.dataDir,
      'findings',
      '--build',
      'golden-1',
      '--feedback',
      'pg-feedback',
      '--cutoff',
      '0.3',
    );
    expect(report.summary).toMatchObject({ items: 12, findings: 8 });
    // No password in the settings, ever.
    expect(fs.readFileSync(`${app.dataDir}/workspace.db`).includes(Buffer.from(pg.password))).toBe(false);
    await page.evaluate(() => document.querySelector('.page')?.scrollTo(0, 0));
    await screenshot(page, 'snapshots');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for the S3 pull’s Id and Replace in the form’s words, and clears old messages', async () => {
    const { page } = await app.open('#/snapshots');
    await page.waitForSelector('.snapshot-table');
    const panel = page.locator('section[aria-label="Pull builds from S3"]');
    await panel.locator('label', { hasText: 'Bucket' }).locator('input').fill('ep-metadata');
    await panel.locator('label', { hasText: 'Endpoint' }).locator('input').fill(s3.endpoint);
    await panel.locator('button', { hasText: 'List builds' }).click();
    const row = panel.locator('tr[data-key="models/sendermodels-2016-09-05_02:20:00.avro"]');
    await row.waitFor();
    await panel.locator('label', { hasText: 'Id (optional)' }).locator('input').fill('feedback-demo');
    await row.locator('button', { hasText: /^Pull/u }).click();
    const banner = panel.locator('.error-banner');
    await expect(banner.textContent()).resolves.toContain('tick Replace to overwrite it, or give another Id');
    await expect(banner.textContent()).resolves.not.toContain('--');
    // A new id: the old message goes at once; the pull lands, and the form says so.
    await panel.locator('label', { hasText: 'Id (optional)' }).locator('input').fill('s3-copy');
    await expect.poll(() => banner.count()).toBe(0);
    await row.locator('button', { hasText: /^Pull/u }).click();
    await expect
      .poll(() => panel.locator('.notice').textContent(), { timeout: 30_000 })
      .toBe('Pulled models/sendermodels-2016-09-05_02:20:00.avro as s3-copy.');
    await expect.poll(() => listed(page)).toContain('s3-copy');
    // Replace ticked: the same id again is taken.
    await panel.locator('label', { hasText: 'Replace an existing snapshot' }).locator('input').check();
    await expect.poll(() => panel.locator('.notice').count()).toBe(0);
    await row.locator('button', { hasText: /^Pull/u }).click();
    await expect
      .poll(() => panel.locator('.notice').textContent(), { timeout: 30_000 })
      .toBe('Pulled models/sendermodels-2016-09-05_02:20:00.avro as s3-copy.');
    await page.close();
  });

  it('says a wrong PostgreSQL password is wrong in the form’s words, and drops the message when the form changes', async () => {
    const { page } = await app.open('#/snapshots');
    const panel = page.locator('section[aria-label="Pull feedback from PostgreSQL"]');
    const input = (label: string) => panel.locator('label', { hasText: label }).locator('input');
    await input('Host').fill('127.0.0.1');
    await input('Port').fill(String(pg.port));
    await input('Database').fill(pg.database);
    await input('User').fill(pg.user);
    await input('Password').fill('not-the-password');
    await panel.locator('button', { hasText: 'Pull feedback' }).click();
    const banner = panel.locator('.error-banner');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain('rejected the password');
    const text = (await banner.textContent())!;
    expect(text).toContain('Password field');
    expect(text).not.toContain('PGPASSWORD');
    expect(text).not.toContain('.pgpass');
    await expect(panel.locator('.notice').count()).resolves.toBe(0);
    await input('Password').fill(pg.password);
    await expect.poll(() => banner.count()).toBe(0);
    await page.close();
  });

  it('deletes a snapshot only after confirmation', async () => {
    const { page } = await app.open('#/snapshots');
    await page.waitForSelector('tr[data-snapshot="golden-1"]');
    await page.locator('button[aria-label="Delete golden-1"]').click();
    await expect(page.locator('[role="alertdialog"]').textContent()).resolves.toContain('Delete the local copy of golden-1? Notes stay');
    await page.locator('[role="alertdialog"] button', { hasText: 'Cancel' }).click();
    expect(await listed(page)).toContain('golden-1');
    await page.locator('button[aria-label="Delete golden-1"]').click();
    await page.locator('[role="alertdialog"] button', { hasText: 'Delete' }).click();
    await expect.poll(() => listed(page)).not.toContain('golden-1');
    await page.close();
  });
});
