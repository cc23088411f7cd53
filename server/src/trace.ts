import fs from 'node:fs';
import { PerformanceObserver, performance, type NodeGCPerformanceDetail } from 'node:perf_hooks';

/**
 * Where the server's time goes, for the benchmark's `--trace` (bench/trace.ts reads it back):
 * with TAVLA_TRACE_FILE set, each command's handling (by its command id), each group commit, each
 * checkpoint of the store's log (on its own thread; its id: the frames in the log) and each GC
 * pause (its id: V8's kind, 1 a scavenge, 4 a major GC, 8 incremental marking, 16 weak
 * callbacks) is appended to that file as a line `kind<TAB>start<TAB>ms<TAB>id`, `start` in ms
 * on CLOCK_MONOTONIC, the clock the bench's phones time their notes with. Unset (always, outside
 * the bench), `spans` is null and nothing is measured.
 */
export interface Spans {
  /** The monotonic clock, in ms. */
  now(): number;
  /** A span of `kind` from `start` until now. */
  add(kind: string, start: number, id?: string): void;
  /** A span measured elsewhere (another thread, on the same clock). */
  put(kind: string, start: number, ms: number, id?: string): void;
}

export const spans: Spans | null = process.env.TAVLA_TRACE_FILE ? openSpans(process.env.TAVLA_TRACE_FILE) : null;

function openSpans(file: string): Spans {
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  let lines: string[] = [];
  const write = () => {
    if (!lines.length) return;
    fs.appendFileSync(file, lines.join(''));
    lines = [];
  };
  setInterval(write, 1000).unref();
  process.on('exit', write);
  const line = (kind: string, start: number, ms: number, id: string) => lines.push(`${kind}\t${start.toFixed(3)}\t${ms.toFixed(3)}\t${id}\n`);
  // The performance timeline counts from the process's start on the same clock.
  const origin = now() - performance.now();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) line('gc', origin + e.startTime, e.duration, String((e as { detail?: NodeGCPerformanceDetail }).detail?.kind ?? ''));
  }).observe({ entryTypes: ['gc'] });
  const put = (kind: string, start: number, ms: number, id = '') => line(kind, start, ms, id.slice(0, 64).replace(/\s/g, ''));
  return { now, put, add: (kind, start, id) => put(kind, start, now() - start, id) };
}

/** The id of a command as sent (anything, unchecked), for naming its span. */
export const commandIdOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
