import type { Actor, Expectation, Note, SeminarState } from './model.js';

/**
 * What `viewer` may see of the full state: the state its client must hold after folding every
 * event it received. Authors are stripped from every note but the viewer's own; a task's boards
 * are their group's until the task is presented, then everyone's; the roster is the viewer's
 * table's (everyone's for facilitators).
 */
export function view(state: SeminarState, viewer: Actor): SeminarState {
  const notes: Record<string, Note> = {};
  const myGroup = viewer.kind === 'participant' ? (state.participants[viewer.id]?.groupId ?? null) : viewer.kind === 'table' ? viewer.groupId : null;
  const published = new Set(state.tasks.filter((t) => t.published).map((t) => t.id));
  const onMyBoard = (b: { taskId: string; groupId: string | null }) => viewer.kind === 'facilitator' || published.has(b.taskId) || (myGroup !== null && b.groupId === myGroup);
  for (const note of Object.values(state.notes)) {
    const mine = viewer.kind === 'participant' && (note.authorId === viewer.id || note.scribeId === viewer.id);
    const shared = note.revealed && onMyBoard(note);
    // My own note on another group's board (I changed group): what I wrote, not where they put it.
    if (mine) notes[note.id] = !note.revealed || shared ? note : { ...note, ...OFF_BOARD };
    else if (shared) notes[note.id] = withoutAuthor(note);
  }
  const themes = Object.fromEntries(Object.entries(state.themes).filter(([, t]) => onMyBoard(t)));
  const boards = Object.fromEntries(
    Object.entries(state.boards).filter(([key]) => onMyBoard({ taskId: key.slice(0, key.indexOf('/')), groupId: key.slice(key.indexOf('/') + 1) })),
  );
  const facilitator = viewer.kind === 'facilitator';
  // The roster: facilitators see everyone; others see their own table (and themselves).
  const participants = facilitator
    ? state.participants
    : Object.fromEntries(Object.entries(state.participants).filter(([id, p]) => id === viewer.id || (myGroup !== null && p.groupId === myGroup)));
  const dots = viewer.kind === 'participant' ? Object.fromEntries(Object.entries(state.dots).filter(([, d]) => d.participantId === viewer.id)) : {};
  const expectations: Record<string, Expectation> = {};
  for (const e of Object.values(state.expectations)) {
    if (facilitator) expectations[e.id] = { id: e.id, text: e.text };
    else if (viewer.kind === 'participant' && e.authorId === viewer.id) expectations[e.id] = e;
  }
  return {
    ...state,
    participants,
    notes,
    themes,
    boards,
    progress: facilitator ? state.progress : {},
    dots,
    dotsByRole: facilitator ? state.dotsByRole : {},
    expectations,
  };
}

const OFF_BOARD = { themeId: null, order: '', marked: false, readOut: false } as const;

/** A note as anyone but its writer (and their scribe) may see it. */
export function withoutAuthor(note: Note): Note {
  const { authorId: _authorId, scribeId: _scribeId, ...rest } = note;
  return rest;
}
