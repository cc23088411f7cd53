import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { view } from '@tavla/shared';
import { TestClient, FacilitatorHttp, breakNextDelivery, eventually, join, settle, startServer, type Running } from '../harness.js';

const TEXTS = ['Tett oppfølging', 'God relasjon', 'Nok tid til hver bruker', 'Færre brukere per ansatt', 'Tydelige mål', 'Humor'];

interface Room {
  server: Running;
  fac: TestClient;
  facHttp: FacilitatorHttp;
  seminarId: string;
  taskId: string;
  people: { client: TestClient; participantId: string; token: string; name: string }[];
}

/** A facilitator and six participants (three of each role), split into two mixed groups of three. */
async function room(server: Running): Promise<Room> {
  const facHttp = new FacilitatorHttp(server.url);
  await facHttp.setup();
  const { id: seminarId, joinCode } = await facHttp.createSeminar();
  const fac = new TestClient(server.url, seminarId, { cookie: facHttp.cookie }, 'facilitator');
  await fac.connect();
  const people: Room['people'] = [];
  for (let i = 0; i < 6; i++) {
    const name = `Deltaker ${i + 1}`;
    const { participantId, token } = await join(server.url, joinCode.toLowerCase(), name, i % 2 ? 'r2' : 'r1');
    const client = new TestClient(server.url, seminarId, { token }, name);
    await client.connect();
    people.push({ client, participantId, token, name });
  }
  expect(await fac.send({ type: 'groups.split', payload: { size: 3 } })).toMatchObject({ ok: true });
  await eventually(() => people.every((p) => p.client.state.participants[p.participantId]?.groupId));
  return { server, fac, facHttp, seminarId, taskId: fac.state.currentTaskId!, people };
}

const groupOf = (r: Room, i: number) => r.fac.state.participants[r.people[i]!.participantId]!.groupId!;
const write = (r: Room, i: number, text: string, noteId: string = crypto.randomUUID()) =>
  r.people[i]!.client.send({ type: 'note.write', payload: { noteId, taskId: r.taskId, text } });
const setPhase = (r: Room, phase: 'write' | 'share') => r.fac.send({ type: 'task.setPhase', payload: { taskId: r.taskId, phase } });

let server: Running;
let r: Room;
beforeEach(async () => {
  server = await startServer();
  r = await room(server);
});
afterEach(async () => {
  for (const p of r?.people ?? []) p.client.disconnect();
  r?.fac.disconnect();
  await server.stop();
});

describe('writing alone', () => {
  it('groups mix roles', () => {
    const groups = new Map<string, Set<string>>();
    for (const p of Object.values(r.fac.state.participants)) groups.set(p.groupId!, (groups.get(p.groupId!) ?? new Set()).add(p.roleId));
    expect(groups.size).toBe(2);
    for (const roles of groups.values()) expect([...roles].sort()).toEqual(['r1', 'r2']);
  });

  it('a note reaches nobody but its author, and the facilitator gets counts only', async () => {
    for (let i = 0; i < 6; i++) expect(await write(r, i, TEXTS[i]!)).toMatchObject({ ok: true });
    await settle();
    for (let i = 0; i < 6; i++) {
      const me = r.people[i]!;
      expect(me.client.notesText()).toEqual([TEXTS[i]]);
      const others = TEXTS.filter((_, j) => j !== i);
      for (const text of others) expect(me.client.frames.join('\n')).not.toContain(text);
    }
    const facFrames = r.fac.frames.join('\n');
    for (const text of TEXTS) expect(facFrames).not.toContain(text);
    expect(Object.keys(r.fac.state.notes)).toHaveLength(0);
    const progress = r.fac.state.progress[r.taskId]!;
    expect(progress[groupOf(r, 0)]).toEqual({ notes: 3, writers: 3 });
    expect(progress[groupOf(r, 1)]).toEqual({ notes: 3, writers: 3 });
  });

  it('an author edits and deletes their own note; nobody else may', async () => {
    const noteId = crypto.randomUUID();
    await write(r, 0, 'Kladd', noteId);
    expect(await r.people[0]!.client.send({ type: 'note.edit', payload: { noteId, text: 'Gjensidig respekt' } })).toMatchObject({ ok: true });
    expect(await r.people[1]!.client.send({ type: 'note.edit', payload: { noteId, text: 'Kapret' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await r.people[1]!.client.send({ type: 'note.delete', payload: { noteId } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await eventually(() => expect(r.people[0]!.client.notesText()).toEqual(['Gjensidig respekt']));
    expect(await r.people[0]!.client.send({ type: 'note.delete', payload: { noteId } })).toMatchObject({ ok: true });
    await eventually(() => expect(r.people[0]!.client.notesText()).toEqual([]));
    await eventually(() => expect(r.fac.state.progress[r.taskId]).toEqual({}));
  });
});

describe('sharing', () => {
  it('reveals each note to exactly its author group, without the author', async () => {
    for (let i = 0; i < 6; i++) await write(r, i, TEXTS[i]!);
    expect(await setPhase(r, 'share')).toMatchObject({ ok: true });
    await settle();
    for (let i = 0; i < 6; i++) {
      const me = r.people[i]!;
      const sameGroup = TEXTS.filter((_, j) => groupOf(r, j) === groupOf(r, i)).sort();
      await eventually(() => expect(me.client.notesText()).toEqual(sameGroup));
      const otherGroup = TEXTS.filter((_, j) => groupOf(r, j) !== groupOf(r, i));
      for (const text of otherGroup) expect(me.client.frames.join('\n')).not.toContain(text);
      // Authorship: only my own notes carry an author, and it is me.
      for (const note of Object.values(me.client.state.notes)) {
        if (note.text === TEXTS[i]) expect(note.authorId).toBe(me.participantId);
        else expect(note.authorId).toBeUndefined();
      }
      // No frame I received names another participant next to a note.
      for (const frame of me.client.frames.filter((f) => f.includes('notes.revealed') || f.includes('note.'))) {
        for (const other of r.people.filter((p) => p !== me)) expect(frame).not.toContain(other.participantId);
      }
    }
    // The facilitator sees every shared note (for the plenary), never an author.
    await eventually(() => expect(r.fac.notesText()).toEqual([...TEXTS].sort()));
    expect(Object.values(r.fac.state.notes).every((n) => n.authorId === undefined)).toBe(true);
    for (const p of r.people) expect(r.fac.frames.filter((f) => f.includes('notes.revealed')).join('')).not.toContain(p.participantId);
  });

  it('a participant who was offline during sharing catches up on reconnect', async () => {
    for (let i = 0; i < 6; i++) await write(r, i, TEXTS[i]!);
    const away = r.people[2]!;
    away.client.disconnect();
    await setPhase(r, 'share');
    await settle();
    expect(away.client.notesText()).toEqual([TEXTS[2]]);
    const reply = await away.client.connect();
    expect(reply).toMatchObject({ ok: true, kind: 'events' });
    const sameGroup = TEXTS.filter((_, j) => groupOf(r, j) === groupOf(r, 2)).sort();
    expect(away.client.notesText()).toEqual(sameGroup);
    expect(away.client.state.tasks[0]!.phase).toBe('share');
  });

  it("a burst of notes reaches the facilitator's screen gathered in a few frames, in order, and complete", async () => {
    await setPhase(r, 'share');
    await settle();
    const framesBefore = r.fac.frames.length;
    // Thirty notes in a moment, five from each phone, as a room writing fast does.
    await Promise.all(r.people.map((_, i) => Promise.all(Array.from({ length: 5 }, (_, k) => write(r, i, `Lapp ${i}-${k}`)))));
    const texts = r.people.flatMap((_, i) => Array.from({ length: 5 }, (_, k) => `Lapp ${i}-${k}`));
    await eventually(() => expect(r.fac.notesText()).toEqual([...texts].sort()));
    const hub = r.server.app.hub.get(r.seminarId);
    expect(r.fac.head).toBe(hub.head);
    expect(r.fac.state.progress).toEqual(view(hub.state, { kind: 'facilitator', id: 'any' }).progress);
    // Each note is two events for facilitators (the note revealed, the counts): far fewer frames.
    const frames = r.fac.frames.slice(framesBefore).filter((f) => f.startsWith('["events"'));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(10);
    // In log order, with nothing missing between frames.
    const seqs = frames.flatMap((f) => (JSON.parse(f)[1] as { seq: number }[]).map((e) => e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // A facilitator's own command still finds its events in place when its ack arrives.
    const ack = await r.fac.send({ type: 'timer.set', payload: { seconds: 300 } });
    expect(ack).toMatchObject({ ok: true });
    if (ack.ok) expect(r.fac.head).toBe(ack.seq);
    expect(r.fac.state.timer?.totalMs).toBe(300_000);
  });

  it('a note written during sharing reaches the group at once', async () => {
    await setPhase(r, 'share');
    await write(r, 0, 'Sent, men med');
    const mates = r.people.filter((_, j) => groupOf(r, j) === groupOf(r, 0));
    await eventually(() => mates.every((p) => p.client.notesText().includes('Sent, men med')));
  });

  it('the writer hears its note with the table, and its ack comes after: once the note is stored', async () => {
    await setPhase(r, 'share');
    await settle();
    // What the server writes to each table member's connection, in order (encoded socket.io
    // packets: "3…" is an ack, "2…" an event).
    const table = new Set(r.people.filter((_, j) => groupOf(r, j) === groupOf(r, 0)).map((p) => p.participantId));
    const written: { who: string; packet: string }[] = [];
    for (const socket of server.app.io.sockets.sockets.values()) {
      const actor = socket.data.actor;
      if (actor.kind !== 'participant' || !table.has(actor.id)) continue;
      const conn = socket.conn as unknown as { write: (data: unknown, ...rest: unknown[]) => unknown };
      const write = conn.write.bind(conn);
      conn.write = (data, ...rest) => {
        written.push({ who: actor.id, packet: String(data).charAt(0) });
        return write(data, ...rest);
      };
    }
    await write(r, 0, 'Først til den som skrev');
    const mates = r.people.filter((p, j) => j > 0 && table.has(p.participantId));
    await eventually(() => mates.every((p) => p.client.notesText().includes('Først til den som skrev')));
    const writer = r.people[0]!.participantId;
    expect(written.filter((w) => w.who === writer).map((w) => w.packet)).toEqual(['2', '3']);
    expect(written.filter((w) => w.who !== writer).map((w) => w.packet)).toEqual(mates.map(() => '2'));
  });
});

describe('the timer', () => {
  it('reaches every phone, counted by the server clock, which each sync reply tells', async () => {
    await r.fac.send({ type: 'timer.set', payload: { seconds: 600 } });
    const started = Date.now();
    await r.fac.send({ type: 'timer.start', payload: {} });
    await eventually(() => r.people.every((p) => p.client.state.timer?.running));
    const endsAt = r.people[0]!.client.state.timer!.endsAt!;
    expect(endsAt).toBeGreaterThanOrEqual(started + 600_000);
    expect(endsAt).toBeLessThan(Date.now() + 600_000 + 50);
    const reply = await (r.people[1]!.client.disconnect(), r.people[1]!.client.connect());
    expect(reply).toMatchObject({ ok: true });
    if (reply.ok) expect(Math.abs(reply.serverTime - Date.now())).toBeLessThan(1_000);
    expect(await r.people[0]!.client.send({ type: 'timer.pause', payload: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('a second task', () => {
  it('is added and made current for every phone; notes stay with their own task', async () => {
    await write(r, 0, 'Til oppgave 1');
    const task2 = crypto.randomUUID();
    expect(await r.fac.send({ type: 'task.add', payload: { taskId: task2, title: 'Fokus på tiltak', questions: ['Foreslå 5 konkrete tiltak.'] } })).toMatchObject({ ok: true });
    expect(await r.fac.send({ type: 'task.activate', payload: { taskId: task2 } })).toMatchObject({ ok: true });
    await eventually(() => r.people.every((p) => p.client.state.currentTaskId === task2));
    expect(r.people[0]!.client.state.tasks.find((t) => t.id === task2)).toMatchObject({ title: 'Fokus på tiltak', phase: 'write' });
    expect(await r.people[0]!.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: task2, text: 'Til oppgave 2' } })).toMatchObject({ ok: true });
    await settle();
    const byTask = (taskId: string) => Object.values(r.people[0]!.client.state.notes).filter((n) => n.taskId === taskId).map((n) => n.text);
    expect(byTask(r.taskId)).toEqual(['Til oppgave 1']);
    expect(byTask(task2)).toEqual(['Til oppgave 2']);
  });
});

describe('commands are applied once and checked', () => {
  it('a retried command is applied once', async () => {
    const id = crypto.randomUUID();
    const body = { type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: r.taskId, text: 'Én gang' } } as const;
    const first = await r.people[0]!.client.send(body, id);
    const again = await r.people[0]!.client.send(body, id);
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    await settle();
    expect(r.people[0]!.client.notesText()).toEqual(['Én gang']);
    expect(r.fac.state.progress[r.taskId]![groupOf(r, 0)]).toEqual({ notes: 1, writers: 1 });
  });

  it('a retried command that would change the state again is still applied once', async () => {
    // Extending the timer decides afresh each time (a later end), so only the stored id can tell.
    expect(await r.fac.send({ type: 'timer.set', payload: { seconds: 600 } })).toMatchObject({ ok: true });
    const id = crypto.randomUUID();
    const extend = { type: 'timer.extend', payload: { seconds: 60 } } as const;
    const first = await r.fac.send(extend, id);
    const head = r.server.app.hub.get(r.seminarId).head;
    const again = await r.fac.send(extend, id);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual({ ok: true, seq: head, duplicate: true });
    expect(r.server.app.hub.get(r.seminarId).head).toBe(head);
    expect(r.server.app.hub.get(r.seminarId).state.timer?.totalMs).toBe(660_000);
  });

  it('a note whose delivery failed is kept, and every screen of the seminar catches up on it', async () => {
    expect(await setPhase(r, 'share')).toMatchObject({ ok: true });
    const mate = r.people.findIndex((_, i) => i > 0 && groupOf(r, i) === groupOf(r, 0));
    const screens = [r.fac, ...r.people.map((p) => p.client)];
    breakNextDelivery(r.server);
    const id = crypto.randomUUID();
    const noteId = crypto.randomUUID();
    const body = { type: 'note.write', payload: { noteId, taskId: r.taskId, text: 'Levert eller ikke' } } as const;
    void r.people[0]!.client.send(body, id); // its answer goes down with the connection
    // Stored; then the server sends every screen away, so none goes on without it.
    await eventually(() => screens.every((c) => !c.socket.connected));
    expect(r.server.app.hub.get(r.seminarId).state.notes[noteId]?.text).toBe('Levert eller ikke');
    for (const c of screens) await c.connect();
    expect(r.people[0]!.client.notesText()).toEqual(['Levert eller ikke']);
    expect(r.people[mate]!.client.notesText()).toEqual(['Levert eller ikke']);
    await eventually(() => expect(Object.values(r.fac.state.notes).map((n) => n.text)).toEqual(['Levert eller ikke']));
    // The writer's retry is a duplicate; the next note goes through as usual.
    expect(await r.people[0]!.client.send(body, id)).toMatchObject({ ok: true, duplicate: true });
    expect(await write(r, mate, 'Neste lapp')).toMatchObject({ ok: true });
    await eventually(() => expect(r.people[0]!.client.notesText()).toEqual(['Levert eller ikke', 'Neste lapp']));
  });

  it.each([
    ['no id', { type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: crypto.randomUUID(), text: 'x' } }, 'id'],
    ['an unknown type', { id: crypto.randomUUID(), type: 'note.steal', payload: {} }, 'type'],
    ['an empty note', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: crypto.randomUUID(), text: '   ' } }, 'payload.text'],
    ['a note over the length limit', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: crypto.randomUUID(), text: 'x'.repeat(281) } }, 'payload.text'],
    ['an extra field smuggling an author', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: crypto.randomUUID(), text: 'x', authorId: 'someone' } }, 'payload'],
    ['a string instead of an object', 'note.write', 'command'],
    ['an extra top-level field', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: crypto.randomUUID(), text: 'x' }, as: 'someone' }, 'command'],
  ])('a malformed command (%s) gets an error naming the problem and changes nothing', async (_name, payload, where) => {
    const before = r.server.app.hub.get(r.seminarId).head;
    const ack = await r.people[0]!.client.sendRaw(payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!ack.ok) expect(ack.error.message.startsWith(where)).toBe(true);
    expect(r.server.app.hub.get(r.seminarId).head).toBe(before);
  });

  it('a burst past the per-connection rate is refused with rate_limited, the rest applied', async () => {
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, i) => r.people[0]!.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: r.taskId, text: `Idé ${i}` } })),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    const saved = acks.filter((a) => a.ok).length;
    expect(limited).toBeGreaterThan(0);
    expect(saved).toBeGreaterThanOrEqual(20);
    await settle();
    expect(r.people[0]!.client.notesText()).toHaveLength(saved);
  });

  it('a participant is refused facilitator commands', async () => {
    expect(await r.people[0]!.client.send({ type: 'task.setPhase', payload: { taskId: r.taskId, phase: 'share' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await r.people[0]!.client.send({ type: 'groups.split', payload: { size: 2 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.fac.state.tasks[0]!.phase).toBe('write');
  });
});

describe('the handshake', () => {
  it('refuses a socket without a valid token or session', async () => {
    const stranger = new TestClient(server.url, r.seminarId, { token: 'x'.repeat(43) });
    await expect(stranger.connect()).rejects.toThrow('unauthenticated');
    const nobody = new TestClient(server.url, r.seminarId, {});
    await expect(nobody.connect()).rejects.toThrow('unauthenticated');
  });

  it("refuses a participant's token for another seminar", async () => {
    const other = await r.facHttp.createSeminar({ title: 'Et annet seminar' });
    const intruder = new TestClient(server.url, other.id, { token: r.people[0]!.token });
    await expect(intruder.connect()).rejects.toThrow('unauthenticated');
  });
});

describe('origins', () => {
  it('refuses a socket opened by a page from another origin, and accepts its own', async () => {
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const s = ioClient(server.url, { auth: { seminarId: r.seminarId, token: r.people[0]!.token }, extraHeaders: { origin }, transports: ['websocket'], reconnection: false });
        s.on('connect', () => { s.close(); resolve('connected'); });
        s.on('connect_error', (e) => { s.close(); resolve(e.message); });
      });
    expect(await open('http://evil.example')).not.toBe('connected');
    expect(await open(server.url)).toBe('connected');
  });
});

describe('restart', () => {
  it('every acknowledged note is there after the server closes and reopens on the same database', async () => {
    const acked: string[] = [];
    for (let i = 0; i < 6; i++) if ((await write(r, i, TEXTS[i]!)).ok) acked.push(TEXTS[i]!);
    await setPhase(r, 'share');
    // A command whose answer was lost in the restart: its retry afterwards must not apply again.
    expect(await r.fac.send({ type: 'timer.set', payload: { seconds: 600 } })).toMatchObject({ ok: true });
    const extendId = crypto.randomUUID();
    const extend = { type: 'timer.extend', payload: { seconds: 60 } } as const;
    const extended = await r.fac.send(extend, extendId);
    expect(extended).toMatchObject({ ok: true });
    for (const p of r.people) p.client.disconnect();
    r.fac.disconnect();
    await server.stop({ keepData: true });

    server = await startServer({ dataDir: server.dataDir });
    const fac = new TestClient(server.url, r.seminarId, { cookie: r.facHttp.cookie });
    await fac.connect();
    expect(fac.notesText()).toEqual([...acked].sort());
    expect(await fac.send(extend, extendId)).toEqual({ ok: true, seq: extended.ok ? extended.seq : -1, duplicate: true });
    expect(fac.state.timer?.totalMs).toBe(660_000);
    const back = new TestClient(server.url, r.seminarId, { token: r.people[0]!.token });
    await back.connect();
    expect(back.state.participants[r.people[0]!.participantId]!.name).toBe('Deltaker 1');
    expect(back.notesText()).toEqual(TEXTS.filter((_, j) => groupOf(r, j) === groupOf(r, 0)).sort());
    fac.disconnect();
    back.disconnect();
  });
});

describe('idle seminars', () => {
  it('a seminar no screen follows leaves memory, and comes back as it was: catch-up, retries, new notes', async () => {
    const quick = await startServer({ idleSeminarMs: 150 });
    const q = await room(quick);
    const hub = quick.app.hub;
    try {
      await setPhase(q, 'share');
      const mate = q.people.findIndex((_, j) => j > 0 && groupOf(q, j) === groupOf(q, 0));
      expect(await write(q, 0, TEXTS[0]!)).toMatchObject({ ok: true });
      const retryId = crypto.randomUUID();
      const second = { type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: q.taskId, text: TEXTS[1]! } } as const;
      const sent = await q.people[mate]!.client.send(second, retryId);
      expect(sent).toMatchObject({ ok: true });

      // Followed by screens: kept, however long nobody writes.
      await settle(600);
      expect(hub.cached(q.seminarId)).toBe(true);

      for (const p of q.people) p.client.disconnect();
      q.fac.disconnect();
      await eventually(() => expect(hub.cached(q.seminarId)).toBe(false));

      // The first back loads it again and writes; the second catches up with what it missed,
      // not a whole snapshot (the same epoch), and its retry of a command is known.
      expect(await q.people[0]!.client.connect()).toMatchObject({ ok: true, kind: 'events' });
      expect(await write(q, 0, TEXTS[2]!)).toMatchObject({ ok: true });
      const back = await q.people[mate]!.client.connect();
      expect(back).toMatchObject({ ok: true, kind: 'events' });
      expect(q.people[mate]!.client.notesText()).toEqual([TEXTS[0], TEXTS[1], TEXTS[2]].sort());
      expect(await q.people[mate]!.client.send(second, retryId)).toEqual({ ok: true, seq: sent.ok ? sent.seq : -1, duplicate: true });
      await q.fac.connect();
      expect(q.fac.notesText()).toEqual([TEXTS[0], TEXTS[1], TEXTS[2]].sort());
    } finally {
      for (const p of q.people) p.client.disconnect();
      q.fac.disconnect();
      await quick.stop();
    }
  });

  it('writes what waits for the group commit before letting a seminar go', () => {
    // All in one turn of the event loop: the group commit (5 ms later) has not run yet.
    const hub = server.app.hub;
    const author = { kind: 'participant', id: r.people[0]!.participantId } as const;
    const noteId = crypto.randomUUID();
    expect(hub.command(r.seminarId, author, { id: crypto.randomUUID(), type: 'note.write', payload: { noteId, taskId: r.taskId, text: 'Skrevet like før' } })).toMatchObject({ ok: true });
    expect(hub.evictIdle(0, () => false)).toContain(r.seminarId);
    expect(hub.cached(r.seminarId)).toBe(false);
    expect(hub.get(r.seminarId).state.notes[noteId]?.text).toBe('Skrevet like før');
  });
});

describe('guessing', () => {
  it('join-code guessing from one address is rate-limited with a clear error', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await fetch(`${server.url}/api/join/ZZZZZ${i % 10}`)).status);
    expect(statuses.slice(0, 50).every((s) => s === 404)).toBe(true);
    const res = await fetch(`${server.url}/api/join/ZZZZZZ`);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('a full seminar', () => {
  it('tells the next person to join that it is full, with a clear error', async () => {
    const small = await startServer({ participantsPerSeminar: 2 });
    const http = new FacilitatorHttp(small.url);
    await http.setup();
    const { joinCode } = await http.createSeminar();
    await join(small.url, joinCode, 'En', 'r1');
    await join(small.url, joinCode, 'To', 'r2');
    const res = await fetch(`${small.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: joinCode, name: 'Tre', roleId: 'r1' }) });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'limit', message: 'this seminar is full' } });
    await small.stop();
  });
});
