import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FacilitatorHttp, eventually, join, startServer, type Running } from '../harness.js';
import { CLIENT_DIR, expectAccessible, laptopContext, launch, phoneContext } from './browser.js';

/** The facilitator forms groups by hand; a scribe types for someone without a phone. */
let server: Running;
let browser: Browser;
let seminarId: string;
let console_: Page;
const contexts: BrowserContext[] = [];
const people: Record<string, { participantId: string; token: string }> = {};

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIR });
  browser = await launch();
  const http = new FacilitatorHttp(server.url);
  await http.setup();
  const created = await http.createSeminar({ language: 'en', roles: ['Service user', 'Employee'] });
  seminarId = created.id;
  for (const [name, role] of [['Ann', 'r1'], ['Bob', 'r2'], ['Cia', 'r1'], ['Dan', 'r2']] as const) people[name] = await join(server.url, created.joinCode, name, role);
  const context = await laptopContext(browser, server.url, 'en-GB');
  contexts.push(context);
  await context.addCookies([{ name: 'tavla_session', value: http.cookie.split('=')[1]!, url: server.url }]);
  console_ = await context.newPage();
  await console_.goto(`/f/${seminarId}`);
  await console_.getByLabel('People per group').fill('2');
  await console_.getByRole('button', { name: 'Split into groups' }).click();
  await eventually(() => Object.values(state().participants).every((p) => p.groupId));
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

const state = () => server.app.hub.get(seminarId).state;
const groupOf = (name: string) => state().participants[people[name]!.participantId]!.groupId;
const groupNumbered = (n: number) => Object.values(state().groups).find((g) => g.number === n)!.id;

describe('forming groups by hand', () => {
  it('moves a person with the menu, and by dragging', async () => {
    const other = groupOf('Ann') === groupNumbered(1) ? 2 : 1;
    await console_.getByLabel('Move Ann to').selectOption({ label: `Group ${other}` });
    await eventually(() => expect(groupOf('Ann')).toBe(groupNumbered(other)));

    const back = other === 1 ? 2 : 1;
    // The groups sit side by side: with Ann's handle in view, the target group is too.
    await console_.getByRole('button', { name: 'Drag Ann to another group' }).scrollIntoViewIfNeeded();
    const from = (await console_.getByRole('button', { name: 'Drag Ann to another group' }).boundingBox())!;
    const to = (await console_.getByRole('region', { name: `Group ${back}` }).boundingBox())!;
    await console_.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await console_.mouse.down();
    for (let i = 1; i <= 10; i++) await console_.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 10, from.y + ((to.y + 30 - from.y) * i) / 10);
    await console_.mouse.up();
    await eventually(() => expect(groupOf('Ann')).toBe(groupNumbered(back)), 5000);
    await expectAccessible(console_, 'facilitator console with groups');
  });

  it('adds, renames and recolours a group', async () => {
    await console_.getByRole('button', { name: 'Add group' }).click();
    await console_.getByRole('region', { name: 'Group 3' }).waitFor();
    await console_.getByText('Edit Group 3').click();
    await console_.getByLabel('Group name').last().fill('Vindusbordet');
    await console_.getByLabel('Colour').last().selectOption('teal');
    await console_.getByRole('button', { name: 'Save' }).last().click();
    await eventually(() => expect(state().groups[groupNumbered(3)]).toMatchObject({ name: 'Vindusbordet', colour: 'teal' }));
    await console_.getByRole('region', { name: 'Vindusbordet' }).waitFor();
  });

  it("turns a shared tablet into one table's board with a link from the console", async () => {
    const label = 'Vindusbordet';
    await console_.getByRole('region', { name: label }).getByRole('button', { name: "Show the group's board on a tablet" }).click();
    const link = console_.getByRole('link', { name: `Link to ${label}'s board` });
    await link.waitFor();
    await expect.poll(() => console_.getByRole('img', { name: `QR code that opens ${label}'s board` }).isVisible()).toBe(true);
    const href = (await link.getAttribute('href'))!;
    const tabletContext = await laptopContext(browser, server.url, 'en-GB');
    contexts.push(tabletContext);
    const tablet = await tabletContext.newPage();
    await tablet.goto(href.replace(/^https?:\/\/[^/]+/, ''));
    await tablet.getByRole('heading', { name: `The group's board – ${label}` }).waitFor();
    expect(tablet.url()).not.toContain('table='); // the token left the address bar
    await tablet.reload(); // and stayed on the device
    await tablet.getByRole('heading', { name: `The group's board – ${label}` }).waitFor();
    await expectAccessible(tablet, 'table device');
  });

  it('adds a participant on paper and a scribe who types their notes', async () => {
    const table = groupOf('Bob')!;
    const tableName = Object.values(state().groups).find((g) => g.id === table)!;
    await console_.getByText('Add a participant without a phone').click();
    await console_.getByLabel('Name (participant without a phone)').fill('Ola');
    await console_.getByLabel('Group', { exact: true }).selectOption({ label: tableName.name || `Group ${tableName.number}` });
    await console_.getByRole('button', { name: 'Add participant' }).click();
    await eventually(() => Object.values(state().participants).some((p) => p.paper && p.name === 'Ola' && p.groupId === table));
    await console_.getByRole('region', { name: tableName.name || `Group ${tableName.number}` }).getByLabel('Scribe').first().click();
    const scribe = Object.values(state().participants).find((p) => p.groupId === table && !p.paper)!;
    await eventually(() => state().participants[scribe.id]!.scribe);

    const name = Object.entries(people).find(([, p]) => p.participantId === scribe.id)![0];
    const context = await phoneContext(browser, server.url, 'en-GB');
    contexts.push(context);
    await context.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [`tavla:participant:${seminarId}`, JSON.stringify(people[name])]);
    const phone = await context.newPage();
    await phone.goto(`/s/${seminarId}`);
    await phone.getByLabel('Write for').selectOption({ label: 'Ola' });
    await phone.getByLabel('Your note').fill('Fra Olas papirlapp');
    await phone.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => phone.getByText('(for Ola)').isVisible()).toBe(true);
    await expectAccessible(phone, 'scribe phone');
    const note = Object.values(state().notes).find((n) => n.text === 'Fra Olas papirlapp')!;
    expect(state().participants[note.authorId!]!.name).toBe('Ola');
    expect(note.scribeId).toBe(scribe.id);
  });
});

describe('the day has more than one task', () => {
  it('adds a second task from the console and moves the room to it', async () => {
    await console_.getByText('Add a task').click();
    await console_.getByLabel('Task title').fill('Fokus på tiltak');
    await console_.getByLabel('Guiding questions').fill('Hvordan få det til?\nForeslå 5 konkrete tiltak.');
    await console_.getByRole('button', { name: 'Add task' }).click();
    await console_.getByRole('button', { name: 'Go to “Fokus på tiltak”' }).click();
    await eventually(() => expect(state().tasks.find((t) => t.id === state().currentTaskId)?.title).toBe('Fokus på tiltak'));
    await console_.getByRole('heading', { name: 'Task: Fokus på tiltak' }).waitFor();
    await expectAccessible(console_, 'console with two tasks');
  });
});

describe('the agenda', () => {
  it('is written on the console and shown on the projector', async () => {
    for (const [time, label] of [['09.30-10.00', 'Velkommen'], ['10.00-11.00', 'Informasjon om hensikten med dagen']] as const) {
      await console_.getByLabel('Time', { exact: true }).fill(time);
      await console_.getByLabel('What happens').fill(label);
      await console_.getByRole('button', { name: 'Add agenda item' }).click();
    }
    await eventually(() => expect(state().agenda.map((i) => i.label)).toEqual(['Velkommen', 'Informasjon om hensikten med dagen']));
    const projector = await console_.context().newPage();
    await projector.goto(`/f/${seminarId}/join`);
    await expect.poll(() => projector.getByRole('region', { name: 'Agenda' }).innerText()).toMatch(/09\.30-10\.00\s+Velkommen[\s\S]*10\.00-11\.00\s+Informasjon/);
    await expectAccessible(projector, 'projector with the agenda');
    await projector.close();
    await console_.getByRole('button', { name: 'Remove “Velkommen”' }).click();
    await eventually(() => expect(state().agenda).toHaveLength(1));
  });
});

describe('the timer', () => {
  it('is set and started on the console, and the projector counts down with it', async () => {
    await console_.getByLabel('Minutes').fill('10');
    await console_.getByRole('button', { name: 'Set', exact: true }).click();
    await console_.getByRole('button', { name: 'Start', exact: true }).click();
    await eventually(() => expect(state().timer?.running).toBe(true));
    const projector = await console_.context().newPage();
    await projector.goto(`/f/${seminarId}/join`);
    const shown = projector.getByRole('timer');
    await expect.poll(async () => /^(10:00|9:[0-5]\d)/.test(await shown.innerText())).toBe(true);
    await expectAccessible(console_, 'console with a running timer');
    await console_.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => shown.innerText()).toMatch(/paused/);
    await projector.close();
  });
});

describe('deleting the seminar', () => {
  it('asks first, then deletes everything and returns to the list', async () => {
    await console_.getByRole('button', { name: 'Delete the seminar …' }).click();
    await expectAccessible(console_, 'console, confirming deletion');
    await console_.getByRole('button', { name: 'Yes, delete everything' }).click();
    await console_.waitForURL(/\/$/);
    await eventually(() => expect(server.app.hub.store.seminarById(seminarId)).toBeNull());
  });
});
