import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { parse as parseCookie } from 'cookie';
import { z } from 'zod';
import {
  HandshakeAuth,
  LIMITS,
  PROTOCOL_VERSION,
  canSee,
  tableOf,
  regroupedBy,
  viewsOf,
  type Actor,
  type Audience,
  type CommandAck,
  type ClientToServer,
  type SeminarEvent,
  type SeminarState,
  type ServerToClient,
  type SyncReply,
  type WireEvent,
} from '@tavla/shared';
import { NOT_SAVED, type Hub } from './hub.js';
import type { Logger } from 'pino';
import { SESSION_COOKIE, facilitatorFromCookie } from './auth.js';
import { hashToken } from './secrets.js';
import { originAllowed } from './origin.js';
import { performance } from 'node:perf_hooks';
import { timeSliced, type Job } from './slices.js';
import { commandIdOf, spans } from './trace.js';

interface SocketData {
  seminarId: string;
  actor: Actor;
  /** Token bucket for the per-connection command rate. */
  tokens: number;
  refilledAt: number;
}
type TavlaSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

// Rooms mirror `canSee`: every audience maps to the rooms whose members may see it.
const rooms = {
  facilitators: (s: string) => `${s}:f`,
  participants: (s: string) => `${s}:p`,
  group: (s: string, g: string) => `${s}:g:${g}`,
  participant: (s: string, p: string) => `${s}:p:${p}`,
};
function roomsFor(seminarId: string, a: Audience): string[] {
  switch (a.kind) {
    case 'all': return [rooms.facilitators(seminarId), rooms.participants(seminarId)];
    case 'facilitators': return [rooms.facilitators(seminarId)];
    case 'group': return [rooms.group(seminarId, a.groupId), rooms.facilitators(seminarId)];
    case 'participant': return [rooms.participant(seminarId, a.participantId)];
  }
}

const SyncRequest = z.object({ after: z.number().int().min(0), protocol: z.number().int(), epoch: z.string().max(64).optional() });

/**
 * Facilitators' screens (the console, the projector) follow the whole room, not one table: the
 * events for them wait up to this long and go out as one frame. A room writing fast then costs
 * them, and the server, a frame per tick instead of one per note, and the tables' frames are not
 * kept waiting behind theirs. Ten a second is more than a screen of counts and boards needs.
 */
const OBSERVER_FRAME_MS = 100;

/**
 * A turn of the event loop given to work that comes in bursts (handshakes, syncs and snapshots
 * when a room reconnects or is seated at once) before what else waits gets its turn.
 */
const BURST_SLICE_MS = 5;
/** How often idle seminars are looked for (at most; more often when they may idle for less). */
const EVICT_SWEEP_MS = 60_000;
/** Fresh snapshots sent at least, in whole tables, before a seating burst looks at the clock. */
const RESNAP_CHUNK = 10;

/** Attach socket.io to the HTTP server: handshake, sync on (re)connect, commands, delivery. */
export function attachSync(httpServer: HttpServer, hub: Hub, opts: { allowedOrigins: string[]; commandsPerSecond: number; payloadBytes: number; idleSeminarMs: number; log: Logger }): Server {
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(httpServer, {
    maxHttpBufferSize: opts.payloadBytes,
    allowRequest: (req: IncomingMessage, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, opts.allowedOrigins)),
    serveClient: false,
  });

  // Handshakes, syncs and fresh snapshots come in bursts (a room's wifi comes back, a room is
  // seated): they take turns of BURST_SLICE_MS, so that another table's note does not wait for
  // a thousand of them (see `timeSliced`).
  const burst = timeSliced(BURST_SLICE_MS, (err) => opts.log.error({ err }, 'connection work failed'));

  // 1. Handshake, for one seminar: a table device's token, a participant's token, or else a
  // facilitator's session cookie (the seminar's owner or a co-facilitator). A look-up that throws
  // (a locked or full disk) is answered `server_error`, which clients retry: never left unanswered.
  io.use((socket, next) => burst(() => {
    try {
      handshake(socket, next);
    } catch (err) {
      opts.log.error({ err }, 'handshake failed');
      next(new Error('server_error'));
    }
  }));
  function handshake(socket: TavlaSocket, next: (err?: Error) => void) {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('unauthenticated'));
    const { seminarId, token, table } = auth.data;
    const seminar = hub.store.seminarById(seminarId);
    if (!seminar) return next(new Error('not_found'));
    let actor: Actor | null = null;
    if (table) {
      const device = hub.store.tableDeviceByToken(hashToken(table));
      if (device && device.seminarId === seminarId) actor = { kind: 'table', id: `table-${device.groupId}`, groupId: device.groupId };
    } else if (token) {
      const p = hub.store.participantByToken(hashToken(token));
      if (p && p.seminarId === seminarId) actor = { kind: 'participant', id: p.participantId };
    } else {
      const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
      const fac = facilitatorFromCookie(hub.store, cookies[SESSION_COOKIE]);
      if (fac && hub.store.mayRun(seminarId, fac.id)) actor = { kind: 'facilitator', id: fac.id };
      else if (fac) return next(new Error('forbidden'));
    }
    if (!actor) return next(new Error('unauthenticated'));
    socket.data = { seminarId, actor, tokens: opts.commandsPerSecond, refilledAt: Date.now() };
    next();
  }

  io.on('connection', (socket: TavlaSocket) => {
    const { seminarId, actor } = socket.data;

    // 2. Sync: join the rooms this viewer may hear, then send what it missed or a snapshot.
    // Answered at its turn (see `burst`), with the seminar as it is then: until then this
    // connection is in no room, and what happens meanwhile is in the reply.
    socket.on('sync', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SyncRequest.safeParse(req);
      if (!parsed.success) return ack({ ok: false, error: { code: 'invalid', message: 'sync needs { after, protocol }' } });
      if (parsed.data.protocol !== PROTOCOL_VERSION)
        return ack({ ok: false, error: { code: 'invalid', message: `protocol ${parsed.data.protocol} is not ${PROTOCOL_VERSION}; reload the page` } });
      burst(() => {
        if (!socket.connected) return; // gone meanwhile (or its seminar deleted)
        flush(socket.id);
        ack(syncReply(socket, parsed.data.after, parsed.data.epoch));
      });
    });

    socket.on('hold', (raw, ack) => {
      if (typeof ack !== 'function') return;
      if (!takeToken(socket.data, opts.commandsPerSecond)) return ack({ ok: false, error: { code: 'rate_limited', message: 'too many commands; slow down' } });
      const reply = hub.hold(seminarId, actor, socket.id, raw);
      flush(socket.id);
      ack(reply);
    });
    socket.on('disconnect', () => {
      waiting.delete(socket.id); // what it missed comes with its next sync
      hub.releaseAll(seminarId, socket.id);
    });

    // 3. Commands: rate-limited, then validated, decided and stored by the hub, which answers
    // once (at once if refused, after the commit if applied).
    socket.on('command', (raw, ack) => {
      if (typeof ack !== 'function') return;
      if (!takeToken(socket.data, opts.commandsPerSecond)) return ack({ ok: false, error: { code: 'rate_limited', message: 'too many commands; slow down' } });
      let answered = false;
      const answer = (reply: CommandAck) => {
        if (answered) return;
        answered = true;
        flush(socket.id); // the events before an ack arrive before it
        ack(reply);
      };
      const start = spans?.now();
      try {
        hub.command(seminarId, actor, raw, socket.id, answer);
      } catch (err) {
        opts.log.error({ err, seminarId }, 'command failed');
        answer({ ok: false, error: NOT_SAVED });
      }
      if (spans) spans.add('command', start!, commandIdOf(raw)); // the bench's --trace
    });
  });

  /**
   * What a (re)connecting screen missed since `after`, or its whole view: when it is new, far
   * behind, regrouped meanwhile, or holds a fold of another epoch (the server restarted, or a
   * commit failed: it may hold events the log never got).
   */
  function syncReply(socket: TavlaSocket, after: number, epochHeld?: string): SyncReply {
    const { seminarId, actor } = socket.data;
    hub.flush(); // what it missed is read from the log
    const { state, head, epoch } = hub.get(seminarId);
    placeInRooms(socket);
    const held = heldFor(seminarId, actor);
    const serverTime = Date.now(); // lets the client count the timer down by the server's clock
    const snapshot = (): SyncReply => ({ ok: true, kind: 'snapshot', state: currentViews(seminarId)(actor), head, epoch, you: actor, held, serverTime });
    if (after === 0 || epochHeld !== epoch || after > head || head - after > LIMITS.catchUpMaxEvents) return snapshot();
    const missed = hub.store.read(seminarId, after);
    // Group membership may have changed while away: the view is simplest to send whole.
    if (missed.some((e) => regroupedBy(e.body).length)) return snapshot();
    return { ok: true, kind: 'events', events: missed.filter((e) => canSee(state, actor, e.audience)).map(strip), head, epoch, you: actor, held, serverTime };
  }

  /**
   * Views of a seminar as it is now, shared by every snapshot until its next event: when a room
   * reconnects at once (bad wifi), a table's part is worked out once, not once per phone.
   */
  const views = new Map<string, { head: number; epoch: string; see: (viewer: Actor) => SeminarState }>();
  function currentViews(seminarId: string): (viewer: Actor) => SeminarState {
    const { state, head, epoch } = hub.get(seminarId);
    let cached = views.get(seminarId);
    if (cached?.head !== head || cached.epoch !== epoch) views.set(seminarId, (cached = { head, epoch, see: viewsOf(state) }));
    return cached.see;
  }

  function heldFor(seminarId: string, actor: Actor): string[] {
    if (actor.kind === 'facilitator') return hub.heldOn(seminarId, null);
    const groupId = tableOf(hub.get(seminarId).state, actor);
    return groupId ? hub.heldOn(seminarId, groupId) : [];
  }

  function leaveTables(socket: TavlaSocket) {
    const prefix = rooms.group(socket.data.seminarId, '');
    for (const room of socket.rooms) if (room.startsWith(prefix)) socket.leave(room);
  }

  function placeInRooms(socket: TavlaSocket) {
    const { seminarId, actor } = socket.data;
    if (actor.kind === 'facilitator') return void socket.join(rooms.facilitators(seminarId));
    if (actor.kind === 'table') return void socket.join([rooms.participants(seminarId), rooms.group(seminarId, actor.groupId)]);
    leaveTables(socket);
    const groupId = tableOf(hub.get(seminarId).state, actor);
    socket.join([rooms.participants(seminarId), rooms.participant(seminarId, actor.id), ...(groupId ? [rooms.group(seminarId, groupId)] : [])]);
  }

  // 4. Delivery: each connection gets one frame per command holding the events its rooms may
  // hear, in log order; connections with the same share get the same frame, encoded once. The
  // connection that sent the command hears its share at once like the rest (its ack follows
  // after the commit). A participant whose group changed sees a different board: they get new
  // rooms and a fresh snapshot of their view instead (table devices too, after a new split), a
  // few tables a turn when a whole room is seated (`resnap`). (This walks this process's
  // sockets; with several processes behind the Redis adapter, each process must do this for
  // its own sockets.)
  hub.onPublish((seminarId, events, origin) => {
    const moved = events.map((e) => regroupedBy(e.body));
    const everyone = moved.includes('all');
    const who = new Set(moved.flatMap((m) => (m === 'all' ? [] : m)));
    const resnapped = (socket: TavlaSocket) => socket.data.actor.kind !== 'facilitator' && (everyone || who.has(socket.data.actor.id));
    const { send } = recovering(seminarId, () => plan(seminarId, events, resnapped, origin));
    return {
      send: () => recovering(seminarId, send),
      // Their snapshots show the seminar with these events folded in: sent once the hub has.
      afterFold: everyone || who.size ? () => {
        const { state } = hub.get(seminarId);
        const phones: { id: string; table: string }[] = [];
        for (const id of io.sockets.adapter.rooms.get(rooms.participants(seminarId)) ?? []) {
          const socket = io.sockets.sockets.get(id) as TavlaSocket | undefined;
          if (!socket || !resnapped(socket)) continue;
          const { actor } = socket.data;
          // Out of its old table's room at once: a new split reuses tables by number, and until
          // its turn this phone must not hear the table it has left.
          if (actor.kind === 'participant') leaveTables(socket);
          phones.push({ id, table: tableOf(state, actor) ?? '' });
        }
        phones.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
        burst(resnap(seminarId, phones, 0));
      } : undefined,
    };
  }, (seminarId, groupId, noteId, held) => {
    // Facilitators' screens get what waits for them first: never that a note is held before the note.
    for (const id of io.sockets.adapter.rooms.get(rooms.facilitators(seminarId)) ?? []) flush(id);
    io.to(roomsFor(seminarId, { kind: 'group', groupId })).emit('held', { noteId, held });
  });

  /**
   * New rooms and a fresh snapshot for each connection of `phones` (in table order), from
   * `from`, while the slice of `burst` lasts; the rest queue again behind what came meanwhile:
   * seating a room of a thousand writes a thousand snapshots, and other seminars' notes should
   * not wait for all of them. Until its turn a phone is in no table's room (it hears neither its
   * old table nor its new one); its snapshot, taken at its turn, has all of it.
   */
  function resnap(seminarId: string, phones: { id: string; table: string }[], from: number): Job {
    return (deadline) => {
      if (!hub.store.seminarById(seminarId)) return; // deleted in between
      const { head } = hub.get(seminarId);
      const see = currentViews(seminarId);
      let i = from;
      do {
        // A few whole tables at a time: phones that see the same (a new table before anyone
        // wrote) get one frame, encoded once.
        const same = new Map<SeminarState, { members: string[]; actor: Actor }>();
        const start = i;
        for (; i < phones.length && (i - start < RESNAP_CHUNK || phones[i]!.table === phones[i - 1]!.table); i++) {
          const socket = io.sockets.sockets.get(phones[i]!.id) as TavlaSocket | undefined;
          if (!socket) continue; // gone meanwhile; its next sync brings it up to date
          placeInRooms(socket);
          const v = see(socket.data.actor);
          (same.get(v) ?? same.set(v, { members: [], actor: socket.data.actor }).get(v)!).members.push(socket.id);
        }
        for (const [state, { members, actor }] of same) io.to(members).emit('snapshot', { state, head, held: heldFor(seminarId, actor) });
      } while (i < phones.length && performance.now() < deadline);
      if (i < phones.length) burst(resnap(seminarId, phones, i));
    };
  }

  /**
   * Delivery of stored events, or if it fails, recovery: some screens may not have had them, and
   * nothing would tell them. Every connection of the seminar here is then dropped (the transport,
   * not a socket.io disconnect, so clients come back by themselves) and its sync brings what it
   * missed.
   */
  function recovering<T>(seminarId: string, deliver: () => T): T {
    try {
      return deliver();
    } catch (err) {
      dropScreens(seminarId);
      throw err;
    }
  }
  /** Close the transport of every screen of a seminar here: each comes back and syncs. */
  function dropScreens(seminarId: string) {
    const ids = new Set(roomsFor(seminarId, { kind: 'all' }).flatMap((r) => [...(io.sockets.adapter.rooms.get(r) ?? [])]));
    for (const id of ids) {
      waiting.delete(id); // gathered frames of events that may not be stored: the sync replaces them
      io.sockets.sockets.get(id)?.conn.close();
    }
  }
  // A commit that failed: the screens may hold events the log never got. The hub has forgotten
  // its cache (a new epoch); their syncs bring their views afresh.
  hub.onReset((seminarId) => {
    views.delete(seminarId);
    dropScreens(seminarId);
  });

  /**
   * Work out what each socket in the events' rooms may hear, one frame per distinct share, for
   * `send` to write. Facilitators' screens get theirs gathered (`later`), except `origin`, the
   * connection whose command this was: it hears at once what it did.
   */
  function plan(seminarId: string, events: SeminarEvent[], skip: (socket: TavlaSocket) => boolean, origin?: string): { send: () => void } {
    const members = events.map((e) => roomsFor(seminarId, e.audience).map((r) => io.sockets.adapter.rooms.get(r)).filter((m): m is Set<string> => !!m));
    // Share of a socket: a bit string of the events it hears (one per event, in log order).
    const shares = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const rs of members) for (const room of rs) for (const id of room) {
      if (seen.has(id)) continue;
      seen.add(id);
      const socket = io.sockets.sockets.get(id) as TavlaSocket | undefined;
      if (!socket || skip(socket)) continue;
      let share = '';
      for (const m of members) share += m.some((r) => r.has(id)) ? '1' : '0';
      (shares.get(share) ?? shares.set(share, []).get(share)!).push(id);
    }
    const frames: { wire: WireEvent[]; now: string[]; observers: string[] }[] = [];
    const stripped = events.map(strip);
    for (const [share, ids] of shares) {
      const wire = stripped.filter((_, i) => share[i] === '1');
      const frame = { wire, now: [] as string[], observers: [] as string[] };
      for (const id of ids) {
        if (id !== origin && io.sockets.sockets.get(id)?.data.actor.kind === 'facilitator') frame.observers.push(id);
        else frame.now.push(id);
      }
      if (frame.now.length || frame.observers.length) frames.push(frame);
    }
    return {
      send: () => {
        if (origin) flush(origin); // a facilitator's gathered events come before its own
        for (const { wire, now, observers } of frames) {
          if (now.length) io.to(now).emit('events', wire);
          for (const id of observers) later(id, wire);
        }
      },
    };
  }

  // Facilitators' frames, gathered per connection (see OBSERVER_FRAME_MS). Anything else sent to
  // that connection (an ack, a sync reply) sends what waits first, so order is kept.
  const waiting = new Map<string, WireEvent[]>();
  let flushing: NodeJS.Timeout | null = null;
  function later(id: string, wire: WireEvent[]) {
    const queued = waiting.get(id);
    if (queued) queued.push(...wire);
    else waiting.set(id, [...wire]);
    flushing ??= setTimeout(() => {
      flushing = null;
      for (const id of [...waiting.keys()]) flush(id);
    }, OBSERVER_FRAME_MS).unref();
  }
  function flush(id: string) {
    const queued = waiting.get(id);
    if (!queued) return;
    waiting.delete(id);
    io.sockets.sockets.get(id)?.emit('events', queued);
  }

  // A deleted seminar: every screen of it is disconnected, and the server forgets it.
  hub.onDeleted((seminarId) => {
    views.delete(seminarId);
    io.in(roomsFor(seminarId, { kind: 'all' })).disconnectSockets(true);
  });

  // 5. Memory: a seminar no screen here has followed for `idleSeminarMs` leaves the hub's cache
  // (and its shared views go with it); its next use folds its log again.
  const followed = (seminarId: string) => roomsFor(seminarId, { kind: 'all' }).some((r) => !!io.sockets.adapter.rooms.get(r)?.size);
  const sweeping = setInterval(() => {
    try {
      for (const id of hub.evictIdle(opts.idleSeminarMs, followed)) views.delete(id);
    } catch (err) {
      opts.log.error({ err }, 'letting idle seminars go failed');
    }
  }, Math.min(EVICT_SWEEP_MS, Math.max(opts.idleSeminarMs, 100))).unref();
  httpServer.once('close', () => clearInterval(sweeping));

  return io;
}

/** Clients need the event, not whom it was for. */
const strip = (e: SeminarEvent): WireEvent => ({ seq: e.seq, body: e.body });

function takeToken(d: SocketData, perSecond: number): boolean {
  const now = Date.now();
  d.tokens = Math.min(perSecond, d.tokens + ((now - d.refilledAt) / 1000) * perSecond);
  d.refilledAt = now;
  if (d.tokens < 1) return false;
  d.tokens -= 1;
  return true;
}
