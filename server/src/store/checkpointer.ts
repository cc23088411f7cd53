import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { spans } from '../trace.js';

const EVERY_MS = 2000;
/** Frames (pages) in the log after which the writer checkpoints again itself: ≈ 64 MB. */
const RESTART_FRAMES = 16_000;

// Runs in a worker thread with its own connection: PASSIVE never waits for the writer, and the
// fsyncs of a checkpoint happen here instead of on the event loop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const now = () => Number(process.hrtime.bigint()) / 1e6;
const timer = setInterval(() => {
  try {
    const start = now();
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r) parentPort.postMessage({ log: r.log, start, ms: now() - start });
  } catch {}
}, workerData.everyMs);
parentPort.on('message', (m) => { if (m === 'close') { clearInterval(timer); db.close(); parentPort.close(); } });
`;

/**
 * Move the write-ahead log's checkpoints off the event loop. SQLite's automatic checkpoint runs in
 * the connection that commits, so every ≈ 1,000 pages one note's commit copied the log into the
 * database and waited for two fsyncs (15–25 ms on the CI machine): the worst note latencies. Here
 * the main connection does not checkpoint while a worker thread (≈ 10 MB, started with the store)
 * checkpoints every two seconds. Should the worker fail, automatic checkpoints come back.
 */
export function checkpointInBackground(db: Database.Database, file: string): { close: () => void } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs: EVERY_MS } });
  } catch {
    return { close: () => {} };
  }
  db.pragma('wal_autocheckpoint = 0');
  worker.unref();
  worker.on('error', () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  // The log only starts over when a checkpoint has caught up before the next write; under
  // writes without a pause it would grow for ever, so then the writer checkpoints again
  // itself (SQLite's default) until the log has started over.
  let writerCheckpoints = false;
  worker.on('message', ({ log, start, ms }: { log: number; start: number; ms: number }) => {
    if (spans) spans.put('checkpoint', start, ms, String(log)); // the bench's --trace
    const tooLong = log > RESTART_FRAMES;
    if (tooLong === writerCheckpoints || !db.open) return;
    writerCheckpoints = tooLong;
    db.pragma(`wal_autocheckpoint = ${tooLong ? 1000 : 0}`);
  });
  return { close: () => worker.postMessage('close') };
}
