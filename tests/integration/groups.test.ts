import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacilitatorHttp, TestClient, eventually, join, startServer, type Running } from '../harness.js';

let server: Running;
let fac: TestClient;
let code: string;
let seminarId: string;
const clients: TestClient[] = [];
const person = async (name: string, role: string) => {
  const p = await join(server.url, code, name, role);
  const client = new TestClient(server.url, seminarId, { token: p.token }, name);
  await client.connect();
  clients.push(client);
  return { ...p, client };
};

beforeEach(async () => {
  server = await startServer();
  const http = new FacilitatorHttp(server.url);
  await http.setup();
  ({ id: seminarId, joinCode: code } = await http.createSeminar());
  fac = new TestClient(server.url, seminarId, { cookie: http.cookie });
  await fac.connect();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  fac.disconnect();
  await server.stop();
});

describe('moving people between tables', () => {
  it('a moved participant gets the new table, loses the old one, and others are undisturbed', async () => {
    const [u1, e1, u2, e2] = [await person('U1', 'r1'), await person('E1', 'r2'), await person('U2', 'r1'), await person('E2', 'r2')];
    await fac.send({ type: 'groups.split', payload: { size: 2 } });
    await eventually(() => [u1, e1, u2, e2].every((p) => p.client.state.participants[p.participantId]?.groupId));
    const taskId = fac.state.currentTaskId!;
    const tableOf = (p: { participantId: string }) => fac.state.participants[p.participantId]!.groupId!;
    const mates = [u1, e1, u2, e2].filter((p) => tableOf(p) === tableOf(u1));
    const others = [u1, e1, u2, e2].filter((p) => tableOf(p) !== tableOf(u1));
    for (const p of [u1, e1, u2, e2]) await p.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: `Fra ${p.client.name}` } });
    await fac.send({ type: 'task.setPhase', payload: { taskId, phase: 'share' } });
    const mover = mates.find((p) => p !== u1) ?? mates[0]!;
    await eventually(() => expect(mover.client.notesText()).toEqual(mates.map((p) => `Fra ${p.client.name}`).sort()));

    expect(await fac.send({ type: 'participant.move', payload: { participantId: mover.participantId, groupId: tableOf(others[0]!) } })).toMatchObject({ ok: true });
    const newTable = [...others.map((p) => `Fra ${p.client.name}`), `Fra ${mover.client.name}`].sort();
    await eventually(() => expect(mover.client.notesText()).toEqual(newTable));
    // Their own note stays on the old board, and they still see it as theirs.
    const own = Object.values(mover.client.state.notes).find((n) => n.authorId === mover.participantId)!;
    expect(own.groupId).toBe(tableOf(u1));
    // The new table's phones learn of the newcomer, and their notes stay put.
    await eventually(() => expect(others[0]!.client.state.participants[mover.participantId]!.groupId).toBe(tableOf(others[0]!)));
    expect(others[0]!.client.notesText()).toEqual(others.map((p) => `Fra ${p.client.name}`).sort());
  });

  it('a latecomer is seated at once, at the table that lacks their role', async () => {
    const people = [await person('U1', 'r1'), await person('E1', 'r2'), await person('U2', 'r1'), await person('U3', 'r1')];
    await fac.send({ type: 'groups.split', payload: { size: 2 } });
    await eventually(() => people.every((p) => p.client.state.participants[p.participantId]?.groupId));
    const withEmployee = fac.state.participants[people[1]!.participantId]!.groupId;
    const late = await person('Sen ansatt', 'r2');
    const seat = late.client.state.participants[late.participantId]!.groupId;
    expect(seat).not.toBeNull();
    expect(seat).not.toBe(withEmployee);
  });

  it('a paper participant and a scribe: the scribe types, the table sees the note without names', async () => {
    const [ann, bob] = [await person('Ann', 'r1'), await person('Bob', 'r2')];
    await fac.send({ type: 'groups.split', payload: { size: 3 } });
    await eventually(() => ann.client.state.participants[ann.participantId]?.groupId);
    const table = fac.state.participants[ann.participantId]!.groupId!;
    const paperId = crypto.randomUUID();
    expect(await fac.send({ type: 'participant.addPaper', payload: { participantId: paperId, name: 'Ola på papir', roleId: 'r1', groupId: table } })).toMatchObject({ ok: true });
    expect(await fac.send({ type: 'participant.setScribe', payload: { participantId: ann.participantId, scribe: true } })).toMatchObject({ ok: true });
    const taskId = fac.state.currentTaskId!;
    await eventually(() => ann.client.state.participants[ann.participantId]!.scribe);
    expect(await ann.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Fra papirlappen', onBehalfOf: paperId } })).toMatchObject({ ok: true });
    await eventually(() => expect(fac.state.progress[taskId]?.[table]).toEqual({ notes: 1, writers: 1 }));
    await fac.send({ type: 'task.setPhase', payload: { taskId, phase: 'share' } });
    await eventually(() => expect(bob.client.notesText()).toEqual(['Fra papirlappen']));
    const frames = bob.client.frames.filter((f) => f.includes('Fra papirlappen')).join('');
    expect(frames).not.toContain(ann.participantId);
    expect(frames).not.toContain(paperId);
  });
});

describe('seating a large room', () => {
  it("lets another seminar's notes through while its phones get their new tables", async () => {
    const big = await startServer({ unlimited: true });
    const phones: TestClient[] = [];
    try {
      const http = new FacilitatorHttp(big.url);
      await http.setup();
      const room = await http.createSeminar();
      const elsewhere = await http.createSeminar();
      const roomFac = new TestClient(big.url, room.id, { cookie: http.cookie });
      await roomFac.connect();
      phones.push(roomFac);
      const people = await Promise.all(Array.from({ length: 400 }, (_, i) => join(big.url, room.joinCode, `Deltaker ${i}`, i % 2 ? 'r2' : 'r1')));
      const seatedAt: number[] = [];
      const byId = new Map<string, TestClient>();
      let firstSeated: () => void = () => {};
      const first = new Promise<void>((resolve) => (firstSeated = resolve));
      await Promise.all(people.map(async (p) => {
        const phone = new TestClient(big.url, room.id, { token: p.token });
        phone.socket.on('snapshot', ({ state }: { state: { participants: Record<string, { groupId: string | null }> } }) => {
          if (!state.participants[p.participantId]?.groupId) return;
          seatedAt.push(performance.now());
          firstSeated();
        });
        await phone.connect();
        phones.push(phone);
        byId.set(p.participantId, phone);
      }));
      const other = await join(big.url, elsewhere.joinCode, 'Andre', 'r1');
      const writer = new TestClient(big.url, elsewhere.id, { token: other.token });
      await writer.connect();
      phones.push(writer);

      expect(await roomFac.send({ type: 'groups.split', payload: { size: 5 } })).toMatchObject({ ok: true });
      // Once the first phone of the room has its table, a note in the other seminar…
      await first;
      const ack = await writer.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: writer.state.currentTaskId!, text: 'Ikke i kø' } });
      const answeredAt = performance.now();
      expect(ack).toMatchObject({ ok: true });
      // …is answered before the last phone of the room has its table; every phone gets it.
      await eventually(() => seatedAt.length === people.length, 15_000);
      expect(answeredAt).toBeLessThan(Math.max(...seatedAt));

      // A second split reuses the tables by number. While the phones still wait for their turn,
      // none is left in the room of a table it no longer sits at: it would hear that table.
      expect(await roomFac.send({ type: 'groups.split', payload: { size: 4 } })).toMatchObject({ ok: true });
      const { state } = big.app.hub.get(room.id);
      let checked = 0;
      for (const [name, members] of big.app.io.sockets.adapter.rooms) {
        const table = name.startsWith(`${room.id}:g:`) ? name.slice(`${room.id}:g:`.length) : null;
        if (!table) continue;
        for (const sid of members) {
          const actor = big.app.io.sockets.sockets.get(sid)!.data.actor as { kind: string; id: string };
          if (actor.kind === 'participant') expect(state.participants[actor.id]!.groupId).toBe(table);
          checked++;
        }
      }
      expect(checked).toBeLessThan(people.length); // some phones were still waiting for their turn
      await eventually(() => [...byId].every(([id, phone]) => phone.state.participants[id]?.groupId === big.app.hub.get(room.id).state.participants[id]!.groupId), 15_000);
    } finally {
      for (const p of phones) p.disconnect();
      await big.stop();
    }
  }, 60_000);
});
