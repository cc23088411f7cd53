import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantJoined, seminarCreated, type Actor, type CommandBody, type ErrorCode, type Priority } from '@tavla/shared';
import { FacilitatorHttp, TestClient, startServer, type Running } from '../harness.js';
import { unusedJoinCode } from '../../server/src/secrets.js';

/**
 * Every command as every kind of actor. Each cell runs on a fresh seminar (a facilitator, two
 * tables of three, one scribe, notes shared and a theme on table A) through the server's own
 * command path; only the allowed cells succeed, and a refused one changes nothing.
 */
type Who = 'facilitator' | 'author' | 'sameGroup' | 'otherGroup' | 'scribe' | 'table';
const WHO: Who[] = ['facilitator', 'author', 'sameGroup', 'otherGroup', 'scribe', 'table'];

let server: Running;
let facilitatorId: string;
beforeAll(async () => {
  server = await startServer({ unlimited: true });
  const http = new FacilitatorHttp(server.url);
  facilitatorId = (await http.setup()).facilitator.id;
});
afterAll(async () => server.stop());

function fixture() {
  const hub = server.app.hub;
  const seminarId = crypto.randomUUID();
  const taskId = crypto.randomUUID();
  const first = seminarCreated(
    { title: 'Matrise', subtitle: '', date: '2026-11-22', venue: '', language: 'nb', roles: ['Bruker', 'Ansatt'], task: { title: 'Oppgave', questions: [] } },
    { seminarId, taskId, joinCode: unusedJoinCode((code) => !!hub.store.seminarByCode(code)), roleIds: ['r1', 'r2'] },
  );
  hub.store.createSeminar({ id: seminarId, joinCode: (first.body as { seminar: { joinCode: string } }).seminar.joinCode, ownerId: facilitatorId, title: 'Matrise', date: '2026-11-22', createdAt: Date.now() }, first);
  const ids = { a1: crypto.randomUUID(), a2: crypto.randomUUID(), a3: crypto.randomUUID(), b1: crypto.randomUUID(), b2: crypto.randomUUID(), b3: crypto.randomUUID() };
  for (const [i, id] of Object.values(ids).entries())
    hub.join(seminarId, id, `token-${id}`, participantJoined({ id, name: `P${i}`, roleId: i % 2 ? 'r2' : 'r1', groupId: null, paper: false, scribe: false }));
  const fac: Actor = { kind: 'facilitator', id: facilitatorId };
  const run = (actor: Actor, body: CommandBody) => {
    const ack = hub.command(seminarId, actor, { id: crypto.randomUUID(), ...body });
    if (!ack.ok) throw new Error(`${body.type}: ${ack.error.message}`);
  };
  // Two tables of three, by hand: A = a1 a2 a3, B = b1 b2 b3.
  const groupA = crypto.randomUUID();
  const groupB = crypto.randomUUID();
  run(fac, { type: 'group.create', payload: { groupId: groupA, name: 'A' } });
  run(fac, { type: 'group.create', payload: { groupId: groupB, name: 'B' } });
  for (const id of [ids.a1, ids.a2, ids.a3]) run(fac, { type: 'participant.move', payload: { participantId: id, groupId: groupA } });
  for (const id of [ids.b1, ids.b2, ids.b3]) run(fac, { type: 'participant.move', payload: { participantId: id, groupId: groupB } });
  run(fac, { type: 'participant.setScribe', payload: { participantId: ids.a3, scribe: true } });
  const paper = crypto.randomUUID();
  run(fac, { type: 'participant.addPaper', payload: { participantId: paper, name: 'Papir', roleId: 'r1', groupId: groupA } });
  const draft = crypto.randomUUID(); // a1's unshared note: written by the cases that need it
  const shared = crypto.randomUUID();
  run({ kind: 'participant', id: ids.a1 }, { type: 'note.write', payload: { noteId: shared, taskId, text: 'Delt lapp' } });
  run(fac, { type: 'task.setPhase', payload: { taskId, phase: 'cluster' } });
  const theme = crypto.randomUUID();
  run({ kind: 'participant', id: ids.a2 }, { type: 'theme.create', payload: { themeId: theme, taskId, groupId: groupA, heading: 'Tid' } });
  const theme2 = crypto.randomUUID();
  run({ kind: 'participant', id: ids.a2 }, { type: 'theme.create', payload: { themeId: theme2, taskId, groupId: groupA, heading: 'Mål' } });
  run(fac, { type: 'timer.set', payload: { seconds: 600 } });
  const agendaItem = crypto.randomUUID();
  run(fac, { type: 'agenda.add', payload: { itemId: agendaItem, time: '09.30-10.00', label: 'Velkommen' } });
  const task2 = crypto.randomUUID();
  run(fac, { type: 'task.add', payload: { taskId: task2, title: 'Oppgave 2', questions: [] } });
  const actors: Record<Who, Actor> = {
    facilitator: fac,
    author: { kind: 'participant', id: ids.a1 },
    sameGroup: { kind: 'participant', id: ids.a2 },
    otherGroup: { kind: 'participant', id: ids.b1 },
    scribe: { kind: 'participant', id: ids.a3 },
    table: { kind: 'table', id: `table-${groupA}`, groupId: groupA },
  };
  // Ids for what some cases make first (a dot, an expectation, a synthesis theme and link, a list item, an action).
  const made = { dot: crypto.randomUUID(), expectation: crypto.randomUUID(), synthesis: crypto.randomUUID(), link: crypto.randomUUID(), item: crypto.randomUUID(), action: crypto.randomUUID() };
  return { hub, seminarId, taskId, task2, agendaItem, ids, groupA, groupB, paper, draft, shared, theme, theme2, actors, run, ...made };
}
type Fixture = ReturnType<typeof fixture>;

// For each command: how to make it against the fixture, the phase it needs, and who may send it.
const board: Who[] = ['facilitator', 'author', 'sameGroup', 'scribe', 'table'];
const facOnly: Who[] = ['facilitator'];
const participants: Who[] = ['author', 'sameGroup', 'otherGroup', 'scribe'];
const prioritise = (priority: Priority) => (f: Fixture) => {
  f.run(f.actors.facilitator, { type: 'task.update', payload: { taskId: f.taskId, priority } });
  f.run(f.actors.facilitator, { type: 'task.setPhase', payload: { taskId: f.taskId, phase: 'prioritise' } });
};
const synthesis = (f: Fixture) => f.run(f.actors.facilitator, { type: 'synthesis.create', payload: { synthesisId: f.synthesis, heading: 'Samarbeid', text: '' } });
/** Someone else's dot or expectation is not found for them: they never learn it exists. */
const notYours = { author: 'not_found', sameGroup: 'not_found', otherGroup: 'not_found', scribe: 'not_found' } as const;
const CASES: { name: string; phase?: 'write'; running?: boolean; prepare?: (f: Fixture) => void; make: (f: Fixture) => CommandBody; allowed: Who[]; refused?: Partial<Record<Who, ErrorCode>> }[] = [
  { name: 'note.write', make: (f) => ({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: f.taskId, text: 'Ny' } }), allowed: ['author', 'sameGroup', 'otherGroup', 'scribe'] },
  { name: 'note.write for a paper participant', make: (f) => ({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: f.taskId, text: 'For papir', onBehalfOf: f.paper } }), allowed: ['scribe'] },
  { name: 'note.edit (unshared)', phase: 'write', make: (f) => ({ type: 'note.edit', payload: { noteId: f.draft, text: 'Endret' } }), allowed: ['author'] },
  { name: 'note.delete (unshared)', phase: 'write', make: (f) => ({ type: 'note.delete', payload: { noteId: f.draft } }), allowed: ['author'] },
  { name: 'task.setPhase', make: (f) => ({ type: 'task.setPhase', payload: { taskId: f.taskId, phase: 'present' } }), allowed: facOnly },
  { name: 'task.add', make: () => ({ type: 'task.add', payload: { taskId: crypto.randomUUID(), title: 'Oppgave 2', questions: [] } }), allowed: facOnly },
  { name: 'task.activate', make: (f) => ({ type: 'task.activate', payload: { taskId: f.task2 } }), allowed: facOnly },
  { name: 'agenda.add', make: () => ({ type: 'agenda.add', payload: { itemId: crypto.randomUUID(), time: '09.30', label: 'Velkommen' } }), allowed: facOnly },
  { name: 'agenda.remove', make: (f) => ({ type: 'agenda.remove', payload: { itemId: f.agendaItem } }), allowed: facOnly },
  { name: 'timer.set', make: () => ({ type: 'timer.set', payload: { seconds: 300 } }), allowed: facOnly },
  { name: 'timer.start', make: () => ({ type: 'timer.start', payload: {} }), allowed: facOnly },
  { name: 'timer.pause', running: true, make: () => ({ type: 'timer.pause', payload: {} }), allowed: facOnly },
  { name: 'timer.extend', make: () => ({ type: 'timer.extend', payload: { seconds: 60 } }), allowed: facOnly },
  { name: 'timer.clear', make: () => ({ type: 'timer.clear', payload: {} }), allowed: facOnly },
  { name: 'groups.split', make: () => ({ type: 'groups.split', payload: { size: 2 } }), allowed: facOnly },
  { name: 'participant.move', make: (f) => ({ type: 'participant.move', payload: { participantId: f.ids.a1, groupId: f.groupB } }), allowed: facOnly },
  { name: 'participant.addPaper', make: (f) => ({ type: 'participant.addPaper', payload: { participantId: crypto.randomUUID(), name: 'Ny', roleId: 'r1', groupId: f.groupA } }), allowed: facOnly },
  { name: 'participant.setScribe', make: (f) => ({ type: 'participant.setScribe', payload: { participantId: f.ids.a2, scribe: true } }), allowed: facOnly },
  { name: 'group.create', make: () => ({ type: 'group.create', payload: { groupId: crypto.randomUUID(), name: 'C' } }), allowed: facOnly },
  { name: 'group.update', make: (f) => ({ type: 'group.update', payload: { groupId: f.groupA, name: 'Vinduet' } }), allowed: facOnly },
  { name: 'group.remove (empty)', make: (f) => ({ type: 'group.remove', payload: { groupId: f.groupB } }), allowed: facOnly },
  { name: 'theme.create', make: (f) => ({ type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId: f.taskId, groupId: f.groupA, heading: 'Nytt' } }), allowed: board },
  { name: 'theme.rename', make: (f) => ({ type: 'theme.rename', payload: { themeId: f.theme, heading: 'Nok tid' } }), allowed: board },
  { name: 'theme.comment', make: (f) => ({ type: 'theme.comment', payload: { themeId: f.theme, comment: 'Viktig' } }), allowed: board },
  { name: 'theme.place', make: (f) => ({ type: 'theme.place', payload: { themeId: f.theme2, beforeId: f.theme } }), allowed: board },
  { name: 'theme.merge', make: (f) => ({ type: 'theme.merge', payload: { themeId: f.theme, intoId: f.theme2 } }), allowed: board },
  { name: 'theme.remove', make: (f) => ({ type: 'theme.remove', payload: { themeId: f.theme } }), allowed: board },
  { name: 'note.place', make: (f) => ({ type: 'note.place', payload: { noteId: f.shared, themeId: f.theme, beforeId: null } }), allowed: board },
  { name: 'note.mark', make: (f) => ({ type: 'note.mark', payload: { noteId: f.shared, marked: true } }), allowed: board },
  { name: 'board.focus', make: (f) => ({ type: 'board.focus', payload: { taskId: f.taskId, groupId: f.groupA, noteId: f.shared } }), allowed: board },
  { name: 'seminar.update', make: () => ({ type: 'seminar.update', payload: { venue: 'Sandvika' } }), allowed: facOnly },
  { name: 'task.update', make: (f) => ({ type: 'task.update', payload: { taskId: f.taskId, priority: { kind: 'top', n: 3 } } }), allowed: facOnly },
  { name: 'task.lock', make: (f) => ({ type: 'task.lock', payload: { taskId: f.taskId, locked: true } }), allowed: facOnly },
  { name: 'theme.rank', prepare: prioritise({ kind: 'top', n: 3 }), make: (f) => ({ type: 'theme.rank', payload: { themeId: f.theme, rank: 1 } }), allowed: board },
  { name: 'dot.place', prepare: prioritise({ kind: 'dots', k: 2 }), make: (f) => ({ type: 'dot.place', payload: { dotId: crypto.randomUUID(), themeId: f.theme } }), allowed: ['author', 'sameGroup', 'scribe'] },
  {
    name: 'dot.remove (own)',
    prepare: (f) => {
      prioritise({ kind: 'dots', k: 2 })(f);
      f.run(f.actors.sameGroup, { type: 'dot.place', payload: { dotId: f.dot, themeId: f.theme } });
    },
    make: (f) => ({ type: 'dot.remove', payload: { dotId: f.dot } }),
    allowed: ['sameGroup'],
    refused: notYours,
  },
  { name: 'plenary.spotlight', prepare: (f) => f.run(f.actors.facilitator, { type: 'task.setPhase', payload: { taskId: f.taskId, phase: 'present' } }), make: (f) => ({ type: 'plenary.spotlight', payload: { taskId: f.taskId, groupId: f.groupA } }), allowed: facOnly },
  { name: 'synthesis.create', make: () => ({ type: 'synthesis.create', payload: { synthesisId: crypto.randomUUID(), heading: 'Tid', text: '' } }), allowed: facOnly },
  { name: 'synthesis.update', prepare: synthesis, make: (f) => ({ type: 'synthesis.update', payload: { synthesisId: f.synthesis, text: 'Mellom etater' } }), allowed: facOnly },
  { name: 'synthesis.remove', prepare: synthesis, make: (f) => ({ type: 'synthesis.remove', payload: { synthesisId: f.synthesis } }), allowed: facOnly },
  { name: 'synthesis.link', prepare: synthesis, make: (f) => ({ type: 'synthesis.link', payload: { synthesisId: f.synthesis, linkId: crypto.randomUUID(), kind: 'theme', refId: f.theme } }), allowed: facOnly },
  {
    name: 'synthesis.unlink',
    prepare: (f) => {
      synthesis(f);
      f.run(f.actors.facilitator, { type: 'synthesis.link', payload: { synthesisId: f.synthesis, linkId: f.link, kind: 'note', refId: f.shared } });
    },
    make: (f) => ({ type: 'synthesis.unlink', payload: { synthesisId: f.synthesis, linkId: f.link } }),
    allowed: facOnly,
  },
  { name: 'expectations.open', make: () => ({ type: 'expectations.open', payload: { open: true } }), allowed: facOnly },
  { name: 'expectation.write', prepare: (f) => f.run(f.actors.facilitator, { type: 'expectations.open', payload: { open: true } }), make: () => ({ type: 'expectation.write', payload: { expectationId: crypto.randomUUID(), text: 'Bli hørt' } }), allowed: participants },
  {
    name: 'expectation.delete (own)',
    prepare: (f) => {
      f.run(f.actors.facilitator, { type: 'expectations.open', payload: { open: true } });
      f.run(f.actors.author, { type: 'expectation.write', payload: { expectationId: f.expectation, text: 'Bli hørt' } });
    },
    make: (f) => ({ type: 'expectation.delete', payload: { expectationId: f.expectation } }),
    allowed: ['author'],
    refused: notYours,
  },
  { name: 'expectationItem.add', make: () => ({ type: 'expectationItem.add', payload: { itemId: crypto.randomUUID(), text: 'Bli hørt', sources: [] } }), allowed: facOnly },
  ...(['update', 'assess', 'remove'] as const).map((verb) => ({
    name: `expectationItem.${verb}`,
    prepare: (f: Fixture) => f.run(f.actors.facilitator, { type: 'expectationItem.add', payload: { itemId: f.item, text: 'Bli hørt', sources: [] } }),
    make: (f: Fixture): CommandBody =>
      verb === 'update' ? { type: 'expectationItem.update', payload: { itemId: f.item, text: 'Å bli hørt' } }
      : verb === 'assess' ? { type: 'expectationItem.assess', payload: { itemId: f.item, outcome: 'met' } }
      : { type: 'expectationItem.remove', payload: { itemId: f.item } },
    allowed: facOnly,
  })),
  { name: 'action.add', make: () => ({ type: 'action.add', payload: { actionId: crypto.randomUUID(), what: 'Faste brukermøter', who: 'NAV', when: 'Mars', synthesisId: null } }), allowed: facOnly },
  ...(['update', 'remove'] as const).map((verb) => ({
    name: `action.${verb}`,
    prepare: (f: Fixture) => f.run(f.actors.facilitator, { type: 'action.add', payload: { actionId: f.action, what: 'Faste brukermøter', who: 'NAV', when: 'Mars', synthesisId: null } }),
    make: (f: Fixture): CommandBody => (verb === 'update' ? { type: 'action.update', payload: { actionId: f.action, when: 'April' } } : { type: 'action.remove', payload: { actionId: f.action } }),
    allowed: facOnly,
  })),
];

describe('who may do what', () => {
  it('covers every command the protocol has', async () => {
    const { CommandBody } = await import('@tavla/shared');
    const types = new Set(CommandBody.options.map((o) => o.shape.type.value));
    expect(new Set(CASES.map((c) => c.name.split(' ')[0]))).toEqual(types);
  });

  for (const c of CASES) {
    it.each(WHO)(`${c.name} as %s`, (who) => {
      const f = fixture();
      if (c.phase === 'write') {
        f.hub.command(f.seminarId, f.actors.facilitator, { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId: f.taskId, phase: 'write' } });
        f.hub.command(f.seminarId, f.actors.author, { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: f.draft, taskId: f.taskId, text: 'Kladd' } });
      }
      if (c.running) f.hub.command(f.seminarId, f.actors.facilitator, { id: crypto.randomUUID(), type: 'timer.start', payload: {} });
      c.prepare?.(f);
      const before = f.hub.get(f.seminarId).head;
      const ack = f.hub.command(f.seminarId, f.actors[who], { id: crypto.randomUUID(), ...c.make(f) });
      if (c.allowed.includes(who)) {
        expect(ack, `${who} may ${c.name}`).toMatchObject({ ok: true });
        expect(f.hub.get(f.seminarId).head).toBeGreaterThan(before);
      } else {
        expect(ack, `${who} may not ${c.name}`).toMatchObject({ ok: false, error: { code: c.refused?.[who] ?? 'forbidden' } });
        expect(f.hub.get(f.seminarId).head).toBe(before);
      }
    });
  }

  it('an unauthenticated socket cannot even connect, so it can send nothing', async () => {
    const f = fixture();
    const before = f.hub.get(f.seminarId).head;
    for (const auth of [{}, { token: 'x'.repeat(43) }, { table: 'y'.repeat(43) }, { cookie: 'tavla_session=forged' }]) {
      const c = new TestClient(server.url, f.seminarId, auth);
      await expect(c.connect()).rejects.toThrow('unauthenticated');
      c.socket.close();
    }
    expect(f.hub.get(f.seminarId).head).toBe(before);
  });
});
