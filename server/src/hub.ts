import {
  HoldRequest,
  LIMITS,
  NoteIndex,
  boardAccess,
  decide,
  emptyState,
  fold,
  parseCommand,
  reduce,
  type Actor,
  type AppError,
  type CommandAck,
  type HoldAck,
  type EventDraft,
  type SeminarEvent,
  type SeminarState,
} from '@tavla/shared';
import { randomUUID } from 'node:crypto';
import { numbered, type Store } from './store/store.js';
import { COMMIT_DELAY_MS, CommitQueue } from './commits.js';

/**
 * Called with the events a seminar just recorded, for the socket layer to deliver. It works out
 * who hears what and hands back how to send it: `send` writes the frames, and runs before the
 * cache folds the events in. `origin` is the connection whose command recorded them: it hears
 * its share at once, even where its frames are otherwise gathered (a facilitator's). What needs
 * the folded state (fresh snapshots for people who changed table) comes back as `afterFold`.
 */
export type Publish = (seminarId: string, events: SeminarEvent[], origin?: string) => Delivery | void;
export interface Delivery {
  send?: () => void;
  afterFold?: () => void;
}
/** Called when a note on a group's board is taken or let go. */
export type PublishHold = (seminarId: string, groupId: string, noteId: string, held: boolean) => void;

/** The answer to a command whose events could not be stored: the client sends it again. */
export const NOT_SAVED: AppError = { code: 'server_error', message: 'the server could not save this; it will be retried' };

/**
 * The seminars this process serves: each one's state is a cache of its log, folded once on
 * first use and kept current as events are appended.
 */
export class Hub {
  private states = new Map<string, { state: SeminarState; head: number; notes: NoteIndex; epoch: string; commands: Map<string, number>; usedAt: number }>();
  /**
   * Each seminar's epoch, kept when its cache is let go for being idle (the log has everything
   * the screens heard, so their folds stay good); a new one after a failed commit or a restart.
   */
  private epochs = new Map<string, string>();
  private publish: Publish = () => {};
  private publishHold: PublishHold = () => {};
  private reset: (seminarId: string) => void = () => {};
  /** Per seminar: note id → the connection holding it. Presence, not history: never stored. */
  private holds = new Map<string, Map<string, string>>();
  private readonly commits: CommitQueue;

  constructor(
    readonly store: Store,
    private readonly participantsPerSeminar: number = LIMITS.participantsPerSeminar,
    commitDelayMs: number = COMMIT_DELAY_MS,
    report: (err: unknown) => void = () => {},
  ) {
    this.commits = new CommitQueue(store, commitDelayMs, {
      // Screens may have heard events that are not in the log: forget the cache (its next use
      // folds the log again, under a new epoch) and let the socket layer set the screens right.
      failed: (seminarIds, err) => {
        report(err);
        for (const id of seminarIds) {
          this.states.delete(id);
          this.epochs.delete(id);
          this.reset(id);
        }
      },
      error: report,
    });
  }

  onPublish(publish: Publish, publishHold: PublishHold = () => {}): void {
    this.publish = publish;
    this.publishHold = publishHold;
  }
  /** Called when a seminar's cache was thrown away because its events could not be stored. */
  onReset(listener: (seminarId: string) => void): void {
    this.reset = listener;
  }

  /**
   * The full (server-side) state of a seminar, the sequence number it is folded to, and its epoch:
   * a name for this fold of the log, new in every process and after a failed commit. Screens that
   * folded events under another epoch may hold some the log never got, so they start afresh.
   */
  get(seminarId: string): { state: SeminarState; head: number; epoch: string } {
    return this.entry(seminarId);
  }

  /**
   * The cache entry: state, head, epoch, the note index kept in step with the state, and the
   * commands applied (id → head after it: stored, or queued for the commit), so that telling a
   * retry from a new command costs no query.
   */
  private entry(seminarId: string) {
    let entry = this.states.get(seminarId);
    const now = Date.now();
    if (!entry) {
      const events = this.store.read(seminarId, 0);
      const commands = this.store.appliedCommands(seminarId);
      let epoch = this.epochs.get(seminarId);
      if (!epoch) this.epochs.set(seminarId, (epoch = randomUUID()));
      entry = { state: fold(emptyState(), events), head: events.at(-1)?.seq ?? 0, notes: new NoteIndex(), epoch, commands, usedAt: now };
      this.states.set(seminarId, entry);
    }
    entry.usedAt = now;
    return entry;
  }

  /**
   * Let go of the cache of every seminar unused for `idleMs` that no screen follows here
   * (`followed`) and where no note is held: a server that runs for months otherwise keeps every
   * seminar it ever opened (its notes, their index, its command ids) in memory. Their events are
   * written first; the next use folds the log again, under the same epoch, so screens that come
   * back catch up as before. Returns the seminars let go.
   */
  evictIdle(idleMs: number, followed: (seminarId: string) => boolean, now = Date.now()): string[] {
    const idle = [...this.states].filter(([id, e]) => now - e.usedAt >= idleMs && !followed(id) && !this.holds.get(id)?.size).map(([id]) => id);
    if (!idle.length) return idle;
    this.commits.flush();
    for (const id of idle) {
      this.states.delete(id);
      this.holds.delete(id);
    }
    return idle;
  }

  /** Whether a seminar's state is in memory (what the tests of letting idle seminars go look at). */
  cached(seminarId: string): boolean {
    return this.states.has(seminarId);
  }

  /** Write every command's events still waiting for the group commit (before reading the log). */
  flush(): void {
    this.commits.flush();
  }

  /**
   * Run one command, following the algorithm in order:
   * 1. parse it with its schema; 2. decide (authorise + domain rules) against the current state;
   * 3. refuse moving a note that another connection holds; 4. answer a retry of a command applied
   * before as before, applying nothing; 5. number the events and queue them, with the command id,
   * for the group commit; 6. send them to every screen that may see them, the writer's included;
   * 7. fold them into the cache; 8. once they are stored, answer the writer.
   * `answer` gets the ack: at once for a refusal or a retry, after the commit for a command that
   * recorded events (so an ack still means "saved"; `server_error` if the commit failed). The
   * decision is also returned at once, for callers that are not a socket.
   */
  command(seminarId: string, actor: Actor, raw: unknown, connection = '', answer: (ack: CommandAck) => void = () => {}): CommandAck {
    const now = (ack: CommandAck) => {
      answer(ack);
      return ack;
    };
    const parsed = parseCommand(raw);
    if (!parsed.ok) return now({ ok: false, error: parsed.error });
    const cmd = parsed.command;
    const entry = this.entry(seminarId);
    const refuse = (error: AppError): CommandAck => now(appliedBefore(entry.commands, cmd.id) ?? { ok: false, error });

    const decision = decide(entry.state, actor, cmd, Date.now(), entry.notes);
    if (!decision.ok) return refuse(decision.error);

    // A note someone else at the table is dragging cannot be moved from under them (checked
    // after authorisation, so other tables do not even learn that it is held).
    const moving = cmd.type === 'note.place' ? cmd.payload.noteId : null;
    const holder = moving ? this.holds.get(seminarId)?.get(moving) : undefined;
    if (holder && holder !== connection) return refuse({ code: 'conflict', message: 'someone else at the table is moving this note' });

    // Screens hear the events before they are stored, so a retry must be known before, not by
    // the command id's key at the commit.
    const applied = appliedBefore(entry.commands, cmd.id);
    if (applied) return now(applied);

    const expectedHead = entry.head;
    const stored = numbered(expectedHead, decision.events);
    const ack: CommandAck = { ok: true, seq: expectedHead + stored.length };
    entry.commands.set(cmd.id, ack.seq); // if the commit fails, the entry goes, and this with it
    // Queued first: whatever delivery does, the events it may have sent will be stored.
    this.commits.add({ seminarId, expectedHead, events: stored, command: { id: cmd.id, actor }, settle: (err) => answer(err ? { ok: false, error: NOT_SAVED } : ack) });
    this.apply(seminarId, stored, connection);
    if (moving && holder) this.releaseNote(seminarId, moving); // dropped: the hold ends
    return ack;
  }

  /** Take or let go of a note on the actor's board. */
  hold(seminarId: string, actor: Actor, connection: string, raw: unknown): HoldAck {
    const parsed = HoldRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'invalid', message: 'hold needs { noteId, held }' } };
    const { noteId, held } = parsed.data;
    const { state } = this.get(seminarId);
    const note = state.notes[noteId];
    if (!note?.revealed || !note.groupId) return { ok: false, error: { code: 'not_found', message: 'no such note on a board' } };
    const denied = boardAccess(state, actor, note.groupId);
    if (denied) return { ok: false, error: denied };
    const holds = this.holds.get(seminarId) ?? new Map<string, string>();
    this.holds.set(seminarId, holds);
    const current = holds.get(noteId);
    if (held) {
      if (current && current !== connection) return { ok: false, error: { code: 'conflict', message: 'someone else at the table is moving this note' } };
      if (!current) {
        holds.set(noteId, connection);
        this.publishHold(seminarId, note.groupId, noteId, true);
      }
    } else if (current === connection) this.releaseNote(seminarId, noteId);
    return { ok: true };
  }

  /** A connection went away: everything it held is free again. */
  releaseAll(seminarId: string, connection: string): void {
    for (const [noteId, holder] of this.holds.get(seminarId) ?? []) if (holder === connection) this.releaseNote(seminarId, noteId);
  }

  /** Notes held on a group's board (all boards for facilitators when groupId is null). */
  heldOn(seminarId: string, groupId: string | null): string[] {
    const { state } = this.get(seminarId);
    return [...(this.holds.get(seminarId)?.keys() ?? [])].filter((id) => groupId === null || state.notes[id]?.groupId === groupId);
  }

  private releaseNote(seminarId: string, noteId: string) {
    const holds = this.holds.get(seminarId);
    if (!holds?.delete(noteId)) return;
    const groupId = this.get(seminarId).state.notes[noteId]?.groupId;
    if (groupId) this.publishHold(seminarId, groupId, noteId, false);
  }

  /** Record events that do not come from a socket command (seminar created, participant joined). */
  record(seminarId: string, write: (expectedHead: number) => SeminarEvent[]): SeminarEvent[] {
    this.commits.flush(); // the log in order: the commands before this, then this
    const stored = write(this.get(seminarId).head);
    this.apply(seminarId, stored);
    return stored;
  }

  /** Join a participant, within the per-seminar limit. */
  join(seminarId: string, participantId: string, tokenHash: string, joined: EventDraft): { ok: true } | { ok: false } {
    if (Object.keys(this.get(seminarId).state.participants).length >= this.participantsPerSeminar) return { ok: false };
    this.record(seminarId, (head) => this.store.addParticipant(seminarId, participantId, tokenHash, joined, head));
    return { ok: true };
  }

  /** Publish what was just recorded (or queued for the commit), and fold it into the cache. */
  private apply(seminarId: string, stored: SeminarEvent[], origin?: string): void {
    if (!stored.length) return;
    const entry = this.entry(seminarId);
    // The cache folds the events in whatever delivery did: it must never fall behind the log.
    let delivery: Delivery | void;
    try {
      delivery = this.publish(seminarId, stored, origin);
      delivery?.send?.();
    } finally {
      // The cache is only ever read through `get`, so it may be changed in place.
      for (const e of stored) reduce(entry.state, e.body);
      entry.notes.update(entry.state, stored.map((e) => e.body));
      entry.head = stored.at(-1)!.seq;
      if (stored.some((e) => e.body.type === 'seminar.updated') && entry.state.seminar)
        this.store.updateListing(seminarId, entry.state.seminar.title, entry.state.seminar.date);
    }
    delivery?.afterFold?.();
  }

  /** Delete a seminar for good: its log, tokens and cached state. */
  delete(seminarId: string): void {
    this.commits.flush();
    this.store.deleteSeminar(seminarId);
    this.states.delete(seminarId);
    this.epochs.delete(seminarId);
    this.holds.delete(seminarId);
    this.onDelete(seminarId);
  }
  private onDelete: (seminarId: string) => void = () => {};
  onDeleted(listener: (seminarId: string) => void): void {
    this.onDelete = listener;
  }
}

/** The answer to a command applied before (waiting for the commit, or stored), or null. */
function appliedBefore(commands: Map<string, number>, commandId: string): CommandAck | null {
  const head = commands.get(commandId);
  return head === undefined ? null : { ok: true, seq: head, duplicate: true };
}
