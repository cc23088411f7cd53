import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { groupForNewcomer } from './groups.js';
import type { SeminarState } from './model.js';
import type { CommandBody, ErrorCode } from './protocol.js';
import { canSee } from './audience.js';
import { view } from './view.js';
import { FAC, TASK, newSeminar, participant, run, uid, withParticipants } from './testkit.js';

const PAPER = '00000000-0000-4000-8000-00000000aaaa';

/** ann, bob | cia, dan in two groups; Ola joined on paper at ann's table; ann is its scribe. */
function room(): SeminarState {
  let s = withParticipants(newSeminar(), [['ann', 'bruker'], ['bob', 'ansatt'], ['cia', 'bruker'], ['dan', 'ansatt']]);
  s = run(s, FAC, { type: 'groups.split', payload: { size: 2 } }).state;
  const table = s.participants.ann!.groupId!;
  s = run(s, FAC, { type: 'participant.addPaper', payload: { participantId: PAPER, name: 'Ola', roleId: 'bruker', groupId: table } }).state;
  return run(s, FAC, { type: 'participant.setScribe', payload: { participantId: 'ann', scribe: true } }).state;
}
const onBehalf = (text: string): CommandBody => ({ type: 'note.write', payload: { noteId: uid(), taskId: TASK, text, onBehalfOf: PAPER } });

describe('people without a phone', () => {
  it("a scribe's note for a paper participant counts as theirs and is revealed without either name", () => {
    let s = room();
    const first = run(s, participant('ann'), onBehalf('Lettere å finne frem'));
    const events = first.events;
    s = run(first.state, participant('ann'), onBehalf('Flere tilbud')).state;
    s = run(s, participant('ann'), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'Mitt eget' } }).state;
    expect(events[0]!.audience).toEqual({ kind: 'participant', participantId: 'ann' });
    const progress = s.progress[TASK]![s.participants.ann!.groupId!];
    expect(progress).toEqual({ notes: 3, writers: 2 }); // Ola and Ann
    const shared = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } });
    const reveal = shared.events.find((e) => e.body.type === 'notes.revealed')!;
    expect(JSON.stringify(reveal)).not.toMatch(/ann|aaaa|scribe|author/);
    // Bob at the table sees three notes, none with an author or scribe.
    const bob = view(shared.state, participant('bob'));
    expect(Object.values(bob.notes).map((n) => [n.text, n.authorId, n.scribeId])).toHaveLength(3);
    expect(Object.values(bob.notes).every((n) => n.authorId === undefined && n.scribeId === undefined)).toBe(true);
  });

  const refused: [string, (s: SeminarState) => [string, CommandBody], ErrorCode][] = [
    ['someone who is not the scribe writes for a paper participant', () => ['bob', onBehalf('x')], 'forbidden'],
    ['a scribe writes for a paper participant at another table', (s) => {
      const other = Object.keys(s.groups).find((g) => g !== s.participants.ann!.groupId)!;
      const paper = uid();
      Object.assign(s, run(s, FAC, { type: 'participant.addPaper', payload: { participantId: paper, name: 'Kari', roleId: 'ansatt', groupId: other } }).state);
      return ['ann', { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'x', onBehalfOf: paper } }];
    }, 'forbidden'],
    ['a scribe writes for someone with a phone', () => ['ann', { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'x', onBehalfOf: 'bob' } }], 'forbidden'],
    ['a participant moves people', (s) => ['bob', { type: 'participant.move', payload: { participantId: 'cia', groupId: s.participants.bob!.groupId } }], 'forbidden'],
    ['a participant adds a group', () => ['bob', { type: 'group.create', payload: { groupId: uid(), name: 'Min' } }], 'forbidden'],
  ];
  it.each(refused)('refuses: %s', (_name, make, code) => {
    const s = room();
    const [who, body] = make(s);
    expect(decide(s, participant(who), { id: uid(), ...body } as never)).toMatchObject({ ok: false, error: { code } });
  });

  it('the scribe edits and deletes the notes they typed for others', () => {
    let s = room();
    const noteId = uid();
    s = run(s, participant('ann'), { type: 'note.write', payload: { noteId, taskId: TASK, text: 'Skrevet av Ann', onBehalfOf: PAPER } }).state;
    s = run(s, participant('ann'), { type: 'note.edit', payload: { noteId, text: 'Rettet' } }).state;
    expect(s.notes[noteId]).toMatchObject({ text: 'Rettet', authorId: PAPER, scribeId: 'ann' });
    expect(decide(s, participant('bob'), { id: uid(), type: 'note.delete', payload: { noteId } })).toMatchObject({ ok: false });
    s = run(s, participant('ann'), { type: 'note.delete', payload: { noteId } }).state;
    expect(s.notes[noteId]).toBeUndefined();
  });
});

describe('forming groups by hand', () => {
  it('moving a person tells the facilitators and both tables, and their old notes stay on the old board', () => {
    let s = room();
    const annTable = s.participants.ann!.groupId!;
    const other = s.participants.cia!.groupId!;
    s = run(s, participant('bob'), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'Tid' } }).state;
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }).state;
    const moved = run(s, FAC, { type: 'participant.move', payload: { participantId: 'bob', groupId: other } });
    expect(moved.events.slice(0, 3).map((e) => [e.body.type, e.audience])).toEqual([
      ['participant.moved', { kind: 'facilitators' }],
      ['roster.removed', { kind: 'group', groupId: annTable }],
      ['roster.added', { kind: 'group', groupId: other }],
    ]);
    expect(moved.state.participants.bob!.groupId).toBe(other);
    expect(Object.values(moved.state.notes)[0]!.groupId).toBe(annTable);
  });

  it('moving the scribe away ends their scribe role', () => {
    const s = room();
    const other = s.participants.cia!.groupId!;
    expect(run(s, FAC, { type: 'participant.move', payload: { participantId: 'ann', groupId: other } }).state.participants.ann!.scribe).toBe(false);
  });

  it('groups are added with the next number and colour, renamed and recoloured', () => {
    let s = room();
    const id = uid();
    s = run(s, FAC, { type: 'group.create', payload: { groupId: id, name: '' } }).state;
    expect(s.groups[id]).toMatchObject({ number: 3, colour: 'green' });
    s = run(s, FAC, { type: 'group.update', payload: { groupId: id, name: 'Vindusbordet', colour: 'teal' } }).state;
    expect(s.groups[id]).toMatchObject({ name: 'Vindusbordet', colour: 'teal' });
  });

  it('a group whose board has notes cannot be removed; an empty one can, freeing its people', () => {
    let s = room();
    const annTable = s.participants.ann!.groupId!;
    s = run(s, participant('bob'), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'Tid' } }).state;
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }).state;
    expect(decide(s, FAC, { id: uid(), type: 'group.remove', payload: { groupId: annTable } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const empty = s.participants.cia!.groupId!;
    const removed = run(s, FAC, { type: 'group.remove', payload: { groupId: empty } });
    expect(removed.state.groups[empty]).toBeUndefined();
    expect(removed.state.participants.cia!.groupId).toBeNull();
    expect(removed.state.participants.dan!.groupId).toBeNull();
  });

  it('a latecomer sits at the smallest table lacking their role', () => {
    let s = withParticipants(newSeminar(), [['u1', 'bruker'], ['e1', 'ansatt'], ['u2', 'bruker'], ['u3', 'bruker']]);
    s = run(s, FAC, { type: 'groups.split', payload: { size: 2 } }).state;
    // Two tables of two, one of them without an employee: an employee goes there.
    const withEmployee = s.participants.e1!.groupId!;
    const withoutEmployee = Object.keys(s.groups).find((g) => g !== withEmployee)!;
    expect(groupForNewcomer(s, 'ansatt')).toBe(withoutEmployee);
    // Both tables have users and two people: a user goes to table 1.
    expect(groupForNewcomer(s, 'bruker')).toBe(Object.values(s.groups).find((g) => g.number === 1)!.id);
    // A third user joins table 1: now table 2 is smaller.
    s = run(s, FAC, { type: 'participant.addPaper', payload: { participantId: uid(), name: 'Sen', roleId: 'bruker', groupId: groupForNewcomer(s, 'bruker') } }).state;
    expect(groupForNewcomer(s, 'bruker')).toBe(Object.values(s.groups).find((g) => g.number === 2)!.id);
    expect(groupForNewcomer(newSeminar(), 'bruker')).toBeNull();
  });

  it('group events reach everyone', () => {
    const s = room();
    const d = decide(s, FAC, { id: uid(), type: 'group.create', payload: { groupId: uid(), name: '' } });
    expect(d.ok && d.events.every((e) => canSee(s, participant('dan'), e.audience))).toBe(true);
  });
});
