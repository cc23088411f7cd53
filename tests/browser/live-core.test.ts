import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FacilitatorHttp, startServer, type Running } from '../harness.js';
import { CLIENT_DIR, expectAccessible, laptopContext, launch, phoneContext, watchForeignRequests } from './browser.js';

/**
 * The live core as people use it: a facilitator creates a seminar, three phones join by code,
 * write alone, and see their group's notes when the facilitator shares. Axe checks every screen.
 */
let server: Running;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Requests each page's context made to any other origin: there must be none. */
const foreign = new Map<Page, string[]>();

beforeAll(async () => {
  server = await startServer({ clientDir: CLIENT_DIR });
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function open(kind: 'phone' | 'laptop', locale = 'en-GB'): Promise<Page> {
  const context = kind === 'phone' ? await phoneContext(browser, server.url, locale) : await laptopContext(browser, server.url, locale);
  contexts.push(context);
  const page = await context.newPage();
  foreign.set(page, watchForeignRequests(context, server.url));
  return page;
}

describe('create → join by code → write → share', () => {
  it('works for a facilitator and three phones, and every screen passes axe', async () => {
    // The facilitator's first visit: create the first account.
    const fac = await open('laptop');
    await fac.goto('/');
    await expect.poll(() => fac.getByRole('button', { name: 'Create account' }).isVisible()).toBe(true);
    await expectAccessible(fac, 'first-run setup');
    await fac.getByLabel('Name', { exact: true }).fill('Erik');
    // The form checks the account rules before sending: a short password is named under its field.
    await fac.getByLabel('Password', { exact: true }).fill('kort');
    await fac.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => fac.getByText(/The password needs at least \d+ characters\./).isVisible()).toBe(true);
    await expect.poll(() => fac.evaluate(() => document.activeElement?.id)).toBe('account-password');
    await fac.getByLabel('Password', { exact: true }).fill('hemmelig-passord');
    await fac.getByLabel('Confirm password').fill('hemmelig-passord');
    await fac.getByRole('button', { name: 'Create account' }).click();

    // A seminar with one task.
    await fac.getByLabel('Title', { exact: true }).waitFor();
    await expectAccessible(fac, 'seminar list and form');
    // Sent without a title: the form says so under the field, moves there, and creates nothing.
    await fac.getByRole('button', { name: 'Create seminar' }).click();
    await expect.poll(() => fac.getByText('Fill in this field.').first().isVisible()).toBe(true);
    expect(await fac.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => fac.evaluate(() => document.activeElement === document.querySelector('[aria-invalid="true"]'))).toBe(true);
    expect(new URL(fac.url()).pathname).toBe('/');
    await fac.getByLabel('Title', { exact: true }).fill('Dialogseminar i Sandvika');
    await fac.getByLabel('Venue').fill('Løkkeåsveien 2');
    // An English seminar: its roles default to the English ones (a Norwegian one's are Bruker and Ansatt).
    await fac.getByLabel('Language of the seminar').selectOption('en');
    await fac.getByLabel('Task title').fill('Bedre og mer målrettede tiltak');
    await fac.getByLabel('Guiding questions').fill('Hva skal til for deg som bruker?\nHva skal til for deg som ansatt?');
    await fac.getByRole('button', { name: 'Create seminar' }).click();
    await fac.waitForURL(/\/f\/[0-9a-f-]{36}$/);
    const seminarId = fac.url().split('/').pop()!;
    await fac.getByRole('heading', { name: 'Dialogseminar i Sandvika' }).waitFor();
    await expectAccessible(fac, 'facilitator console');

    // The projector's join screen shows the code, the QR and the address.
    const projector = await fac.context().newPage();
    await projector.goto(`/f/${seminarId}/join`);
    const code = server.app.hub.get(seminarId).state.seminar!.joinCode;
    await expect.poll(() => projector.getByText(`${code.slice(0, 3)} ${code.slice(3)}`).isVisible()).toBe(true);
    await expect.poll(() => projector.locator('img[src$="qr.svg"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(projector, 'projector join screen');

    // Three phones join by typing the code (lower case, with a space: forgiving).
    const people = [['Yvonne', 'Service user'], ['Vanja', 'Employee'], ['Faro', 'Service user']] as const;
    const phones: Page[] = [];
    for (const [name, role] of people) {
      const phone = await open('phone');
      await phone.goto('/j');
      await phone.getByLabel('Join code').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
      if (phones.length === 0) await expectAccessible(phone, 'phone: enter code');
      await phone.getByRole('button', { name: 'Continue' }).click();
      await phone.getByLabel('Your name').fill(name);
      await phone.getByLabel(role, { exact: true }).check();
      if (phones.length === 0) await expectAccessible(phone, 'phone: name and role');
      await phone.getByRole('button', { name: 'Join' }).click();
      await phone.getByLabel('Your note').waitFor();
      phones.push(phone);
    }
    await expectAccessible(phones[0]!, 'phone: write');

    // One group of three.
    await fac.getByLabel('People per group').fill('3');
    await fac.getByRole('button', { name: 'Split into groups' }).click();
    await expect.poll(() => Object.values(server.app.hub.get(seminarId).state.participants).every((p) => p.groupId)).toBe(true);

    // Each writes two notes alone; the phone says they are saved.
    const texts = people.flatMap(([name]) => [`${name}: tett oppfølging`, `${name}: nok tid`]);
    for (const [i, phone] of phones.entries()) {
      for (const text of texts.slice(i * 2, i * 2 + 2)) {
        await phone.getByLabel('Your note').fill(text);
        await phone.getByRole('button', { name: 'Add note' }).click();
        await expect.poll(() => phone.getByText(text).isVisible()).toBe(true);
      }
      await expect.poll(() => phone.getByText('Saved').count()).toBe(2);
      // Nobody else's notes are on this phone.
      for (const other of texts.filter((t) => !t.startsWith(people[i]![0]))) expect(await phone.getByText(other).count()).toBe(0);
    }
    // The facilitator sees the count, never the text.
    await expect.poll(() => fac.getByText(/6 notes/).first().isVisible()).toBe(true);
    for (const text of texts) expect(await fac.getByText(text).count()).toBe(0);

    // Share: every phone shows the group's six notes, without names.
    await fac.getByRole('button', { name: 'Next phase' }).click();
    for (const [i, phone] of phones.entries()) {
      const section = phone.getByRole('region', { name: /group's notes/i });
      await expect.poll(() => section.getByRole('listitem').count()).toBe(6);
      const shown = await section.innerText();
      for (const text of texts) expect(shown).toContain(text);
      for (const [name] of people.filter((_, j) => j !== i)) expect(shown).not.toMatch(new RegExp(`(by|av) ${name}`));
      expect(await section.getByText(/\(mine\)/).count()).toBe(2);
    }
    await expectAccessible(phones[1]!, 'phone: shared notes');

    // A reload keeps the participant, and their notes.
    await phones[0]!.reload();
    await expect.poll(() => phones[0]!.getByText(/\(mine\)/).count()).toBe(2);
    expect(Object.keys(server.app.hub.get(seminarId).state.participants)).toHaveLength(3);

    // Nothing was fetched from any other origin.
    expect([...foreign.values()].flat()).toEqual([]);
  });

  it('keeps a note being typed when the facilitator moves the task on, and across a reload', async () => {
    const http = new FacilitatorHttp(server.url);
    await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' });
    const { id, joinCode } = await http.createSeminar({ language: 'en', roles: ['Service user', 'Employee'] });
    const phone = await open('phone', 'en-GB');
    await phone.goto(`/j/${joinCode}`);
    await phone.getByLabel('Your name').fill('Leni');
    await phone.getByLabel('Employee', { exact: true }).check();
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByLabel('Your note').fill('Halvferdig tanke om tid');
    const taskId = server.app.hub.get(id).state.currentTaskId!;
    server.app.hub.command(id, { kind: 'facilitator', id: 'x' }, { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId, phase: 'prioritise' } });
    await phone.getByLabel('What you wrote').waitFor();
    expect(await phone.getByLabel('What you wrote').inputValue()).toBe('Halvferdig tanke om tid');
    await expectAccessible(phone, 'phone: task moved on with a draft');
    await phone.reload();
    expect(await phone.getByLabel('What you wrote').inputValue()).toBe('Halvferdig tanke om tid');
    // Back to writing: the text is in the box again, ready to add.
    server.app.hub.command(id, { kind: 'facilitator', id: 'x' }, { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId, phase: 'cluster' } });
    await expect.poll(() => phone.getByLabel('Your note').inputValue()).toBe('Halvferdig tanke om tid');
  });

  it("a phone follows the seminar's language, whatever the phone's own", async () => {
    const http = new FacilitatorHttp(server.url);
    expect((await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' })).status).toBe(200);
    const { joinCode } = await http.createSeminar({ language: 'nb' }); // roles Bruker, Ansatt
    const phone = await open('phone', 'en-GB');
    await phone.goto(`/j/${joinCode}`);
    await phone.getByLabel('Navnet ditt').waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('nb');
    await expect.poll(() => phone.getByLabel('Bruker', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(phone, 'phone: name and role (nb)');
    // The person may still choose their own language.
    await phone.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    await phone.getByLabel('Your name').waitFor();
  });
});
