import type { Logger } from 'pino';
import type { Hub } from './hub.js';

/**
 * Delete every seminar dated more than `days` days before `now`, unless it was created or
 * imported within those days (an imported seminar of 2009 is not deleted the day it arrives).
 * Returns how many went.
 */
export function sweep(hub: Hub, days: number, now = new Date()): number {
  if (days <= 0) return 0;
  const cutoffMs = now.getTime() - days * 24 * 3600 * 1000;
  const old = hub.store.seminarsDatedBefore(new Date(cutoffMs).toISOString().slice(0, 10), cutoffMs);
  for (const id of old) hub.delete(id);
  return old.length;
}

/** Sweep at start and then every six hours, for as long as the server runs. */
export function startRetention(hub: Hub, days: number, log: Logger): () => void {
  if (days <= 0) return () => {};
  const run = () => {
    const n = sweep(hub, days);
    if (n) log.info({ deleted: n, days }, 'deleted seminars past the retention period');
  };
  run();
  const timer = setInterval(run, 6 * 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
