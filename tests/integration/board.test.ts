import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, view, type CommandBody } from '@tavla/shared';
import { FacilitatorHttp, TestClient, eventually, join, settle, startServer, type Running } from '../harness.js';

/** A small seeded generator, so a failing sequence can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

let server: Running;
let fac: TestClient;
let seminarId: string;
let taskId: string;
let table: { client: TestClient; participantId: string }[];
let outsider: { client: TestClient; participantId: string };
let groupId: string;

beforeEach(async () => {
  server = await startServer();
  const http = new FacilitatorHttp(server.url);
  await http.setup();
  const created = await http.createSeminar();
  seminarId = created.id;
  fac = new TestClient(server.url, seminarId, { cookie: http.cookie });
  await fac.connect();
  const people: { client: TestClient; participantId: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await join(server.url, created.joinCode, `P${i}`, i % 2 ? 'r2' : 'r1');
    const client = new TestClient(server.url, seminarId, { token: p.token });
    await client.connect();
    people.push({ client, participantId: p.participantId });
  }
  taskId = fac.state.currentTaskId!;
  await fac.send({ type: 'groups.split', payload: { size: 3 } });
  await eventually(() => people.every((p) => p.client.state.participants[p.participantId]?.groupId));
  groupId = fac.state.participants[people[0]!.participantId]!.groupId!;
  table = people.filter((p) => fac.state.participants[p.participantId]!.groupId === groupId);
  outsider = people.find((p) => fac.state.participants[p.participantId]!.groupId !== groupId)!;
  expect(table).toHaveLength(3);
  for (const [i, p] of table.entries())
    for (let k = 0; k < 4; k++) await p.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: `Lapp ${i}.${k}` } });
  await fac.send({ type: 'task.setPhase', payload: { taskId, phase: 'cluster' } });
  await eventually(() => table.every((p) => Object.values(p.client.state.notes).filter((n) => n.revealed).length === 12));
});
afterEach(async () => {
  for (const p of [...table, outsider]) p?.client.disconnect();
  fac.disconnect();
  await server.stop();
});

/** A random board command from what this client currently sees (which may already be stale). */
function randomCommand(rand: () => number, c: TestClient): CommandBody {
  const pick = <T,>(xs: T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
  const notes = Object.values(c.state.notes).filter((n) => n.revealed && n.groupId === groupId).map((n) => n.id);
  const themes = Object.keys(c.state.themes);
  const r = rand();
  if (r < 0.15 || themes.length === 0) return { type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId, groupId, heading: `Tema ${Math.floor(rand() * 100)}`, ...(rand() < 0.5 ? { noteId: pick(notes)! } : {}) } };
  if (r < 0.7) return { type: 'note.place', payload: { noteId: pick(notes)!, themeId: rand() < 0.2 ? null : pick(themes)!, beforeId: rand() < 0.3 ? null : pick(notes)! } };
  if (r < 0.8) return { type: 'theme.rename', payload: { themeId: pick(themes)!, heading: `Nytt navn ${Math.floor(rand() * 100)}` } };
  if (r < 0.87) return { type: 'theme.merge', payload: { themeId: pick(themes)!, intoId: pick(themes)! } };
  if (r < 0.93) return { type: 'theme.place', payload: { themeId: pick(themes)!, beforeId: rand() < 0.3 ? null : pick(themes)! } };
  return { type: 'note.mark', payload: { noteId: pick(notes)!, marked: rand() < 0.5 } };
}

describe('three people clustering at one table', () => {
  it.each([1, 2, 3])('converge to the server board after a seeded burst of concurrent moves (seed %i)', async (seed) => {
    const rand = mulberry32(seed);
    const acks: Promise<{ ok: boolean }>[] = [];
    const results: { ok: boolean }[] = [];
    for (let round = 0; round < 20; round++) {
      // Each round, all three send without waiting: the server's order decides.
      for (const p of table) acks.push(p.client.send(randomCommand(rand, p.client)));
      if (round % 5 === 4) results.push(...(await Promise.all(acks.splice(0))));
    }
    // Some fail (a theme merged away under someone's finger); most must go through.
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(results.length / 2);
    await settle(200);

    const full = server.app.hub.get(seminarId).state;
    const serverBoard = hash(view(full, { kind: 'participant', id: table[0]!.participantId }).themes);
    for (const p of table) {
      const expected = view(full, { kind: 'participant', id: p.participantId });
      expect(hash(p.client.state)).toBe(hash(expected));
      expect(hash(p.client.state.themes)).toBe(serverBoard);
    }
    expect(hash(fac.state)).toBe(hash(view(full, { kind: 'facilitator', id: 'x' })));
    // Nothing lost: all twelve notes are still on the board, each once.
    expect(Object.values(full.notes).filter((n) => n.groupId === groupId)).toHaveLength(12);
  });

  it("refuses every board command from a participant of another group, and changes nothing", async () => {
    const note = Object.values(table[0]!.client.state.notes).find((n) => n.revealed)!;
    const themeId = crypto.randomUUID();
    await table[0]!.client.send({ type: 'theme.create', payload: { themeId, taskId, groupId, heading: 'Tid' } });
    await settle();
    const before = server.app.hub.get(seminarId).head;
    const commands: CommandBody[] = [
      { type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId, groupId, heading: 'Inntrenger' } },
      { type: 'theme.rename', payload: { themeId, heading: 'Kapret' } },
      { type: 'theme.comment', payload: { themeId, comment: 'Kapret' } },
      { type: 'theme.place', payload: { themeId, beforeId: null } },
      { type: 'theme.merge', payload: { themeId, intoId: themeId } },
      { type: 'theme.remove', payload: { themeId } },
      { type: 'note.place', payload: { noteId: note.id, themeId, beforeId: null } },
      { type: 'note.mark', payload: { noteId: note.id, marked: true } },
      { type: 'board.focus', payload: { taskId, groupId, noteId: note.id } },
    ];
    for (const cmd of commands) expect(await outsider.client.send(cmd), cmd.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await outsider.client.socket.emitWithAck('hold', { noteId: note.id, held: true })).ok).toBe(false);
    expect(server.app.hub.get(seminarId).head).toBe(before);
    // And the outsider never received a frame about this board.
    expect(outsider.client.frames.join('\n')).not.toContain(themeId);
    expect(outsider.client.frames.join('\n')).not.toContain(note.text);
  });
});

describe('a shared tablet at the table', () => {
  it("opens only its table's board: moves notes there, writes none, and cannot touch another board", async () => {
    const http = new FacilitatorHttp(server.url);
    await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' });
    const otherGroup = fac.state.participants[outsider.participantId]!.groupId!;
    expect((await fetch(`${server.url}/api/seminars/${seminarId}/tables/${groupId}`, { method: 'POST' })).status).toBe(404); // not without the facilitator
    const made = await http.request('POST', `/api/seminars/${seminarId}/tables/${groupId}`, {});
    expect(made.status).toBe(201);
    expect(made.json.qrSvg).toContain('<svg');
    const token = new URL(made.json.url).hash.replace('#table=', '');
    const tablet = new TestClient(server.url, seminarId, { table: token });
    expect(await tablet.connect()).toMatchObject({ ok: true, kind: 'snapshot', you: { kind: 'table', groupId } });
    // It sees this table's twelve notes, no authors, and nothing of the other table.
    expect(Object.values(tablet.state.notes)).toHaveLength(12);
    expect(Object.values(tablet.state.notes).every((n) => n.groupId === groupId && n.authorId === undefined)).toBe(true);
    const note = Object.values(tablet.state.notes)[0]!;
    const themeId = crypto.randomUUID();
    expect(await tablet.send({ type: 'theme.create', payload: { themeId, taskId, groupId, heading: 'Fra nettbrettet' } })).toMatchObject({ ok: true });
    expect(await tablet.send({ type: 'note.place', payload: { noteId: note.id, themeId, beforeId: null } })).toMatchObject({ ok: true });
    await eventually(() => expect(table[0]!.client.state.notes[note.id]!.themeId).toBe(themeId));
    expect(await tablet.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tablet.send({ type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId, groupId: otherGroup, heading: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tablet.send({ type: 'groups.split', payload: { size: 2 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    tablet.disconnect();
    // A made-up table token gets nowhere.
    await expect(new TestClient(server.url, seminarId, { table: 'z'.repeat(43) }).connect()).rejects.toThrow('unauthenticated');
  });
});

describe('holding a note while dragging it', () => {
  it('the console hears of a new note before it hears that the note is held', async () => {
    const [a] = table as [typeof table[0]];
    const noteId = crypto.randomUUID();
    expect(await a.client.send({ type: 'note.write', payload: { noteId, taskId, text: 'Rett inn på tavla' } })).toMatchObject({ ok: true });
    expect(await a.client.socket.emitWithAck('hold', { noteId, held: true })).toEqual({ ok: true });
    await eventually(() => expect(fac.frames.some((f) => f.startsWith('["held"') && f.includes(noteId))).toBe(true));
    expect(fac.frames.find((f) => f.includes(noteId))).toMatch(/^\["events"/);
  });

  it('others see it held, cannot take or move it, and it is freed on drop or disconnect', async () => {
    const [a, b] = table as [typeof table[0], typeof table[0]];
    const note = Object.values(a.client.state.notes).find((n) => n.revealed)!;
    const heldFrames = () => b.client.frames.filter((f) => f.startsWith('["held"'));
    expect(await a.client.socket.emitWithAck('hold', { noteId: note.id, held: true })).toEqual({ ok: true });
    await eventually(() => expect(heldFrames().at(-1)).toBe(JSON.stringify(['held', { noteId: note.id, held: true }])));
    expect(heldFrames().join('')).not.toContain(a.participantId); // never says who
    expect(await b.client.socket.emitWithAck('hold', { noteId: note.id, held: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await b.client.send({ type: 'note.place', payload: { noteId: note.id, themeId: null, beforeId: null } })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Someone at the table whose phone reconnects learns of the hold in its sync reply.
    b.client.disconnect();
    expect(await b.client.connect()).toMatchObject({ ok: true, held: [note.id] });

    // The holder drops it: the move applies and the hold ends.
    const themeId = crypto.randomUUID();
    await a.client.send({ type: 'theme.create', payload: { themeId, taskId, groupId, heading: 'Tid' } });
    expect(await a.client.send({ type: 'note.place', payload: { noteId: note.id, themeId, beforeId: null } })).toMatchObject({ ok: true });
    await eventually(() => expect(heldFrames().at(-1)).toBe(JSON.stringify(['held', { noteId: note.id, held: false }])));

    // Held again, then the holder's phone disconnects: free for the others.
    await a.client.socket.emitWithAck('hold', { noteId: note.id, held: true });
    await eventually(() => expect(heldFrames().at(-1)).toContain('true'));
    a.client.disconnect();
    await eventually(() => expect(heldFrames().at(-1)).toContain('false'));
    expect(await b.client.socket.emitWithAck('hold', { noteId: note.id, held: true })).toEqual({ ok: true });
  });
});
