import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, view, type SeminarState } from '@tavla/shared';
import { connectSeminar, type SeminarConnection } from '../../client/src/sync/store.js';
import { FacilitatorHttp, TestClient, eventually, join, startServer, type Running } from '../harness.js';

/** The phone's local storage (the client store keeps its outbox there). */
beforeAll(() => {
  const items = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
});

let server: Running;
const open: { close: () => void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server.stop();
});

/** A seminar in its sharing phase with two people at one table (notes reach the table at once). */
async function table(opts: { commitDelayMs: number }) {
  server = await startServer(opts);
  const facHttp = new FacilitatorHttp(server.url);
  await facHttp.setup();
  const { id: seminarId, joinCode } = await facHttp.createSeminar();
  const a = await join(server.url, joinCode, 'Aud', 'r1');
  const b = await join(server.url, joinCode, 'Bo', 'r2');
  const hub = server.app.hub;
  const fac = { kind: 'facilitator', id: 'fac' } as const;
  const taskId = hub.get(seminarId).state.currentTaskId!;
  expect(hub.command(seminarId, fac, { id: crypto.randomUUID(), type: 'groups.split', payload: { size: 2 } })).toMatchObject({ ok: true });
  expect(hub.command(seminarId, fac, { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId, phase: 'share' } })).toMatchObject({ ok: true });
  hub.flush();
  const client = (p: { token: string }) => {
    const c = new TestClient(server.url, seminarId, { token: p.token });
    open.push({ close: () => c.disconnect() });
    return c;
  };
  return { seminarId, taskId, a, b, client, fac, facHttp };
}

const stored = (seminarId: string, noteId: string) =>
  server.app.hub.store.read(seminarId, 0).filter((e) => e.body.type === 'note.written' && e.body.note.id === noteId).length;
/** The disk refuses the next group commit, once. */
function failNextCommit() {
  const store = server.app.hub.store;
  const appendBatch = store.appendBatch;
  store.appendBatch = () => {
    store.appendBatch = appendBatch;
    throw new Error('disk I/O error');
  };
}
const viewOf = (seminarId: string, participantId: string): SeminarState => view(server.app.hub.get(seminarId).state, { kind: 'participant', id: participantId });

describe('the group commit', () => {
  it('the table hears a note before it is written; its writer is answered once it is', async () => {
    const t = await table({ commitDelayMs: 300 });
    const writer = t.client(t.a);
    const mate = t.client(t.b);
    await Promise.all([writer.connect(), mate.connect()]);
    const noteId = crypto.randomUUID();
    let acked = false;
    const ack = writer.send({ type: 'note.write', payload: { noteId, taskId: t.taskId, text: 'Hørt før lagret' } }).then((a) => ((acked = true), a));
    await eventually(() => mate.notesText().includes('Hørt før lagret') && writer.notesText().includes('Hørt før lagret'));
    expect(acked).toBe(false);
    expect(stored(t.seminarId, noteId)).toBe(0);
    expect(await ack).toMatchObject({ ok: true });
    expect(stored(t.seminarId, noteId)).toBe(1);
  });

  it('a retry that comes before the commit is answered as the same command and applied once', async () => {
    const t = await table({ commitDelayMs: 300 });
    const writer = t.client(t.a);
    await writer.connect();
    const id = crypto.randomUUID();
    const body = { type: 'note.write' as const, payload: { noteId: crypto.randomUUID(), taskId: t.taskId, text: 'To ganger sendt' } };
    const [first, second] = await Promise.all([writer.send(body, id), writer.send(body, id)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true, duplicate: true, seq: first.ok ? first.seq : -1 });
    expect(stored(t.seminarId, body.payload.noteId)).toBe(1);
    expect(Object.values(server.app.hub.get(t.seminarId).state.notes).filter((n) => n.text === 'To ganger sendt')).toHaveLength(1);
    // After the commit, a retry is answered the same way.
    expect(await writer.send(body, id)).toMatchObject({ ok: true, duplicate: true });

    // A command that would apply again if decided again (five more minutes) is caught before
    // anyone hears it, whether its first sending waits for the commit or is stored.
    const hub = server.app.hub;
    expect(hub.command(t.seminarId, t.fac, { id: crypto.randomUUID(), type: 'timer.set', payload: { seconds: 600 } })).toMatchObject({ ok: true });
    const extend = { id: crypto.randomUUID(), type: 'timer.extend', payload: { seconds: 300 } };
    expect(hub.command(t.seminarId, t.fac, extend)).toMatchObject({ ok: true });
    expect(hub.command(t.seminarId, t.fac, extend)).toMatchObject({ ok: true, duplicate: true });
    hub.flush();
    expect(hub.command(t.seminarId, t.fac, extend)).toMatchObject({ ok: true, duplicate: true });
    expect(hub.get(t.seminarId).state.timer?.totalMs).toBe(900_000);
  });

  it('a commit that fails: screens that heard what was not written come back to the log as it is', async () => {
    const t = await table({ commitDelayMs: 50 });
    const writer = t.client(t.a); // a bare client: it will not send the note again
    await writer.connect();
    const mate: SeminarConnection = connectSeminar({ seminarId: t.seminarId, token: t.b.token, who: t.b.participantId, url: server.url });
    open.push(mate);
    await eventually(() => mate.store.getState().status === 'online');
    const epochBefore = server.app.hub.get(t.seminarId).epoch;

    failNextCommit();
    const noteId = crypto.randomUUID();
    const ack = writer.socket.timeout(3000).emitWithAck('command', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId, taskId: t.taskId, text: 'Aldri lagret' } }).catch(() => 'no answer');
    await eventually(() => Object.values(mate.store.getState().state.notes).some((n) => n.text === 'Aldri lagret'));
    await eventually(() => mate.store.getState().status !== 'online');
    // The writer is never told it was saved: its connection is dropped with the others (a phone
    // would sync and send it again), or it hears `server_error`.
    expect(await ack).not.toMatchObject({ ok: true });

    // While the mate is away, the log moves past the lost note's number: only the epoch tells
    // the mate that what it holds up to there is not the log.
    expect(server.app.hub.command(t.seminarId, t.fac, { id: crypto.randomUUID(), type: 'timer.set', payload: { seconds: 300 } })).toMatchObject({ ok: true });
    expect(server.app.hub.command(t.seminarId, t.fac, { id: crypto.randomUUID(), type: 'timer.start', payload: {} })).toMatchObject({ ok: true });
    expect(server.app.hub.get(t.seminarId).epoch).not.toBe(epochBefore);

    await eventually(() => mate.store.getState().status === 'online' && !!mate.store.getState().state.timer?.running, 5000);
    expect(stored(t.seminarId, noteId)).toBe(0);
    expect(canonicalJson(mate.store.getState().state)).toBe(canonicalJson(viewOf(t.seminarId, t.b.participantId)));
  });

  it('a report or a seminar file taken while a command waits for its commit holds only what is stored', async () => {
    const t = await table({ commitDelayMs: 60_000 }); // nothing is committed by the clock here
    const hub = server.app.hub;
    const author = { kind: 'participant', id: t.a.participantId } as const;
    const write = (text: string) => {
      const noteId = crypto.randomUUID();
      expect(hub.command(t.seminarId, author, { id: crypto.randomUUID(), type: 'note.write', payload: { noteId, taskId: t.taskId, text } })).toMatchObject({ ok: true });
      return noteId;
    };
    const download = async (route: string) => (await t.facHttp.raw('GET', `/api/seminars/${t.seminarId}/${route}`)).bytes.toString();

    // Waiting, then written when the file is asked for: in the file, and in the log.
    const kept = write('Lagret før eksporten');
    expect(stored(t.seminarId, kept)).toBe(0);
    expect(await download('export.json')).toContain('Lagret før eksporten');
    expect(stored(t.seminarId, kept)).toBe(1);

    // Waiting when the report is asked for, and the disk refuses it: not in the report.
    failNextCommit();
    const lost = write('Aldri lagret');
    expect(hub.get(t.seminarId).state.notes[lost]).toBeDefined(); // the screens heard it
    const report = await download('report.md');
    expect(report).toContain('Lagret før eksporten');
    expect(report).not.toContain('Aldri lagret');
    expect(stored(t.seminarId, lost)).toBe(0);
    expect(await download('export.json')).not.toContain('Aldri lagret');
  });

  it('a phone whose note met a failed commit sends it again, and it is saved once', async () => {
    const t = await table({ commitDelayMs: 50 });
    const phone = connectSeminar({ seminarId: t.seminarId, token: t.a.token, who: t.a.participantId, url: server.url });
    open.push(phone);
    await eventually(() => phone.store.getState().status === 'online');
    failNextCommit();
    const noteId = crypto.randomUUID();
    phone.store.getState().send({ type: 'note.write', payload: { noteId, taskId: t.taskId, text: 'Sendt igjen' } });
    await eventually(() => phone.store.getState().outbox.length === 0 && phone.store.getState().status === 'online', 8000);
    expect(stored(t.seminarId, noteId)).toBe(1);
    expect(canonicalJson(phone.store.getState().state)).toBe(canonicalJson(viewOf(t.seminarId, t.a.participantId)));
  });
});
