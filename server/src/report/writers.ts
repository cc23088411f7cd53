import { Worker } from 'node:worker_threads';
import type { Report } from '@tavla/shared';

export type DocumentFormat = 'docx' | 'pdf';
/** What the thread is sent, and what it answers (see thread.ts). */
export interface Job { id: number; format: DocumentFormat; report: Report }
export type Done = { id: number; ok: true; body: Uint8Array } | { id: number; ok: false; message: string };

/** Blocks of a report the thread renders, in both formats, to warm up when a preview opens. */
const WARM_UP_BLOCKS = 150;
/** A thread with nothing to do for this long is stopped (loaded, it holds ≈ 40 MB). */
export const REPORT_THREAD_IDLE_MS = 5 * 60_000;

// Built, the thread is dist/report-thread.js beside the server's own code. From source (tsx, the
// tests) it is this folder's thread.ts, imported through tsx's API: a worker's first module is
// loaded before hooks given by `--import` apply (Node 20).
const fromSource = import.meta.url.endsWith('.ts');
const startThread = (): Worker => {
  if (!fromSource) return new Worker(new URL('./report-thread.js', import.meta.url));
  const api = import.meta.resolve('tsx/esm/api');
  const thread = new URL('./thread.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(thread)}, ${JSON.stringify(thread)}))`, { eval: true });
};

/**
 * The Word and PDF writers, on a thread of their own. A 200-person report takes a few hundred
 * milliseconds of layout and compression, all of it synchronous: on the server's own thread that
 * would hold up every seminar's notes on the server for as long. The thread starts when a
 * facilitator opens a report's preview, and renders the first part of that report once in each
 * format: a cold thread (fonts not yet parsed, layout code not yet compiled) takes twice as long
 * over the first download as over the next. It stops again after REPORT_THREAD_IDLE_MS idle.
 * Jobs run one at a time, in the order asked.
 */
export class ReportWriters {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = REPORT_THREAD_IDLE_MS) {}

  /** The report as a Word or PDF file. Rejects if the thread fails (it is started again next time). */
  write(format: DocumentFormat, report: Report): Promise<Buffer> {
    const worker = this.thread();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    worker.ref(); // a job in hand keeps the process alive (the command line waits for its file)
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, format, report } satisfies Job);
    });
  }

  /**
   * Start the thread, if it is not running, and warm it up on the first part of `report` (the
   * fonts parsed, the layout code compiled), so that the download after a preview is quick.
   * Resolves when it is warm; never rejects (a failure shows on the download itself).
   */
  warm(report: Report): Promise<void> {
    if (this.worker) return Promise.resolve();
    const sample: Report = { ...report, blocks: report.blocks.slice(0, WARM_UP_BLOCKS) };
    return Promise.all([this.write('pdf', sample), this.write('docx', sample)]).then(() => {}, () => {});
  }

  /** Stop the thread; what it was doing is refused. */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.failAll(new Error('the server is stopping'));
    await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread();
    worker.on('message', (done: Done) => {
      const job = this.pending.get(done.id);
      if (!job) return;
      this.pending.delete(done.id);
      if (done.ok) job.resolve(Buffer.from(done.body.buffer, done.body.byteOffset, done.body.byteLength));
      else job.reject(new Error(`the report could not be written: ${done.message}`));
      if (!this.pending.size) this.rest(worker);
    });
    const gone = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(err);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the report thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Nothing to do: let the process exit without it, and stop it if it stays idle. */
  private rest(worker: Worker) {
    worker.unref();
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.worker !== worker || this.pending.size) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs).unref();
  }

  private failAll(err: Error) {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(err);
  }
}
