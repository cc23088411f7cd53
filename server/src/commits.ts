import type { Append, Store } from './store/store.js';
import { spans } from './trace.js';

/**
 * How long a command's events wait to be written with others' (ms): long enough for the screens
 * at a table to have read the frames (a millisecond or two), short enough that an ack is never
 * noticeably late.
 */
export const COMMIT_DELAY_MS = 5;

/** An append waiting for the group commit, and what to do once it is stored or has failed. */
export interface Pending extends Append {
  settle: (err?: unknown) => void;
}

/**
 * Commands' events waiting to be written, in the order they were decided, and written together a
 * few milliseconds later in one transaction (a group commit). By then the tables have the frames
 * and have read them: the commit no longer takes CPU from the phones' first look at a note (on a
 * two-core machine, work after the writes delayed the last reader as much as work before them).
 * Each command is answered only once its events are stored, so an ack still means "saved".
 *
 * Anything that reads the log or writes to it directly (a sync that catches up from it, a join,
 * a deletion, closing the store) calls `flush` first, so the log is never read or appended out of
 * order. A batch that fails is not retried: `hooks.failed` gets the seminars it touched, and
 * every command in it is settled with the error.
 */
export class CommitQueue {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly delayMs: number,
    private readonly hooks: { failed: (seminarIds: Set<string>, err: unknown) => void; error: (err: unknown) => void },
  ) {}

  add(p: Pending): void {
    this.pending.push(p);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Write everything waiting now, in one transaction, then answer each command. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    let failure: unknown = null;
    const start = spans?.now();
    try {
      this.store.appendBatch(batch);
    } catch (err) {
      failure = err;
      this.hooks.failed(new Set(batch.map((p) => p.seminarId)), err);
    }
    if (spans) spans.add('commit', start!, String(batch.length)); // the bench's --trace
    for (const p of batch) {
      try {
        p.settle(failure ?? undefined);
      } catch (err) {
        this.hooks.error(err); // answering one writer failed: the others are still answered
      }
    }
  }
}
