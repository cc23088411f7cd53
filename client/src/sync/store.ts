import { createStore, type StoreApi } from 'zustand/vanilla';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  emptyState,
  fold,
  type Actor,
  type AppError,
  type ClientToServer,
  type Command,
  type CommandBody,
  type WireEvent,
  type SeminarState,
  type ServerToClient,
  type SyncReply,
} from '@tavla/shared';
import { loadOutbox, saveOutbox, type Pending } from './outbox.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** One seminar connection: the folded view, who we are, and what we have not yet had acked. */
export interface SeminarStore {
  status: ConnectionStatus;
  /** Why the server refused us (bad token, seminar gone); set with status 'refused'. */
  refusal: AppError | null;
  /** True once the first sync has filled `state`. */
  ready: boolean;
  you: Actor | null;
  head: number;
  state: SeminarState;
  outbox: Pending[];
  /** Server clock minus this device's clock, in ms, measured at the last sync. */
  clockOffset: number;
  /** Notes someone else at the table is moving right now. */
  held: Record<string, true>;
  /** Take (or let go of) a note while dragging it. Resolves false if someone else has it or we are offline. */
  hold: (noteId: string, held: boolean) => Promise<boolean>;
  /** Queue a command (kept across reloads) and send it when online. Returns its id. */
  send: (body: CommandBody) => string;
  /** Forget a failed command. */
  dismiss: (commandId: string) => void;
}

export interface ConnectOptions {
  seminarId: string;
  /** A participant's token; facilitators are known by their cookie. */
  token?: string;
  /** A table device's token (a shared tablet at one table). */
  table?: string;
  /** Who we are on this device, to key the stored outbox ('facilitator' or the participant id). */
  who: string;
  url?: string;
  /**
   * How long an ack may take before the connection is taken for broken (default 15 s); after each
   * one that did not come in time the wait doubles, up to a minute, until an ack comes in time.
   */
  ackTimeoutMs?: number;
}

const ACK_TIMEOUT_MS = 15_000;
const ACK_TIMEOUT_MAX_MS = 60_000;
const RETRY_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** Refusals that mean "not now": the command waits and is sent again. */
const TRANSIENT = new Set(['rate_limited', 'server_error']);
const heldSet = (ids: string[]): Record<string, true> => Object.fromEntries(ids.map((id) => [id, true as const]));

export interface SeminarConnection {
  store: StoreApi<SeminarStore>;
  close: () => void;
  /** For tests and the "reconnect" button: drop and re-open the socket. */
  reconnect: () => void;
}

/** Open a live connection to one seminar. Events fold into the store with the shared reducer. */
export function connectSeminar(opts: ConnectOptions): SeminarConnection {
  const outboxKey = `tavla:outbox:${opts.seminarId}:${opts.who}`;
  const ackTimeoutMs = opts.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  /** The wait for a command's ack: longer after each one that was late (a slow link), see `flush`. */
  let ackWaitMs = ackTimeoutMs;
  const inFlight = new Set<string>();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** A handshake the server could not answer now: when to try again, and how long to wait next. */
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectWaitMs = RETRY_MS;
  /** The server's fold our state belongs to (see `SyncReply`): sent back on every sync. */
  let epoch: string | undefined;
  /** Notes this connection is holding, so its own holds are not shown as someone else's. */
  const mine = new Set<string>();
  const socket: Socket<ServerToClient, ClientToServer> = io(opts.url ?? '/', {
    auth: { seminarId: opts.seminarId, ...(opts.token ? { token: opts.token } : {}), ...(opts.table ? { table: opts.table } : {}) },
    transports: ['websocket', 'polling'],
  });

  const store = createStore<SeminarStore>()((set, get) => ({
    status: 'connecting',
    refusal: null,
    ready: false,
    you: null,
    head: 0,
    state: emptyState(),
    outbox: loadOutbox(outboxKey),
    held: {},
    clockOffset: 0,
    hold: async (noteId, held) => {
      if (!socket.connected) return false;
      try {
        if (held) mine.add(noteId);
        const ack = await socket.timeout(ackTimeoutMs).emitWithAck('hold', { noteId, held });
        if (!held || !ack.ok) mine.delete(noteId);
        return ack.ok;
      } catch {
        return false;
      }
    },
    send: (body) => {
      const command = { id: crypto.randomUUID(), ...body } as Command;
      setOutbox([...get().outbox, { command, status: 'waiting' }]);
      flush();
      return command.id;
    },
    dismiss: (commandId) => setOutbox(get().outbox.filter((p) => p.command.id !== commandId)),
  }));

  function setOutbox(outbox: Pending[]) {
    store.setState({ outbox });
    saveOutbox(outboxKey, outbox);
  }

  function applyEvents(events: WireEvent[], head?: number) {
    const { state, head: have } = store.getState();
    const fresh = events.filter((e) => e.seq > have);
    if (!fresh.length && (head ?? have) === have) return;
    const next = fresh.length ? fold(state, fresh) : state;
    store.setState({ state: next, head: Math.max(have, head ?? 0, ...fresh.map((e) => e.seq)) });
  }

  /**
   * Send the waiting commands one at a time, in order: each stays queued until its ack arrives,
   * so a long offline backlog drains at the server's pace and nothing overtakes what came before.
   * The command's events come in an `events` frame before the ack, which says they are saved.
   * A refusal that says "not now" (rate limit, server error) is retried after a pause; any other
   * refusal marks the command failed, with the reason, and the queue moves on.
   *
   * When an ack may be lost — no answer in time (a late one is dropped), or a server error after
   * the command was perhaps saved — the connection is opened afresh: the sync brings whatever this
   * screen missed, then the command is sent again (the server applies it once).
   * Each ack that came too late doubles the wait for the next (a link whose answers take longer
   * than the wait would otherwise reconnect and resend for ever, its note saved but never shown
   * as saved); one in time sets it back.
   */
  function flush() {
    if (store.getState().status !== 'online' || inFlight.size || retryTimer) return;
    const next = store.getState().outbox.find((p) => p.status === 'waiting');
    if (!next) return;
    inFlight.add(next.command.id);
    socket.timeout(ackWaitMs).emit('command', next.command, (err, ack) => {
      inFlight.delete(next.command.id);
      if (err) {
        // On a link this slow every answer would be dropped again: wait longer next time.
        ackWaitMs = Math.min(ackWaitMs * 2, Math.max(ACK_TIMEOUT_MAX_MS, ackTimeoutMs));
        return resync();
      }
      ackWaitMs = ackTimeoutMs;
      const outbox = store.getState().outbox;
      if (ack.ok) {
        setOutbox(outbox.filter((q) => q.command.id !== next.command.id));
      } else if (TRANSIENT.has(ack.error.code)) {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (ack.error.code === 'server_error') resync();
          else flush();
        }, RETRY_MS);
        return;
      } else setOutbox(outbox.map((q) => (q.command.id === next.command.id ? { ...q, status: 'failed', error: ack.error } : q)));
      flush();
    });
  }

  /** Drop and re-open the socket: its sync catches up, then the outbox drains. */
  function reopen() {
    socket.disconnect();
    socket.connect();
  }
  /** Re-open a connection that is up; one that is down does the same when it is back. */
  function resync() {
    if (socket.connected) reopen();
  }

  socket.on('connect', () => {
    reconnectWaitMs = RETRY_MS;
    store.setState({ status: 'connecting' });
    socket.emit('sync', { after: store.getState().head, protocol: PROTOCOL_VERSION, ...(epoch ? { epoch } : {}) }, (reply: SyncReply) => {
      if (!reply.ok) {
        store.setState({ status: 'refused', refusal: reply.error });
        return;
      }
      epoch = reply.epoch;
      if (reply.kind === 'snapshot') store.setState({ state: reply.state, head: reply.head });
      else applyEvents(reply.events, reply.head);
      store.setState({ you: reply.you, ready: true, status: 'online', held: heldSet(reply.held.filter((id) => !mine.has(id))), clockOffset: reply.serverTime - Date.now() });
      flush();
    });
  });
  socket.on('disconnect', () => {
    inFlight.clear();
    // Our own holds ended with the connection; others' are resent on the next sync.
    mine.clear();
    store.setState({ status: 'offline', held: {} });
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'unauthenticated' || err.message === 'not_found' || err.message === 'forbidden') {
      store.setState({ status: 'refused', refusal: { code: err.message, message: err.message } });
      return;
    }
    store.setState({ status: 'offline' });
    // The server answered but could not let us in just now (`server_error`): socket.io retries a
    // lost link by itself, not a handshake the server turned down, so we try again, waiting
    // longer each time.
    if (!socket.active && !reconnectTimer) {
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        socket.connect();
      }, reconnectWaitMs);
      reconnectWaitMs = Math.min(reconnectWaitMs * 2, RECONNECT_MAX_MS);
    }
  });
  socket.on('events', (events) => applyEvents(events));
  socket.on('snapshot', ({ state, head, held }) => store.setState({ state, head: Math.max(head, store.getState().head), held: heldSet(held) }));
  socket.on('held', ({ noteId, held }) => {
    if (!held) mine.delete(noteId);
    if (mine.has(noteId)) return; // our own drag
    const next = { ...store.getState().held };
    if (held) next[noteId] = true;
    else delete next[noteId];
    store.setState({ held: next });
  });

  // A safety net: whatever is left waiting is sent again while connected.
  const retry = setInterval(flush, ackTimeoutMs);

  return {
    store,
    close: () => {
      clearInterval(retry);
      if (retryTimer) clearTimeout(retryTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      retryTimer = reconnectTimer = null;
      socket.close();
    },
    reconnect: reopen,
  };
}
