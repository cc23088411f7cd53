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
      const p = state.participants[e.participantId];
      if (p) state.participants[e.participantId] = e.type === 'participant.moved' ? { ...p, groupId: e.groupId } : { ...p, scribe: e.scribe };
      break;
    }
    case 'group.created':
      state.groups[e.group.id] = e.group;
      break;
    case 'group.renamed':
    case 'group.recoloured': {
      const g = state.groups[e.groupId];
      if (g) state.groups[e.groupId] = e.type === 'group.renamed' ? { ...g, name: e.name } : { ...g, colour: e.colour };
      break;
    }
    case 'group.removed':
      delete state.groups[e.groupId];
      for (const pid of e.ungrouped) {
        const p = state.participants[pid];
        if (p) state.participants[pid] = { ...p, groupId: null };
      }
      break;
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
    case 'theme.moved': {
      const theme = state.themes[e.themeId];
      if (!theme) break;
      const change = e.type === 'theme.renamed' ? { heading: e.heading } : e.type === 'theme.commented' ? { comment: e.comment } : { order: e.order };
      state.themes[e.themeId] = { ...theme, ...change };
      break;
    }
    case 'theme.removed':
      delete state.themes[e.themeId];
      break;
    case 'notes.placed':
      for (const p of e.placements) {
        const note = state.notes[p.noteId];
        if (note) state.notes[p.noteId] = { ...note, themeId: p.themeId, order: p.order };
      }
      break;
    case 'note.marked': {
      const note = state.notes[e.noteId];
      if (note) state.notes[e.noteId] = { ...note, marked: e.marked };
      break;
    }
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

/** Fold a list of events onto a copy of `state`. */
export function fold(state: SeminarState, events: readonly { body: EventBody }[]): SeminarState {
  const next = copyState(state);
  for (const e of events) reduce(next, e.body);
  return next;
}
