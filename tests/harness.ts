/** Start real Tavla servers and drive them with real HTTP and socket.io clients. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  emptyState,
  fold,
  type CommandAck,
  type CommandBody,
  type SeminarCreateBody,
  type SeminarState,
  type SyncReply,
  type WireEvent,
} from '@tavla/shared';
import { createApp, type App } from '../server/src/app.js';
import { configFromEnv } from '../server/src/config.js';
import { openSqliteStore } from '../server/src/store/sqlite.js';

export interface Running {
  app: App;
  url: string;
  dataDir: string;
  /** Close the server and delete its data folder, unless asked to keep it for a restart. */
  stop: (opts?: { keepData?: boolean }) => Promise<void>;
}

export const tempDir = (prefix = 'tavla-test-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A real server on a free port, with its own SQLite folder (or the one given, to reopen it). */
export async function startServer(opts: { dataDir?: string; port?: number; clientDir?: string | null; commandsPerSecond?: number; unlimited?: boolean; participantsPerSeminar?: number; commitDelayMs?: number; idleSeminarMs?: number } = {}): Promise<Running> {
  const dataDir = opts.dataDir ?? tempDir();
  const base = configFromEnv({});
  const config = { ...base, port: opts.port ?? 0, host: '127.0.0.1', dataDir, clientDir: opts.clientDir ?? null, logLevel: 'silent', commandsPerSecond: opts.commandsPerSecond ?? base.commandsPerSecond,
    ...(opts.participantsPerSeminar ? { participantsPerSeminar: opts.participantsPerSeminar } : {}),
    ...(opts.commitDelayMs !== undefined ? { commitDelayMs: opts.commitDelayMs } : {}),
    ...(opts.idleSeminarMs !== undefined ? { idleSeminarMs: opts.idleSeminarMs } : {}),
    ...(opts.unlimited ? { commandsPerSecond: 1e9, joinsPerMinute: 1e9, loginsPerMinute: 1e9 } : {}) };
  const app = createApp(config, openSqliteStore(dataDir));
  const port = await app.listen();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Make the next delivery of events fail after they were stored, as a bug in the socket layer
 * would: the first look-up of a room's members throws, once.
 */
export function breakNextDelivery(server: Running): void {
  const rooms = server.app.io.sockets.adapter.rooms;
  rooms.get = () => {
    delete (rooms as { get?: unknown }).get; // back to Map.prototype.get
    throw new Error('delivery broke');
  };
}

/** A facilitator's browser, reduced to a cookie jar and fetch. */
export class FacilitatorHttp {
  cookie = '';
  constructor(readonly url: string) {}

  async request(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(this.url + route, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  /** A request with a body sent as it is (a file, perhaps broken), answered as bytes (a download). */
  async raw(method: string, route: string, body?: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(this.url + route, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}) }, body });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  async setup(name = 'Erik', password = 'hemmelig-passord') {
    const r = await this.request('POST', '/api/auth/setup', { name, password });
    if (r.status !== 201) throw new Error(`setup failed: ${JSON.stringify(r.json)}`);
    return r.json;
  }

  async createSeminar(over: Partial<SeminarCreateBody> = {}): Promise<{ id: string; joinCode: string }> {
    const body: SeminarCreateBody = {
      title: 'Dialogseminar', date: '2009-10-30', venue: 'Sandvika', language: 'nb', roles: ['Bruker', 'Ansatt'],
      task: { title: 'Bedre og mer målrettede tiltak', questions: ['Hva skal til for deg som bruker?', 'Hva skal til for deg som ansatt?'] },
      ...over,
    };
    const r = await this.request('POST', '/api/seminars', body);
    if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.json)}`);
    return r.json;
  }
}

export async function join(url: string, code: string, name: string, roleId: string): Promise<{ seminarId: string; participantId: string; token: string }> {
  const res = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name, roleId }) });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
}

/**
 * A protocol-level client: syncs, folds events with the shared reducer, and records every frame
 * it receives so tests can assert what reached whom.
 */
export class TestClient {
  socket: Socket;
  state: SeminarState = emptyState();
  head = 0;
  /** The server's epoch of what we folded, sent back on every sync (see `SyncReply`). */
  epoch: string | undefined;
  frames: string[] = [];

  constructor(url: string, readonly seminarId: string, auth: { token?: string; table?: string; cookie?: string }, readonly name = 'client') {
    this.socket = io(url, {
      auth: { seminarId, ...(auth.token ? { token: auth.token } : {}), ...(auth.table ? { table: auth.table } : {}) },
      extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
      transports: ['websocket'],
      autoConnect: false,
      reconnection: false,
    });
    this.socket.onAny((event, ...args) => this.frames.push(JSON.stringify([event, ...args])));
    this.socket.on('events', (events: WireEvent[]) => this.apply(events));
    this.socket.on('snapshot', ({ state, head }: { state: SeminarState; head: number }) => {
      this.state = state;
      this.head = head;
    });
  }

  private apply(events: WireEvent[]) {
    const fresh = events.filter((e) => e.seq > this.head);
    this.state = fold(this.state, fresh);
    if (fresh.length) this.head = fresh.at(-1)!.seq;
  }

  /** Connect (or reconnect) and sync from what we hold. */
  async connect(): Promise<SyncReply> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
      this.socket.connect();
    });
    const reply: SyncReply = await this.socket.emitWithAck('sync', { after: this.head, protocol: PROTOCOL_VERSION, ...(this.epoch ? { epoch: this.epoch } : {}) });
    this.frames.push(JSON.stringify(['sync-reply', reply]));
    if (reply.ok) this.epoch = reply.epoch;
    if (reply.ok && reply.kind === 'snapshot') { this.state = reply.state; this.head = reply.head; }
    if (reply.ok && reply.kind === 'events') { this.apply(reply.events); this.head = Math.max(this.head, reply.head); }
    return reply;
  }

  disconnect() {
    this.socket.disconnect();
  }

  send(body: CommandBody, id: string = crypto.randomUUID()): Promise<CommandAck> {
    return this.sendRaw({ id, ...body });
  }

  /**
   * Send any payload at all, as a hostile or broken client would. The ack is recorded with the
   * frames (the command's events came before it, in an `events` frame).
   */
  sendRaw(payload: unknown): Promise<CommandAck> {
    return new Promise((resolve) =>
      this.socket.emit('command', payload, (ack: CommandAck) => {
        this.frames.push(JSON.stringify(['ack', ack]));
        resolve(ack);
      }),
    );
  }

  notesText(): string[] {
    return Object.values(this.state.notes).map((n) => n.text).sort();
  }
}

/** Wait until `check` passes (it throws or returns false until then), or fail after `ms`. */
export async function eventually(check: () => unknown, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw last ?? new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Let in-flight socket frames arrive before asserting that something did NOT arrive. */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/**
 * The real server as its own process, so it can be killed the hard way: the built one that
 * `npm start` runs (tests/build-server.ts builds it). Resolves with its URL once it listens;
 * `env` adds to the environment (limits, for instance).
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<{ url: string; proc: ChildProcess }> {
  const root = path.resolve(import.meta.dirname, '..');
  const proc = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TAVLA_DATA_DIR: dataDir, TAVLA_CLIENT_DIR: '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = out.match(/http:\/\/localhost:(\d+)\//)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, proc };
}

/** Resolves when a child process exits, with its exit code (null if killed by a signal). */
export const exited = (proc: ChildProcess) => new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
