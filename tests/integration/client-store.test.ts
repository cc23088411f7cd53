import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, view } from '@tavla/shared';
import { connectSeminar, type ConnectOptions, type SeminarConnection } from '../../client/src/sync/store.js';
import { myNotes } from '../../client/src/sync/optimistic.js';
import { FacilitatorHttp, breakNextDelivery, eventually, join, startServer, type Running } from '../harness.js';

/** The phone's local storage, kept across "reloads" within a test. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, String(v));
  removeItem = (k: string) => void this.items.delete(k);
  clear = () => this.items.clear();
}
beforeAll(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

let server: Running;
let seminarId: string;
let taskId: string;
let me: { participantId: string; token: string };
const open: SeminarConnection[] = [];
const phone = (more: Partial<ConnectOptions> = {}) => {
  const c = connectSeminar({ seminarId, token: me.token, who: me.participantId, url: server.url, ...more });
  open.push(c);
  return c;
};

beforeEach(async () => {
  server = await startServer();
  const fac = new FacilitatorHttp(server.url);
  await fac.setup();
  const created = await fac.createSeminar();
  seminarId = created.id;
  me = await join(server.url, created.joinCode, 'Yvonne', 'r1');
  taskId = server.app.hub.get(seminarId).state.currentTaskId!;
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  localStorage.clear();
  await server.stop();
});

const serverNotes = () => Object.values(server.app.hub.get(seminarId).state.notes).map((n) => n.text).sort();

/** Write the seminar's first note from phone `c`: once it has left the outbox, it shows, once, as the server has it. */
async function writeAndSee(c: SeminarConnection, text: string) {
  const noteId = crypto.randomUUID();
  c.store.getState().send({ type: 'note.write', payload: { noteId, taskId, text } });
  await eventually(() => c.store.getState().outbox.length === 0 && noteId in c.store.getState().state.notes, 5000);
  expect(serverNotes()).toEqual([text]);
  const expected = view(server.app.hub.get(seminarId).state, { kind: 'participant', id: me.participantId });
  expect(canonicalJson(c.store.getState().state)).toBe(canonicalJson(expected));
}

/** The server applies commands at once, but answers the next `count` of them `ms` late. */
function delayAnswers(ms: number, count = Infinity) {
  server.app.io.on('connection', (socket) =>
    socket.use((packet, next) => {
      const ack = packet.at(-1);
      if (packet[0] === 'command' && count > 0 && typeof ack === 'function') {
        count--;
        packet[packet.length - 1] = (reply: unknown) => setTimeout(() => ack(reply), ms);
      }
      next();
    }),
  );
}

describe('the phone sync store', () => {
  it('folds to exactly the server view of this participant', async () => {
    const c = phone();
    await eventually(() => c.store.getState().ready);
    c.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Klare mål' } });
    await eventually(() => c.store.getState().outbox.length === 0);
    const expected = view(server.app.hub.get(seminarId).state, { kind: 'participant', id: me.participantId });
    expect(canonicalJson(c.store.getState().state)).toBe(canonicalJson(expected));
  });

  it('keeps notes typed while the page was closed and sends each once after a reload', async () => {
    const first = phone();
    await eventually(() => first.store.getState().ready);
    first.close(); // the connection is gone: the phone slept, or the wifi dropped
    first.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Tid til møtepunkter' } });
    first.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Verden utenfor' } });
    expect(myNotes(first.store.getState().state, first.store.getState().outbox, me.participantId, taskId).map((n) => n.status)).toEqual(['waiting', 'waiting']);
    expect(serverNotes()).toEqual([]);

    // Reload: a new page, the same local storage.
    const second = phone();
    expect(second.store.getState().outbox).toHaveLength(2);
    await eventually(() => second.store.getState().outbox.length === 0);
    expect(serverNotes()).toEqual(['Tid til møtepunkter', 'Verden utenfor']);
    await eventually(() =>
      expect(myNotes(second.store.getState().state, [], me.participantId, taskId).map((n) => [n.text, n.status])).toEqual([
        ['Tid til møtepunkter', 'saved'],
        ['Verden utenfor', 'saved'],
      ]),
    );

    // A third load finds nothing left to send, and nothing is doubled.
    const third = phone();
    await eventually(() => third.store.getState().ready);
    expect(third.store.getState().outbox).toEqual([]);
    expect(serverNotes()).toEqual(['Tid til møtepunkter', 'Verden utenfor']);
  });

  it('drains a long offline backlog at the allowed pace: nothing refused for coming too fast, order kept', async () => {
    const first = phone();
    await eventually(() => first.store.getState().ready);
    first.close();
    const texts = Array.from({ length: 45 }, (_, i) => `Notat ${String(i).padStart(2, '0')}`); // (50 is the cap per task)
    for (const text of texts) first.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text } });
    const second = phone(); // back online with 45 waiting, against 20 commands a second
    await eventually(() => expect(second.store.getState().outbox.map((x) => x.status + (x.error?.code ?? ''))).toEqual([]), 15_000);
    expect(serverNotes()).toEqual(texts);
    // And in the order they were written.
    const order = server.app.hub.store.read(seminarId, 0).filter((e) => e.body.type === 'note.written').map((e) => (e.body as { note: { text: string } }).note.text);
    expect(order).toEqual(texts);
  });

  it('shows a refused command as failed, with the reason, and keeps its text', async () => {
    const c = phone();
    await eventually(() => c.store.getState().ready);
    server.app.hub.command(seminarId, { kind: 'facilitator', id: 'x' }, { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId, phase: 'prioritise' } });
    await eventually(() => c.store.getState().state.tasks[0]!.phase === 'prioritise');
    c.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'For sent' } });
    await eventually(() => c.store.getState().outbox[0]?.status === 'failed');
    const [note] = myNotes(c.store.getState().state, c.store.getState().outbox, me.participantId, taskId);
    expect(note).toMatchObject({ text: 'For sent', status: 'failed', error: { code: 'wrong_phase' } });
  });

  it('a note saved while its delivery failed still shows on the phone, once', async () => {
    const c = phone();
    await eventually(() => c.store.getState().ready);
    breakNextDelivery(server); // the server stores the note, then fails to send it anywhere
    // The server drops every connection of the seminar; the phone catches up on a fresh one and sends again.
    await writeAndSee(c, 'Lagret, ikke sendt');
  });

  it('a note whose ack came too late still shows on the phone, once', async () => {
    // The server applies the first command at once but its answer takes one and a half seconds.
    delayAnswers(1500, 1);
    const c = phone({ ackTimeoutMs: 500 });
    await eventually(() => c.store.getState().ready);
    // Its ack is dropped as too late; the phone catches up on a fresh connection and sends again.
    await writeAndSee(c, 'Svaret kom for sent');
  });

  it('on a link slower than the ack timeout, the phone waits longer each time until its note is saved', async () => {
    // Every answer takes 1.2 s; the phone first waits 0.5 s for one. Waiting the same each time,
    // it would reconnect and resend for ever, its note saved but never shown as saved.
    delayAnswers(1200);
    const c = phone({ ackTimeoutMs: 500 });
    await eventually(() => c.store.getState().ready);
    await writeAndSee(c, 'Treg linje');
  });

  it('a phone whose handshake met a database error comes back by itself', async () => {
    // The store fails the next token look-up, as a locked or full disk would, once.
    const store = server.app.hub.store;
    const lookUp = store.participantByToken;
    store.participantByToken = () => {
      store.participantByToken = lookUp;
      throw new Error('database is locked');
    };
    const c = phone();
    await eventually(() => c.store.getState().status === 'offline', 2000);
    await eventually(() => c.store.getState().ready && c.store.getState().status === 'online', 5000);
    await writeAndSee(c, 'Kom tilbake');
  });

  it('a phone whose token is unknown is told so', async () => {
    const c = connectSeminar({ seminarId, token: 'y'.repeat(43), who: 'nobody', url: server.url });
    open.push(c);
    await eventually(() => c.store.getState().status === 'refused');
    expect(c.store.getState().refusal?.code).toBe('unauthenticated');
  });
});
