import {
  LIMITS,
  decide,
  emptyState,
  fold,
  parseCommand,
  reduce,
  type Actor,
  type CommandAck,
  type EventDraft,
  type SeminarEvent,
  type SeminarState,
} from '@tavla/shared';
import type { Store } from './store/store.js';

/** Called with the events a seminar just recorded, for the socket layer to deliver. */
export type Publish = (seminarId: string, events: SeminarEvent[]) => void;

/**
 * The seminars this process serves: each one's state is a cache of its log, folded once on
 * first use and kept current as events are appended.
 */
export class Hub {
  private states = new Map<string, { state: SeminarState; head: number }>();
  private publish: Publish = () => {};

  constructor(readonly store: Store) {}

  onPublish(publish: Publish): void {
    this.publish = publish;
  }

  /** The full (server-side) state of a seminar and the sequence number it is folded to. */
  get(seminarId: string): { state: SeminarState; head: number } {
    let entry = this.states.get(seminarId);
    if (!entry) {
      const events = this.store.read(seminarId, 0);
      entry = { state: fold(emptyState(), events), head: events.at(-1)?.seq ?? 0 };
      this.states.set(seminarId, entry);
    }
    return entry;
  }

  /**
   * Run one command, following the algorithm in order:
   * 1. parse it with its schema; 2. if its id was applied already, answer as before and stop;
   * 3. decide (authorise + domain rules) against the current state; 4. append the events and the
   * command id in one transaction; 5. fold them into the cache; 6. publish; 7. answer.
   */
  command(seminarId: string, actor: Actor, raw: unknown): CommandAck {
    const parsed = parseCommand(raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const cmd = parsed.command;

    const before = this.store.commandApplied(seminarId, cmd.id);
    if (before !== null) return { ok: true, seq: before, duplicate: true };

    const entry = this.get(seminarId);
    const decision = decide(entry.state, actor, cmd);
    if (!decision.ok) return { ok: false, error: decision.error };

    const stored = this.store.append(seminarId, entry.head, decision.events, { id: cmd.id, actor });
    this.apply(seminarId, stored);
    return { ok: true, seq: entry.head };
  }

  /** Record events that do not come from a socket command (seminar created, participant joined). */
  record(seminarId: string, write: (expectedHead: number) => SeminarEvent[]): SeminarEvent[] {
    const stored = write(this.get(seminarId).head);
    this.apply(seminarId, stored);
    return stored;
  }

  /** Join a participant, within the per-seminar limit. */
  join(seminarId: string, participantId: string, tokenHash: string, joined: EventDraft): { ok: true } | { ok: false } {
    if (Object.keys(this.get(seminarId).state.participants).length >= LIMITS.participantsPerSeminar) return { ok: false };
    this.record(seminarId, (head) => this.store.addParticipant(seminarId, participantId, tokenHash, joined, head));
    return { ok: true };
  }

  private apply(seminarId: string, stored: SeminarEvent[]) {
    if (!stored.length) return;
    const entry = this.get(seminarId);
    // The cache is only ever read through `get`, so it may be changed in place.
    for (const e of stored) reduce(entry.state, e.body);
    entry.head = stored.at(-1)!.seq;
    this.publish(seminarId, stored);
  }

  /** Forget cached states (tests that reopen a store use a new Hub instead). */
  clear(): void {
    this.states.clear();
  }
}
