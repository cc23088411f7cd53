import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { FacilitatorHttp, startServer, type Running } from '../harness.js';
import { CLIENT_DIR, expectAccessible, laptopContext, launch } from './browser.js';

/** The report screen of an imported seminar, and importing from the home screen. */
const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../../server/demo/seed-seminar.json'), 'utf8');
let server: Running;
let browser: Browser;
let context: BrowserContext;
let seminarId: string;

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIR });
  browser = await launch();
  const http = new FacilitatorHttp(server.url);
  await http.setup();
  seminarId = (await http.request('POST', '/api/seminars/import', JSON.parse(DEMO))).json.id;
  context = await laptopContext(browser, server.url);
  await context.addCookies([{ name: 'tavla_session', value: http.cookie.split('=')[1]!, url: server.url }]);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the report screen', () => {
  it('previews the report with its downloads, and is accessible', async () => {
    const page = await context.newPage();
    await page.goto(`/f/${seminarId}/report`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapport: Dialogseminar');
    const preview = page.locator('article.report-preview');
    await preview.getByRole('heading', { name: 'Oppgave 2: Fokus på tiltak.' }).waitFor();
    expect(await preview.getByRole('heading', { name: 'Gruppe 5' }).count()).toBe(2);
    expect(await preview.getByRole('listitem').filter({ hasText: 'Tett oppfølging' }).count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Word (.docx)' }).click();
    expect((await download).suggestedFilename()).toBe('2009-10-30-dialogseminar-rapport.docx');
    await expectAccessible(page, 'report screen');
    await page.close();
  });

  it('imports a file from the home screen, and says why a bad one is refused', async () => {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('JSON-fil').setInputFiles({ name: 'halv.json', mimeType: 'application/json', buffer: Buffer.from(DEMO.slice(0, 500)) });
    await page.getByRole('button', { name: 'Hent inn', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Filen er ikke gyldig JSON. Er den hel?');
    const wrong = JSON.stringify({ ...JSON.parse(DEMO), version: 7 });
    await page.getByLabel('JSON-fil').setInputFiles({ name: 'ny.json', mimeType: 'application/json', buffer: Buffer.from(wrong) });
    await page.getByRole('button', { name: 'Hent inn', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Filen ble ikke hentet inn: the file has version 7/);
    await expectAccessible(page, 'home screen with import');
    await page.getByLabel('JSON-fil').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(DEMO) });
    await page.getByRole('button', { name: 'Hent inn', exact: true }).click();
    await page.waitForURL(/\/f\/[0-9a-f-]+\/report$/);
    await page.getByRole('heading', { level: 1, name: 'Rapport: Dialogseminar' }).waitFor();
    await page.goto('/');
    await page.getByRole('button', { name: 'Prøv et ferdig demoseminar' }).click();
    await page.waitForURL(/\/f\/[0-9a-f-]+\/report$/);
    await page.close();
  });
});
