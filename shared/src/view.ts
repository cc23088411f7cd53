import type { Actor, Board, Dot, Expectation, Note, Participant, SeminarState, Theme } from './model.js';

/**
 * What `viewer` may see of the full state: the state its client must hold after folding every
 * event it received. Authors are stripped from every note but the viewer's own; a task's boards
 * are their group's until the task is presented, then everyone's; the roster is the viewer's
 * table's (everyone's for facilitators).
 */
export function view(state: SeminarState, viewer: Actor): SeminarState {
  return viewsOf(state)(viewer);
}

type TablePart = Pick<SeminarState, 'notes' | 'themes' | 'boards' | 'participants'>;

/**
 * `view` for many viewers of one state (a new split sends every phone a snapshot): what a table
 * sees is worked out once per table and shared by its phones, and each person's own notes, dots
 * and expectations come from indexes made once, so a thousand snapshots cost about as much as
 * one pass over the state per table, not one per person. Viewers who see exactly the same (a
 * table's phones before anyone has written, and its shared screen) get the same object. Records
 * keep the state's order. The views share objects with `state`: read them, never change them.
 */
export function viewsOf(state: SeminarState): (viewer: Actor) => SeminarState {
  const published = new Set(state.tasks.filter((t) => t.published).map((t) => t.id));
  const onBoardOf = (group: string | null, b: { taskId: string; groupId: string | null }) => published.has(b.taskId) || (group !== null && b.groupId === group);

  // Made on first use, once.
  let shown: { note: Note; stripped: Note }[] | undefined; // revealed notes, without authors
  let rosters: Map<string, Record<string, Participant>> | undefined;
  let writers: Map<string, Note[]> | undefined; // participant → notes they wrote or scribed
  let placers: Map<string, Record<string, Dot>> | undefined;
  let expecters: Map<string, Record<string, Expectation>> | undefined;
  const tables = new Map<string | null, TablePart>();
  const revealed = () => (shown ??= Object.values(state.notes).filter((n) => n.revealed).map((note) => ({ note, stripped: withoutAuthor(note) })));

  const table = (group: string | null): TablePart => {
    let part = tables.get(group);
    if (part) return part;
    const notes: Record<string, Note> = {};
    for (const { note, stripped } of revealed()) if (onBoardOf(group, note)) notes[note.id] = stripped;
    const themes: Record<string, Theme> = {};
    for (const t of Object.values(state.themes)) if (onBoardOf(group, t)) themes[t.id] = t;
    const boards: Record<string, Board> = {};
    for (const [key, b] of Object.entries(state.boards)) {
      const slash = key.indexOf('/');
      if (onBoardOf(group, { taskId: key.slice(0, slash), groupId: key.slice(slash + 1) })) boards[key] = b;
    }
    if (!rosters) {
      rosters = new Map();
      for (const p of Object.values(state.participants)) if (p.groupId) (rosters.get(p.groupId) ?? rosters.set(p.groupId, {}).get(p.groupId)!)[p.id] = p;
    }
    part = { notes, themes, boards, participants: (group !== null && rosters.get(group)) || {} };
    tables.set(group, part);
    return part;
  };

  const facilitatorView = (): SeminarState => {
    // Facilitators see every board, but a note only once it is revealed, and never its author.
    const notes: Record<string, Note> = {};
    for (const { note, stripped } of revealed()) notes[note.id] = stripped;
    const expectations: Record<string, Expectation> = {};
    for (const e of Object.values(state.expectations)) expectations[e.id] = { id: e.id, text: e.text };
    return { ...state, notes, dots: {}, expectations };
  };
  let forFacilitators: SeminarState | undefined;

  // What someone at a table with nothing of their own sees (and the table's shared screen): one
  // object per table, so that the server can send it to all of them as one encoded frame.
  const plain = new Map<string, SeminarState>();
  const plainAt = (group: string) =>
    plain.get(group) ?? plain.set(group, { ...state, ...table(group), progress: {}, dotsByRole: {}, dots: {}, expectations: {} }).get(group)!;

  return (viewer) => {
    if (viewer.kind === 'facilitator') return (forFacilitators ??= facilitatorView());
    if (viewer.kind === 'table') return plainAt(viewer.groupId);

    const me = state.participants[viewer.id];
    const group = me?.groupId ?? null;
    const part = table(group);
    if (!writers) {
      writers = new Map();
      for (const n of Object.values(state.notes))
        for (const id of new Set([n.authorId, n.scribeId])) if (id) (writers.get(id) ?? writers.set(id, []).get(id)!).push(n);
    }
    placers ??= indexBy(Object.values(state.dots), (d) => d.participantId);
    expecters ??= indexBy(Object.values(state.expectations), (e) => e.authorId);
    const mine = writers.get(viewer.id);
    const dots = placers.get(viewer.id);
    const expectations = expecters.get(viewer.id);
    if (group !== null && !mine && !dots && !expectations) return plainAt(group);
    let notes = part.notes;
    if (mine) {
      notes = { ...part.notes };
      // My own note on another group's board (I changed group): what I wrote, not where they put it.
      for (const n of mine) notes[n.id] = !n.revealed || onBoardOf(group, n) ? n : { ...n, ...OFF_BOARD };
    }
    return {
      ...state,
      ...part,
      // Someone not at a table sees only themselves.
      participants: group === null ? (me ? { [me.id]: me } : {}) : part.participants,
      notes,
      progress: {},
      dotsByRole: {},
      dots: dots ?? {},
      expectations: expectations ?? {},
    };
  };
}

function indexBy<T extends { id: string }>(items: T[], key: (item: T) => string | undefined): Map<string, Record<string, T>> {
  const out = new Map<string, Record<string, T>>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) (out.get(k) ?? out.set(k, {}).get(k)!)[item.id] = item;
  }
  return out;
}

const OFF_BOARD = { themeId: null, order: '', marked: false, readOut: false } as const;

/** A note as anyone but its writer (and their scribe) may see it. */
export function withoutAuthor(note: Note): Note {
  const { authorId: _authorId, scribeId: _scribeId, ...rest } = note;
  return rest;
}
