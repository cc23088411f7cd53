/**
 * Where a note's garbage comes from: a sampling heap profile of the server (objects collected by
 * the GC included) while 25 people at tables of five write 400 notes at 25 a second, in the
 * sharing phase. The server runs in this process so the profiler sees it; the phones are real
 * socket.io clients in a child process (this file with `--phones <url>`). Prints kB allocated per
 * note, by the function that allocated it and by the functions it happened under. A figure for
 * finding work to cut, not a budget. Run with `npm run bench:alloc`.
 */
import { spawn } from 'node:child_process';
import inspector from 'node:inspector/promises';
import { FacilitatorHttp, TestClient, eventually, join, startServer } from '../tests/harness.js';

const PEOPLE = 25;
const WARM_UP = 50;
const NOTES = 400;
const EVERY_MS = 40;

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}

if (process.argv[2] === '--phones') await phones(process.argv[3]!);
else await profile();

async function profile() {
  const server = await startServer({ unlimited: true });
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--phones', server.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const session = new inspector.Session();
  session.connect();
  let notes = 0;
  for await (const chunk of child.stdout!) {
    const said = String(chunk);
    if (said.includes('ready'))
      await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    const done = said.match(/done (\d+)/);
    if (done) {
      notes = Number(done[1]);
      break;
    }
  }
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
  const self = new Map<string, number>();
  const under = new Map<string, number>();
  let total = 0;
  const walk = (n: Node, stack: string[]) => {
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
    total += n.selfSize;
    self.set(name, (self.get(name) ?? 0) + n.selfSize);
    const here = [...stack, name];
    for (const k of new Set(here)) under.set(k, (under.get(k) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c, here);
  };
  walk(profile.head, []);
  const kb = (bytes: number) => (bytes / notes / 1024).toFixed(2).padStart(7);
  console.log(`${notes} notes: ${(total / notes / 1024).toFixed(1)} kB allocated per note (sampled every 256 bytes)`);
  console.log('\nAllocated by (kB per note):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(kb(v), k);
  console.log('\nAllocated under (kB per note; the server, socket.io, ws and SQLite):');
  for (const [k, v] of [...under].sort((a, b) => b[1] - a[1]).filter(([k]) => /src\/|socket\.io|engine\.io|ws\/lib|better-sqlite/.test(k)).slice(0, 30)) console.log(kb(v), k);
  child.kill();
  await server.stop();
  process.exit(0);
}

/** The room: a facilitator splits it into tables of five and opens sharing; then everyone writes. */
async function phones(url: string) {
  const fac = new FacilitatorHttp(url);
  await fac.setup();
  const { id: seminarId, joinCode } = await fac.createSeminar();
  const console_ = new TestClient(url, seminarId, { cookie: fac.cookie }, 'console');
  await console_.connect();
  const people: { client: TestClient; id: string }[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const { participantId, token } = await join(url, joinCode.toLowerCase(), `Deltaker ${i}`, i % 2 ? 'r2' : 'r1');
    const client = new TestClient(url, seminarId, { token });
    await client.connect();
    people.push({ client, id: participantId });
  }
  await console_.send({ type: 'groups.split', payload: { size: 5 } });
  await eventually(() => people.every((p) => p.client.state.participants[p.id]?.groupId), 10_000);
  const taskId = console_.state.currentTaskId!;
  await console_.send({ type: 'task.setPhase', payload: { taskId, phase: 'share' } });
  const write = async (count: number, text: string) => {
    for (let i = 0; i < count; i++) {
      const ack = await people[i % PEOPLE]!.client.send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: `${text} (${i})` } });
      if (!ack.ok) throw new Error(`note refused: ${ack.error.message}`);
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
  };
  await write(WARM_UP, 'Oppvarming');
  process.stdout.write('ready\n');
  await new Promise((r) => setTimeout(r, 300));
  await write(NOTES, 'Vi trenger mer tid til samtale mellom bruker og ansatt');
  await new Promise((r) => setTimeout(r, 300));
  process.stdout.write(`done ${NOTES}\n`);
}
