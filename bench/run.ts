/**
 * `npm run bench`: Tavla against a minimal socket.io relay, the same scenario in the same run,
 * so that the ratios hold on a noisy machine. Figures, never assertions: budgets are shown as
 * information. `--quick` runs the 25 and 250 scenarios; `--scenario NAME` runs one.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { phoneDownload } from './size.js';

const root = path.resolve(import.meta.dirname, '..');
const WORKERS = 2;
const STEADY_MS = Number(process.env.BENCH_STEADY_MS ?? 10_000);
const SENDERS_PER_SECOND = 25; // 25 senders × 1 note/s, as the issue measured the peers

interface Scenario { name: string; people: number; seminars: number; storm?: boolean }
const SCENARIOS: Scenario[] = [
  { name: '25x1', people: 25, seminars: 1 },
  { name: '250x1', people: 250, seminars: 1 },
  { name: '1000x1', people: 1000, seminars: 1 },
  { name: '2000x20', people: 2000, seminars: 20 },
  { name: 'storm1000', people: 1000, seminars: 1, storm: true },
];

const children = new Set<ChildProcess>();
const cleanup = () => { for (const c of children) c.kill('SIGKILL'); };
process.on('exit', cleanup);
process.on('SIGINT', () => { cleanup(); process.exit(130); });

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(target: 'tavla' | 'raw'): Promise<{ url: string; proc: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavla-bench-'));
  const script = target === 'tavla' ? 'server/src/main.ts' : 'bench/raw-server.ts';
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TAVLA_DATA_DIR: dataDir, TAVLA_CLIENT_DIR: '', LOG_LEVEL: 'silent', TAVLA_METRICS: '1', TAVLA_JOINS_PER_MINUTE: '1000000', TAVLA_COMMANDS_PER_SECOND: '1000', TAVLA_PARTICIPANTS_PER_SEMINAR: '5000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(proc);
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${target} did not start`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/localhost:(\d+)\/|listening on (\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1] ?? m[2]!); }
    });
  });
  return { url: `http://127.0.0.1:${port}`, proc, dataDir };
}

/** CPU time (ticks) and RSS of a process, from /proc. */
function usage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssKb = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
  return { cpuMs: (ticks * 1000) / 100, rssMb: rssKb / 1024 };
}

function ask(worker: ChildProcess, msg: object, reply: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const on = (m: { cmd: string; message?: string }) => {
      if (m.cmd === reply) { worker.off('message', on); resolve(m); }
      if (m.cmd === 'error') { worker.off('message', on); reject(new Error(m.message)); }
    };
    worker.on('message', on);
    worker.send(msg);
  });
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const r1 = (x: number) => Math.round(x * 10) / 10;

async function runOne(target: 'tavla' | 'raw', s: Scenario) {
  const server = await startServer(target);
  await sleep(300);
  const idle = usage(server.proc.pid!);
  // Seminars through the real API (Tavla), or just names (raw).
  const seminars: { seminarId: string; code: string; taskId: string; cookie: string }[] = [];
  let cookie = '';
  if (target === 'tavla') {
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench', password: 'benchmark-passord' }) });
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  }
  for (let i = 0; i < s.seminars; i++) {
    if (target === 'raw') { seminars.push({ seminarId: `s${i}`, code: '', taskId: crypto.randomUUID(), cookie }); continue; }
    const res = await fetch(`${server.url}/api/seminars`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ title: `Bench ${i}`, date: '2026-11-22', language: 'nb', roles: ['Bruker', 'Ansatt'], task: { title: 'Oppgave', questions: [] } }) });
    const { id, joinCode } = (await res.json()) as { id: string; joinCode: string };
    seminars.push({ seminarId: id, code: joinCode, taskId: '', cookie });
  }
  const workers = Array.from({ length: WORKERS }, () => {
    const w = fork(path.join(import.meta.dirname, 'worker.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    children.add(w);
    return w;
  });
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const people = Array.from({ length: s.people }, (_, index) => ({ ...seminars[index % s.seminars]!, index }));

  // 1. Everyone joins and connects.
  const t0 = now();
  await Promise.all(workers.map((w, i) => ask(w, { cmd: 'setup', target, url: server.url, people: people.filter((p) => p.index % WORKERS === i) }, 'ready')));
  const connectAllMs = now() - t0;
  const connected = usage(server.proc.pid!);

  // 2. Tavla: the facilitator seats everyone at tables of five and opens sharing.
  const facSockets = [];
  if (target === 'tavla') {
    for (const sem of seminars) {
      const fac = io(server.url, { auth: { seminarId: sem.seminarId }, extraHeaders: { cookie }, transports: ['websocket'] });
      facSockets.push(fac);
      const reply = await fac.emitWithAck('sync', { after: 0, protocol: 1 });
      sem.taskId = reply.state.currentTaskId;
      await fac.emitWithAck('command', { id: crypto.randomUUID(), type: 'groups.split', payload: { size: 5 } });
      await fac.emitWithAck('command', { id: crypto.randomUUID(), type: 'task.setPhase', payload: { taskId: sem.taskId, phase: 'share' } });
    }
    for (let i = 0; i < 100; i++) {
      const seated = await Promise.all(workers.map((w) => ask(w, { cmd: 'seated?' }, 'seated')));
      if (seated.reduce((a, m) => a + m.n, 0) === s.people) break;
      await sleep(100);
    }
  }

  // 3. Steady writing: 25 notes a second across the room.
  const before = usage(server.proc.pid!);
  const everyMs = (s.people / s.seminars / SENDERS_PER_SECOND) * 1000; // 25 notes a second in each seminar
  const wall0 = now();
  await Promise.all(workers.map((w) => ask(w, { cmd: 'write', everyMs, forMs: STEADY_MS, tasks: Object.fromEntries(seminars.map((x) => [x.seminarId, x.taskId])) }, 'written')));
  const wall = now() - wall0;
  const after = usage(server.proc.pid!);
  const lag = (await (await fetch(`${server.url}/healthz`)).json()) as { loopLagP99Ms?: number };

  let stormMs: number | null = null;
  if (s.storm) stormMs = Math.max(...(await Promise.all(workers.map((w) => ask(w, { cmd: 'storm' }, 'stormed')))).map((m) => m.ms));

  // 4. Latency: from send until the last member of the author's table has it.
  const reports = await Promise.all(workers.map((w) => ask(w, { cmd: 'report' }, 'report')));
  const group = new Map<number, string | null>(reports.flatMap((r) => r.groups));
  const members = new Map<string, number>();
  for (const g of group.values()) if (g) members.set(g, (members.get(g) ?? 0) + 1);
  const arrivals = new Map<string, number[]>();
  for (const r of reports) for (const [id, , t] of r.received) arrivals.set(id, [...(arrivals.get(id) ?? []), t]);
  const latencies: number[] = [];
  let expected = 0;
  let delivered = 0;
  for (const r of reports) for (const [id, who, t] of r.sent) {
    const want = members.get(group.get(who) ?? '') ?? 0;
    const got = arrivals.get(id) ?? [];
    expected += want;
    delivered += Math.min(got.length, want);
    if (got.length >= want && want > 0) latencies.push(Math.max(...got) - t);
  }
  latencies.sort((a, b) => a - b);
  for (const w of workers) w.send({ cmd: 'exit' });
  for (const f of facSockets) f.close();
  server.proc.kill('SIGKILL');
  children.delete(server.proc);
  fs.rmSync(server.dataDir, { recursive: true, force: true });
  return {
    p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1) ?? NaN,
    connectAllMs, delivered: expected ? (100 * delivered) / expected : 0,
    errors: reports.reduce((a, r) => a + r.errors, 0), disconnects: reports.reduce((a, r) => a + r.disconnects, 0),
    cpuPct: (100 * (after.cpuMs - before.cpuMs)) / wall, rssMb: after.rssMb, idleRssMb: idle.rssMb,
    perParticipantKb: ((connected.rssMb - idle.rssMb) * 1024) / s.people, loopLagP99: lag.loopLagP99Ms ?? null, stormMs,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes('--scenario') ? args[args.indexOf('--scenario') + 1] : null;
  const chosen = SCENARIOS.filter((s) => (only ? s.name === only : args.includes('--quick') ? ['25x1', '250x1'].includes(s.name) : true));
  const lines: string[] = [];
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`Tavla benchmark on ${machine}; ${STEADY_MS / 1000} s of steady writing, ${SENDERS_PER_SECOND} notes/s per seminar.\n`);
  const size = phoneDownload();
  if (size) console.log(`Phone download before the first note: ${r1(size.initialKb)} kB gzip (budget 100 kB); lazy chunks ${r1(size.lazyKb)} kB.\n`);
  console.log('scenario   | p50 ms (×raw) | p95 ms | p99 ms (×raw) | connect ms (×raw) | deliv % | err | CPU % (×raw) | RSS MB (×raw) | kB/person | loop p99 | storm ms');
  for (const s of chosen) {
    const raw = await runOne('raw', s);
    const tv = await runOne('tavla', s);
    const ratio = (a: number, b: number) => r1(a / b);
    const line = {
      scenario: s.name, p50_ms: r1(tv.p50), p95_ms: r1(tv.p95), p99_ms: r1(tv.p99), max_ms: r1(tv.max),
      raw_p50_ms: r1(raw.p50), raw_p99_ms: r1(raw.p99), ratio_p50: ratio(tv.p50, raw.p50), ratio_p99: ratio(tv.p99, raw.p99),
      connect_all_ms: Math.round(tv.connectAllMs), raw_connect_all_ms: Math.round(raw.connectAllMs), delivered_pct: r1(tv.delivered), errors: tv.errors, disconnects: tv.disconnects,
      rss_mb: r1(tv.rssMb), raw_rss_mb: r1(raw.rssMb), cpu_pct: r1(tv.cpuPct), raw_cpu_pct: r1(raw.cpuPct), loop_lag_p99_ms: tv.loopLagP99 === null ? null : r1(tv.loopLagP99),
      rss_per_participant_kb: r1(tv.perParticipantKb), storm_ms: tv.stormMs === null ? null : Math.round(tv.stormMs), raw_storm_ms: raw.stormMs === null ? null : Math.round(raw.stormMs),
    };
    lines.push(JSON.stringify(line));
    console.log(
      `${s.name.padEnd(10)} | ${String(line.p50_ms).padStart(5)} (${line.ratio_p50}×) | ${String(line.p95_ms).padStart(6)} | ${String(line.p99_ms).padStart(5)} (${line.ratio_p99}×) | ${String(line.connect_all_ms).padStart(6)} (${ratio(tv.connectAllMs, raw.connectAllMs)}×) | ${String(line.delivered_pct).padStart(6)} | ${String(line.errors).padStart(3)} | ${String(line.cpu_pct).padStart(5)} (${ratio(tv.cpuPct, raw.cpuPct)}×) | ${String(line.rss_mb).padStart(5)} (${ratio(tv.rssMb, raw.rssMb)}×) | ${String(line.rss_per_participant_kb).padStart(8)} | ${String(line.loop_lag_p99_ms).padStart(8)} | ${line.storm_ms ?? '-'}`,
    );
  }
  console.log('');
  for (const l of lines) console.log(l);
  cleanup();
}

main().catch((err) => {
  console.error(err);
  cleanup();
  process.exit(1);
});
