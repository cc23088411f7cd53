/**
 * Helpers shared by the orchestrator and its workers.
 *
 * `clock()` reads CLOCK_MONOTONIC (libuv's hrtime), one clock for every process on the machine,
 * so a note sent in one worker and received in another is timed on the same scale.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const clock = (): number => Number(process.hrtime.bigint() / 1000n) / 1000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Event-loop lag of this process. Node's histogram records the whole interval between two
 * samples, so an idle loop reads ≈ the resolution: we subtract it to get the lag itself.
 */
export class LoopLag {
  private h: IntervalHistogram;
  constructor(private readonly resolutionMs = 5) {
    this.h = monitorEventLoopDelay({ resolution: resolutionMs });
    this.h.enable();
  }
  reset() {
    this.h.reset();
  }
  p99Ms(): number {
    return Math.max(0, this.h.percentile(99) / 1e6 - this.resolutionMs);
  }
  maxMs(): number {
    return Math.max(0, this.h.max / 1e6 - this.resolutionMs);
  }
}

/** Reject after `ms` with a message that says what was being waited for. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
