/** A group's board: themes with headings, notes placed in them, and the shared "one by one" focus. */
import { LIMITS } from './limits.js';
import { PHASES, type Actor, type Audience, type Note, type Phase, type SeminarState, type Theme } from './model.js';
import type { AppError, Command, EventDraft } from './protocol.js';
import { keyBefore, keysAfter, byOrder } from './order.js';

type BoardCommand = Exclude<Extract<Command, { type: `theme.${string}` | 'note.place' | 'note.mark' | 'board.focus' }>, { type: 'theme.rank' }>;
const BOARD_TYPES = new Set(['theme.create', 'theme.rename', 'theme.comment', 'theme.place', 'theme.merge', 'theme.remove', 'note.place', 'note.mark', 'board.focus']);
export const isBoardCommand = (cmd: Command): cmd is BoardCommand => BOARD_TYPES.has(cmd.type);

/** Boards can be changed from sharing until the group has presented. */
const BOARD_PHASES: readonly Phase[] = PHASES.filter((p) => p !== 'write' && p !== 'synthesise');

type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };
const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });
const err = (code: AppError['code'], message: string): AppError => ({ code, message });

/** Which board a command touches: from its theme or note, or named in its payload. */
function boardOf(state: SeminarState, cmd: BoardCommand): { taskId: string; groupId: string } | AppError {
  switch (cmd.type) {
    case 'theme.create':
    case 'board.focus':
      return { taskId: cmd.payload.taskId, groupId: cmd.payload.groupId };
    case 'note.place':
    case 'note.mark': {
      const note = state.notes[cmd.payload.noteId];
      if (!note || !note.revealed || !note.groupId) return err('not_found', 'no such note on a board');
      return { taskId: note.taskId, groupId: note.groupId };
    }
    default: {
      const theme = state.themes[cmd.payload.themeId];
      return theme ?? err('not_found', 'no such theme');
    }
  }
}

/** Who sees a change to a board: its group, or everyone once the task's boards have been presented. */
export function boardAudience(state: SeminarState, taskId: string, groupId: string): Audience {
  return state.tasks.find((t) => t.id === taskId)?.published ? { kind: 'all' } : { kind: 'group', groupId };
}

/** A locked task: nobody but a facilitator changes its notes, boards or priorities. */
export function lockedFor(task: { locked: boolean }, actor: Actor): AppError | null {
  return task.locked && actor.kind !== 'facilitator' ? err('wrong_phase', 'the facilitator has locked this task') : null;
}

/** Only the group at the table (and facilitators) may touch its board. */
export function authoriseBoard(state: SeminarState, actor: Actor, cmd: BoardCommand): AppError | null {
  const board = boardOf(state, cmd);
  if ('code' in board) return actor.kind !== 'participant' || state.participants[actor.id] ? board : err('forbidden', 'not in this seminar');
  return boardAccess(state, actor, board.groupId);
}

/** May this actor work on this group's board? */
export function boardAccess(state: SeminarState, actor: Actor, groupId: string): AppError | null {
  if (actor.kind === 'facilitator') return null;
  if (actor.kind === 'table') return actor.groupId === groupId ? null : err('forbidden', "this is another group's board");
  const me = state.participants[actor.id];
  return me && me.groupId === groupId ? null : err('forbidden', "this is another group's board");
}

const boardThemes = (s: SeminarState, taskId: string, groupId: string) =>
  Object.values(s.themes).filter((t) => t.taskId === taskId && t.groupId === groupId);
const column = (s: SeminarState, taskId: string, groupId: string, themeId: string | null, except?: string) =>
  Object.values(s.notes).filter((n) => n.revealed && n.taskId === taskId && n.groupId === groupId && n.themeId === themeId && n.id !== except);

/** Events for a board command the actor may send. */
export function decideBoard(state: SeminarState, actor: Actor, cmd: BoardCommand): Decision {
  const board = boardOf(state, cmd);
  if ('code' in board) return { ok: false, error: board };
  const { taskId, groupId } = board;
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) return fail('not_found', 'no such task');
  if (!state.groups[groupId]) return fail('not_found', 'no such group');
  if (!BOARD_PHASES.includes(task.phase)) return fail('wrong_phase', `the board cannot change in the ${task.phase} phase`);
  const locked = lockedFor(task, actor);
  if (locked) return { ok: false, error: locked };
  const audience = boardAudience(state, taskId, groupId);
  const one = (body: EventDraft['body']): Decision => ({ ok: true, events: [{ audience, body }] });
  const inTheme = (themeId: string | null): AppError | Theme | null => {
    if (themeId === null) return null;
    const t = state.themes[themeId];
    return t && t.taskId === taskId && t.groupId === groupId ? t : err('not_found', 'no such theme on this board');
  };

  switch (cmd.type) {
    case 'theme.create': {
      const { themeId, heading, noteId } = cmd.payload;
      if (state.themes[themeId]) return fail('conflict', 'a theme with this id exists');
      const themes = boardThemes(state, taskId, groupId);
      if (themes.length >= LIMITS.themesPerBoard) return fail('limit', `at most ${LIMITS.themesPerBoard} themes per board`);
      const theme: Theme = { id: themeId, taskId, groupId, heading, comment: '', order: keysAfter(themes, 1)[0]!, rank: null, dots: 0 };
      const events: EventDraft[] = [{ audience, body: { type: 'theme.created', theme } }];
      if (noteId) {
        const note = state.notes[noteId];
        if (!note || note.taskId !== taskId || note.groupId !== groupId || !note.revealed) return fail('not_found', 'no such note on this board');
        events.push({ audience, body: { type: 'notes.placed', placements: [{ noteId, themeId, order: keysAfter([], 1)[0]! }] } });
      }
      return { ok: true, events };
    }
    case 'theme.rename':
      return state.themes[cmd.payload.themeId]!.heading === cmd.payload.heading ? { ok: true, events: [] } : one({ type: 'theme.renamed', ...cmd.payload });
    case 'theme.comment':
      return state.themes[cmd.payload.themeId]!.comment === cmd.payload.comment ? { ok: true, events: [] } : one({ type: 'theme.commented', ...cmd.payload });
    case 'theme.place': {
      const others = boardThemes(state, taskId, groupId).filter((t) => t.id !== cmd.payload.themeId);
      const { key, rekeyed } = keyBefore(others, cmd.payload.beforeId);
      return {
        ok: true,
        events: [{ themeId: cmd.payload.themeId, order: key }, ...rekeyed.map((r) => ({ themeId: r.id, order: r.order }))].map((m) => ({ audience, body: { type: 'theme.moved', ...m } })),
      };
    }
    case 'theme.merge': {
      const { themeId, intoId } = cmd.payload;
      if (themeId === intoId) return fail('invalid', 'a theme cannot be merged into itself');
      const into = inTheme(intoId);
      if (!into || 'code' in into) return { ok: false, error: into ?? err('not_found', 'no such theme') };
      const moving = column(state, taskId, groupId, themeId).sort(byOrder);
      const keys = keysAfter(column(state, taskId, groupId, intoId), moving.length);
      const events: EventDraft[] = [];
      if (moving.length) events.push({ audience, body: { type: 'notes.placed', placements: moving.map((n, i) => ({ noteId: n.id, themeId: intoId, order: keys[i]! })) } });
      const from = state.themes[themeId]!;
      if (from.comment && from.comment !== into.comment)
        events.push({ audience, body: { type: 'theme.commented', themeId: intoId, comment: [into.comment, from.comment].filter(Boolean).join('\n\n').slice(0, LIMITS.textFieldLength) } });
      events.push({ audience, body: { type: 'theme.removed', themeId } });
      return { ok: true, events };
    }
    case 'theme.remove': {
      const { themeId } = cmd.payload;
      const moving = column(state, taskId, groupId, themeId).sort(byOrder);
      const keys = keysAfter(column(state, taskId, groupId, null), moving.length);
      const events: EventDraft[] = [];
      if (moving.length) events.push({ audience, body: { type: 'notes.placed', placements: moving.map((n, i) => ({ noteId: n.id, themeId: null, order: keys[i]! })) } });
      events.push({ audience, body: { type: 'theme.removed', themeId } });
      return { ok: true, events };
    }
    case 'note.place': {
      const { noteId, themeId, beforeId } = cmd.payload;
      const target = inTheme(themeId);
      if (target && 'code' in target) return { ok: false, error: target };
      const { key, rekeyed } = keyBefore(column(state, taskId, groupId, themeId, noteId), beforeId);
      const note = state.notes[noteId]!;
      const placements = [{ noteId, themeId, order: key }, ...rekeyed.map((r) => ({ noteId: r.id, themeId, order: r.order }))];
      if (note.themeId === themeId && wouldNotMove(state, note, beforeId)) return { ok: true, events: [] };
      return one({ type: 'notes.placed', placements });
    }
    case 'note.mark':
      return state.notes[cmd.payload.noteId]!.marked === cmd.payload.marked ? { ok: true, events: [] } : one({ type: 'note.marked', ...cmd.payload });
    case 'board.focus': {
      const { noteId } = cmd.payload;
      if (noteId) {
        const note = state.notes[noteId];
        if (!note || note.taskId !== taskId || note.groupId !== groupId || !note.revealed) return fail('not_found', 'no such note on this board');
      }
      return one({ type: 'board.focused', taskId, groupId, noteId });
    }
  }
}

/** Dropping a note where it already is records nothing. */
function wouldNotMove(state: SeminarState, note: Note, beforeId: string | null): boolean {
  const siblings = column(state, note.taskId, note.groupId!, note.themeId).sort(byOrder);
  const at = siblings.findIndex((n) => n.id === note.id);
  const next = siblings[at + 1]?.id ?? null;
  return beforeId === note.id || beforeId === next;
}
