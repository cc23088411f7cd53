import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweep } from '../../server/src/retention.js';
import { FacilitatorHttp, TestClient, eventually, join, startServer, type Running } from '../harness.js';

let server: Running;
let http: FacilitatorHttp;
beforeEach(async () => {
  server = await startServer();
  http = new FacilitatorHttp(server.url);
  await http.setup();
});
afterEach(async () => server.stop());

describe("deleting a seminar's data", () => {
  it('a facilitator deletes a seminar at once: its notes, people and tokens are gone, open screens disconnected', async () => {
    const { id, joinCode } = await http.createSeminar({ title: 'Slettes' });
    const keep = await http.createSeminar({ title: 'Blir' });
    const p = await join(server.url, joinCode, 'Anna', 'r1');
    const phone = new TestClient(server.url, id, { token: p.token });
    await phone.connect();
    await phone.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: phone.state.currentTaskId!, text: 'Personlig erfaring' } });
    const gone = new Promise((resolve) => phone.socket.once('disconnect', resolve));

    expect((await fetch(`${server.url}/api/seminars/${id}`, { method: 'DELETE' })).status).toBe(404); // not for strangers
    expect((await http.request('DELETE', `/api/seminars/${id}`)).status).toBe(204);
    await gone;

    const store = server.app.hub.store;
    expect(store.seminarById(id)).toBeNull();
    expect(store.read(id, 0)).toEqual([]);
    expect(store.participantCount(id)).toBe(0);
    expect((await http.request('GET', '/api/seminars')).json.seminars.map((s: { title: string }) => s.title)).toEqual(['Blir']);
    expect((await fetch(`${server.url}/api/join/${joinCode}`)).status).toBe(404);
    await expect(new TestClient(server.url, id, { token: p.token }).connect()).rejects.toThrow('not_found');
    // Not a byte of the note is left on disk: not in the database file, not in its log.
    for (const file of fs.readdirSync(server.dataDir)) {
      expect(fs.readFileSync(path.join(server.dataDir, file)).includes(Buffer.from('Personlig erfaring')), file).toBe(false);
    }
    expect(store.seminarById(keep.id)).not.toBeNull();
  });

  it('seminars older than the retention period are deleted by the sweep; newer ones stay', async () => {
    const day = 24 * 3600 * 1000;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const old = await http.createSeminar({ title: 'Gammel', date: iso(Date.now() - 30 * day) });
    const recent = await http.createSeminar({ title: 'Ny', date: iso(Date.now() + 70 * day) });
    // Just created, but dated 2009 (as an imported seminar is): kept until 90 days after it arrived.
    const arrived = await http.createSeminar({ title: 'Fra 2009', date: '2009-10-30' });
    expect(sweep(server.app.hub, 90, new Date())).toBe(0);
    const later = new Date(Date.now() + 100 * day);
    expect(sweep(server.app.hub, 0, later)).toBe(0); // 0: keep until deleted by hand
    expect(sweep(server.app.hub, 90, later)).toBe(2);
    await eventually(() => server.app.hub.store.seminarById(old.id) === null && server.app.hub.store.seminarById(arrived.id) === null);
    expect(server.app.hub.store.seminarById(recent.id)).not.toBeNull();
  });
});
