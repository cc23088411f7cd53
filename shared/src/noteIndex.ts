import { NO_GROUP, publishesBoards, revealsNotes, type Note, type SeminarState } from './model.js';
import type { EventBody } from './protocol.js';

/**
 * What a note write or delete needs to know about the seminar's other notes (the subject left
 * out): whether the seminar is settled (no other note waits to be revealed to its group and no
 * task waits to be published — then the subject is the only note the command can make
 * revealable), how many notes its author has in its task, the key of the last unsorted note on
 * the board it would join, and its task's notes and writers in the group it counts for.
 */
export interface Tally {
  settled: boolean;
  mine: number;
  lastUnsorted: string | null;
  /** Where the subject counts in its task's progress, and that group's notes and writers without it. */
  key: string;
  notes: number;
  writers: Set<string>;
}

/** The group a note counts for in its task's progress: its board's, else its author's table's. */
export const progressKey = (state: SeminarState, n: Note) => n.groupId ?? (n.authorId ? state.participants[n.authorId]?.groupId : null) ?? NO_GROUP;

/** One note's part in the tallies. */
interface Entry {
  taskId: string;
  authorId: string | null;
  /** Not yet revealed though its task reveals notes and its author sits at a table. */
  waiting: boolean;
  /** The board whose unsorted column it is in, and its key there. */
  unsortedOn: string | null;
  order: string;
  /** Its group in its task's progress (authored notes only). */
  key: string | null;
}

const sameEntry = (a: Entry, b: Entry) =>
  a.taskId === b.taskId && a.authorId === b.authorId && a.waiting === b.waiting && a.unsortedOn === b.unsortedOn && a.order === b.order && a.key === b.key;

function entryOf(state: SeminarState, n: Note, revealing: ReadonlySet<string>): Entry {
  const authorId = n.authorId ?? null;
  return {
    taskId: n.taskId,
    authorId,
    waiting: !n.revealed && !!authorId && revealing.has(n.taskId) && !!state.participants[authorId]?.groupId,
    unsortedOn: n.revealed && n.themeId === null ? n.groupId : null,
    order: n.order,
    key: authorId ? progressKey(state, n) : null,
  };
}

/** The notes an event changes, when they are all it changes that the tallies read; else undefined. */
function notesChangedBy(e: EventBody): readonly string[] | undefined {
  switch (e.type) {
    case 'note.written': return [e.note.id];
    case 'note.deleted': return [e.noteId];
    case 'notes.revealed': return e.notes.map((n) => n.id);
    case 'notes.placed': return e.placements.map((p) => p.noteId);
    // Text, marks, themes, counts, the clock: nothing a tally reads.
    case 'note.edited': case 'note.marked': case 'board.focused': case 'progress.changed': case 'progress.updated':
    case 'theme.created': case 'theme.renamed': case 'theme.commented': case 'theme.moved': case 'theme.removed':
    case 'theme.ranked': case 'theme.dotted': case 'theme.dotsByRole': case 'dot.placed': case 'dot.removed':
    case 'timer.changed': case 'agenda.added': case 'agenda.removed': case 'spotlight.changed':
    case 'expectation.written': case 'expectation.deleted':
      return [];
    // A newcomer has no notes yet.
    case 'participant.joined': return [];
    // Phases, seats, publishing, imports: anything else may change many notes' parts at once.
    default: return undefined;
  }
}

const pair = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * The tallies of `Tally`, kept in step with a state event by event instead of found by a pass
 * over every note: a note written at a seminar of thousands of notes costs the same as at one of
 * ten. Its owner calls `update` with every event it folds into the state (the hub does); an event
 * that may change more than the notes it names (a phase, a split, a move) makes the index rebuild
 * itself from the state when next asked. Without an owner, `NoteIndex.of(state)` tallies once.
 */
export class NoteIndex {
  private built = false;
  private entries = new Map<string, Entry>();
  private waiting = 0;
  /** task + author → notes */
  private mine = new Map<string, number>();
  /** task + progress key → author → notes */
  private counted = new Map<string, Map<string, number>>();
  /** task + group → unsorted note → its key */
  private unsorted = new Map<string, Map<string, string>>();
  /** task + group → the unsorted note with the last key, while known (a board of hundreds is not scanned per note) */
  private last = new Map<string, { id: string; order: string }>();

  /** An index of the state as it is now, for one tally (nobody keeps it in step). */
  static of(state: SeminarState): NoteIndex {
    const index = new NoteIndex();
    index.build(state);
    return index;
  }

  /** Follow events already folded into `state`. */
  update(state: SeminarState, events: readonly EventBody[]): void {
    if (!this.built) return;
    let revealing: ReadonlySet<string> | undefined;
    for (const e of events) {
      const ids = notesChangedBy(e);
      if (!ids) return void (this.built = false);
      if (!ids.length) continue;
      revealing ??= revealingTasks(state);
      for (const id of ids) {
        const note = state.notes[id];
        const next = note && entryOf(state, note, revealing);
        // Events come in after the state has folded them all: a note written and revealed by
        // one command is named twice with the same part. Unchanged, it is left as it is — taken
        // out and put back, the board's last key would be forgotten and the board scanned.
        const prev = this.entries.get(id);
        if (prev && next && sameEntry(prev, next)) continue;
        this.remove(id);
        if (next) this.add(id, next);
      }
    }
  }

  /** The tallies for a note about to be written (not in the state yet) or deleted (left out). */
  tally(state: SeminarState, subject: Note): Tally {
    if (!this.built) this.build(state);
    const self = this.entries.get(subject.id);
    const key = progressKey(state, subject);
    const groupId = subject.authorId ? (state.participants[subject.authorId]?.groupId ?? null) : null;

    const lastUnsorted = groupId === null ? null : this.lastUnsorted(pair(subject.taskId, groupId), subject.id);

    // forEach rather than for…of: no [key, value] array per entry on a path every note takes.
    const writers = new Set<string>();
    let notes = 0;
    this.counted.get(pair(subject.taskId, key))?.forEach((n, author) => {
      const left = self?.key === key && self.taskId === subject.taskId && self.authorId === author ? n - 1 : n;
      notes += left;
      if (left > 0) writers.add(author);
    });

    const mine = subject.authorId ? (this.mine.get(pair(subject.taskId, subject.authorId)) ?? 0) - (self && self.authorId === subject.authorId && self.taskId === subject.taskId ? 1 : 0) : 0;
    const waiting = this.waiting - (self?.waiting ? 1 : 0);
    const settled = waiting === 0 && !state.tasks.some((t) => publishesBoards(t.phase) && !t.published);
    return { settled, mine, lastUnsorted, key, notes, writers };
  }

  /** The last key among a board's unsorted notes, `except` one of them. */
  private lastUnsorted(board: string, except: string): string | null {
    const notes = this.unsorted.get(board);
    if (!notes) return null;
    const scan = () => {
      let last: { id: string; order: string } | undefined;
      notes.forEach((order, id) => {
        if (id !== except && (!last || order > last.order)) last = { id, order };
      });
      return last;
    };
    if (notes.has(except)) return scan()?.order ?? null; // the subject is on the board already: not the usual write
    let last = this.last.get(board);
    if (!last && notes.size) this.last.set(board, (last = scan()!));
    return last?.order ?? null;
  }

  private build(state: SeminarState) {
    this.entries.clear();
    this.mine.clear();
    this.counted.clear();
    this.unsorted.clear();
    this.last.clear();
    this.waiting = 0;
    const revealing = revealingTasks(state);
    for (const id in state.notes) this.add(id, entryOf(state, state.notes[id]!, revealing));
    this.built = true;
  }

  private add(id: string, e: Entry) {
    this.entries.set(id, e);
    if (e.waiting) this.waiting++;
    if (e.unsortedOn !== null) {
      const k = pair(e.taskId, e.unsortedOn);
      const board = this.unsorted.get(k) ?? this.unsorted.set(k, new Map()).get(k)!;
      board.set(id, e.order);
      const last = this.last.get(k);
      if (board.size === 1 || (last && e.order > last.order)) this.last.set(k, { id, order: e.order });
    }
    if (e.authorId !== null && e.key !== null) {
      const mk = pair(e.taskId, e.authorId);
      this.mine.set(mk, (this.mine.get(mk) ?? 0) + 1);
      const ck = pair(e.taskId, e.key);
      const byAuthor = this.counted.get(ck) ?? this.counted.set(ck, new Map()).get(ck)!;
      byAuthor.set(e.authorId, (byAuthor.get(e.authorId) ?? 0) + 1);
    }
  }

  private remove(id: string) {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    if (e.waiting) this.waiting--;
    if (e.unsortedOn !== null) {
      const k = pair(e.taskId, e.unsortedOn);
      this.unsorted.get(k)?.delete(id);
      if (this.last.get(k)?.id === id) this.last.delete(k); // found again when next asked
    }
    if (e.authorId !== null && e.key !== null) {
      const mk = pair(e.taskId, e.authorId);
      const m = this.mine.get(mk)! - 1;
      if (m) this.mine.set(mk, m);
      else this.mine.delete(mk);
      const byAuthor = this.counted.get(pair(e.taskId, e.key))!;
      const n = byAuthor.get(e.authorId)! - 1;
      if (n) byAuthor.set(e.authorId, n);
      else byAuthor.delete(e.authorId);
    }
  }
}

const revealingTasks = (state: SeminarState) => new Set(state.tasks.filter((t) => revealsNotes(t.phase)).map((t) => t.id));
