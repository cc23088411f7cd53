/**
 * What a seminar's state costs the server's memory, and what letting it go gives back: 25 people
 * at tables of five write N notes (6,000 unless given: `npm run bench:memory -- 1200`) in the
 * sharing phase, 50 to a task, through the hub of a real server in this process. Prints the JS
 * heap the seminar holds (after full collections), the process's RSS growth, the heap left once
 * the idle seminar is let go (`Hub.evictIdle`), and how long its next use takes to fold the log
 * again. A figure for planning, not a budget. Needs `--expose-gc` (the npm script passes it).
 */
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { FacilitatorHttp, join, startServer } from '../tests/harness.js';

const NOTES = Number(process.argv[2] ?? 6000);
const PEOPLE = 25;
const PER_TASK = 50 * PEOPLE;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !(NOTES > 0)) {
  console.error('usage: node --expose-gc --import tsx bench/memory.ts [NOTES]');
  process.exit(2);
}

const server = await startServer({ unlimited: true });
const fac = new FacilitatorHttp(server.url);
await fac.setup();
const { id: seminarId, joinCode } = await fac.createSeminar();
const people: string[] = [];
for (let i = 0; i < PEOPLE; i++) people.push((await join(server.url, joinCode, `Deltaker ${i + 1}`, i % 2 ? 'r2' : 'r1')).participantId);
const hub = server.app.hub;
const facilitator = { kind: 'facilitator', id: 'bench' } as const;
const run = (actor: Parameters<typeof hub.command>[1], type: string, payload: object) => {
  const ack = hub.command(seminarId, actor, { id: crypto.randomUUID(), type, payload });
  if (!ack.ok) throw new Error(`${type}: ${JSON.stringify(ack)}`);
};
let taskId = hub.get(seminarId).state.currentTaskId!;
run(facilitator, 'groups.split', { size: 5 });
run(facilitator, 'task.setPhase', { taskId, phase: 'share' });
hub.flush();

const heap = () => {
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const heapBefore = heap();
const rssBefore = process.memoryUsage().rss;

for (let written = 0; written < NOTES; ) {
  if (written && written % PER_TASK === 0) {
    const next = crypto.randomUUID();
    run(facilitator, 'task.add', { taskId: next, title: `Oppgave ${written / PER_TASK + 1}`, questions: [] });
    run(facilitator, 'task.activate', { taskId: next });
    run(facilitator, 'task.setPhase', { taskId: next, phase: 'share' });
    taskId = next;
  }
  const author = people[written % PEOPLE]!;
  run({ kind: 'participant', id: author }, 'note.write', { noteId: crypto.randomUUID(), taskId, text: `Det som er viktig for oss ved bordet, lapp nummer ${written + 1}` });
  if (++written % 500 === 0) hub.flush();
}
hub.flush();

const heapHeld = heap() - heapBefore;
const rssGrowth = process.memoryUsage().rss - rssBefore;
hub.evictIdle(0, () => false);
const heapLeft = heap() - heapBefore;
const started = performance.now();
hub.get(seminarId);
const foldMs = performance.now() - started;

console.log(`${NOTES} notes by ${PEOPLE} people: the seminar holds ${mb(heapHeld)} of JS heap (${(heapHeld / NOTES / 1000).toFixed(2)} kB a note); RSS grew ${mb(rssGrowth)}`);
console.log(`let go when idle: ${mb(heapLeft)} of heap left above the start; its next use folds the log again in ${foldMs.toFixed(0)} ms`);
console.log(JSON.stringify({ memory: { notes: NOTES, heap_held_mb: +(heapHeld / 1e6).toFixed(1), heap_kb_per_note: +(heapHeld / NOTES / 1000).toFixed(2), rss_growth_mb: +(rssGrowth / 1e6).toFixed(1), heap_left_after_evict_mb: +(heapLeft / 1e6).toFixed(1), refold_ms: Math.round(foldMs) } }));
await server.stop();
