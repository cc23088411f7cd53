import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@tavla/shared';
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

describe('a server stopped between sending a note and storing it', () => {
  const dir = tempDir('tavla-crash-epoch-');
  let proc: ChildProcess | null = null;
  afterAll(() => {
    proc?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // Commands wait 1.5 s for their commit here, so the test can stop the server in between.
  const slow = { TAVLA_COMMIT_DELAY_MS: '1500' };

  it('killed: a screen that heard the note starts afresh, though the log has moved past it', async () => {
    let booted = await spawnServer(dir, slow);
    proc = booted.proc;
    const http = new FacilitatorHttp(booted.url);
    await http.setup();
    const { id: seminarId, joinCode } = await http.createSeminar();
    const [a, b] = [await join(booted.url, joinCode, 'Aud', 'r1'), await join(booted.url, joinCode, 'Bo', 'r2')];
    const fac = new TestClient(booted.url, seminarId, { cookie: http.cookie });
    await fac.connect();
    await fac.send({ type: 'groups.split', payload: { size: 2 } });
    await fac.send({ type: 'task.setPhase', payload: { taskId: fac.state.currentTaskId!, phase: 'share' } });
    const writer = new TestClient(booted.url, seminarId, { token: a.token });
    const mate = new TestClient(booted.url, seminarId, { token: b.token });
    await Promise.all([writer.connect(), mate.connect()]);
    writer.socket.emit('command', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: fac.state.currentTaskId!, text: 'Hørt, aldri lagret' } }, () => {});
    await eventually(() => mate.notesText().includes('Hørt, aldri lagret'));
    const heard = { head: mate.head, epoch: mate.epoch };
    const dying = exited(proc);
    proc.kill('SIGKILL');
    await dying;
    for (const c of [fac, writer, mate]) c.disconnect();

    booted = await spawnServer(dir);
    proc = booted.proc;
    // Two more people join: the log passes the lost note's number with other events.
    await join(booted.url, joinCode, 'Cato', 'r1');
    await join(booted.url, joinCode, 'Dina', 'r2');
    const back = new TestClient(booted.url, seminarId, { token: b.token });
    Object.assign(back, { head: heard.head, epoch: heard.epoch, state: mate.state });
    const reply = await back.connect();
    expect(reply).toMatchObject({ ok: true, kind: 'snapshot' });
    expect(back.notesText()).toEqual([]);
    const fresh = new TestClient(booted.url, seminarId, { token: b.token });
    await fresh.connect();
    expect(canonicalJson(back.state)).toBe(canonicalJson(fresh.state));
    back.disconnect();
    fresh.disconnect();

    // SIGTERM: what waits for the commit is written before the server exits.
    const done = exited(proc);
    proc.kill('SIGTERM');
    await done;
    const restarted = await spawnServer(dir, slow);
    proc = restarted.proc;
    const again = new TestClient(restarted.url, seminarId, { token: a.token });
    await again.connect();
    again.socket.emit('command', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId: fac.state.currentTaskId!, text: 'Lagret ved stopp' } }, () => {});
    await eventually(() => again.notesText().includes('Lagret ved stopp'));
    const stopping = exited(proc);
    proc.kill('SIGTERM');
    expect(await stopping).toBe(0);
    again.disconnect();
    booted = await spawnServer(dir);
    proc = booted.proc;
    const check = new TestClient(booted.url, seminarId, { token: a.token });
    await check.connect();
    expect(check.notesText()).toEqual(['Lagret ved stopp']);
    check.disconnect();
  }, 60_000);
});

async function loginCookie(url: string): Promise<string> {
  const http = new FacilitatorHttp(url);
  const r = await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' });
  if (r.status !== 200) throw new Error('login failed');
  return http.cookie;
}
