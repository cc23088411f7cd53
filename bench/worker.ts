/**
 * One bench worker process: simulated participants, as real socket.io clients (websocket only).
 * Forked by `bench/run.ts`, driven over IPC one request at a time; every wait here is bounded.
 *
 * A participant joins over HTTP (from its own loopback source address, see run.ts), connects,
 * syncs, and later writes notes at a steady pace. The worker records when each note was sent and
 * when each `notes.revealed` carrying a note arrived at each participant, on the machine-wide
 * monotonic clock, so the orchestrator can time a note from send to the last of its group.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@tavla/shared';
import { LoopLag, clock, sleep, within } from './clock.js';

export type Target = 'tavla' | 'raw';
export interface Person {
  index: number;
  seminarId: string;
  /** Tavla's join code; unused by the raw relay. */
  code: string;
  roleId: string;
  /**
   * The person's place in its seminar's order (0, 1, 2 …). The relay seats tables of five by it,
   * so that its tables are split over the phone processes as Tavla's are (see run.ts).
   */
  seat: number;
  /** Loopback address the HTTP join is sent from (the join limit counts per address). */
  localAddress: string;
}
/** What the orchestrator asks, by command. */
export interface Requests {
  setup: { target: Target; url: string; people: Person[]; concurrency: number };
  groups: { [k in never]: never };
  write: { tasks: Record<string, string>; everyMs: number; forMs: number; maxNotes: number };
  received: { [k in never]: never };
  storm: { [k in never]: never };
  report: { [k in never]: never };
  exit: { [k in never]: never };
}
/** What the worker answers, by command. */
export interface Replies {
  setup: { ok: number; failed: number; firstError: string | null; lagP99Ms: number };
  groups: { groups: [number, string | null][] };
  /** `mostInTask`: the most notes one of this worker's people has written in the current task. */
  write: { sent: number; capped: number; mostInTask: number; lagP99Ms: number };
  received: { n: number };
  storm: { ok: number; failed: number; ms: number; firstError: string | null };
  report: {
    /** [noteId, author index, sent at, command id] */
    sent: [string, number, number, string][];
    /** [noteId, receiver index, received at] */
    received: [string, number, number][];
    ackMs: number[];
    ackFailures: number;
    disconnects: number;
    firstError: string | null;
  };
  exit: { [k in never]: never };
}
export type ToWorker = { [K in keyof Requests]: { rid: number; cmd: K } & Requests[K] }[keyof Requests];
export type FromWorker =
  | { cmd: 'up' }
  | { rid: number; cmd: 'error'; message: string }
  | { [K in keyof Replies]: { rid: number; cmd: K } & Replies[K] }[keyof Replies];

interface Client {
  index: number;
  seminarId: string;
  participantId: string;
  group: string | null;
  head: number;
  /** Tavla's epoch of what this client folded, sent back on every sync. */
  epoch?: string;
  socket: Socket;
  /** Notes written in `task` (a person may write LIMITS.notesPerParticipantPerTask in a task). */
  notes: number;
  task?: string;
  leaving: boolean;
}

const NOTE_TEXT = 'Vi trenger mer tid til samtale mellom bruker og ansatt før tiltak bestemmes';

let target: Target = 'tavla';
let url = '';
const clients: Client[] = [];
const sent: [string, number, number, string][] = [];
const received: [string, number, number][] = [];
type Wire = { seq: number; body: { type: string; notes?: { id: string }[] } };
type Ack = { ok: boolean; error?: unknown; events?: Wire[] };
/** Events `c` heard at `t`: its head moves on, each revealed note arrived. */
function heard(c: Client, events: Wire[], t: number) {
  for (const e of events) {
    if (e.seq > c.head) c.head = e.seq;
    if (e.body.type === 'notes.revealed') for (const n of e.body.notes ?? []) received.push([n.id, c.index, t]);
  }
}
const ackMs: number[] = [];
let ackFailures = 0;
let disconnects = 0;
let firstError: string | null = null;
const lag = new LoopLag(5);
const noteError = (msg: string) => (firstError ??= msg);

/** POST JSON from a chosen loopback source address (fetch cannot pick one without undici). */
function postJson(to: string, body: unknown, localAddress: string): Promise<{ status: number; json: any }> {
  const u = new URL(to);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress, agent: false, timeout: 30_000,
        headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('HTTP join timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

async function join(p: Person): Promise<{ token: string; participantId: string; group: string | null }> {
  const r = target === 'tavla'
    ? await postJson(`${url}/api/join`, { code: p.code, name: `Deltaker ${p.index}`, roleId: p.roleId }, p.localAddress)
    : await postJson(`${url}/join`, { seminar: p.seminarId, seat: p.seat }, p.localAddress);
  if (r.status !== 201) throw new Error(`join answered ${r.status} ${JSON.stringify(r.json)}`);
  return { token: r.json.token, participantId: r.json.participantId ?? '', group: r.json.group ?? null };
}

function open(p: Person, token: string, participantId: string, group: string | null): Client {
  const socket = io(url, {
    auth: target === 'tavla' ? { seminarId: p.seminarId, token } : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    timeout: 30_000,
  });
  const c: Client = { index: p.index, seminarId: p.seminarId, participantId, group, head: 0, socket, notes: 0, leaving: false };
  socket.on('events', (events: Wire[]) => heard(c, events, clock()));
  // Tavla seats a participant (or moves them) by sending a fresh snapshot of their view.
  socket.on('snapshot', (msg: { head: number; state: { participants: Record<string, { groupId: string | null }> } }) => {
    c.head = msg.head;
    c.group = msg.state.participants[c.participantId]?.groupId ?? null;
  });
  socket.on('disconnect', (reason) => {
    if (!c.leaving) {
      disconnects++;
      noteError(`participant ${c.index} disconnected: ${reason}`);
    }
  });
  return c;
}

/** Connect (or reconnect) and sync from what the client holds; resolves when the sync ack is in. */
async function connectAndSync(c: Client): Promise<void> {
  const { socket } = c;
  await within(
    new Promise<void>((resolve, reject) => {
      const ok = () => {
        socket.off('connect_error', bad);
        resolve();
      };
      const bad = (err: Error) => {
        socket.off('connect', ok);
        reject(new Error(`connect_error ${err.message}`));
      };
      socket.once('connect', ok);
      socket.once('connect_error', bad);
      socket.connect();
    }),
    35_000,
    'socket connect',
  );
  const reply = await socket.timeout(30_000).emitWithAck('sync', { after: c.head, protocol: PROTOCOL_VERSION, ...(c.epoch ? { epoch: c.epoch } : {}) });
  if (!reply?.ok) throw new Error(`sync refused: ${JSON.stringify(reply?.error)}`);
  c.epoch = reply.epoch;
  if (reply.kind === 'snapshot') c.group = reply.state.participants[c.participantId]?.groupId ?? null;
  else if (reply.group) c.group = reply.group; // the raw relay says which table
  c.head = Math.max(c.head, reply.head ?? 0);
}

/** Run `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function handle(msg: ToWorker): Promise<FromWorker> {
  const rid = msg.rid;
  switch (msg.cmd) {
    case 'setup': {
      target = msg.target;
      url = msg.url;
      lag.reset();
      let ok = 0;
      let failed = 0;
      let setupError: string | null = null;
      await pool(msg.people, msg.concurrency, async (p) => {
        try {
          const { token, participantId, group } = await join(p);
          const c = open(p, token, participantId, group);
          clients.push(c);
          await connectAndSync(c);
          ok++;
        } catch (err) {
          failed++;
          setupError ??= `participant ${p.index}: ${(err as Error).message}`;
        }
      });
      return { rid, cmd: 'setup', ok, failed, firstError: setupError, lagP99Ms: lag.p99Ms() };
    }
    case 'groups':
      return { rid, cmd: 'groups', groups: clients.map((c) => [c.index, c.group] as [number, string | null]) };
    case 'write': {
      // Each participant writes every `everyMs`, from a random phase, for `forMs`.
      lag.reset();
      const until = clock() + msg.forMs;
      const acks: Promise<void>[] = [];
      let capped = 0;
      await Promise.all(
        clients.map(async (c) => {
          let next = clock() + Math.random() * msg.everyMs;
          if (next >= until) return; // this participant's turn falls after the steady period
          await sleep(next - clock());
          while (clock() < until) {
            const taskId = msg.tasks[c.seminarId] ?? randomUUID();
            if (c.task !== taskId) [c.task, c.notes] = [taskId, 0]; // the facilitator moved on
            if (c.notes >= msg.maxNotes) {
              capped++;
              break;
            }
            const noteId = randomUUID();
            const commandId = randomUUID();
            const t = clock();
            sent.push([noteId, c.index, t, commandId]);
            c.notes++;
            acks.push(
              new Promise<void>((done) =>
                c.socket
                  .timeout(10_000)
                  .emit('command', { id: commandId, type: 'note.write', payload: { noteId, taskId, text: `${NOTE_TEXT} (${c.notes})` } }, (err: Error | null, ack: Ack) => {
                    const at = clock();
                    if (err) {
                      ackFailures++;
                      noteError(`note not acked: ${err.message}`);
                    } else if (ack?.ok) {
                      ackMs.push(at - t);
                      heard(c, ack.events ?? [], at); // Tavla before 2026-12-04 (--against) sent the writer's share on the ack
                    } else {
                      ackFailures++;
                      noteError(`note refused: ${JSON.stringify(ack?.error)}`);
                    }
                    done();
                  }),
              ),
            );
            next += msg.everyMs;
            if (next >= until) break;
            await sleep(Math.max(0, next - clock()));
          }
        }),
      );
      await Promise.all(acks); // each one is bounded by its 10 s timeout
      return { rid, cmd: 'write', sent: sent.length, capped, mostInTask: Math.max(0, ...clients.map((c) => c.notes)), lagP99Ms: lag.p99Ms() };
    }
    case 'received':
      return { rid, cmd: 'received', n: received.length };
    case 'storm': {
      // Everyone drops at once, then everyone reconnects at once and syncs from what they hold.
      const t0 = clock();
      for (const c of clients) {
        c.leaving = true;
        c.socket.disconnect();
      }
      let ok = 0;
      let failed = 0;
      let stormError: string | null = null;
      await Promise.all(
        clients.map(async (c) => {
          c.leaving = false;
          try {
            await connectAndSync(c);
            ok++;
          } catch (err) {
            failed++;
            stormError ??= `participant ${c.index}: ${(err as Error).message}`;
          }
        }),
      );
      return { rid, cmd: 'storm', ok, failed, ms: clock() - t0, firstError: stormError };
    }
    case 'report':
      return { rid, cmd: 'report', sent, received, ackMs, ackFailures, disconnects, firstError };
    case 'exit':
      for (const c of clients) {
        c.leaving = true;
        c.socket.disconnect();
      }
      setTimeout(() => process.exit(0), 50);
      return { rid, cmd: 'exit' };
  }
}

process.on('message', (msg: ToWorker) => {
  handle(msg).then(
    (reply) => process.send!(reply),
    (err: Error) => process.send!({ rid: msg.rid, cmd: 'error', message: err.stack ?? String(err) } satisfies FromWorker),
  );
});
// The orchestrator went away (even by SIGKILL): do not linger.
process.on('disconnect', () => process.exit(0));
process.send!({ cmd: 'up' } satisfies FromWorker);
