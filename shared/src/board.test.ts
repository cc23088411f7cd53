import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { SeminarState } from './model.js';
import type { CommandBody, ErrorCode } from './protocol.js';
import { byOrder } from './order.js';
import { FAC, TASK, newSeminar, participant, run, uid, withParticipants } from './testkit.js';

/**
 * Boards in a compact notation: `Tid[a b] Mål[c] | _[d]` — themes in order with their notes in
 * order, then the unsorted notes. Note and theme names stand for their ids.
 */
const ann = participant('ann');
const names = new Map<string, string>();
const idOf = (name: string) => {
  for (const [id, n] of names) if (n === name) return id;
  const id = uid();
  names.set(id, name);
  return id;
};
const nameOf = (id: string) => names.get(id) ?? id;

function board(s: SeminarState): string {
  const group = s.participants.ann!.groupId!;
  const themes = Object.values(s.themes).filter((t) => t.groupId === group).sort(byOrder);
  const notesIn = (themeId: string | null) =>
    Object.values(s.notes).filter((n) => n.revealed && n.groupId === group && n.themeId === themeId).sort(byOrder).map((n) => nameOf(n.id)).join(' ');
  return [...themes.map((t) => `${t.heading}[${notesIn(t.id)}]`), `| _[${notesIn(null)}]`].join(' ');
}

/** A shared board with notes a..e unsorted, and themes Tid and Mål (empty). */
function start(): SeminarState {
  let s = withParticipants(newSeminar(), [['ann', 'bruker'], ['bob', 'ansatt'], ['eve', 'bruker'], ['dan', 'ansatt']]);
  s = run(s, FAC, { type: 'groups.split', payload: { size: 2 } }).state;
  for (const n of ['e', 'd', 'c', 'b', 'a']) s = run(s, ann, { type: 'note.write', payload: { noteId: idOf(n), taskId: TASK, text: n } }).state;
  s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'cluster' } }).state;
  const groupId = s.participants.ann!.groupId!;
  for (const heading of ['Tid', 'Mål']) s = run(s, ann, { type: 'theme.create', payload: { themeId: idOf(heading), taskId: TASK, groupId, heading } }).state;
  return s;
}

type Step = [verb: 'place', note: string, theme: string | null, before: string | null] | [verb: 'merge', from: string, into: string] | [verb: 'placeTheme', theme: string, before: string | null] | [verb: 'remove', theme: string] | [verb: 'rename', theme: string, heading: string];
function toCommand(step: Step): CommandBody {
  const id = (n: string | null) => (n === null ? null : idOf(n));
  switch (step[0]) {
    case 'place': return { type: 'note.place', payload: { noteId: idOf(step[1]), themeId: id(step[2]), beforeId: id(step[3]) } };
    case 'merge': return { type: 'theme.merge', payload: { themeId: idOf(step[1]), intoId: idOf(step[2]) } };
    case 'placeTheme': return { type: 'theme.place', payload: { themeId: idOf(step[1]), beforeId: id(step[2]) } };
    case 'remove': return { type: 'theme.remove', payload: { themeId: idOf(step[1]) } };
    case 'rename': return { type: 'theme.rename', payload: { themeId: idOf(step[1]), heading: step[2] } };
  }
}

describe('clustering a board', () => {
  it('starts with every note unsorted, in a stable order', () => {
    expect(board(start())).toMatch(/^Tid\[\] Mål\[\] \| _\[[a-e]( [a-e]){4}\]$/);
  });

  it.each<[string, Step[], string]>([
    ['a note into a theme', [['place', 'a', 'Tid', null]], 'Tid[a] Mål[]'],
    ['notes into a theme in order', [['place', 'a', 'Tid', null], ['place', 'b', 'Tid', null], ['place', 'c', 'Tid', 'a']], 'Tid[c a b] Mål[]'],
    ['reorder within a theme', [['place', 'a', 'Tid', null], ['place', 'b', 'Tid', null], ['place', 'b', 'Tid', 'a']], 'Tid[b a] Mål[]'],
    ['from one theme to another', [['place', 'a', 'Tid', null], ['place', 'a', 'Mål', null]], 'Tid[] Mål[a]'],
    ['take a note back out', [['place', 'a', 'Tid', null], ['place', 'a', null, null]], 'Tid[] Mål[]'],
    ['merge keeps both orders, target first', [['place', 'a', 'Tid', null], ['place', 'b', 'Mål', null], ['place', 'c', 'Mål', null], ['merge', 'Tid', 'Mål']], 'Mål[b c a]'],
    ['reorder themes', [['placeTheme', 'Mål', 'Tid']], 'Mål[] Tid[]'],
    ['removing a theme returns its notes', [['place', 'a', 'Tid', null], ['remove', 'Tid']], 'Mål[]'],
    ['rename', [['rename', 'Tid', 'Nok tid']], 'Nok tid[] Mål[]'],
  ])('%s', (_name, steps, expectedThemes) => {
    let s = start();
    for (const step of steps) s = run(s, ann, toCommand(step)).state;
    expect(board(s).split(' | ')[0]).toBe(expectedThemes);
    // Nothing is lost: all five notes are still on the board exactly once.
    expect(board(s).match(/\b[a-e]\b/g)!.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a drop where the note already is records nothing', () => {
    let s = start();
    s = run(s, ann, toCommand(['place', 'a', 'Tid', null])).state;
    s = run(s, ann, toCommand(['place', 'b', 'Tid', null])).state;
    expect(run(s, ann, toCommand(['place', 'a', 'Tid', 'b'])).events).toEqual([]);
  });

  it('a merge carries the comment over', () => {
    let s = start();
    s = run(s, ann, { type: 'theme.comment', payload: { themeId: idOf('Tid'), comment: 'Brukerne må få nok tid.' } }).state;
    s = run(s, ann, toCommand(['merge', 'Tid', 'Mål'])).state;
    expect(s.themes[idOf('Mål')]!.comment).toBe('Brukerne må få nok tid.');
  });

  it('focus moves the table one note at a time and marks it read out', () => {
    let s = start();
    const groupId = s.participants.ann!.groupId!;
    s = run(s, ann, { type: 'board.focus', payload: { taskId: TASK, groupId, noteId: idOf('c') } }).state;
    expect(s.boards[`${TASK}/${groupId}`]).toEqual({ focus: idOf('c') });
    expect(s.notes[idOf('c')]!.readOut).toBe(true);
    expect(s.notes[idOf('a')]!.readOut).toBe(false);
  });

  const refusals: [string, () => [SeminarState, CommandBody], string, ErrorCode][] = [
    ['another group moves a note', () => [start(), toCommand(['place', 'a', 'Tid', null])], 'eve', 'forbidden'],
    ['another group renames a theme', () => [start(), toCommand(['rename', 'Tid', 'Kapret'])], 'eve', 'forbidden'],
    ['another group focuses the board', () => { const s = start(); return [s, { type: 'board.focus', payload: { taskId: TASK, groupId: s.participants.ann!.groupId!, noteId: null } }]; }, 'eve', 'forbidden'],
    ['another group creates a theme on it', () => { const s = start(); return [s, { type: 'theme.create', payload: { themeId: uid(), taskId: TASK, groupId: s.participants.ann!.groupId!, heading: 'X' } }]; }, 'eve', 'forbidden'],
    ['a note into a theme of a missing board', () => [start(), { type: 'note.place', payload: { noteId: idOf('a'), themeId: uid(), beforeId: null } }], 'ann', 'not_found'],
    ['a theme merged into itself', () => [start(), toCommand(['merge', 'Tid', 'Tid'])], 'ann', 'invalid'],
    ['the board after the day is summed up', () => [run(start(), FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'synthesise' } }).state, toCommand(['place', 'a', 'Tid', null])], 'ann', 'wrong_phase'],
  ];
  it.each(refusals)('refuses: %s', (_name, make, who, code) => {
    const [s, body] = make();
    const d = decide(s, participant(who), { id: uid(), ...body } as never);
    expect(d).toMatchObject({ ok: false, error: { code } });
  });
});
