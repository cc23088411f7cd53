import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, view, type Actor, type CommandAck, type CommandBody, type Phase, type Priority, type SeminarState } from '@tavla/shared';
import { FacilitatorHttp, TestClient, eventually, join, settle, startServer, type Running } from '../harness.js';

/**
 * Issue 4, "The facilitator's day": the dialogue seminar of 30 October 2009 in Sandvika
 * (seeds/dialogseminar-rapport-2009.nb.md), run from the programme to the check of expectations
 * by a facilitator, a co-facilitator and ten phones at two tables. The steps below run in order
 * and share one server; each asserts what the people in the room would notice.
 */

const AGENDA: [string, string][] = [
  ['09.30-10.00', 'Velkommen v/Oddbjørn'],
  ['10.00-11.00', 'Informasjon om hensikten med dagen og dialogseminar'],
  ['11.00-12.15', 'Oppgave 1'],
  ['12.15-13.00', 'Lunsj'],
  ['13.00-14.00', 'Oppgave 2'],
  ['14.00-14.15', 'Pause'],
  ['14.15-15.00', 'Oppsummering'],
];

/** Five service users and five employees. Erik (the facilitator) and Camilla (co-facilitator) run the day. */
const PEOPLE: [string, 'r1' | 'r2'][] = [
  ['Yvonne', 'r1'], ['Faro', 'r1'], ['Anne-Christine', 'r1'], ['Tor', 'r1'], ['Sigrid', 'r1'],
  ['Leni', 'r2'], ['Vanja', 'r2'], ['Ragnhild', 'r2'], ['Lisbeth', 'r2'], ['Janicke', 'r2'],
];

/** What each of the ten writes in the opening round, in order; the last one rewrites theirs. */
const EXPECTATIONS = [
  'Få bevissthet og mulighet til refleksjon rundt egen arbeidssituasjon.',
  'Tilbakemelding fra brukere på hvordan de reelt opplever møte med tjenesten.',
  'Konkrete tiltaksforslag.',
  'Samarbeid brukere og saksbehandlere.',
  'Bedre samarbeid mellom ansatte og brukere.',
  'At ansatte snakker et «språk» (fagspråk) brukerne kan forstå.',
  'Finne egnede tiltak.',
  'Utveksle ideer og bli kjent med hverandre.',
  'Mer informasjon om HUSK.',
  'Ta det videre',
];
const REWRITTEN = 'Ta det videre, hva skal vi gjøre etterpå?';
/** The numbered list the facilitator makes: two expectations about cooperation become one line. */
const MERGED = 'Bedre samarbeid mellom brukere og ansatte.';

interface ThemeSpec { heading: string; notes: string[]; comment?: string; marked?: string }
interface TaskSpec {
  title: string;
  questions: string[];
  priority: Priority;
  /** Per table (1 and 2): the themes it ends up with; the first note of each theme starts it. */
  boards: [ThemeSpec[], ThemeSpec[]];
  /** Per table: the note a phone sends in the same tick as the facilitator moves on to sharing. */
  late: [string, string];
}

const TASK1: TaskSpec = {
  title: 'Bedre og mer målrettede tiltak',
  questions: ['Hva skal til for å komme videre?', 'Hva skal til for deg som bruker?', 'Hva skal til for deg som ansatt?'],
  priority: { kind: 'top', n: 3 },
  boards: [
    [
      { heading: 'Kommunikasjon', notes: ['God relasjon', 'Samarbeid', 'Tett oppfølging', 'Flere samarbeidsmuligheter / arenaer', 'Verden utenfor'], marked: 'Tett oppfølging' },
      { heading: 'Individuelt', notes: ['Klare mål', 'Finne ut hva som passer for meg', 'Påvirkning av tiltak'] },
      { heading: 'Tid', notes: ['Tid til møtepunkter. Ikke bare kontor', 'Få ta det i mitt eget tempo, ikke bli presset'] },
    ],
    [
      {
        heading: 'Samarbeid ansatte/brukere',
        notes: ['Lønnede brukerrepresentanter i kommunen', 'Samarbeid og dialog. Tilpasse tilbud til brukernes behov', 'Kommunikasjon. Møte med veileder', 'Informasjon vedr. mulighet til videreutdanning'],
        comment: 'En lønnet brukerrepresentant kan være et bindeledd mellom ny bruker og NAV.',
      },
      { heading: 'Egne arenaer', notes: ['Rom for å diskutere saker med kollegaer i større grad', 'At ansatte og brukere får en arena'] },
      { heading: 'Organisasjon og rutiner', notes: ['Færre brukere per saksbehandler', 'Bedre oppslagsverk og informasjon', 'Mer tid til møter med brukerne, mindre tid på administrativt arbeid'], marked: 'Færre brukere per saksbehandler' },
    ],
  ],
  late: ['Verden utenfor', 'Informasjon vedr. mulighet til videreutdanning'],
};

const TASK2: TaskSpec = {
  title: 'Fokus på tiltak',
  questions: ['Hvordan få det til?', 'Foreslå 5 konkrete tiltak.'],
  priority: { kind: 'dots', k: 3 },
  boards: [
    [
      { heading: 'Individ', notes: ['Ha en fast person på NAV som kjenner deg', 'Ikke være redd for å starte på nytt når noe føles feil', 'Involvere brukere i planlegging'] },
      { heading: 'Konkrete tiltak', notes: ['Tiltakshus sentralt i Sandvika', 'Kontakt ut mot næringslivet', 'Nettside for brukere og ansatte i Bærum'] },
    ],
    [
      { heading: 'Brukerforum', notes: ['Etablere bruker/ansatt arena', 'Møter som i dag minimum en gang i måneden'] },
      { heading: 'Handlingsplan (oppfølging)', notes: ['Krav til handlingsplan som gjelder 3 måneder', 'Mer fokus på brukernes mentale helse'] },
      { heading: 'Sløyfa / handlingsrom', notes: ['Ikke sett saksbehandler på telefonsløyfa', 'Sett en maksgrense for antall brukere per saksbehandler'] },
    ],
  ],
  late: ['Involvere brukere i planlegging', 'Mer fokus på brukernes mentale helse'],
};

interface Phone { name: string; roleId: string; participantId: string; token: string; client: TestClient; groupId: string }
interface Written { noteId: string; taskId: string; text: string; authorId: string; groupId: string }

let server: Running;
let erik: FacilitatorHttp;
let fac: TestClient;
let camilla: TestClient | undefined;
let seminarId: string;
let joinCode: string;
let phones: Phone[] = [];
/** Table 1 and table 2, by group id. */
let tables: [string, string];
const written: Written[] = [];
const taskIds: Record<string, string> = {};
const expectationIds = new Map<string, string>(); // text → id
const expectationAuthors = new Map<string, string>(); // id → participant
const dotsPlaced: { dotId: string; participantId: string; themeId: string }[] = [];
const synthesisIds: Record<string, string> = {};

const full = () => server.app.hub.get(seminarId).state;
const head = () => server.app.hub.get(seminarId).head;
const hash = (value: unknown) => canonicalJson(value);
const ok = (ack: CommandAck) => expect(ack).toMatchObject({ ok: true });
const refusedWith = (ack: CommandAck, code: string) => expect(ack).toMatchObject({ ok: false, error: { code } });
const run = async (client: TestClient, body: CommandBody) => {
  const ack = await client.send(body);
  expect(ack, `${body.type} ${JSON.stringify(body.payload)}`).toMatchObject({ ok: true });
  return ack;
};
const at = (table: 0 | 1) => phones.filter((p) => p.groupId === tables[table]);
const facActor = (): Actor => ({ kind: 'facilitator', id: 'any' });
const themeByHeading = (state: SeminarState, taskId: string, groupId: string, heading: string) =>
  Object.values(state.themes).find((t) => t.taskId === taskId && t.groupId === groupId && t.heading === heading)!;
const noteByText = (taskId: string, text: string) => written.find((w) => w.taskId === taskId && w.text === text)!;

/** A group's board as a person reads it: each theme's heading with its notes in order, and what is unsorted. */
function boardAsRead(state: SeminarState, taskId: string, groupId: string) {
  const notes = Object.values(state.notes).filter((n) => n.taskId === taskId && n.groupId === groupId && n.revealed);
  const inOrder = (themeId: string | null) => notes.filter((n) => n.themeId === themeId).sort((a, b) => (a.order < b.order ? -1 : 1)).map((n) => n.text);
  const themes = Object.values(state.themes).filter((t) => t.taskId === taskId && t.groupId === groupId).sort((a, b) => (a.order < b.order ? -1 : 1));
  return { themes: themes.map((t) => ({ heading: t.heading, comment: t.comment, rank: t.rank, dots: t.dots, notes: inOrder(t.id) })), unsorted: inOrder(null).sort() };
}

/** Every phone (and the co-facilitator) shows what the facilitator's console shows of the room's state. */
async function everyScreenFollows() {
  const shown = (s: SeminarState) => ({
    phases: s.tasks.map((t) => [t.title, t.phase, t.locked, t.published]),
    current: s.currentTaskId,
    groups: s.groups,
    timer: s.timer,
    spotlight: s.spotlight,
    agenda: s.agenda,
    synthesis: s.synthesis,
    actions: s.actions,
    expectationItems: s.expectationItems,
    expectationsOpen: s.expectationsOpen,
  });
  await eventually(() => {
    expect(shown(fac.state), fac.name).toEqual(shown(full()));
    for (const c of [...phones.map((p) => p.client), ...(camilla ? [camilla] : [])]) expect(shown(c.state), c.name).toEqual(shown(fac.state));
  });
}

/** Each screen holds exactly its view of the server's state: what it may see, nothing more or less. */
async function everyScreenHoldsItsView() {
  await settle();
  const state = full();
  for (const p of phones) expect(hash(p.client.state), p.name).toBe(hash(view(state, { kind: 'participant', id: p.participantId })));
  for (const c of [fac, ...(camilla ? [camilla] : [])]) expect(hash(c.state), c.name).toBe(hash(view(state, facActor())));
}

const setPhase = (taskId: string, phase: Phase, by: TestClient = fac) => run(by, { type: 'task.setPhase', payload: { taskId, phase } });

/** Every note written for the task so far is on its author's table, where it was. */
async function nothingLost(taskId: string) {
  const state = full();
  const mine = written.filter((x) => x.taskId === taskId);
  for (const w of mine) expect(state.notes[w.noteId], w.text).toMatchObject({ text: w.text, authorId: w.authorId, groupId: w.groupId, revealed: true });
  // The console's frames are gathered (up to 100 ms), so it may follow a moment later.
  await eventually(() => {
    for (const w of mine) expect(fac.state.notes[w.noteId]?.text, w.text).toBe(w.text);
  });
}

/**
 * What reached a screen about who wrote what: each event about notes, boards, expectations, dots,
 * the synthesis and progress, and those parts of any snapshot. The roster (everyone's id and
 * name, the groups) is public in the room and is left out.
 */
function privateUnits(client: TestClient): { type: string; json: string }[] {
  const out: { type: string; json: string }[] = [];
  const PRIVATE = /^(note|notes|theme|board|boards|expectation|expectations|expectationItem|dot|synthesis|progress|action)\./;
  const fromState = (s: SeminarState) => {
    for (const [key, value] of Object.entries({ notes: s.notes, themes: s.themes, boards: s.boards, expectations: s.expectations, expectationItems: s.expectationItems, dots: s.dots, dotsByRole: s.dotsByRole, synthesis: s.synthesis, progress: s.progress }))
      out.push({ type: `snapshot.${key}`, json: JSON.stringify(value) });
  };
  for (const frame of client.frames) {
    const [kind, msg] = JSON.parse(frame) as [string, any];
    if (kind === 'snapshot') fromState(msg.state);
    else if (kind === 'sync-reply' && msg.ok && msg.kind === 'snapshot') fromState(msg.state);
    const events = kind === 'events' ? msg : (kind === 'sync-reply' && msg.ok && msg.kind === 'events') || (kind === 'ack' && msg.ok) ? (msg.events ?? []) : [];
    for (const e of events as { body: { type: string } }[]) if (PRIVATE.test(e.body.type)) out.push({ type: e.body.type, json: JSON.stringify(e.body) });
  }
  return out;
}

beforeAll(async () => {
  server = await startServer({ unlimited: true });
});
afterAll(async () => {
  for (const p of phones) p.client.disconnect();
  fac?.disconnect();
  camilla?.disconnect();
  await server.stop();
});

describe("the facilitator's day: Sandvika, 30 October 2009", () => {
  it('the facilitator prepares the programme: details, agenda, two tasks with how each is prioritised', async () => {
    erik = new FacilitatorHttp(server.url);
    await erik.setup('Erik');
    ({ id: seminarId, joinCode } = await erik.createSeminar({
      title: 'Dialogseminar',
      subtitle: 'Fra brukermedvirkning til partnerskap',
      date: '2009-10-30',
      venue: 'Løkkeåsveien 2, Sandvika',
      roles: ['Bruker', 'Ansatt'],
      task: { title: TASK1.title, questions: TASK1.questions },
    }));
    fac = new TestClient(server.url, seminarId, { cookie: erik.cookie }, 'Erik');
    await fac.connect();
    taskIds[TASK1.title] = fac.state.currentTaskId!;
    taskIds[TASK2.title] = crypto.randomUUID();

    await run(fac, {
      type: 'seminar.update',
      payload: {
        time: '09.30-15.00',
        organisers: 'KREM, HUSK Osloregionen og Mølla Kompetansesenter',
        trends: 'God relasjon, Målet, Tiltak, Økonomi, Brukermedvirkning, Nok tid',
      },
    });
    for (const [time, label] of AGENDA) await run(fac, { type: 'agenda.add', payload: { itemId: crypto.randomUUID(), time, label } });
    await run(fac, { type: 'task.update', payload: { taskId: taskIds[TASK1.title]!, priority: TASK1.priority } });
    await run(fac, { type: 'task.add', payload: { taskId: taskIds[TASK2.title]!, title: TASK2.title, questions: TASK2.questions, priority: TASK2.priority } });

    expect(fac.state.seminar).toMatchObject({ title: 'Dialogseminar', time: '09.30-15.00', venue: 'Løkkeåsveien 2, Sandvika' });
    expect(fac.state.agenda.map((i) => [i.time, i.label])).toEqual(AGENDA);
    expect(fac.state.tasks.map((t) => [t.title, t.phase, t.priority])).toEqual([
      [TASK1.title, 'write', TASK1.priority],
      [TASK2.title, 'write', TASK2.priority],
    ]);
    expect(fac.state.currentTaskId).toBe(taskIds[TASK1.title]);
  });

  it('ten people join by the code and are split into two mixed tables; every phone shows the programme', async () => {
    for (const [name, roleId] of PEOPLE) {
      const { participantId, token } = await join(server.url, joinCode, name, roleId);
      const client = new TestClient(server.url, seminarId, { token }, name);
      await client.connect();
      phones.push({ name, roleId, participantId, token, client, groupId: '' });
    }
    await run(fac, { type: 'groups.split', payload: { size: 5 } });
    await eventually(() => phones.every((p) => p.client.state.participants[p.participantId]?.groupId));
    const groups = Object.values(fac.state.groups).sort((a, b) => a.number - b.number);
    expect(groups).toHaveLength(2);
    tables = [groups[0]!.id, groups[1]!.id];
    for (const [i, g] of groups.entries()) await run(fac, { type: 'group.update', payload: { groupId: g.id, name: `Gruppe ${i + 1}` } });
    for (const p of phones) p.groupId = fac.state.participants[p.participantId]!.groupId!;
    for (const table of [0, 1] as const) {
      expect(at(table)).toHaveLength(5);
      expect(new Set(at(table).map((p) => p.roleId))).toEqual(new Set(['r1', 'r2']));
    }
    await everyScreenFollows();
    for (const p of phones) {
      expect(p.client.state.seminar).toMatchObject({ subtitle: 'Fra brukermedvirkning til partnerskap', time: '09.30-15.00' });
      expect(p.client.state.tasks.map((t) => t.questions)).toEqual([TASK1.questions, TASK2.questions]);
      expect(Object.values(p.client.state.groups).map((g) => g.name).sort()).toEqual(['Gruppe 1', 'Gruppe 2']);
      expect(p.client.state.participants[p.participantId]!.groupId).toBe(p.groupId);
    }
  });

  it('a co-facilitator is added by name and runs the day from her own connection; only the owner may delete the seminar', async () => {
    const refused = await erik.request('POST', `/api/seminars/${seminarId}/facilitators`, { name: 'Camilla' });
    expect(refused.status).toBe(404); // no such account yet, and no first password given
    const added = await erik.request('POST', `/api/seminars/${seminarId}/facilitators`, { name: 'Camilla', password: 'mølla-kompetanse' });
    expect(added.status).toBe(201);
    expect(added.json.facilitators).toEqual(expect.arrayContaining([{ name: 'Erik', owner: true }, { name: 'Camilla', owner: false }]));

    const camillaHttp = new FacilitatorHttp(server.url);
    expect((await camillaHttp.request('POST', '/api/auth/login', { name: 'Camilla', password: 'mølla-kompetanse' })).status).toBe(200);
    expect((await camillaHttp.request('GET', '/api/seminars')).json.seminars.map((s: { id: string }) => s.id)).toEqual([seminarId]);
    expect((await camillaHttp.request('GET', `/api/seminars/${seminarId}/facilitators`)).json.facilitators).toHaveLength(2);
    camilla = new TestClient(server.url, seminarId, { cookie: camillaHttp.cookie }, 'Camilla');
    expect(await camilla.connect()).toMatchObject({ ok: true, kind: 'snapshot', you: { kind: 'facilitator' } });

    // She adds the last agenda note herself, and everyone sees it.
    const itemId = crypto.randomUUID();
    await run(camilla, { type: 'agenda.add', payload: { itemId, time: '15.00', label: 'Takk for i dag' } });
    await eventually(() => expect(fac.state.agenda.at(-1)).toMatchObject({ id: itemId, label: 'Takk for i dag' }));
    await run(camilla, { type: 'agenda.remove', payload: { itemId } });

    expect((await camillaHttp.request('DELETE', `/api/seminars/${seminarId}`)).status).toBe(403);
    expect(server.app.hub.store.seminarById(seminarId)).toBeTruthy();
    await everyScreenFollows();
  });

  it('expectations: everyone writes alone, the facilitator reads them without names and merges them into a numbered list', async () => {
    const early = crypto.randomUUID();
    refusedWith(await phones[0]!.client.send({ type: 'expectation.write', payload: { expectationId: early, text: 'For tidlig' } }), 'wrong_phase');
    await run(fac, { type: 'expectations.open', payload: { open: true } });
    await eventually(() => phones.every((p) => p.client.state.expectationsOpen));

    for (const [i, p] of phones.entries()) {
      const id = crypto.randomUUID();
      expectationIds.set(EXPECTATIONS[i]!, id);
      expectationAuthors.set(id, p.participantId);
      await run(p.client, { type: 'expectation.write', payload: { expectationId: id, text: EXPECTATIONS[i]! } });
    }
    // Janicke finishes her sentence.
    const last = expectationIds.get(EXPECTATIONS[9]!)!;
    await run(phones[9]!.client, { type: 'expectation.write', payload: { expectationId: last, text: REWRITTEN } });
    expectationIds.delete(EXPECTATIONS[9]!);
    expectationIds.set(REWRITTEN, last);
    // Nobody can write over someone else's.
    refusedWith(await phones[0]!.client.send({ type: 'expectation.write', payload: { expectationId: last, text: 'Kapret' } }), 'conflict');
    refusedWith(await phones[0]!.client.send({ type: 'expectation.delete', payload: { expectationId: last } }), 'not_found');

    // The facilitators read every text, with no name on it; each phone holds its own only.
    const texts = [...expectationIds.keys()].sort();
    await eventually(() => expect(Object.values(fac.state.expectations).map((e) => e.text).sort()).toEqual(texts));
    await eventually(() => expect(Object.values(camilla!.state.expectations).map((e) => e.text).sort()).toEqual(texts));
    expect(Object.values(fac.state.expectations).every((e) => e.authorId === undefined)).toBe(true);
    for (const p of phones) expect(Object.values(p.client.state.expectations).map((e) => e.authorId)).toEqual([p.participantId]);

    // Numbered in plenary: the two about cooperation become one line.
    await run(fac, { type: 'expectations.open', payload: { open: false } });
    refusedWith(await phones[1]!.client.send({ type: 'expectation.write', payload: { expectationId: crypto.randomUUID(), text: 'For sent' } }), 'wrong_phase');
    for (const text of EXPECTATIONS.slice(0, 9).concat(REWRITTEN)) {
      if (text === EXPECTATIONS[4]) continue;
      const sources = text === EXPECTATIONS[3] ? [expectationIds.get(EXPECTATIONS[3]!)!, expectationIds.get(EXPECTATIONS[4]!)!] : [expectationIds.get(text)!];
      await run(fac, { type: 'expectationItem.add', payload: { itemId: crypto.randomUUID(), text: text === EXPECTATIONS[3] ? MERGED : text, sources } });
    }
    expect(fac.state.expectationItems.map((i) => i.text)).toEqual([...EXPECTATIONS.slice(0, 3), MERGED, ...EXPECTATIONS.slice(5, 9), REWRITTEN]);
    expect(fac.state.expectationItems[3]!.sources).toHaveLength(2);
    await everyScreenFollows(); // every phone shows the numbered list
    await everyScreenHoldsItsView();
  });

  for (const spec of [TASK1, TASK2]) {
    describe(spec.title, () => {
      const taskId = () => taskIds[spec.title]!;

      it('writing alone, with the timer set, started, paused and extended on every phone by the server clock', async () => {
        if (spec === TASK2) {
          await run(camilla!, { type: 'task.activate', payload: { taskId: taskId() } });
          await run(camilla!, { type: 'timer.clear', payload: {} });
        }
        await everyScreenFollows();
        expect(phones.every((p) => p.client.state.currentTaskId === taskId())).toBe(true);

        // Erik runs task 1's timer; Camilla runs task 2's.
        const timekeeper = spec === TASK1 ? fac : camilla!;
        await run(timekeeper, { type: 'timer.set', payload: { seconds: 15 * 60 } });
        await everyScreenFollows();
        expect(phones[0]!.client.state.timer).toEqual({ running: false, endsAt: null, remainingMs: 900_000, totalMs: 900_000 });
        const before = Date.now();
        await run(timekeeper, { type: 'timer.start', payload: {} });
        await everyScreenFollows();
        const running = phones[0]!.client.state.timer!;
        expect(running.running).toBe(true);
        expect(running.endsAt!).toBeGreaterThanOrEqual(before + 900_000);
        expect(running.endsAt!).toBeLessThanOrEqual(Date.now() + 900_000);

        for (const [table, themes] of spec.boards.entries()) {
          const members = at(table as 0 | 1);
          const notes = themes.flatMap((t) => t.notes).filter((n) => n !== spec.late[table]);
          for (const [i, text] of notes.entries()) {
            const author = members[i % members.length]!;
            const noteId = crypto.randomUUID();
            await run(author.client, { type: 'note.write', payload: { noteId, taskId: taskId(), text } });
            written.push({ noteId, taskId: taskId(), text, authorId: author.participantId, groupId: author.groupId });
          }
        }

        // A phone that slept wakes up: its sync reply carries the server's time to count down by.
        const sleeper = phones[3]!.client;
        sleeper.disconnect();
        await run(timekeeper, { type: 'timer.pause', payload: {} });
        const reply = await sleeper.connect();
        expect(reply).toMatchObject({ ok: true });
        if (reply.ok) expect(Math.abs(reply.serverTime - Date.now())).toBeLessThan(1_000);
        await everyScreenFollows();
        const paused = sleeper.state.timer!;
        expect(paused).toMatchObject({ running: false, endsAt: null, totalMs: 900_000 });
        expect(paused.remainingMs).toBeGreaterThan(890_000);

        await run(timekeeper, { type: 'timer.extend', payload: { seconds: 120 } });
        await everyScreenFollows();
        expect(phones[0]!.client.state.timer).toEqual({ ...paused, remainingMs: paused.remainingMs + 120_000, totalMs: 1_020_000 });
        await run(timekeeper, { type: 'timer.start', payload: {} });
        await run(timekeeper, { type: 'timer.extend', payload: { seconds: 60 } });
        await everyScreenFollows();
        const extended = phones[0]!.client.state.timer!;
        expect(extended).toMatchObject({ running: true, totalMs: 1_080_000 });
        expect(extended.endsAt! - Date.now()).toBeGreaterThan(paused.remainingMs + 170_000);

        // While writing, each phone holds its own notes only; the facilitators get counts, no words.
        for (const p of phones) {
          const mine = written.filter((w) => w.taskId === taskId() && w.authorId === p.participantId).map((w) => w.text).sort();
          expect(Object.values(p.client.state.notes).filter((n) => n.taskId === taskId()).map((n) => n.text).sort(), p.name).toEqual(mine);
        }
        expect(Object.values(fac.state.notes).filter((n) => n.taskId === taskId())).toEqual([]);
        for (const [table] of spec.boards.entries()) {
          const n = written.filter((w) => w.taskId === taskId() && w.groupId === tables[table]).length;
          expect(fac.state.progress[taskId()]![tables[table]!]).toEqual({ notes: n, writers: 5 });
        }
      });

      it('a note sent in the same tick as the move to sharing is on its table afterwards, as is everything written before', async () => {
        const [first, second] = [at(0)[4]!, at(1)[4]!];
        const ids = [crypto.randomUUID(), crypto.randomUUID()];
        // Both emitted in one tick, one just before the phase change and one just after it.
        const acks = await Promise.all([
          first.client.send({ type: 'note.write', payload: { noteId: ids[0]!, taskId: taskId(), text: spec.late[0] } }),
          fac.send({ type: 'task.setPhase', payload: { taskId: taskId(), phase: 'share' } }),
          second.client.send({ type: 'note.write', payload: { noteId: ids[1]!, taskId: taskId(), text: spec.late[1] } }),
        ]);
        for (const ack of acks) ok(ack);
        written.push({ noteId: ids[0]!, taskId: taskId(), text: spec.late[0], authorId: first.participantId, groupId: first.groupId });
        written.push({ noteId: ids[1]!, taskId: taskId(), text: spec.late[1], authorId: second.participantId, groupId: second.groupId });
        await nothingLost(taskId());
        await everyScreenFollows();
        for (const table of [0, 1] as const) {
          const expected = spec.boards[table].flatMap((t) => t.notes).sort();
          for (const p of at(table)) await eventually(() => expect(boardAsRead(p.client.state, taskId(), tables[table]!).unsorted, p.name).toEqual(expected));
          // The console's frames are gathered (up to 100 ms), so it may follow a moment later.
          await eventually(() => expect(boardAsRead(fac.state, taskId(), tables[table]!).unsorted).toEqual(expected));
        }
        // The other table's notes are not on this table's phones.
        for (const table of [0, 1] as const) {
          const other = written.filter((w) => w.taskId === taskId() && w.groupId !== tables[table]);
          for (const p of at(table)) for (const w of other) expect(p.client.frames.join('\n'), p.name).not.toContain(w.noteId);
        }
      });

      it('sharing one by one, then clustering into themes with headings, a comment and a key note', async () => {
        for (const table of [0, 1] as const) {
          const reader = at(table)[0]!;
          const notes = written.filter((w) => w.taskId === taskId() && w.groupId === tables[table]);
          for (const n of notes) await run(reader.client, { type: 'board.focus', payload: { taskId: taskId(), groupId: tables[table]!, noteId: n.noteId } });
          await run(reader.client, { type: 'board.focus', payload: { taskId: taskId(), groupId: tables[table]!, noteId: null } });
          for (const p of at(table)) await eventually(() => expect(Object.values(p.client.state.notes).filter((n) => n.taskId === taskId()).every((n) => n.readOut)).toBe(true));
        }

        await setPhase(taskId(), 'cluster');
        await everyScreenFollows();
        await nothingLost(taskId());
        // The plenary cannot show a board before the task is presented.
        refusedWith(await fac.send({ type: 'plenary.spotlight', payload: { taskId: taskId(), groupId: tables[0] } }), 'wrong_phase');

        for (const table of [0, 1] as const) {
          const members = at(table);
          for (const [i, theme] of spec.boards[table].entries()) {
            const by = members[i % members.length]!.client;
            const themeId = crypto.randomUUID();
            const [firstNote, ...rest] = theme.notes.map((text) => noteByText(taskId(), text));
            await run(by, { type: 'theme.create', payload: { themeId, taskId: taskId(), groupId: tables[table]!, heading: theme.heading, noteId: firstNote!.noteId } });
            for (const [k, n] of rest.entries()) await run(members[(i + k + 1) % members.length]!.client, { type: 'note.place', payload: { noteId: n.noteId, themeId, beforeId: null } });
            if (theme.comment) await run(by, { type: 'theme.comment', payload: { themeId, comment: theme.comment } });
            if (theme.marked) await run(by, { type: 'note.mark', payload: { noteId: noteByText(taskId(), theme.marked).noteId, marked: true } });
          }
        }
        const expected = (table: 0 | 1) => spec.boards[table].map((t) => ({ heading: t.heading, comment: t.comment ?? '', rank: null, dots: 0, notes: t.notes }));
        for (const table of [0, 1] as const) {
          expect(boardAsRead(full(), taskId(), tables[table]!)).toEqual({ themes: expected(table), unsorted: [] });
          for (const p of at(table)) await eventually(() => expect(boardAsRead(p.client.state, taskId(), tables[table]!), p.name).toEqual({ themes: expected(table), unsorted: [] }));
          // The other table sees nothing of this board yet.
          for (const p of at((1 - table) as 0 | 1)) expect(boardAsRead(p.client.state, taskId(), tables[table]!)).toEqual({ themes: [], unsorted: [] });
        }
        await everyScreenHoldsItsView();
      });

      it(`prioritising: ${spec.priority.kind === 'top' ? 'each table ranks its top N' : 'each participant puts K dots'}`, async () => {
        await setPhase(taskId(), 'prioritise');
        await everyScreenFollows();
        await nothingLost(taskId());
        const theme = (table: 0 | 1, i: number) => themeByHeading(full(), taskId(), tables[table]!, spec.boards[table][i]!.heading);

        if (spec.priority.kind === 'top') {
          for (const table of [0, 1] as const) {
            const [p0, p1, p2] = at(table);
            await run(p0!.client, { type: 'theme.rank', payload: { themeId: theme(table, 0).id, rank: 1 } });
            await run(p1!.client, { type: 'theme.rank', payload: { themeId: theme(table, 2).id, rank: 2 } });
            // Someone else at the table thinks the last theme matters most: rank 1 moves to it.
            await run(p2!.client, { type: 'theme.rank', payload: { themeId: theme(table, 2).id, rank: 1 } });
            await run(p2!.client, { type: 'theme.rank', payload: { themeId: theme(table, 0).id, rank: 2 } });
            await run(p0!.client, { type: 'theme.rank', payload: { themeId: theme(table, 1).id, rank: 3 } });
            refusedWith(await p0!.client.send({ type: 'theme.rank', payload: { themeId: theme(table, 1).id, rank: 4 } }), 'invalid');
            // Not on the other table's board.
            refusedWith(await at((1 - table) as 0 | 1)[0]!.client.send({ type: 'theme.rank', payload: { themeId: theme(table, 1).id, rank: 1 } }), 'forbidden');
            for (const p of at(table))
              await eventually(() => expect(boardAsRead(p.client.state, taskId(), tables[table]!).themes.map((t) => t.rank), p.name).toEqual([2, 3, 1]));
          }
          refusedWith(await at(0)[0]!.client.send({ type: 'dot.place', payload: { dotId: crypto.randomUUID(), themeId: theme(0, 0).id } }), 'wrong_phase');
        } else if (spec.priority.kind === 'dots') {
          const k = spec.priority.k;
          for (const table of [0, 1] as const) {
            for (const [i, p] of at(table).entries()) {
              // Each puts their K dots: users lean to the first theme, employees spread theirs.
              const picks = Array.from({ length: k }, (_, d) => theme(table, p.roleId === 'r1' ? (d === k - 1 ? 1 : 0) : (i + d) % spec.boards[table].length).id);
              for (const themeId of picks) {
                const dotId = crypto.randomUUID();
                await run(p.client, { type: 'dot.place', payload: { dotId, themeId } });
                dotsPlaced.push({ dotId, participantId: p.participantId, themeId });
              }
              refusedWith(await p.client.send({ type: 'dot.place', payload: { dotId: crypto.randomUUID(), themeId: picks[0]! } }), 'limit');
            }
            // One changes her mind: takes a dot back and puts it elsewhere.
            const changer = at(table)[0]!;
            const mine = dotsPlaced.filter((d) => d.participantId === changer.participantId);
            await run(changer.client, { type: 'dot.remove', payload: { dotId: mine[0]!.dotId } });
            dotsPlaced.splice(dotsPlaced.indexOf(mine[0]!), 1);
            const again = { dotId: crypto.randomUUID(), participantId: changer.participantId, themeId: theme(table, spec.boards[table].length - 1).id };
            await run(changer.client, { type: 'dot.place', payload: { dotId: again.dotId, themeId: again.themeId } });
            dotsPlaced.push(again);
            // Someone else's dot cannot be taken away; the facilitator puts none.
            refusedWith(await at(table)[1]!.client.send({ type: 'dot.remove', payload: { dotId: again.dotId } }), 'not_found');
            refusedWith(await fac.send({ type: 'dot.place', payload: { dotId: crypto.randomUUID(), themeId: again.themeId } }), 'forbidden');

            const count = (themeId: string) => dotsPlaced.filter((d) => d.themeId === themeId).length;
            const expected = spec.boards[table].map((_, i) => count(theme(table, i).id));
            expect(expected.reduce((a, b) => a + b)).toBe(5 * k);
            for (const p of at(table)) {
              await eventually(() => expect(boardAsRead(p.client.state, taskId(), tables[table]!).themes.map((t) => t.dots), p.name).toEqual(expected));
              // A phone knows its own dots, and only those.
              expect(Object.values(p.client.state.dots).map((d) => d.participantId)).toEqual(Array(k).fill(p.participantId));
            }
            await eventually(() => expect(boardAsRead(fac.state, taskId(), tables[table]!).themes.map((t) => t.dots)).toEqual(expected));
            await settle();
            // Facilitators see dots per role only where each role's count comes from at least three people.
            for (const [i] of spec.boards[table].entries()) {
              const id = theme(table, i).id;
              const byRole = new Map<string, Set<string>>();
              for (const d of dotsPlaced.filter((x) => x.themeId === id)) {
                const role = fac.state.participants[d.participantId]!.roleId;
                byRole.set(role, (byRole.get(role) ?? new Set()).add(d.participantId));
              }
              expect(byRole.size, 'every theme got dots').toBeGreaterThan(0);
              const shown = [...byRole.values()].every((s) => s.size >= 3);
              const counts = Object.fromEntries([...byRole.keys()].map((role) => [role, dotsPlaced.filter((d) => d.themeId === id && fac.state.participants[d.participantId]!.roleId === role).length]));
              expect(fac.state.dotsByRole[id], spec.boards[table][i]!.heading).toEqual(shown ? counts : null);
            }
            expect(Object.values(fac.state.dots)).toEqual([]);
          }
          refusedWith(await at(0)[0]!.client.send({ type: 'theme.rank', payload: { themeId: theme(0, 0).id, rank: 1 } }), 'wrong_phase');
        }
        await everyScreenHoldsItsView();
      });

      if (spec === TASK1) {
        it('a locked task refuses every change from participants, not from the facilitators, until unlocked', async () => {
          const taskId1 = taskId();
          const themeId = themeByHeading(full(), taskId1, tables[0], 'Tid').id;
          const note = noteByText(taskId1, 'Verden utenfor');
          await run(fac, { type: 'task.lock', payload: { taskId: taskId1, locked: true } });
          await everyScreenFollows();
          const before = head();
          const p = at(0)[1]!.client;
          refusedWith(await p.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: taskId1, text: 'Etternøler' } }), 'wrong_phase');
          refusedWith(await p.send({ type: 'theme.rename', payload: { themeId, heading: 'Tiden' } }), 'wrong_phase');
          refusedWith(await p.send({ type: 'theme.comment', payload: { themeId, comment: 'Kapret' } }), 'wrong_phase');
          refusedWith(await p.send({ type: 'note.place', payload: { noteId: note.noteId, themeId, beforeId: null } }), 'wrong_phase');
          refusedWith(await p.send({ type: 'theme.rank', payload: { themeId, rank: 1 } }), 'wrong_phase');
          refusedWith(await p.send({ type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId: taskId1, groupId: tables[0], heading: 'Ny' } }), 'wrong_phase');
          expect(head()).toBe(before);
          // The facilitator may still tidy the board: a comment from what was said at the table.
          await run(camilla!, { type: 'theme.comment', payload: { themeId, comment: 'Begynne i mitt eget tempo, ikke bli presset.' } });
          await eventually(() => expect(p.state.themes[themeId]!.comment).toBe('Begynne i mitt eget tempo, ikke bli presset.'));
          await run(fac, { type: 'task.lock', payload: { taskId: taskId1, locked: false } });
          await everyScreenFollows();
          await run(p, { type: 'theme.comment', payload: { themeId, comment: 'Få ta det i eget tempo.' } });
          await run(p, { type: 'theme.comment', payload: { themeId, comment: '' } });
          await run(fac, { type: 'task.lock', payload: { taskId: taskId1, locked: true } });
          await everyScreenFollows();
        });
      }

      it('presenting: every phone gets both tables’ boards, and follows the spotlight on each table in turn', async () => {
        // Before the plenary no phone has a word of the other table's board.
        for (const table of [0, 1] as const) {
          const other = written.filter((w) => w.taskId === taskId() && w.groupId !== tables[table]);
          for (const p of at(table)) for (const w of other) expect(p.client.frames.join('\n'), p.name).not.toContain(w.noteId);
        }
        const boards = [0, 1].map((t) => boardAsRead(full(), taskId(), tables[t]!));
        await setPhase(taskId(), 'present', spec === TASK1 ? fac : camilla!);
        await everyScreenFollows();
        await nothingLost(taskId());
        for (const p of phones) {
          for (const table of [0, 1] as const) await eventually(() => expect(boardAsRead(p.client.state, taskId(), tables[table]!), p.name).toEqual(boards[table]));
          // They came in one event for every screen, without authors.
          const published = p.client.frames.filter((f) => f.includes('"boards.published"') && f.includes(taskId()));
          expect(published).toHaveLength(1);
        }

        const presenter = spec === TASK1 ? fac : camilla!;
        for (const table of [0, 1] as const) {
          await run(presenter, { type: 'plenary.spotlight', payload: { taskId: taskId(), groupId: tables[table]! } });
          await everyScreenFollows();
          expect(phones.every((p) => p.client.state.spotlight?.groupId === tables[table])).toBe(true);
        }
        await run(presenter, { type: 'plenary.spotlight', payload: { taskId: taskId(), groupId: null } });
        await everyScreenFollows();
        expect(phones.every((p) => p.client.state.spotlight === null)).toBe(true);
        await everyScreenHoldsItsView();
      });

      it('synthesising across the tables: themes linked from both boards, seen on every phone; the boards stay as presented', async () => {
        await setPhase(taskId(), 'synthesise');
        await everyScreenFollows();
        await nothingLost(taskId());
        const t = (table: 0 | 1, heading: string) => themeByHeading(full(), taskId(), tables[table], heading).id;
        const plan: { heading: string; text: string; links: { kind: 'theme' | 'note'; refId: string; text: string; groupId: string }[] }[] =
          spec === TASK1
            ? [
                {
                  heading: 'Samarbeid',
                  text: 'Mellom bruker og ansatt, mellom etater, med helsevesen, med arbeidsgivere/praksisplasser.',
                  links: [
                    { kind: 'theme', refId: t(0, 'Kommunikasjon'), text: 'Kommunikasjon', groupId: tables[0] },
                    { kind: 'theme', refId: t(1, 'Samarbeid ansatte/brukere'), text: 'Samarbeid ansatte/brukere', groupId: tables[1] },
                  ],
                },
                {
                  heading: 'Tid',
                  text: 'Nok tid til brukere og til samarbeid med kollegaer.',
                  links: [
                    { kind: 'theme', refId: t(0, 'Tid'), text: 'Tid', groupId: tables[0] },
                    { kind: 'note', refId: noteByText(taskId(), 'Mer tid til møter med brukerne, mindre tid på administrativt arbeid').noteId, text: 'Mer tid til møter med brukerne, mindre tid på administrativt arbeid', groupId: tables[1] },
                  ],
                },
              ]
            : [
                {
                  heading: 'En fast kontaktperson i NAV',
                  text: '',
                  links: [
                    { kind: 'note', refId: noteByText(taskId(), 'Ha en fast person på NAV som kjenner deg').noteId, text: 'Ha en fast person på NAV som kjenner deg', groupId: tables[0] },
                    { kind: 'theme', refId: t(1, 'Handlingsplan (oppfølging)'), text: 'Handlingsplan (oppfølging)', groupId: tables[1] },
                  ],
                },
                {
                  heading: 'Felles møtested for brukere og ansatte',
                  text: 'Ikke bare på kontoret.',
                  links: [
                    { kind: 'note', refId: noteByText(taskId(), 'Tiltakshus sentralt i Sandvika').noteId, text: 'Tiltakshus sentralt i Sandvika', groupId: tables[0] },
                    { kind: 'theme', refId: t(1, 'Brukerforum'), text: 'Brukerforum', groupId: tables[1] },
                  ],
                },
              ];
        const by = spec === TASK1 ? fac : camilla!;
        for (const s of plan) {
          const synthesisId = crypto.randomUUID();
          synthesisIds[s.heading] = synthesisId;
          await run(by, { type: 'synthesis.create', payload: { synthesisId, heading: s.heading, text: '' } });
          if (s.text) await run(by, { type: 'synthesis.update', payload: { synthesisId, text: s.text } });
          for (const l of s.links) await run(by, { type: 'synthesis.link', payload: { synthesisId, linkId: crypto.randomUUID(), kind: l.kind, refId: l.refId } });
        }
        // A link made by mistake, and taken away again.
        const wrong = crypto.randomUUID();
        const into = synthesisIds[plan[0]!.heading]!;
        await run(by, { type: 'synthesis.link', payload: { synthesisId: into, linkId: wrong, kind: 'theme', refId: t(0, spec.boards[0][1]!.heading) } });
        await run(by, { type: 'synthesis.unlink', payload: { synthesisId: into, linkId: wrong } });

        await everyScreenFollows();
        const mine = (s: SeminarState) => s.synthesis.filter((x) => plan.some((p) => p.heading === x.heading));
        for (const c of [fac, ...phones.map((p) => p.client)]) {
          expect(mine(c.state).map((x) => ({ heading: x.heading, text: x.text, links: x.links.map(({ kind, refId, text, groupId, taskId: tid }) => ({ kind, refId, text, groupId, taskId: tid })) })), c.name).toEqual(
            plan.map((p) => ({ heading: p.heading, text: p.text, links: p.links.map((l) => ({ ...l, taskId: taskId() })) })),
          );
        }
        // The boards are what was presented; a table can no longer change them.
        refusedWith(await at(1)[0]!.client.send({ type: 'theme.rename', payload: { themeId: t(1, spec.boards[1][0]!.heading), heading: 'Endret' } }), 'wrong_phase');
        expect(boardAsRead(full(), taskId(), tables[1]).themes.map((x) => x.heading)).toEqual(spec.boards[1].map((x) => x.heading));
        await everyScreenHoldsItsView();
      });
    });
  }

  it('participants are refused every facilitator command with forbidden, and nothing changes', async () => {
    const task1 = taskIds[TASK1.title]!;
    const synth = synthesisIds.Samarbeid!;
    const link = full().synthesis.find((s) => s.id === synth)!.links[0]!.id;
    const item = full().expectationItems[0]!.id;
    const someone = phones[5]!.participantId;
    const themeId = themeByHeading(full(), task1, tables[0], 'Tid').id;
    await run(fac, { type: 'action.add', payload: { actionId: crypto.randomUUID(), what: 'Prøveaksjon', who: '', when: '', synthesisId: null } });
    const action = full().actions[0]!.id;
    const commands: CommandBody[] = [
      { type: 'seminar.update', payload: { title: 'Mitt seminar' } },
      { type: 'agenda.add', payload: { itemId: crypto.randomUUID(), time: '16.00', label: 'Fest' } },
      { type: 'agenda.remove', payload: { itemId: full().agenda[0]!.id } },
      { type: 'task.add', payload: { taskId: crypto.randomUUID(), title: 'Min oppgave', questions: [] } },
      { type: 'task.update', payload: { taskId: task1, priority: { kind: 'none' } } },
      { type: 'task.activate', payload: { taskId: task1 } },
      { type: 'task.setPhase', payload: { taskId: task1, phase: 'cluster' } },
      { type: 'task.lock', payload: { taskId: task1, locked: false } },
      { type: 'timer.set', payload: { seconds: 60 } },
      { type: 'timer.start', payload: {} },
      { type: 'timer.pause', payload: {} },
      { type: 'timer.extend', payload: { seconds: 60 } },
      { type: 'timer.clear', payload: {} },
      { type: 'groups.split', payload: { size: 2 } },
      { type: 'group.create', payload: { groupId: crypto.randomUUID(), name: 'Min gruppe' } },
      { type: 'group.update', payload: { groupId: tables[0], name: 'Vår gruppe' } },
      { type: 'group.remove', payload: { groupId: tables[1] } },
      { type: 'participant.move', payload: { participantId: someone, groupId: tables[0] } },
      { type: 'participant.addPaper', payload: { participantId: crypto.randomUUID(), name: 'Ola', roleId: 'r1', groupId: tables[0] } },
      { type: 'participant.setScribe', payload: { participantId: someone, scribe: true } },
      { type: 'plenary.spotlight', payload: { taskId: task1, groupId: tables[0] } },
      { type: 'synthesis.create', payload: { synthesisId: crypto.randomUUID(), heading: 'Mitt tema', text: '' } },
      { type: 'synthesis.update', payload: { synthesisId: synth, heading: 'Kapret' } },
      { type: 'synthesis.link', payload: { synthesisId: synth, linkId: crypto.randomUUID(), kind: 'theme', refId: themeId } },
      { type: 'synthesis.unlink', payload: { synthesisId: synth, linkId: link } },
      { type: 'synthesis.remove', payload: { synthesisId: synth } },
      { type: 'expectations.open', payload: { open: true } },
      { type: 'expectationItem.add', payload: { itemId: crypto.randomUUID(), text: 'Min forventning', sources: [] } },
      { type: 'expectationItem.update', payload: { itemId: item, text: 'Kapret' } },
      { type: 'expectationItem.assess', payload: { itemId: item, outcome: 'met' } },
      { type: 'expectationItem.remove', payload: { itemId: item } },
      { type: 'action.add', payload: { actionId: crypto.randomUUID(), what: 'Mitt tiltak', who: 'Meg', when: 'Nå', synthesisId: null } },
      { type: 'action.update', payload: { actionId: action, who: 'Meg' } },
      { type: 'action.remove', payload: { actionId: action } },
    ];
    const before = head();
    for (const p of [phones[0]!, phones[7]!]) for (const cmd of commands) refusedWith(await p.client.send(cmd), 'forbidden');
    expect(head()).toBe(before);
    await run(fac, { type: 'action.remove', payload: { actionId: action } });
  });

  it('the room agrees on actions, each from a synthesis theme, seen on every phone', async () => {
    const actions = [
      { what: 'Handlingsplan/IP/kontrakt: oversikt over hvem gjør hva, mål og delmål', who: 'NAV Bærum og brukerne', when: 'Innen mars 2010', synthesisId: synthesisIds['En fast kontaktperson i NAV']! },
      { what: 'Felles møtested for brukere og ansatte', who: 'KREM og HUSK', when: 'Våren 2010', synthesisId: synthesisIds['Felles møtested for brukere og ansatte']! },
      { what: 'Færre brukere per ansatt', who: 'Ledelsen i NAV Bærum', when: 'Budsjett 2011', synthesisId: synthesisIds.Tid! },
    ];
    const ids = actions.map(() => crypto.randomUUID());
    await run(camilla!, { type: 'action.add', payload: { actionId: ids[0]!, ...actions[0]! } });
    await run(fac, { type: 'action.add', payload: { actionId: ids[1]!, ...actions[1]! } });
    await run(fac, { type: 'action.add', payload: { actionId: ids[2]!, ...actions[2]!, when: 'Snart' } });
    await run(camilla!, { type: 'action.update', payload: { actionId: ids[2]!, when: 'Budsjett 2011' } });
    await everyScreenFollows();
    for (const p of phones) expect(p.client.state.actions.map(({ id: _id, ...a }) => a)).toEqual(actions);
  });

  it('the day ends by checking each expectation, on every phone; every screen holds exactly its view', async () => {
    const outcomes: Record<string, 'met' | 'unmet' | 'later'> = { 'Mer informasjon om HUSK.': 'unmet', [REWRITTEN]: 'later' };
    for (const [i, item] of fac.state.expectationItems.entries())
      await run(i % 2 ? camilla! : fac, { type: 'expectationItem.assess', payload: { itemId: item.id, outcome: outcomes[item.text] ?? 'met' } });
    await everyScreenFollows();
    for (const p of phones)
      expect(p.client.state.expectationItems.map((i) => [i.text, i.outcome])).toEqual(fac.state.expectationItems.map((i) => [i.text, outcomes[i.text] ?? 'met']));
    expect(fac.state.tasks.map((t) => [t.phase, t.published])).toEqual([['synthesise', true], ['synthesise', true]]);
    await everyScreenHoldsItsView();
  });

  it('no phone ever received another participant’s id with a note, expectation or dot, and no facilitator learned who wrote or dotted what', async () => {
    const ids = phones.map((p) => p.participantId);
    for (const p of phones) {
      const units = privateUnits(p.client);
      const leaks = units.filter((u) => ids.some((id) => id !== p.participantId && u.json.includes(id)));
      expect(leaks, p.name).toEqual([]);
      // The search would find it: their own id is there, on their own notes, expectation and dots.
      for (const type of ['note.written', 'expectation.written', 'dot.placed']) expect(units.some((u) => u.type === type && u.json.includes(p.participantId)), `${p.name} ${type}`).toBe(true);
      // Progress counts and the role split of dots are for facilitators only.
      expect(units.some((u) => u.type === 'progress.changed' || u.type === 'theme.dotsByRole')).toBe(false);
    }
    for (const f of [fac, camilla!]) {
      const units = privateUnits(f);
      expect(units.some((u) => u.type === 'expectation.written')).toBe(true);
      expect(units.some((u) => u.type === 'theme.dotsByRole')).toBe(true);
      expect(units.filter((u) => ids.some((id) => u.json.includes(id))), f.name).toEqual([]);
      expect(units.some((u) => u.type === 'dot.placed')).toBe(false);
    }
    // The server knows, and keeps it.
    for (const [id, author] of expectationAuthors) expect(full().expectations[id]!.authorId).toBe(author);
    expect(Object.keys(full().dots)).toHaveLength(dotsPlaced.length);
  });
});
