/**
 * The floor: a minimal socket.io server doing the same fan-out as Tavla, nothing stored,
 * nothing checked. Join hands out a table of five; a note is relayed to the table and acked.
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let joined = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end(JSON.stringify({ ok: true, loopLagP99Ms: lag.percentile(99) / 1e6 }));
  if (req.method === 'POST' && req.url?.startsWith('/join')) {
    const seminar = new URL(req.url, 'http://x').searchParams.get('seminar') ?? '0';
    const n = joined++;
    res.writeHead(201, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ token: `${seminar}:${Math.floor(n / 5)}:${n}` }));
  }
  res.writeHead(404).end();
});
const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  const [seminar, table] = String(socket.handshake.auth.token).split(':');
  socket.on('sync', (_req, ack) => {
    void socket.join(`${seminar}:${table}`);
    ack({ ok: true, groupId: `${seminar}:${table}` });
  });
  socket.on('command', (cmd, ack) => {
    io.to(`${seminar}:${table}`).emit('events', [{ seq: 0, body: { type: 'notes.revealed', notes: [{ id: cmd.payload.noteId, text: cmd.payload.text }] } }]);
    ack({ ok: true });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  console.log(`raw listening on ${typeof addr === 'object' && addr ? addr.port : '?'}`);
});
