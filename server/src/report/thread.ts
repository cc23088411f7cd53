/** The report thread (see writers.ts): renders each report it is sent as Word or PDF, in turn. */
import { parentPort } from 'node:worker_threads';
import { reportToDocx } from './docx.js';
import { reportToPdf } from './pdf.js';
import type { Done, Job } from './writers.js';

const port = parentPort!;
let queue = Promise.resolve();
port.on('message', (job: Job) => {
  // One at a time: each is a few hundred milliseconds of synchronous layout anyway.
  queue = queue.then(async () => {
    let done: Done;
    try {
      const body = await (job.format === 'pdf' ? reportToPdf(job.report) : reportToDocx(job.report));
      done = { id: job.id, ok: true, body };
    } catch (err) {
      done = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    // The file's bytes move to the server's thread rather than being copied, when they are
    // a buffer of their own (a small one may share Node's pool, and is copied).
    const own = done.ok && done.body.byteOffset === 0 && done.body.byteLength === done.body.buffer.byteLength;
    port.postMessage(done, own && done.ok ? [done.body.buffer as ArrayBuffer] : []);
  });
});
