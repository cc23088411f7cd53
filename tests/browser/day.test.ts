import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CommandBody } from '@tavla/shared';
import { FacilitatorHttp, TestClient, join, startServer, type Running } from '../harness.js';
import { CLIENT_DIR, expectAccessible, laptopContext, launch, phoneContext } from './browser.js';

/**
 * The facilitator's day in a real browser: a programme, a task run to plenary, each group
 * spotlighted on the projector while a phone follows, a synthesis, and the expectations checked
 * off at the end. Axe checks the console, the projector view and the phone views.
 */
let server: Running;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIR });
  browser = await launch();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function page(kind: 'phone' | 'laptop', cookie?: string): Promise<Page> {
  const context = kind === 'phone' ? await phoneContext(browser, server.url, 'en-GB') : await laptopContext(browser, server.url, 'en-GB');
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  contexts.push(context);
  return context.newPage();
}

describe("the facilitator's day", () => {
  it('programme → task → spotlight followed by a phone → synthesis → expectations checked off', async () => {
    const http = new FacilitatorHttp(server.url);
    await http.setup();
    const { id: seminarId, joinCode } = await http.createSeminar({ title: 'Dialogseminar i Sandvika', language: 'en', roles: ['Service user', 'Employee'] });
    const hub = server.app.hub;
    const taskId = hub.get(seminarId).state.currentTaskId!;

    // The console: seminar details and the programme.
    const fac = await page('laptop', http.cookie);
    await fac.goto(`/f/${seminarId}`);
    await fac.getByRole('heading', { name: 'Dialogseminar i Sandvika', level: 1 }).waitFor();
    await fac.getByText('About the seminar').click();
    await fac.locator('#details-organisers').fill('NAV Bærum and the user forum');
    await fac.locator('#details-time').fill('09:00–15:30');
    await fac.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect.poll(() => hub.get(seminarId).state.seminar!.organisers).toBe('NAV Bærum and the user forum');
    await fac.locator('#agenda-time').fill('09:30–10:00');
    await fac.locator('#agenda-label').fill('Expectations round');
    await fac.getByRole('button', { name: 'Add agenda item' }).click();
    await fac.locator('#priority-kind').selectOption('top');
    await fac.locator('#priority-n').fill('2');
    await fac.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => fac.getByText('Each group picks its top 2').isVisible()).toBe(true);

    // One phone joins in the browser; three more people join from their own clients.
    const phone = await page('phone');
    await phone.goto(`/j/${joinCode}`);
    await phone.getByLabel('Your name').fill('Yvonne');
    await phone.getByLabel('Service user', { exact: true }).check();
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByLabel('Your note').waitFor();
    for (const [name, role] of [['Vanja', 'r2'], ['Faro', 'r1'], ['Leni', 'r2']] as const) {
      const { token } = await join(server.url, joinCode, name, role);
      const client = new TestClient(server.url, seminarId, { token }, name);
      await client.connect();
      clients.push(client);
    }

    // The expectations round: the phone writes one; the facilitator makes the numbered list.
    await fac.getByRole('button', { name: 'Start the expectations round' }).click();
    await phone.getByLabel('Your expectation').fill('To be heard');
    await phone.getByRole('button', { name: 'Add', exact: true }).click();
    await clients[0]!.send({ type: 'expectation.write', payload: { expectationId: crypto.randomUUID(), text: 'Being listened to' } });
    await expectAccessible(phone, 'phone: expectations round');
    await fac.getByRole('listitem').filter({ hasText: 'To be heard' }).getByRole('button', { name: 'New line' }).click();
    const waiting = fac.getByRole('listitem').filter({ hasText: 'Being listened to' });
    await waiting.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => hub.get(seminarId).state.expectationItems.map((i) => i.sources.length)).toEqual([2]);
    await fac.getByRole('button', { name: 'End the expectations round' }).click();

    // The task: two tables of two, a note each, sorted into themes and ranked.
    await fac.locator('#group-size').fill('2');
    await fac.getByRole('button', { name: 'Split into groups' }).click();
    await expect.poll(() => Object.values(hub.get(seminarId).state.participants).every((p) => p.groupId)).toBe(true);
    await phone.getByLabel('Your note').fill('Tett oppfølging');
    await phone.getByRole('button', { name: 'Add note' }).click();
    for (const [i, c] of clients.entries()) await c.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: `Lapp ${i + 1}` } });
    for (let i = 0; i < 2; i++) await fac.getByRole('button', { name: 'Next phase' }).click(); // share, cluster
    await expect.poll(() => hub.get(seminarId).state.tasks[0]!.phase).toBe('cluster');
    const state = () => hub.get(seminarId).state;
    const groups = Object.values(state().groups).sort((a, b) => a.number - b.number);
    for (const [i, g] of groups.entries()) {
      const note = Object.values(state().notes).find((n) => n.groupId === g.id)!;
      const facilitator = { kind: 'facilitator' as const, id: 'x' };
      const run = (body: CommandBody) => expect(hub.command(seminarId, facilitator, { id: crypto.randomUUID(), ...body })).toMatchObject({ ok: true });
      run({ type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId, groupId: g.id, heading: i === 0 ? 'Relasjon' : 'Tid', noteId: note.id } });
    }
    await fac.getByRole('button', { name: 'Next phase' }).click(); // prioritise
    await expect.poll(() => hub.get(seminarId).state.tasks[0]!.phase).toBe('prioritise');
    await fac.getByRole('button', { name: 'Next phase' }).click(); // present
    await expect.poll(() => hub.get(seminarId).state.tasks[0]!.published).toBe(true);

    // Plenary: the projector and the phone follow each spotlighted group in turn.
    const projector = await fac.context().newPage();
    await projector.goto(`/f/${seminarId}/plenary`);
    await projector.getByText('No group chosen yet.').waitFor();
    for (const [i, heading] of ['Relasjon', 'Tid'].entries()) {
      await fac.getByRole('button', { name: `Show Group ${i + 1}` }).click();
      await projector.getByRole('heading', { name: `Group ${i + 1}'s board`, level: 1 }).waitFor();
      await projector.getByRole('heading', { name: heading }).waitFor();
      await phone.getByRole('heading', { name: `Group ${i + 1}'s board` }).waitFor();
      await expect.poll(() => phone.getByRole('heading', { name: heading }).isVisible()).toBe(true);
    }
    await expectAccessible(projector, 'projector: a group board');
    await expectAccessible(phone, 'phone: plenary');
    // The phone can also look at another group's board on its own.
    await phone.getByLabel("See another group's board").selectOption({ label: 'Group 1' });
    await phone.getByRole('heading', { name: 'Relasjon' }).waitFor();

    // The synthesis: a theme, linked to a theme from each group without dragging.
    await fac.getByRole('button', { name: 'Next phase' }).click(); // synthesise
    await fac.locator('#synthesis-new-heading').fill('Brukermedvirkning');
    await fac.locator('#synthesis-new-text').fill('Bli hørt og tatt på alvor');
    await fac.getByRole('button', { name: 'Add theme' }).click();
    const linkSelect = fac.getByLabel('Link to “Brukermedvirkning”');
    await linkSelect.waitFor();
    await linkSelect.selectOption({ label: 'Theme: Relasjon' });
    await fac.getByRole('button', { name: 'Link', exact: true }).click();
    await expect.poll(() => hub.get(seminarId).state.synthesis[0]?.links.length).toBe(1);
    // …and one by dragging a group's theme into the synthesis theme.
    await fac.getByText(/· Group 2$/).click();
    const chip = fac.locator('.source-chip', { hasText: 'Theme: Tid' });
    const card = fac.getByRole('region', { name: 'Brukermedvirkning' });
    await chip.scrollIntoViewIfNeeded();
    const from = (await chip.boundingBox())!;
    const to = (await card.boundingBox())!;
    await fac.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await fac.mouse.down();
    await fac.mouse.move(from.x + from.width / 2 - 20, from.y + from.height / 2, { steps: 2 });
    await fac.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 4 });
    await fac.mouse.up();
    await expect.poll(() => hub.get(seminarId).state.synthesis[0]?.links.map((l) => l.text)).toEqual(['Relasjon', 'Tid']);
    await projector.getByRole('button', { name: 'Synthesis' }).click();
    await projector.getByRole('heading', { name: 'Brukermedvirkning' }).waitFor();
    await expect.poll(() => projector.getByText('Group 2: Tid').isVisible()).toBe(true);
    await expectAccessible(projector, 'projector: synthesis');

    // An action, then the expectations checked off; the projector and the phone show it.
    await fac.locator('#new-action-what').fill('Faste brukermøter');
    await fac.locator('#new-action-who').fill('NAV Bærum');
    await fac.locator('#new-action-when').fill('By March');
    await fac.locator('#new-action-theme').selectOption({ label: 'Brukermedvirkning' });
    await fac.getByRole('button', { name: 'Add action' }).click();
    await expect.poll(() => hub.get(seminarId).state.actions.length).toBe(1);
    const met = fac.getByRole('group', { name: 'Was expectation 1 met?' }).getByLabel('Met', { exact: true });
    await met.click();
    await expect.poll(() => met.isChecked()).toBe(true);
    await projector.getByRole('button', { name: 'Expectations' }).click();
    await expect.poll(() => projector.getByText('To be heard — Met').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('To be heard — Met').isVisible()).toBe(true);
    await expectAccessible(projector, 'projector: expectations');
    await expectAccessible(phone, 'phone: synthesis and expectations');
    await expectAccessible(fac, 'console with the whole day');

    // The join code stays one click away on the projector.
    await projector.getByRole('button', { name: 'Show the join code' }).click();
    await expect.poll(() => projector.getByText(`${joinCode.slice(0, 3)} ${joinCode.slice(3)}`).isVisible()).toBe(true);
  }, 150_000);
});
