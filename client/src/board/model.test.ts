import { describe, expect, it } from 'vitest';
import { emptyState, type Note, type SeminarState } from '@tavla/shared';
import { dropTarget, layoutOf, UNSORTED } from './model.js';

const note = (id: string, themeId: string | null, order: string): Note => ({ id, taskId: 't', text: id, groupId: 'g', revealed: true, themeId, order, marked: false, readOut: false });
function board(): SeminarState {
  const s = emptyState();
  s.notes = Object.fromEntries([note('a', null, 'a0'), note('b', null, 'a1'), note('c', 'T', 'a0'), note('d', 'T', 'a1'), note('e', 'T', 'a2')].map((n) => [n.id, n]));
  s.themes = { T: { id: 'T', taskId: 't', groupId: 'g', heading: 'Tid', comment: '', order: 'a0', rank: null, dots: 0 }, M: { id: 'M', taskId: 't', groupId: 'g', heading: 'Mål', comment: '', order: 'a1', rank: null, dots: 0 } };
  return s;
}

describe('the board as laid out and dropped on', () => {
  const layout = layoutOf(board(), 't', 'g');
  it('lays out unsorted notes, then themes in order', () => {
    expect(layout.unsorted.map((n) => n.id)).toEqual(['a', 'b']);
    expect(layout.themes.map((t) => [t.theme.heading, t.notes.map((n) => n.id).join('')])).toEqual([['Tid', 'cde'], ['Mål', '']]);
    expect(layout.all.map((n) => n.id).join('')).toBe('abcde');
  });
  it.each([
    ['onto an empty theme', 'a', 'M', { themeId: 'M', beforeId: null }],
    ['onto another column puts it last', 'a', 'T', { themeId: 'T', beforeId: null }],
    ['onto a note in another column goes before it', 'a', 'd', { themeId: 'T', beforeId: 'd' }],
    ['up within a column goes before the note', 'e', 'c', { themeId: 'T', beforeId: 'c' }],
    ['down within a column goes after the note', 'c', 'd', { themeId: 'T', beforeId: 'e' }],
    ['down to the last note goes to the end', 'c', 'e', { themeId: 'T', beforeId: null }],
    ['back to unsorted', 'c', UNSORTED, { themeId: null, beforeId: null }],
    ['onto itself is nothing', 'c', 'c', null],
  ])('%s', (_name, active, over, expected) => {
    expect(dropTarget(layout, active, over)).toEqual(expected);
  });
});
