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
  type WireEvent,
} from '@tavla/shared';
import { CommandApplied, type Store } from './store/store.js';

/**
 * Called with the events a seminar just recorded, for the socket layer to deliver. It works out
 * who hears what and hands back how to send it: `send` writes the frames, and runs after the
 * writer has been answered (validate → persist → ack → broadcast) and before the cache folds the
 * events in. `origin` is the connection whose command recorded them: its share is not sent to it
 * but handed back as `own`, to ride on its ack. What needs the folded state (fresh snapshots for
 * people who changed table) comes back as `afterFold`, run once the cache is current.
 */
export type Publish = (seminarId: string, events: SeminarEvent[], origin?: string) => Delivery | void;
export interface Delivery {
  own?: WireEvent[];
  send?: () => void;
  afterFold?: () => void;
}
/** Called when a note on a group's board is taken or let go. */
export type PublishHold = (seminarId: string, groupId: string, noteId: string, held: boolean) => void;

/**
 * The seminars this process serves: each one's state is a cache of its log, folded once on
 * first use and kept current as events are appended.
 */
export class Hub {
  private states = new Map<string, { state: SeminarState; head: number; notes: NoteIndex }>();
  private publish: Publish = () => {};
  private publishHold: PublishHold = () => {};
  /** Per seminar: note id → the connection holding it. Presence, not history: never stored. */
  private holds = new Map<string, Map<string, string>>();

  constructor(
    readonly store: Store,
    private readonly participantsPerSeminar: number = LIMITS.participantsPerSeminar,
  ) {}

  onPublish(publish: Publish, publishHold: PublishHold = () => {}): void {
    this.publish = publish;
    this.publishHold = publishHold;
  }

  /** The full (server-side) state of a seminar and the sequence number it is folded to. */
  get(seminarId: string): { state: SeminarState; head: number } {
    return this.entry(seminarId);
  }

  /** The cache entry: state, head, and the note index kept in step with the state. */
  private entry(seminarId: string) {
    let entry = this.states.get(seminarId);
    if (!entry) {
      const events = this.store.read(seminarId, 0);
      entry = { state: fold(emptyState(), events), head: events.at(-1)?.seq ?? 0, notes: new NoteIndex() };
      this.states.set(seminarId, entry);
    }
    return entry;
  }

  /**
   * Run one command, following the algorithm in order:
   * 1. parse it with its schema; 2. decide (authorise + domain rules) against the current state;
   * 3. refuse moving a note that another connection holds; 4. append the events and the command
   * id in one transaction; 5. answer, with the events this connection may see; 6. publish them to
   * everyone else; 7. fold them into the cache.
   * `answer`, when given, gets the ack as soon as it is known, before the frames go out (the
   * writer is answered first, and the frames then wait for nothing); the ack is also returned.
   * A command whose id was applied already (a retry) is answered as before and changes nothing:
   * the append finds its id stored, and a refusal first looks whether it was applied. So the
   * usual command needs no lookup of its own before it is decided.
   */
  command(seminarId: string, actor: Actor, raw: unknown, connection = '', answer: (ack: CommandAck) => void = () => {}): CommandAck {
    const parsed = parseCommand(raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const cmd = parsed.command;
    const refuse = (error: AppError): CommandAck => this.appliedBefore(seminarId, cmd.id) ?? { ok: false, error };

    const entry = this.entry(seminarId);
    const decision = decide(entry.state, actor, cmd, Date.now(), entry.notes);
    if (!decision.ok) return refuse(decision.error);

    // A note someone else at the table is dragging cannot be moved from under them (checked
    // after authorisation, so other tables do not even learn that it is held).
    const moving = cmd.type === 'note.place' ? cmd.payload.noteId : null;
    const holder = moving ? this.holds.get(seminarId)?.get(moving) : undefined;
    if (holder && holder !== connection) return refuse({ code: 'conflict', message: 'someone else at the table is moving this note' });

    let stored: SeminarEvent[];
    try {
      stored = this.store.append(seminarId, entry.head, decision.events, { id: cmd.id, actor });
    } catch (err) {
      if (err instanceof CommandApplied) return { ok: true, seq: err.head, duplicate: true };
      throw err;
    }
    const seq = stored.at(-1)?.seq ?? entry.head;
    let ack: CommandAck = { ok: true, seq };
    this.apply(seminarId, stored, connection, (own) => {
      if (own?.length) ack = { ok: true, seq, events: own };
      answer(ack);
    });
    if (moving && holder) this.releaseNote(seminarId, moving); // dropped: the hold ends
    return ack;
  }

  private appliedBefore(seminarId: string, commandId: string): CommandAck | null {
    const head = this.store.commandApplied(seminarId, commandId);
    return head === null ? null : { ok: true, seq: head, duplicate: true };
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

  /**
   * Publish and fold what was just stored. `answer` gets the share of `origin` (see `Publish`)
   * once it is known, before anyone else's frames are sent.
   */
  private apply(seminarId: string, stored: SeminarEvent[], origin?: string, answer: (own?: WireEvent[]) => void = () => {}): void {
    if (!stored.length) return answer();
    const entry = this.entry(seminarId);
    // Stored, so the tables may hear of it now; the cache folds it in right after, whatever
    // delivery did: the cache must never fall behind the log.
    let delivery: Delivery | void;
    try {
      delivery = this.publish(seminarId, stored, origin);
      try {
        answer(delivery?.own);
      } finally {
        delivery?.send?.(); // the others hear of it, whatever answering the writer did
      }
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
    this.store.deleteSeminar(seminarId);
    this.states.delete(seminarId);
    this.holds.delete(seminarId);
    this.onDelete(seminarId);
  }
  private onDelete: (seminarId: string) => void = () => {};
  onDeleted(listener: (seminarId: string) => void): void {
    this.onDelete = listener;
  }
}
