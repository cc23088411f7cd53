import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilitatorHttp, TestClient, eventually, join, settle, startServer, type Running } from '../harness.js';

/**
 * A whole scripted seminar with every frame every screen receives recorded: eight phones at two
 * tables, a paper participant and a scribe, a tablet at table A, the facilitator. Writing, a
 * late note, sharing, clustering, one-by-one, a move between tables. Then, for every frame:
 * a note's text reaches only those who may see it by then, and never next to its author's id.
 */
let server: Running;
beforeAll(async () => {
  server = await startServer({ unlimited: true });
});
afterAll(async () => server.stop());

interface Screen { name: string; client: TestClient; participantId?: string }

/**
 * The units a note travels in: each event body on its own, and each note of a snapshot. A
 * snapshot also carries the roster (everyone's id and name), which says nothing about who wrote
 * what; so authorship is judged per unit, not per frame.
 */
function units(frame: string): string[] {
  const [kind, msg] = JSON.parse(frame) as [string, any];
  const state = kind === 'snapshot' ? msg.state : kind === 'sync-reply' && msg.kind === 'snapshot' ? msg.state : null;
  if (state) return Object.values(state.notes).map((n) => JSON.stringify(n));
  const events = kind === 'events' ? msg : kind === 'sync-reply' && msg.kind === 'events' ? msg.events : [];
  return (events as { body: unknown }[]).map((e) => JSON.stringify(e.body));
}

describe('privacy on the wire, through a whole seminar', () => {
  it('no frame ties a note to its author, and no note reaches anyone before it may', async () => {
    const http = new FacilitatorHttp(server.url);
    await http.setup();
    const { id: seminarId, joinCode } = await http.createSeminar();
    const fac: Screen = { name: 'facilitator', client: new TestClient(server.url, seminarId, { cookie: http.cookie }) };
    await fac.client.connect();
    const taskId = fac.client.state.currentTaskId!;
    const phones: Screen[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await join(server.url, joinCode, `Deltaker ${i}`, i % 2 ? 'r2' : 'r1');
      const client = new TestClient(server.url, seminarId, { token: p.token }, `p${i}`);
      await client.connect();
      phones.push({ name: `p${i}`, client, participantId: p.participantId });
    }
    await fac.client.send({ type: 'groups.split', payload: { size: 4 } });
    await eventually(() => phones.every((p) => p.client.state.participants[p.participantId!]?.groupId));
    const groupOf = (pid: string) => fac.client.state.participants[pid]!.groupId!;
    const tableA = groupOf(phones[0]!.participantId!);
    const atA = phones.filter((p) => groupOf(p.participantId!) === tableA);
    const atB = phones.filter((p) => groupOf(p.participantId!) !== tableA);
    const paperId = crypto.randomUUID();
    await fac.client.send({ type: 'participant.addPaper', payload: { participantId: paperId, name: 'Ola', roleId: 'r1', groupId: tableA } });
    await fac.client.send({ type: 'participant.setScribe', payload: { participantId: atA[0]!.participantId!, scribe: true } });
    const made = await http.request('POST', `/api/seminars/${seminarId}/tables/${tableA}`, {});
    const tablet: Screen = { name: 'tablet A', client: new TestClient(server.url, seminarId, { table: new URL(made.json.url).hash.slice('#table='.length) }) };
    await tablet.client.connect();
    const screens = [fac, tablet, ...phones];

    // Who wrote what, and when each note may first be seen by others.
    const notes: { id: string; text: string; author: string; by: Screen; group: string }[] = [];
    const write = async (by: Screen, text: string, onBehalfOf?: string) => {
      const id = crypto.randomUUID();
      const author = onBehalfOf ?? by.participantId!;
      expect(await by.client.send({ type: 'note.write', payload: { noteId: id, taskId, text, ...(onBehalfOf ? { onBehalfOf } : {}) } })).toMatchObject({ ok: true });
      notes.push({ id, text, author, by, group: groupOf(author) });
    };
    for (const p of phones) { await write(p, `Forslag fra ${p.name}`); await write(p, `Erfaring fra ${p.name}`); }
    await write(atA[0]!, 'Ola sin papirlapp', paperId);
    await settle();
    const beforeShare = new Map(screens.map((s) => [s, s.client.frames.length]));

    await fac.client.send({ type: 'task.setPhase', payload: { taskId, phase: 'share' } });
    await write(atB[0]!, 'En sen lapp'); // written after sharing began: revealed at once
    await fac.client.send({ type: 'task.setPhase', payload: { taskId, phase: 'cluster' } });
    const themeId = crypto.randomUUID();
    await atA[1]!.client.send({ type: 'theme.create', payload: { themeId, taskId, groupId: tableA, heading: 'Kommunikasjon' } });
    const aNotes = notes.filter((n) => n.group === tableA);
    for (const n of aNotes.slice(0, 3)) await tablet.client.send({ type: 'note.place', payload: { noteId: n.id, themeId, beforeId: null } });
    await atA[2]!.client.send({ type: 'note.mark', payload: { noteId: aNotes[0]!.id, marked: true } });
    await atA[3]!.client.send({ type: 'board.focus', payload: { taskId, groupId: tableA, noteId: aNotes[1]!.id } });
    // Someone changes table: they now see table B's board, and table B's phones learn of them.
    await fac.client.send({ type: 'participant.move', payload: { participantId: atA[3]!.participantId!, groupId: groupOf(atB[0]!.participantId!) } });
    await settle(300);

    const moved = atA[3]!;
    for (const screen of screens) {
      const frames = screen.client.frames;
      for (const [i, frame] of frames.entries()) {
        for (const n of notes) {
          const mentions = frame.includes(n.id) || frame.includes(n.text);
          if (!mentions) continue;
          const own = screen.participantId === n.author || screen === n.by;
          // 1. Never the author's id with the note, except on the author's (or scribe's) own screen.
          for (const unit of units(frame).filter((u) => u.includes(n.id) || u.includes(n.text))) {
            if (!own) expect(unit, `${screen.name} frame ${i} names the author of "${n.text}"`).not.toContain(n.author);
            if (!own && n.by.participantId) expect(unit, `${screen.name} frame ${i} names the scribe of "${n.text}"`).not.toContain(n.by.participantId);
          }
          // 2. Before sharing, a note reaches its writer alone.
          if (i < beforeShare.get(screen)! && !own) throw new Error(`${screen.name} received "${n.text}" before sharing`);
          // 3. After sharing, only its table (and facilitators; and the one who moved, from the time they sat there).
          const mayAtAll = own || screen === fac || (screen === tablet && n.group === tableA) || (n.group === tableA ? atA : atB).includes(screen) || (screen === moved);
          expect(mayAtAll, `${screen.name} received "${n.text}" from another table`).toBeTruthy();
        }
      }
    }
    // And the facilitator learnt counts while people wrote, not words.
    expect(fac.client.frames.slice(0, beforeShare.get(fac)).join('\n')).not.toMatch(/Forslag fra|Erfaring fra|papirlapp/);
    for (const s of screens) s.client.disconnect();
  });
});
