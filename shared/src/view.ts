import type { Actor, Note, SeminarState } from './model.js';

/**
 * What `viewer` may see of the full state: the state its client must hold after folding every
 * event it received. Authors are stripped from every note but the viewer's own.
 */
export function view(state: SeminarState, viewer: Actor): SeminarState {
  const notes: Record<string, Note> = {};
  const myGroup = viewer.kind === 'participant' ? (state.participants[viewer.id]?.groupId ?? null) : null;
  for (const note of Object.values(state.notes)) {
    const mine = viewer.kind === 'participant' && note.authorId === viewer.id;
    const shared = note.revealed && (viewer.kind === 'facilitator' || (myGroup !== null && note.groupId === myGroup));
    if (mine) notes[note.id] = note;
    else if (shared) notes[note.id] = withoutAuthor(note);
  }
  return { ...state, notes, progress: viewer.kind === 'facilitator' ? state.progress : {} };
}

function withoutAuthor(note: Note): Note {
  const { authorId: _authorId, ...rest } = note;
  return rest;
}
