import type { EventBody } from './protocol.js';
import { boardKey, type SeminarState } from './model.js';

/**
 * Copy a state's containers (top-level records and arrays) so that `reduce` can change the copy
 * without touching the original. Entities inside are shared: `reduce` replaces them, never edits.
 */
export function copyState(s: SeminarState): SeminarState {
  return {
    seminar: s.seminar,
    tasks: s.tasks,
    currentTaskId: s.currentTaskId,
    timer: s.timer,
    agenda: s.agenda,
    participants: { ...s.participants },
    groups: { ...s.groups },
    notes: { ...s.notes },
    themes: { ...s.themes },
    boards: { ...s.boards },
    progress: { ...s.progress },
  };
}

/**
 * The one reducer, run by server and client alike: fold one event into a state.
 * It changes `state`'s containers in place (call it on a `copyState` where the old state must
 * survive) and replaces, never edits, the entities inside them.
 */
export function reduce(state: SeminarState, e: EventBody): SeminarState {
  switch (e.type) {
    case 'seminar.created':
      state.seminar = e.seminar;
      state.tasks = e.tasks;
      state.currentTaskId = e.tasks[0]?.id ?? null;
      break;
    case 'participant.joined':
      state.participants[e.participant.id] = e.participant;
      break;
    case 'groups.formed': {
      state.groups = Object.fromEntries(e.groups.map((g) => [g.id, g]));
      for (const [pid, p] of Object.entries(state.participants)) {
        const groupId = e.assignments[pid] ?? null;
        if (p.groupId !== groupId) state.participants[pid] = { ...p, groupId };
      }
      break;
    }
    case 'participant.moved':
    case 'participant.scribeSet': {
      patch(state.participants, e.participantId, e.type === 'participant.moved' ? { groupId: e.groupId } : { scribe: e.scribe });
      break;
    }
    case 'group.created':
      state.groups[e.group.id] = e.group;
      break;
    case 'group.renamed':
    case 'group.recoloured': {
      patch(state.groups, e.groupId, e.type === 'group.renamed' ? { name: e.name } : { colour: e.colour });
      break;
    }
    case 'group.removed':
      delete state.groups[e.groupId];
      for (const pid of e.ungrouped) patch(state.participants, pid, { groupId: null });
      break;
    case 'agenda.added':
      state.agenda = [...state.agenda, e.item];
      break;
    case 'agenda.removed':
      state.agenda = state.agenda.filter((i) => i.id !== e.itemId);
      break;
    case 'timer.changed':
      state.timer = e.timer;
      break;
    case 'task.added':
      state.tasks = [...state.tasks, e.task];
      break;
    case 'task.activated':
      state.currentTaskId = e.taskId;
      break;
    case 'task.phaseChanged':
      state.tasks = state.tasks.map((t) => (t.id === e.taskId ? { ...t, phase: e.phase } : t));
      break;
    case 'note.written':
      state.notes[e.note.id] = e.note;
      break;
    case 'note.edited':
      patch(state.notes, e.noteId, { text: e.text });
      break;
    case 'note.deleted':
      delete state.notes[e.noteId];
      break;
    case 'notes.revealed':
      for (const n of e.notes) {
        const known = state.notes[n.id];
        const placed = { text: n.text, groupId: e.groupId, revealed: true, themeId: null, order: n.order };
        state.notes[n.id] = known
          ? { ...known, ...placed }
          : { id: n.id, taskId: e.taskId, marked: false, readOut: false, ...placed };
      }
      break;
    case 'theme.created':
      state.themes[e.theme.id] = e.theme;
      break;
    case 'theme.renamed':
    case 'theme.commented':
    case 'theme.moved':
      patch(state.themes, e.themeId, e.type === 'theme.renamed' ? { heading: e.heading } : e.type === 'theme.commented' ? { comment: e.comment } : { order: e.order });
      break;
    case 'theme.removed':
      delete state.themes[e.themeId];
      break;
    case 'notes.placed':
      for (const p of e.placements) patch(state.notes, p.noteId, { themeId: p.themeId, order: p.order });
      break;
    case 'note.marked':
      patch(state.notes, e.noteId, { marked: e.marked });
      break;
    case 'board.focused': {
      state.boards[boardKey(e.taskId, e.groupId)] = { focus: e.noteId };
      const note = e.noteId ? state.notes[e.noteId] : undefined;
      if (note && !note.readOut) state.notes[note.id] = { ...note, readOut: true };
      break;
    }
    case 'progress.updated':
      state.progress[e.taskId] = e.groups;
      break;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${(never as { type: string }).type}`);
    }
  }
  return state;
}

/** Replace an entity with a changed copy, if it exists (entities are never edited in place). */
function patch<T>(record: Record<string, T>, id: string, change: Partial<T>): void {
  const current = record[id];
  if (current) record[id] = { ...current, ...change };
}

/** Fold a list of events onto a copy of `state`. */
export function fold(state: SeminarState, events: readonly { body: EventBody }[]): SeminarState {
  const next = copyState(state);
  for (const e of events) reduce(next, e.body);
  return next;
}
