import { LIMITS } from './limits.js';
import { WRITABLE_PHASES, publishesBoards, revealsNotes } from './model.js';
import type { Actor, GroupProgress, Note, SeminarState, Timer } from './model.js';
import type { AppError, Command, EventBody, EventDraft } from './protocol.js';
import { draft } from './reducer.js';
import { splitIntoGroups } from './groups.js';
import { keyAfter, keysAfter } from './order.js';
import { withoutAuthor } from './view.js';
import { authoriseBoard, boardAudience, decideBoard, isBoardCommand, lockedFor } from './board.js';
import { decidePeople, isPeopleCommand } from './people.js';
import { decidePriority, isPriorityCommand } from './priorities.js';
import { decideExpectation, isExpectationCommand } from './expectations.js';
import { decidePlenary, isPlenaryCommand } from './plenary.js';
import { NoteIndex, progressKey, type Tally } from './noteIndex.js';

export type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };

const FACILITATOR_ONLY = new Set<Command['type']>(['task.setPhase', 'task.add', 'task.activate', 'groups.split', 'timer.set', 'timer.start', 'timer.pause', 'timer.extend', 'timer.clear', 'agenda.add', 'agenda.remove', 'seminar.update', 'task.update', 'task.lock']);
const PARTICIPANT_ONLY = new Set<Command['type']>(['note.write', 'note.edit', 'note.delete']);

const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });
/** Who holds an unshared note: its author, or the scribe who typed it for a paper participant. */
const ownerOf = (note: Note) => ({ kind: 'participant', participantId: note.scribeId ?? note.authorId! }) as const;

/** May this actor send this kind of command, and does it touch only what is theirs? */
export function authorise(state: SeminarState, actor: Actor, cmd: Command): AppError | null {
  if (isBoardCommand(cmd)) return authoriseBoard(state, actor, cmd);
  if ((FACILITATOR_ONLY.has(cmd.type) || isPeopleCommand(cmd) || isPlenaryCommand(cmd)) && actor.kind !== 'facilitator')
    return { code: 'forbidden', message: `only a facilitator may ${cmd.type}` };
  if (PARTICIPANT_ONLY.has(cmd.type)) {
    if (actor.kind !== 'participant' || !state.participants[actor.id])
      return { code: 'forbidden', message: `only a participant may ${cmd.type}` };
    if (cmd.type === 'note.edit' || cmd.type === 'note.delete') {
      const note = state.notes[cmd.payload.noteId];
      if (!note) return { code: 'not_found', message: 'no such note' };
      if (note.authorId !== actor.id && note.scribeId !== actor.id) return { code: 'forbidden', message: 'not your note' };
    }
    if (cmd.type === 'note.write' && cmd.payload.onBehalfOf) {
      const me = state.participants[actor.id]!;
      const author = state.participants[cmd.payload.onBehalfOf];
      if (!me.scribe) return { code: 'forbidden', message: 'only the group scribe may write for someone else' };
      if (!author?.paper || author.groupId !== me.groupId) return { code: 'forbidden', message: 'a scribe writes only for paper participants of their own group' };
    }
  }
  return null;
}

/**
 * Turn a valid command into the events that record it, or refuse it. Pure: the same state,
 * actor, command and clock reading (`now`, ms; only the timer reads it) give the same answer.
 * `index`, when the caller keeps one in step with `state`, spares note writes a pass over all notes.
 */
export function decide(state: SeminarState, actor: Actor, cmd: Command, now = 0, index?: NoteIndex): Decision {
  return decideWith(state, actor, cmd, now, true, index);
}

/**
 * `decide` without its shortcut for note writes and deletes: every follow-up is found by the full
 * scan of the seminar. The same answer, slower; kept as the oracle the shortcut is tested against.
 */
export function decideByFullScan(state: SeminarState, actor: Actor, cmd: Command, now = 0): Decision {
  return decideWith(state, actor, cmd, now, false);
}

function decideWith(state: SeminarState, actor: Actor, cmd: Command, now: number, shortcut: boolean, index?: NoteIndex): Decision {
  const tally = (subject: Note) => (index ?? NoteIndex.of(state)).tally(state, subject);
  if (!state.seminar) return fail('not_found', 'no such seminar');
  const denied = authorise(state, actor, cmd);
  if (denied) return { ok: false, error: denied };
  if (isBoardCommand(cmd)) return decideBoard(state, actor, cmd);
  if (isPriorityCommand(cmd)) return decidePriority(state, actor, cmd);
  if (isExpectationCommand(cmd)) return decideExpectation(state, actor, cmd);
  if (isPlenaryCommand(cmd)) return decidePlenary(state, cmd);
  if (isPeopleCommand(cmd)) {
    const tasksWithNotes = state.tasks.map((t) => t.id).filter((id) => Object.values(state.notes).some((n) => n.taskId === id));
    return decidePeople(state, actor, cmd, (events) => withFollowUps(state, events, tasksWithNotes));
  }

  switch (cmd.type) {
    case 'note.write': {
      const { noteId, taskId, text, onBehalfOf } = cmd.payload;
      const authorId = onBehalfOf ?? actor.id;
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return fail('not_found', 'no such task');
      if (!WRITABLE_PHASES.includes(task.phase)) return fail('wrong_phase', `the task is in its ${task.phase} phase`);
      const locked = lockedFor(task, actor);
      if (locked) return { ok: false, error: locked };
      if (state.notes[noteId]) return fail('conflict', 'a note with this id exists');
      const note: Note = { id: noteId, taskId, text, authorId, ...(onBehalfOf ? { scribeId: actor.id } : {}), groupId: null, revealed: false, themeId: null, order: '', marked: false, readOut: false };
      const seen = tally(note);
      if (seen.mine >= LIMITS.notesPerParticipantPerTask)
        return fail('limit', `at most ${LIMITS.notesPerParticipantPerTask} notes per task`);
      const written: EventDraft = { audience: ownerOf(note), body: { type: 'note.written', note } };
      return shortcut && seen.settled ? noteFollowUps(state, written, note, seen, 'written') : withFollowUps(state, [written], [taskId]);
    }
    case 'note.edit':
    case 'note.delete': {
      const note = state.notes[cmd.payload.noteId]!;
      if (note.revealed) return fail('wrong_phase', 'the note has been shared with the group');
      const locked = lockedFor(state.tasks.find((t) => t.id === note.taskId)!, actor);
      if (locked) return { ok: false, error: locked };
      const audience = ownerOf(note);
      if (cmd.type === 'note.edit')
        return { ok: true, events: note.text === cmd.payload.text ? [] : [{ audience, body: { type: 'note.edited', noteId: note.id, text: cmd.payload.text } }] };
      const deleted: EventDraft = { audience, body: { type: 'note.deleted', noteId: note.id } };
      const seen = shortcut ? tally(note) : null;
      return seen?.settled ? noteFollowUps(state, deleted, note, seen, 'deleted') : withFollowUps(state, [deleted], [note.taskId]);
    }
    case 'task.setPhase': {
      const { taskId, phase } = cmd.payload;
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return fail('not_found', 'no such task');
      if (task.phase === phase) return { ok: true, events: [] };
      return withFollowUps(state, [{ audience: { kind: 'all' }, body: { type: 'task.phaseChanged', taskId, phase } }], []);
    }
    case 'timer.set':
    case 'timer.start':
    case 'timer.pause':
    case 'timer.extend':
    case 'timer.clear': {
      const timer = nextTimer(state.timer, cmd, now);
      if (timer === undefined) return fail('conflict', 'set the timer first');
      if (JSON.stringify(timer) === JSON.stringify(state.timer)) return { ok: true, events: [] };
      return { ok: true, events: [{ audience: { kind: 'all' }, body: { type: 'timer.changed', timer } }] };
    }
    case 'agenda.add': {
      const { itemId, time, label } = cmd.payload;
      if (state.agenda.some((i) => i.id === itemId)) return fail('conflict', 'an agenda item with this id exists');
      if (state.agenda.length >= LIMITS.agendaItems) return fail('limit', `at most ${LIMITS.agendaItems} agenda items`);
      return { ok: true, events: [{ audience: { kind: 'all' }, body: { type: 'agenda.added', item: { id: itemId, time, label } } }] };
    }
    case 'agenda.remove':
      if (!state.agenda.some((i) => i.id === cmd.payload.itemId)) return fail('not_found', 'no such agenda item');
      return { ok: true, events: [{ audience: { kind: 'all' }, body: { type: 'agenda.removed', itemId: cmd.payload.itemId } }] };
    case 'task.add': {
      const { taskId, title, questions, priority = { kind: 'none' } } = cmd.payload;
      if (state.tasks.some((t) => t.id === taskId)) return fail('conflict', 'a task with this id exists');
      if (state.tasks.length >= LIMITS.tasksPerSeminar) return fail('limit', `at most ${LIMITS.tasksPerSeminar} tasks`);
      const task = { id: taskId, title, questions, phase: 'write', locked: false, published: false, priority } as const;
      return { ok: true, events: [{ audience: { kind: 'all' }, body: { type: 'task.added', task } }] };
    }
    case 'task.update': {
      const { taskId, ...changes } = cmd.payload;
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return fail('not_found', 'no such task');
      const changed = changedFields(task, changes);
      return { ok: true, events: Object.keys(changed).length ? [{ audience: { kind: 'all' }, body: { type: 'task.updated', taskId, changes: changed } }] : [] };
    }
    case 'task.lock': {
      const { taskId, locked } = cmd.payload;
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return fail('not_found', 'no such task');
      return { ok: true, events: task.locked === locked ? [] : [{ audience: { kind: 'all' }, body: { type: 'task.locked', taskId, locked } }] };
    }
    case 'seminar.update': {
      const seminar = state.seminar;
      const { attendanceExtra, ...fields } = cmd.payload;
      if (attendanceExtra && Object.keys(attendanceExtra).some((r) => !seminar.roles.some((x) => x.id === r))) return fail('invalid', 'attendanceExtra: not a role of this seminar');
      const changes = changedFields(seminar, { ...fields, ...(attendanceExtra ? { attendanceExtra: { ...seminar.attendanceExtra, ...attendanceExtra } } : {}) });
      return { ok: true, events: Object.keys(changes).length ? [{ audience: { kind: 'all' }, body: { type: 'seminar.updated', changes } }] : [] };
    }
    case 'task.activate': {
      const { taskId } = cmd.payload;
      if (!state.tasks.some((t) => t.id === taskId)) return fail('not_found', 'no such task');
      if (state.currentTaskId === taskId) return { ok: true, events: [] };
      return { ok: true, events: [{ audience: { kind: 'all' }, body: { type: 'task.activated', taskId } }] };
    }
    case 'groups.split': {
      const people = Object.values(state.participants);
      if (people.length === 0) return fail('conflict', 'nobody has joined yet');
      const { groups, assignments } = splitIntoGroups(people, cmd.payload.size, Object.values(state.groups), (n) => `${cmd.id}-${n}`);
      // A group whose notes are on a board stays, even if the new split leaves it empty.
      const kept = new Set(groups.map((g) => g.id));
      for (const g of Object.values(state.groups)) {
        if (!kept.has(g.id) && Object.values(state.notes).some((n) => n.groupId === g.id)) groups.push(g);
      }
      const tasksWithNotes = state.tasks.map((t) => t.id).filter((id) => Object.values(state.notes).some((n) => n.taskId === id));
      // Facilitators fold the new split; every phone and table device gets a fresh view of its table.
      return withFollowUps(state, [{ audience: { kind: 'facilitators' }, body: { type: 'groups.formed', groups, assignments } }], tasksWithNotes);
    }
  }
}

/**
 * Add what follows from `primary`: notes that must now be revealed to their group, and fresh
 * progress counts for the facilitators of each task in `progressFor`.
 */
function withFollowUps(state: SeminarState, primary: EventDraft[], progressFor: string[]): Decision {
  const scratch = draft(state);
  const after = scratch.state;
  for (const e of primary) scratch.apply(e.body);
  const events = [...primary];

  for (const task of after.tasks) {
    if (!revealsNotes(task.phase)) continue;
    const byGroup = new Map<string, { id: string; text: string }[]>();
    for (const n of Object.values(after.notes)) {
      const groupId = n.authorId ? after.participants[n.authorId]?.groupId : null;
      if (n.taskId !== task.id || n.revealed || !groupId) continue;
      byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), { id: n.id, text: n.text }]);
    }
    for (const [groupId, pending] of byGroup) {
      // Sorted by random id, not by time written, so order tells nothing about who wrote what.
      pending.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const unsorted = Object.values(after.notes).filter((n) => n.taskId === task.id && n.groupId === groupId && n.revealed && n.themeId === null);
      const keys = keysAfter(unsorted, pending.length);
      const notes = pending.map((n, i) => ({ ...n, order: keys[i]! }));
      const body = { type: 'notes.revealed', taskId: task.id, groupId, notes } as const;
      events.push({ audience: boardAudience(after, task.id, groupId), body });
      scratch.apply(body);
    }
    if (publishesBoards(task.phase) && !task.published) {
      const body = published(after, task.id);
      events.push({ audience: { kind: 'all' }, body });
      scratch.apply(body);
    }
  }
  for (const taskId of progressFor) {
    const held = state.progress[taskId] ?? {};
    const now = progressOf(after, taskId);
    const groups: Record<string, GroupProgress> = {};
    for (const key of new Set([...Object.keys(held), ...Object.keys(now)])) if (!sameProgress(held[key], now[key])) groups[key] = now[key] ?? NONE;
    if (Object.keys(groups).length) events.push({ audience: { kind: 'facilitators' }, body: { type: 'progress.changed', taskId, groups } });
  }
  return { ok: true, events };
}

const NONE: GroupProgress = { notes: 0, writers: 0 };
const sameProgress = (a: GroupProgress = NONE, b: GroupProgress = NONE) => a.notes === b.notes && a.writers === b.writers;
/**
 * `withFollowUps` for one note written or deleted in a settled seminar (see `Tally`), without
 * folding it into a copy of the state or scanning the notes again: only that note can become
 * revealable (when written, its task reveals notes and its author sits at a table), and only its
 * task's progress changes. The same events as the full scan; decide.fastpath.test.ts checks it.
 */
function noteFollowUps(state: SeminarState, primary: EventDraft, note: Note, seen: Tally, change: 'written' | 'deleted'): Decision {
  const events = [primary];
  if (change === 'written') {
    const task = state.tasks.find((t) => t.id === note.taskId)!;
    const groupId = state.participants[note.authorId!]?.groupId ?? null;
    if (groupId && revealsNotes(task.phase)) {
      const body: EventBody = { type: 'notes.revealed', taskId: task.id, groupId, notes: [{ id: note.id, text: note.text, order: keyAfter(seen.lastUnsorted) }] };
      events.push({ audience: boardAudience(state, task.id, groupId), body });
    }
    seen.notes++;
    seen.writers.add(note.authorId!);
  }
  // Only the subject's group can have changed: send it if it differs from what screens hold.
  const now = seen.notes ? { notes: seen.notes, writers: seen.writers.size } : NONE;
  if (!sameProgress(state.progress[note.taskId]?.[seen.key], now))
    events.push({ audience: { kind: 'facilitators' }, body: { type: 'progress.changed', taskId: note.taskId, groups: { [seen.key]: now } } });
  return { ok: true, events };
}

/** The fields of `patch` that are given and differ from `current`'s: what an update event records. */
function changedFields<T extends object>(current: T, patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k as keyof T]))) as Partial<T>;
}

/** A task's boards as every screen may now see them: shared notes without authors, themes, focus. */
function published(state: SeminarState, taskId: string): Extract<EventBody, { type: 'boards.published' }> {
  const notes = Object.values(state.notes)
    .filter((n) => n.taskId === taskId && n.revealed)
    .map(withoutAuthor);
  const themes = Object.values(state.themes).filter((t) => t.taskId === taskId);
  const boards = Object.fromEntries(Object.entries(state.boards).filter(([key]) => key.startsWith(`${taskId}/`)));
  return { type: 'boards.published', taskId, notes, themes, boards };
}

/** Notes and distinct writers per group for one task, counted from the full state. */
export function progressOf(state: SeminarState, taskId: string): Record<string, GroupProgress> {
  const writers = new Map<string, Set<string>>();
  const out: Record<string, GroupProgress> = {};
  for (const n of Object.values(state.notes)) {
    if (n.taskId !== taskId || !n.authorId) continue;
    const key = progressKey(state, n);
    const w = writers.get(key) ?? writers.set(key, new Set()).get(key)!;
    w.add(n.authorId);
    out[key] = { notes: (out[key]?.notes ?? 0) + 1, writers: w.size };
  }
  return out;
}

/** The timer after a timer command at `now`; undefined when there is no timer to act on. */
function nextTimer(t: Timer | null, cmd: Extract<Command, { type: `timer.${string}` }>, now: number): Timer | null | undefined {
  const remaining = (x: Timer) => (x.running && x.endsAt !== null ? Math.max(0, x.endsAt - now) : x.remainingMs);
  switch (cmd.type) {
    case 'timer.set':
      return { running: false, endsAt: null, remainingMs: cmd.payload.seconds * 1000, totalMs: cmd.payload.seconds * 1000 };
    case 'timer.clear':
      return null;
    case 'timer.start':
      if (!t) return undefined;
      return t.running ? t : { ...t, running: true, endsAt: now + t.remainingMs };
    case 'timer.pause':
      if (!t) return undefined;
      return t.running ? { ...t, running: false, endsAt: null, remainingMs: remaining(t) } : t;
    case 'timer.extend': {
      if (!t) return undefined;
      const add = cmd.payload.seconds * 1000;
      return t.running && t.endsAt !== null ? { ...t, endsAt: Math.max(t.endsAt, now) + add, totalMs: t.totalMs + add } : { ...t, remainingMs: t.remainingMs + add, totalMs: t.totalMs + add };
    }
  }
}
