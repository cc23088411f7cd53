import { byOrder, type Note, type SeminarState, type Theme } from '@tavla/shared';

/** The unsorted column's id in drag and drop. */
export const UNSORTED = 'unsorted';

export interface BoardLayout {
  unsorted: Note[];
  themes: { theme: Theme; notes: Note[] }[];
  /** Every note on the board, in reading order: unsorted first, then theme by theme. */
  all: Note[];
}

/** A group's board for a task, in the order the server decided. */
export function layoutOf(state: SeminarState, taskId: string, groupId: string): BoardLayout {
  const notes = Object.values(state.notes).filter((n) => n.revealed && n.taskId === taskId && n.groupId === groupId);
  const inTheme = (id: string | null) => notes.filter((n) => n.themeId === id).sort(byOrder);
  const themes = Object.values(state.themes)
    .filter((t) => t.taskId === taskId && t.groupId === groupId)
    .sort(byOrder)
    .map((theme) => ({ theme, notes: inTheme(theme.id) }));
  const unsorted = inTheme(null);
  return { unsorted, themes, all: [...unsorted, ...themes.flatMap((t) => t.notes)] };
}

/** Which column a note is in: a theme id, or UNSORTED. */
export function columnOf(layout: BoardLayout, noteId: string): string | null {
  if (layout.unsorted.some((n) => n.id === noteId)) return UNSORTED;
  return layout.themes.find((t) => t.notes.some((n) => n.id === noteId))?.theme.id ?? null;
}

function notesIn(layout: BoardLayout, column: string): Note[] {
  return column === UNSORTED ? layout.unsorted : (layout.themes.find((t) => t.theme.id === column)?.notes ?? []);
}

/**
 * Turn a drop into the command's intent. `overId` is a note or a column. Dropping on a note puts
 * the dragged one in its place (before it, or after it when moving down in the same column, as
 * a sortable list shows it); dropping on a column puts it at the end.
 */
export function dropTarget(layout: BoardLayout, activeId: string, overId: string): { themeId: string | null; beforeId: string | null } | null {
  const isColumn = overId === UNSORTED || layout.themes.some((t) => t.theme.id === overId);
  const column = isColumn ? overId : columnOf(layout, overId);
  if (!column) return null;
  const themeId = column === UNSORTED ? null : column;
  if (isColumn || overId === activeId) return isColumn ? { themeId, beforeId: null } : null;
  const list = notesIn(layout, column);
  const from = list.findIndex((n) => n.id === activeId);
  const to = list.findIndex((n) => n.id === overId);
  if (from !== -1 && from < to) return { themeId, beforeId: list[to + 1]?.id ?? null };
  return { themeId, beforeId: overId };
}
