import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { FacilitatorHttp, TestClient, eventually, join, startServer, type Running } from '../harness.js';
import { CLIENT_DIR, expectAccessible, laptopContext, launch, phoneContext } from './browser.js';

/**
 * Clustering at one table, as people do it: mouse, touch, keyboard, and the menu, with two
 * devices at the table seeing each other's moves.
 */
let server: Running;
let browser: Browser;
let seminarId: string;
let taskId: string;
const contexts: BrowserContext[] = [];
const sockets: TestClient[] = [];
const people: { participantId: string; token: string }[] = [];
const NOTES = ['Tett oppfølging', 'Nok tid til hver bruker', 'Klare mål', 'Gjensidig respekt', 'Humor', 'Verden utenfor'];

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIR });
  browser = await launch();
  const http = new FacilitatorHttp(server.url);
  await http.setup();
  const created = await http.createSeminar({ language: 'en' });
  seminarId = created.id;
  const fac = new TestClient(server.url, seminarId, { cookie: http.cookie });
  await fac.connect();
  sockets.push(fac);
  for (const [i, role] of ['r1', 'r2', 'r1'].entries()) {
    const p = await join(server.url, created.joinCode, `Person ${i}`, role);
    people.push(p);
    const c = new TestClient(server.url, seminarId, { token: p.token });
    await c.connect();
    sockets.push(c);
  }
  taskId = fac.state.currentTaskId!;
  await fac.send({ type: 'groups.split', payload: { size: 3 } });
  for (const [i, text] of NOTES.entries()) await sockets[1 + (i % 3)]!.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text } });
  await fac.send({ type: 'task.setPhase', payload: { taskId, phase: 'cluster' } });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  for (const s of sockets) s.disconnect();
  await browser?.close();
  await server?.stop();
});

/** A device at the table, signed in as participant `i` (as after joining on that device). */
async function device(i: number, kind: 'phone' | 'laptop'): Promise<Page> {
  const context = kind === 'phone' ? await phoneContext(browser, server.url, 'en-GB') : await laptopContext(browser, server.url, 'en-GB');
  contexts.push(context);
  const identity = JSON.stringify({ participantId: people[i]!.participantId, token: people[i]!.token });
  await context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [`tavla:participant:${seminarId}`, identity]);
  const page = await context.newPage();
  await page.goto(`/t/${seminarId}`);
  await page.getByRole('heading', { name: /Unsorted/ }).waitFor();
  return page;
}

const state = () => server.app.hub.get(seminarId).state;
const noteId = (text: string) => Object.values(state().notes).find((n) => n.text === text)!.id;
const themeId = (heading: string) => Object.values(state().themes).find((t) => t.heading === heading)?.id;
const themeOf = (text: string) => state().notes[noteId(text)]!.themeId;
const column = (page: Page, heading: string): Locator => page.getByRole('region', { name: new RegExp(`^${heading}`) });
const handle = (page: Page, text: string) => page.getByRole('button', { name: `Drag the note “${text}”` });

async function createTheme(page: Page, heading: string) {
  await page.getByLabel('New theme').fill(heading);
  await page.getByRole('button', { name: 'Create theme' }).click();
  await eventually(() => themeId(heading));
  await column(page, heading).waitFor();
}

describe('clustering at one table', () => {
  let laptop: Page;
  let phone: Page;
  beforeAll(async () => {
    laptop = await device(0, 'laptop');
    phone = await device(1, 'phone');
  });

  it('the board passes axe in both views', async () => {
    await expectAccessible(laptop, 'table board (themes)');
    await laptop.getByLabel('One by one').check();
    await laptop.getByRole('button', { name: 'Start going through' }).click();
    await laptop.getByRole('heading', { name: /Note 1 of 6/ }).waitFor();
    // The other device follows: the same note, on the phone too.
    await phone.getByLabel('One by one').check();
    await expect.poll(() => phone.getByRole('heading', { name: /Note 1 of 6/ }).isVisible()).toBe(true);
    await laptop.getByRole('button', { name: 'Next note' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: /Note 2 of 6/ }).isVisible()).toBe(true);
    await expectAccessible(laptop, 'table board (one by one)');
    await laptop.getByLabel('Themes').check();
    await phone.getByLabel('Themes').check();
  });

  let dragged = '';
  it('moves a note into a theme by mouse drag, and the other device sees it', async () => {
    await createTheme(laptop, 'Tid');
    await column(phone, 'Tid').waitFor(); // created on the laptop, shown on the phone
    // A person drags a note they can see: the first unsorted one, with the page at the top.
    await laptop.evaluate(() => window.scrollTo(0, 0));
    dragged = await column(laptop, 'Unsorted').locator('.note-face').first().innerText();
    const from = (await handle(laptop, dragged).boundingBox())!;
    const to = (await column(laptop, 'Tid').boundingBox())!;
    await laptop.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await laptop.mouse.down();
    for (let i = 1; i <= 12; i++) await laptop.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 12, from.y + ((to.y + 40 - from.y) * i) / 12);
    await laptop.mouse.up();
    await eventually(() => expect(themeOf(dragged)).toBe(themeId('Tid')), 5000);
    await expect.poll(() => column(phone, 'Tid').getByText(dragged).isVisible()).toBe(true);
  });

  it('moves a note by touch on a phone', async () => {
    // On a phone the columns stack: drag from the theme "Tid" into "Mål" just below it.
    await createTheme(phone, 'Mål');
    await column(phone, 'Tid').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const start = (await handle(phone, dragged).boundingBox())!;
    const to = (await column(phone, 'Mål').boundingBox())!;
    expect(to.y + 40, 'the target is on screen').toBeLessThan(640);
    const cdp = await phone.context().newCDPSession(phone);
    const point = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y), id: 1 }];
    const [x0, y0, x1, y1] = [start.x + start.width / 2, start.y + start.height / 2, to.x + to.width / 2, to.y + 30];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0) });
    await phone.waitForTimeout(300); // press and hold: the touch sensor waits before lifting
    for (let i = 1; i <= 10; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10) });
      await phone.waitForTimeout(20);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await eventually(() => expect(themeOf(dragged)).toBe(themeId('Mål')), 5000);
    await expect.poll(() => column(laptop, 'Mål').getByText(dragged).isVisible()).toBe(true);
  });

  it('moves a note by keyboard alone, and passes axe in the middle of the drag', async () => {
    const keyed = await column(laptop, 'Unsorted').locator('.note-face').first().innerText();
    const h = handle(laptop, keyed);
    await h.focus();
    await laptop.keyboard.press('Space');
    await laptop.waitForTimeout(150);
    await expectAccessible(laptop, 'table board during a keyboard drag');
    await laptop.keyboard.press('ArrowRight');
    await laptop.waitForTimeout(150);
    await laptop.keyboard.press('Space');
    await eventually(() => expect(themeOf(keyed)).not.toBeNull(), 5000);
    // It was announced in words, with the note's text: never an id.
    const live = await laptop.locator('[aria-live="assertive"]').allInnerTexts();
    expect(live.join(' ')).toContain(`“${keyed}” moved to`);
    expect(live.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('moves a note with the "Move to" menu, without dragging', async () => {
    const menued = await column(phone, 'Unsorted').locator('.note-face').first().innerText();
    await phone.getByLabel(`Move “${menued}” to`).selectOption({ label: 'Tid' });
    await eventually(() => expect(themeOf(menued)).toBe(themeId('Tid')));
    await expect.poll(() => column(laptop, 'Tid').getByText(menued).isVisible()).toBe(true);
    await expectAccessible(phone, 'table board on a phone');
  });

  it('reorders notes within a theme with the up and down buttons, without dragging', async () => {
    const inTid = () => Object.values(state().notes).filter((n) => n.themeId === themeId('Tid')).sort((a, b) => (a.order < b.order ? -1 : 1)).map((n) => n.text);
    const before = inTid();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await laptop.getByRole('button', { name: `Move “${before[1]}” up` }).click();
    await eventually(() => expect(inTid()).toEqual([before[1], before[0], ...before.slice(2)]));
    await laptop.getByRole('button', { name: `Move “${before[1]}” down` }).click();
    await eventually(() => expect(inTid()).toEqual(before));
  });

  it('shows a note held while someone else drags it', async () => {
    await laptop.evaluate(() => window.scrollTo(0, 0));
    const h = handle(laptop, await column(laptop, 'Unsorted').locator('.note-face').first().innerText());
    const box = (await h.boundingBox())!;
    await laptop.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await laptop.mouse.down();
    await laptop.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 30, { steps: 5 });
    await expect.poll(() => phone.getByText('Someone is moving this note').isVisible()).toBe(true);
    await laptop.keyboard.press('Escape');
    await laptop.mouse.up();
    await expect.poll(() => phone.getByText('Someone is moving this note').count()).toBe(0);
  });
});
