/** Real Chromium (Debian's) driven by playwright-core, and axe-core checks of each screen. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { MISSING_STRING } from '@tavla/shared';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CLIENT_DIR = path.resolve(import.meta.dirname, '../../client/dist');

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(EXECUTABLE))
    throw new Error(`No Chromium at ${EXECUTABLE}. Install Debian's: apt-get install chromium (or set CHROMIUM_PATH).`);
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error('The client is not built: run `npm run build` first.');
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A phone: small screen, touch, mobile. */
export const phoneContext = (browser: Browser, baseURL: string, locale = 'nb-NO') =>
  watchStrings(browser.newContext({ baseURL, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale }));

export const laptopContext = (browser: Browser, baseURL: string, locale = 'nb-NO') =>
  watchStrings(browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale }));

/** Keys a page showed raw because no loaded catalogue had them (client/src/i18n.ts reports each). */
const missingStrings = new WeakMap<Page, Set<string>>();

async function watchStrings(opening: Promise<BrowserContext>): Promise<BrowserContext> {
  const context = await opening;
  context.on('console', (msg) => {
    const page = msg.page();
    if (!page || msg.type() !== 'error' || !msg.text().startsWith(MISSING_STRING)) return;
    (missingStrings.get(page) ?? missingStrings.set(page, new Set()).get(page)!).add(msg.text().slice(MISSING_STRING.length).trim());
  });
  return context;
}

/**
 * Fail the test if axe finds any WCAG 2.x A/AA violation on the page as it is now, or if the page
 * has shown any string as its raw key (in no catalogue it loaded) since it opened.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
  expect([...(missingStrings.get(page) ?? [])], `strings shown as raw keys on ${screen}`).toEqual([]);
}

/** Record every request a page makes to an origin other than the server's. */
export function watchForeignRequests(context: BrowserContext, baseURL: string): string[] {
  const foreign: string[] = [];
  const own = new URL(baseURL).origin;
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own) foreign.push(url);
  });
  return foreign;
}
