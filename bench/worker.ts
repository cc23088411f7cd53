/**
 * A worker process of simulated participants: real socket.io clients that join, sync, and then
 * write notes at a steady pace, recording when each note was sent and when each arrived.
 */
import { io, type Socket } from 'socket.io-client';

interface Setup { target: 'tavla' | 'raw'; url: string; people: { seminarId: string; code: string; index: number }[] }
interface Client { socket: Socket; seminarId: string; token: string; participantId: string; group: string | null; index: number }

const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
const sent: [string, number, number][] = []; // noteId, client index, time
const received: [string, number, number][] = []; // noteId, client index, time
let errors = 0;
let disconnects = 0;
let target: Setup['target'] = 'tavla';
let url = '';

async function join(p: Setup['people'][number]): Promise<{ token: string; participantId?: string }> {
  const res = target === 'tavla'
    ? await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: p.code, name: `P${p.index}`, roleId: p.index % 2 ? 'r2' : 'r1' }) })
    : await fetch(`${url}/join?seminar=${p.seminarId}`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`join ${res.status}`);
  return (await res.json()) as { token: string; participantId?: string };
}

function connect(c: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sync timeout')), 60_000);
    const sync = () =>
      c.socket.emit('sync', { after: 0, protocol: 1 }, (reply: { ok: boolean; groupId?: string; state?: { participants: Record<string, { groupId: string | null }> }; you?: { id: string } }) => {
        clearTimeout(timer);
        if (!reply.ok) return reject(new Error('sync refused'));
        if (reply.groupId) c.group = reply.groupId;
        resolve();
      });
    if (c.socket.connected) sync();
    else c.socket.once('connect', sync);
  });
}

function open(c: Omit<Client, 'socket'>): Client {
  const socket = io(url, { auth: target === 'tavla' ? { seminarId: c.seminarId, token: c.token } : { token: c.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const client = { ...c, socket };
  socket.on('events', (events: { body: { type: string; notes?: { id: string }[] } }[]) => {
    const t = now();
    for (const e of events) if (e.body.type === 'notes.revealed') for (const n of e.body.notes ?? []) received.push([n.id, client.index, t]);
  });
  // Tavla seats people by sending each phone a fresh snapshot of its view.
  socket.on('snapshot', ({ state }: { state: { participants: Record<string, { groupId: string | null }> } }) => {
    client.group = state.participants[client.participantId]?.groupId ?? null;
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') disconnects++;
  });
  return client;
}

process.on('message', async (msg: { cmd: string; [k: string]: unknown }) => {
  try {
    if (msg.cmd === 'setup') {
      const s = msg as unknown as Setup & { cmd: string };
      target = s.target;
      url = s.url;
      const started = now();
      await Promise.all(s.people.map(async (p) => {
        const { token, participantId = '' } = await join(p);
        const c = open({ seminarId: p.seminarId, token, participantId, group: null, index: p.index });
        clients.push(c);
        await connect(c);
      }));
      process.send!({ cmd: 'ready', ms: now() - started });
    } else if (msg.cmd === 'write') {
      // Each client writes every `everyMs`, starting at a random offset, for `forMs`.
      const { everyMs, forMs } = msg as unknown as { everyMs: number; forMs: number };
      const until = now() + forMs;
      await Promise.all(clients.map(async (c) => {
        await new Promise((r) => setTimeout(r, Math.random() * everyMs));
        while (now() < until) {
          const noteId = crypto.randomUUID();
          const t = now();
          sent.push([noteId, c.index, t]);
          c.socket.timeout(10_000).emit('command', { id: crypto.randomUUID(), type: 'note.write', payload: { noteId, taskId: (msg.tasks as Record<string, string>)[c.seminarId], text: `Lapp ${c.index}` } }, (err: unknown, ack: { ok: boolean }) => {
            if (err || !ack?.ok) errors++;
          });
          await new Promise((r) => setTimeout(r, everyMs));
        }
      }));
      await new Promise((r) => setTimeout(r, 2000)); // let the last notes arrive
      process.send!({ cmd: 'written' });
    } else if (msg.cmd === 'storm') {
      // Everyone drops at once and comes back; done when every client has synced again.
      const started = now();
      for (const c of clients) c.socket.disconnect();
      await Promise.all(clients.map(async (c, i) => {
        const fresh = open({ seminarId: c.seminarId, token: c.token, participantId: c.participantId, group: c.group, index: c.index });
        clients[i] = fresh;
        await connect(fresh);
      }));
      process.send!({ cmd: 'stormed', ms: now() - started });
    } else if (msg.cmd === 'seated?') {
      process.send!({ cmd: 'seated', n: clients.filter((c) => c.group).length });
    } else if (msg.cmd === 'report') {
      process.send!({ cmd: 'report', sent, received, errors, disconnects, groups: clients.map((c) => [c.index, c.group]) });
    } else if (msg.cmd === 'exit') {
      for (const c of clients) c.socket.disconnect();
      process.exit(0);
    }
  } catch (err) {
    process.send!({ cmd: 'error', message: String(err) });
  }
});
process.send!({ cmd: 'up' });
