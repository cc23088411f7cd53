/**
 * The floor the bench measures Tavla against: the same join flow and fan-out in the simplest
 * socket.io server, with nothing stored, checked or authorised.
 *
 * - `POST /join` `{ seminar, seat }` → 201 `{ token, group }`: per seminar, seats 0–4 make the first
 *   table, 5–9 the next, and so on (without a seat, every five joiners in turn make a table).
 * - A socket connects with `auth: { token }`; `sync` puts it in its table's room and acks. The
 *   facilitators' screens (the console and the projector, which follow the whole seminar) connect
 *   with the token `<seminar>:f:<anything>`, which puts them in the seminar's room `<seminar>:f`.
 * - `command` relays the note to the table's room and the seminar's facilitators' room (the same
 *   screens Tavla sends it to) as a `notes.revealed` event, then acks.
 * - `GET /healthz` answers like Tavla's with `TAVLA_METRICS=1` (same lag monitor, same resolution).
 *
 * Env: PORT (required for a known port; 0 picks one), HOST (default 127.0.0.1), TAVLA_TRACE_FILE
 * (the bench's `--trace`: each command's span, and GC pauses, as Tavla's; server/src/trace.ts).
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { commandIdOf, spans } from '../server/src/trace.js';

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const joined = new Map<string, number>(); // seminar → joiners so far
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ ok: true, loopLagP99Ms: lag.percentile(99) / 1e6 }));
  }
  if (req.method === 'POST' && req.url === '/join') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      let seminar = 's0';
      let seat: number | null = null;
      try {
        const b = JSON.parse(body) as { seminar?: unknown; seat?: unknown };
        seminar = String(b.seminar ?? 's0');
        if (typeof b.seat === 'number') seat = b.seat;
      } catch {
        /* the floor checks nothing */
      }
      const n = joined.get(seminar) ?? 0;
      joined.set(seminar, n + 1);
      const group = `${seminar}:g${Math.floor((seat ?? n) / 5)}`;
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: `${group}:${n}`, group }));
    });
    return;
  }
  res.writeHead(404).end();
});

const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  const token = String((socket.handshake.auth as { token?: unknown }).token ?? '');
  const group = token.slice(0, token.lastIndexOf(':'));
  const screens = `${group.slice(0, group.lastIndexOf(':'))}:f`; // the seminar's facilitators' room
  socket.on('sync', (_req: unknown, ack: (reply: unknown) => void) => {
    void socket.join(group);
    if (typeof ack === 'function') ack({ ok: true, kind: 'events', events: [], head: seq, group });
  });
  socket.on('command', (cmd: { payload?: { noteId?: string; taskId?: string; text?: string } }, ack: (reply: unknown) => void) => {
    const start = spans?.now();
    const p = cmd?.payload ?? {};
    seq++;
    io.to([group, screens]).emit('events', [{ seq, body: { type: 'notes.revealed', taskId: p.taskId, groupId: group, notes: [{ id: p.noteId, text: p.text, order: '' }] } }]);
    if (typeof ack === 'function') ack({ ok: true, seq });
    if (spans) spans.add('command', start!, commandIdOf(cmd)); // --trace, as Tavla's
  });
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const addr = server.address();
  console.log(`raw socket.io relay listening on ${typeof addr === 'object' && addr ? addr.port : '?'}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
