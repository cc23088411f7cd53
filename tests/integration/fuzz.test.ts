import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@tavla/shared';
import { FacilitatorHttp, TestClient, join, startServer, type Running } from '../harness.js';

/**
 * Hostile and broken input on every door: the server never crashes, answers each message with a
 * clear error, and its state does not change.
 */
let server: Running;
let fac: FacilitatorHttp;
let phone: TestClient;
let seminarId: string;
let taskId: string;
let before: string;

const snapshotOfStore = () => canonicalJson({ head: server.app.hub.get(seminarId).head, state: server.app.hub.get(seminarId).state });

// Payloads a broken or hostile client might send: wrong types, deep nesting, huge strings,
// prototype pollution, and near-misses of real commands.
const nasty = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, 0, -1, 1e308, NaN, '', '__proto__', 'constructor', 'x'.repeat(5_000)),
    fc.string(),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'type', 'payload', 'noteId', 'text', 'toString'), tie('value'), { maxKeys: 4 }),
  ),
})).value;
const nearMiss = fc.record({
  id: fc.oneof(fc.uuid(), fc.string(), fc.constant(undefined)),
  type: fc.constantFrom('note.write', 'note.edit', 'note.delete', 'task.setPhase', 'groups.split', 'theme.create', 'note.place', 'participant.move', 'group.remove', 'board.focus', 'nope'),
  payload: fc.oneof(nasty, fc.record({ noteId: fc.oneof(fc.uuid(), nasty), taskId: fc.oneof(fc.uuid(), nasty), text: fc.oneof(fc.string({ maxLength: 400 }), nasty), groupId: nasty, size: nasty, phase: nasty }, { requiredKeys: [] })),
}, { requiredKeys: [] });
const polluted = fc.constant(JSON.parse('{"id":"00000000-0000-4000-8000-000000000009","type":"note.write","payload":{"__proto__":{"admin":true},"noteId":"00000000-0000-4000-8000-000000000010","taskId":"00000000-0000-4000-8000-000000000011","text":"x"}}'));

/** Messages over the size limit close the connection instead: they have their own test. */
const underLimit = (p: unknown) => (JSON.stringify(p)?.length ?? 0) < 12_000;

beforeAll(async () => {
  // Rate limits are lifted so that every message reaches validation (they have their own tests).
  server = await startServer({ unlimited: true });
  fac = new FacilitatorHttp(server.url);
  await fac.setup();
  const created = await fac.createSeminar();
  seminarId = created.id;
  const p = await join(server.url, created.joinCode, 'Fuzz', 'r1');
  phone = new TestClient(server.url, seminarId, { token: p.token });
  await phone.connect();
  taskId = server.app.hub.get(seminarId).state.currentTaskId!;
  before = snapshotOfStore();
});
afterAll(async () => {
  phone.disconnect();
  await server.stop();
});

describe('fuzzing every door', () => {
  it('socket commands, holds and syncs: 12,000 malformed messages, each answered with an error, nothing changed', async () => {
    let answered = 0;
    const codes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, nearMiss, polluted).filter(underLimit), fc.constantFrom('command', 'hold', 'sync'), async (payload, event) => {
        const reply = await phone.socket.timeout(5000).emitWithAck(event, payload);
        answered++;
        if (event === 'sync') return; // a sync with junk is answered with an error or, if valid, a view
        expect(reply.ok, JSON.stringify(payload)?.slice(0, 200)).toBe(false);
        codes[reply.error.code] = (codes[reply.error.code] ?? 0) + 1;
        expect(typeof reply.error.message).toBe('string');
        expect(reply.error.message.length).toBeGreaterThan(0);
      }),
      { seed: 6, numRuns: 12_000 },
    );
    expect(answered).toBe(12_000);
    expect(codes.invalid).toBeGreaterThan(6_000); // most never get past their schema
    expect(codes.rate_limited).toBeUndefined();
    expect(snapshotOfStore()).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // Still alive and well: a real note goes through.
    expect(await phone.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Fortsatt her' } })).toMatchObject({ ok: true });
    before = snapshotOfStore();
  }, 120_000);

  it('an oversized message closes that connection; the server lives on and the phone reconnects', async () => {
    const big = { id: crypto.randomUUID(), type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'x'.repeat(40_000) } };
    const closed = new Promise<string>((resolve) => phone.socket.once('disconnect', resolve));
    phone.socket.emit('command', big, () => {});
    expect(await closed).toBe('transport close');
    expect(snapshotOfStore()).toBe(before);
    await phone.connect();
    expect(await phone.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: 'Tilbake' } })).toMatchObject({ ok: true });
    before = snapshotOfStore();
  });

  it('HTTP routes: 1,500 malformed bodies, each refused with a JSON error, nothing changed', async () => {
    const routes = ['/api/auth/setup', '/api/auth/login', '/api/seminars', '/api/join'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.oneof(nasty, fc.string()), fc.boolean(), async (route, body, asJson) => {
        const res = await fetch(server.url + route, {
          method: 'POST',
          headers: { 'content-type': asJson ? 'application/json' : 'text/plain', cookie: fac.cookie },
          body: typeof body === 'string' && !asJson ? body : JSON.stringify(body) ?? 'undefined',
        });
        expect([400, 401, 409, 413, 415], `${route} ${res.status}`).toContain(res.status);
        const json = (await res.json()) as { error?: { code: string; message: string } };
        expect(json.error?.message).toBeTruthy();
      }),
      { seed: 7, numRuns: 1_500 },
    );
    expect(snapshotOfStore()).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
