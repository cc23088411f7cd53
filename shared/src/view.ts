import type { Actor, Note, SeminarState } from './model.js';

/**
 * What `viewer` may see of the full state: the state its client must hold after folding every
 * event it received. Authors are stripped from every note but the viewer's own.
 */
export function view(state: SeminarState, viewer: Actor): SeminarState {
  const notes: Record<string, Note> = {};
  const myGroup = viewer.kind === 'participant' ? (state.participants[viewer.id]?.groupId ?? null) : viewer.kind === 'table' ? viewer.groupId : null;
  for (const note of Object.values(state.notes)) {
    const mine = viewer.kind === 'participant' && (note.authorId === viewer.id || note.scribeId === viewer.id);
    const shared = note.revealed && (viewer.kind === 'facilitator' || (myGroup !== null && note.groupId === myGroup));
    // My own note on another group's board (I changed group): what I wrote, not where they put it.
    if (mine) notes[note.id] = !note.revealed || note.groupId === myGroup ? note : { ...note, ...OFF_BOARD };
    else if (shared) notes[note.id] = withoutAuthor(note);
  }
  const onMyBoard = (b: { groupId: string }) => viewer.kind === 'facilitator' || b.groupId === myGroup;
  const themes = Object.fromEntries(Object.entries(state.themes).filter(([, t]) => onMyBoard(t)));
  const boards = Object.fromEntries(Object.entries(state.boards).filter(([key]) => onMyBoard({ groupId: key.slice(key.indexOf('/') + 1) })));
  return { ...state, notes, themes, boards, progress: viewer.kind === 'facilitator' ? state.progress : {} };
}

const OFF_BOARD = { themeId: null, order: '', marked: false, readOut: false } as const;

function withoutAuthor(note: Note): Note {
  const { authorId: _authorId, scribeId: _scribeId, ...rest } = note;
  return rest;
}
