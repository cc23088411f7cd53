import type { EventBody } from './protocol.js';
import { boardKey, withSeminarDefaults, withTaskDefaults, withThemeDefaults, type SeminarState } from './model.js';

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
    spotlight: s.spotlight,
    dots: { ...s.dots },
    dotsByRole: { ...s.dotsByRole },
    synthesis: s.synthesis,
    expectationsOpen: s.expectationsOpen,
    expectations: { ...s.expectations },
    expectationItems: s.expectationItems,
    actions: s.actions,
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
      state.seminar = withSeminarDefaults(e.seminar);
      state.tasks = e.tasks.map(withTaskDefaults);
      state.currentTaskId = e.tasks[0]?.id ?? null;
      break;
    case 'participant.joined':
    case 'roster.added':
      state.participants[e.participant.id] = e.participant;
      break;
    case 'roster.removed':
      delete state.participants[e.participantId];
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
      state.tasks = [...state.tasks, withTaskDefaults(e.task)];
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
      state.themes[e.theme.id] = withThemeDefaults(e.theme);
      break;
    case 'theme.renamed':
    case 'theme.commented':
    case 'theme.moved':
      patch(state.themes, e.themeId, e.type === 'theme.renamed' ? { heading: e.heading } : e.type === 'theme.commented' ? { comment: e.comment } : { order: e.order });
      break;
    case 'theme.removed':
      delete state.themes[e.themeId];
      delete state.dotsByRole[e.themeId];
      for (const d of Object.values(state.dots)) if (d.themeId === e.themeId) delete state.dots[d.id];
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
    case 'progress.changed': {
      const groups = { ...state.progress[e.taskId], ...e.groups };
      for (const [key, p] of Object.entries(e.groups)) if (p.notes === 0) delete groups[key]; // as before anyone wrote
      state.progress[e.taskId] = groups;
      break;
    }
    case 'progress.updated':
      state.progress[e.taskId] = e.groups;
      break;
    case 'seminar.updated':
      if (state.seminar) state.seminar = { ...state.seminar, ...e.changes };
      break;
    case 'task.updated':
    case 'task.locked': {
      const change = e.type === 'task.updated' ? e.changes : { locked: e.locked };
      state.tasks = state.tasks.map((t) => (t.id === e.taskId ? { ...t, ...change } : t));
      break;
    }
    case 'boards.published':
      state.tasks = state.tasks.map((t) => (t.id === e.taskId ? { ...t, published: true } : t));
      // My own notes keep what only I know of them (that they are mine).
      for (const n of e.notes) state.notes[n.id] = { ...state.notes[n.id], ...n };
      for (const t of e.themes) state.themes[t.id] = t;
      Object.assign(state.boards, e.boards);
      break;
    case 'theme.ranked':
    case 'theme.dotted':
      patch(state.themes, e.themeId, e.type === 'theme.ranked' ? { rank: e.rank } : { dots: e.dots });
      break;
    case 'dot.placed':
      state.dots[e.dot.id] = e.dot;
      break;
    case 'dot.removed':
      delete state.dots[e.dotId];
      break;
    case 'theme.dotsByRole':
      state.dotsByRole[e.themeId] = e.byRole;
      break;
    case 'spotlight.changed':
      state.spotlight = e.spotlight;
      break;
    case 'synthesis.created':
      state.synthesis = [...state.synthesis, e.theme];
      break;
    case 'synthesis.removed':
      state.synthesis = state.synthesis.filter((x) => x.id !== e.synthesisId);
      state.actions = state.actions.map((a) => (a.synthesisId === e.synthesisId ? { ...a, synthesisId: null } : a));
      break;
    case 'synthesis.updated':
    case 'synthesis.linked':
    case 'synthesis.unlinked':
      state.synthesis = state.synthesis.map((x) => {
        if (x.id !== e.synthesisId) return x;
        if (e.type === 'synthesis.updated') return { ...x, heading: e.heading, text: e.text };
        if (e.type === 'synthesis.linked') return { ...x, links: [...x.links, e.link] };
        return { ...x, links: x.links.filter((l) => l.id !== e.linkId) };
      });
      break;
    case 'expectations.opened':
      state.expectationsOpen = e.open;
      break;
    case 'expectation.written':
      state.expectations[e.expectation.id] = e.expectation;
      break;
    case 'expectation.deleted':
      delete state.expectations[e.expectationId];
      break;
    case 'expectationItem.added':
      state.expectationItems = [...state.expectationItems, e.item];
      break;
    case 'expectationItem.updated':
      state.expectationItems = state.expectationItems.map((i) => (i.id === e.item.id ? e.item : i));
      break;
    case 'expectationItem.removed':
      state.expectationItems = state.expectationItems.filter((i) => i.id !== e.itemId);
      break;
    case 'action.added':
      state.actions = [...state.actions, e.action];
      break;
    case 'action.updated':
      state.actions = state.actions.map((a) => (a.id === e.action.id ? e.action : a));
      break;
    case 'action.removed':
      state.actions = state.actions.filter((a) => a.id !== e.actionId);
      break;
    case 'seminar.imported': {
      const { participants, groups, notes, themes, progress, dotsByRole, expectations, ...replaced } = e.part;
      Object.assign(state, replaced);
      Object.assign(state.participants, participants);
      Object.assign(state.groups, groups);
      Object.assign(state.notes, notes);
      Object.assign(state.themes, themes);
      Object.assign(state.progress, progress);
      Object.assign(state.dotsByRole, dotsByRole);
      Object.assign(state.expectations, expectations);
      break;
    }
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

type Container = 'participants' | 'groups' | 'notes' | 'themes' | 'boards' | 'progress' | 'dots' | 'dotsByRole' | 'expectations';
const CONTAINERS: readonly Container[] = ['participants', 'groups', 'notes', 'themes', 'boards', 'progress', 'dots', 'dotsByRole', 'expectations'];
/**
 * The containers `reduce` changes in place, per event type (everything else it changes, it
 * replaces). A type not listed here is taken to change them all: keep this in step with `reduce`.
 */
const CHANGES: Partial<Record<EventBody['type'], readonly Container[]>> = {
  'seminar.created': [], 'seminar.updated': [], 'task.added': [], 'task.activated': [], 'task.phaseChanged': [], 'task.updated': [], 'task.locked': [],
  'timer.changed': [], 'agenda.added': [], 'agenda.removed': [], 'spotlight.changed': [],
  'participant.joined': ['participants'], 'roster.added': ['participants'], 'roster.removed': ['participants'],
  'participant.moved': ['participants'], 'participant.scribeSet': ['participants'], 'groups.formed': ['participants'],
  'group.created': ['groups'], 'group.renamed': ['groups'], 'group.recoloured': ['groups'], 'group.removed': ['groups', 'participants'],
  'note.written': ['notes'], 'note.edited': ['notes'], 'note.deleted': ['notes'], 'notes.revealed': ['notes'], 'notes.placed': ['notes'], 'note.marked': ['notes'],
  'board.focused': ['boards', 'notes'], 'progress.changed': ['progress'], 'progress.updated': ['progress'], 'boards.published': ['notes', 'themes', 'boards'],
  'theme.created': ['themes'], 'theme.renamed': ['themes'], 'theme.commented': ['themes'], 'theme.moved': ['themes'], 'theme.ranked': ['themes'], 'theme.dotted': ['themes'],
  'theme.removed': ['themes', 'dots', 'dotsByRole'], 'dot.placed': ['dots'], 'dot.removed': ['dots'], 'theme.dotsByRole': ['dotsByRole'],
  'expectation.written': ['expectations'], 'expectation.deleted': ['expectations'],
};

/**
 * A copy of `state` to fold events into that copies a container only when an event first changes
 * it: folding one note into the state of a room of a thousand does not copy the thousand people.
 */
export function draft(state: SeminarState): { state: SeminarState; apply: (e: EventBody) => void } {
  const next: SeminarState = { ...state };
  const copied = new Set<Container>();
  return {
    state: next,
    apply: (e) => {
      for (const c of CHANGES[e.type] ?? CONTAINERS) {
        if (copied.has(c)) continue;
        copied.add(c);
        (next as Record<Container, unknown>)[c] = { ...state[c] };
      }
      reduce(next, e);
    },
  };
}

/** Fold a list of events onto a copy of `state` (the original is left as it was). */
export function fold(state: SeminarState, events: readonly { body: EventBody }[]): SeminarState {
  const d = draft(state);
  for (const e of events) d.apply(e.body);
  return d.state;
}
