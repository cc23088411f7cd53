import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FacilitatorHttp, TestClient, eventually, exited, join, spawnServer, tempDir } from '../harness.js';

const dataDir = tempDir('tavla-crash-');
let child: ChildProcess | null = null;

async function boot(): Promise<string> {
  const { url, proc } = await spawnServer(dataDir);
  child = proc;
  return url;
}

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed mid-seminar', () => {
  it('keeps every acknowledged note, exactly once, across two SIGKILLs; retried commands apply once; SIGTERM shuts down cleanly', async () => {
    let url = await boot();
    const http = new FacilitatorHttp(url);
    await http.setup();
    const { id: seminarId, joinCode } = await http.createSeminar();
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => join(url, joinCode, `P${i}`, i % 2 ? 'r2' : 'r1')));
    const acked = new Map<string, string>(); // command id → text
    const sent = new Map<string, { id: string; body: Parameters<TestClient['send']>[0] }>(); // unacked, to retry
    let taskId = '';
    let retried = 0;

    const round = async (n: number) => {
      const clients = people.map((p) => new TestClient(url, seminarId, { token: p.token }));
      await Promise.all(clients.map((c) => c.connect()));
      taskId ||= clients[0]!.state.currentTaskId!;
      // First, everything that was sent before the crash and never acked goes again, same ids.
      retried += sent.size;
      for (const [id, { body }] of [...sent]) {
        const ack = await clients[0]!.send(body, id).catch(() => null);
        if (ack?.ok) {
          acked.set(id, (body.payload as { text: string }).text);
          sent.delete(id);
        }
      }
      // Then all six write as fast as they can while the server is killed under them.
      let stop = false;
      const writers = clients.map(async (c, i) => {
        for (let k = 0; !stop && k < 200; k++) {
          const id: string = crypto.randomUUID();
          const text = `runde ${n} · ${i} · ${k}`;
          const body = { type: 'note.write' as const, payload: { noteId: crypto.randomUUID(), taskId, text } };
          sent.set(id, { id, body });
          const ack = await c.socket.timeout(2000).emitWithAck('command', { id, ...body }).catch(() => null);
          if (ack?.ok) {
            acked.set(id, text);
            sent.delete(id);
          }
          if (!c.socket.connected) return;
        }
      });
      await eventually(() => acked.size >= n * 30, 10_000);
      const dying = exited(child!);
      child!.kill('SIGKILL');
      expect(await dying).toBeNull(); // killed, not exited
      stop = true;
      await Promise.allSettled(writers);
      for (const c of clients) c.disconnect();
    };

    await round(1);
    url = await boot();
    await round(2);
    url = await boot();

    // Every acknowledged note is there, once; nothing else is doubled either.
    const fac = new TestClient(url, seminarId, { cookie: (await loginCookie(url)) });
    await fac.connect();
    await fac.send({ type: 'groups.split', payload: { size: 3 } });
    await fac.send({ type: 'task.setPhase', payload: { taskId, phase: 'share' } });
    await eventually(() => Object.keys(fac.state.notes).length >= acked.size);
    const texts = Object.values(fac.state.notes).map((n) => n.text);
    for (const text of acked.values()) expect(texts).toContain(text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(acked.size).toBeGreaterThanOrEqual(60);
    expect(retried, 'commands in flight at a kill were sent again').toBeGreaterThan(0);

    // A clean stop: SIGTERM finishes and exits 0.
    fac.disconnect();
    const stopping = exited(child!);
    child!.kill('SIGTERM');
    expect(await stopping).toBe(0);
    child = null;
  }, 90_000);
});

async function loginCookie(url: string): Promise<string> {
  const http = new FacilitatorHttp(url);
  const r = await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' });
  if (r.status !== 200) throw new Error('login failed');
  return http.cookie;
}
