import { performance } from 'node:perf_hooks';

/** A job of a burst; `deadline` (performance.now() ms) is when its slice ends, for jobs that split. */
export type Job = (deadline: number) => void;

/**
 * Work that comes in bursts — a room of phones reconnecting at once after the wifi dropped, a
 * thousand fresh snapshots when a room is seated — run in arrival order, a slice of `sliceMs` per
 * turn of the event loop. What else arrives meanwhile (another table's note, a health probe)
 * then waits for one slice, not for the whole burst. A job queued when nothing waits runs in the
 * same turn (setImmediate: right after the I/O that queued it). A job that does much in one go
 * can check `deadline` and queue the rest of itself again, behind what came meanwhile.
 * A job that throws is reported and the others still run.
 */
export function timeSliced(sliceMs: number, onError: (err: unknown) => void, now: () => number = () => performance.now()): (job: Job) => void {
  let jobs: Job[] = [];
  let next = 0;
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const deadline = now() + sliceMs;
    while (next < jobs.length) {
      const job = jobs[next++]!;
      try {
        job(deadline);
      } catch (err) {
        onError(err);
      }
      if (now() >= deadline) break;
    }
    if (next < jobs.length) schedule();
    else {
      jobs = [];
      next = 0;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };
  return (job) => {
    jobs.push(job);
    schedule();
  };
}
