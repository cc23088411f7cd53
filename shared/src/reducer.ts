import type { EventBody } from './protocol.js';
import type { SeminarState } from './model.js';

/**
 * Copy a state's containers (top-level records and arrays) so that `reduce` can change the copy
 * without touching the original. Entities inside are shared: `reduce` replaces them, never edits.
 */
export function copyState(s: SeminarState): SeminarState {
  return {
    seminar: s.seminar,
    tasks: s.tasks,
    currentTaskId: s.currentTaskId,
    participants: { ...s.participants },
    groups: { ...s.groups },
    notes: { ...s.notes },
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
    case 'task.phaseChanged':
      state.tasks = state.tasks.map((t) => (t.id === e.taskId ? { ...t, phase: e.phase } : t));
      break;
    case 'note.written':
      state.notes[e.note.id] = e.note;
      break;
    case 'note.edited': {
      const note = state.notes[e.noteId];
      if (note) state.notes[e.noteId] = { ...note, text: e.text };
      break;
    }
    case 'note.deleted':
      delete state.notes[e.noteId];
      break;
    case 'notes.revealed':
      for (const n of e.notes) {
        const known = state.notes[n.id];
        state.notes[n.id] = known
          ? { ...known, text: n.text, groupId: e.groupId, revealed: true }
          : { id: n.id, taskId: e.taskId, text: n.text, groupId: e.groupId, revealed: true };
      }
      break;
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

/** Fold a list of events onto a copy of `state`. */
export function fold(state: SeminarState, events: readonly { body: EventBody }[]): SeminarState {
  const next = copyState(state);
  for (const e of events) reduce(next, e.body);
  return next;
}
