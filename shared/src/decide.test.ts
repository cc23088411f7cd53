import { describe, expect, it } from 'vitest';
import { decide, authorise } from './decide.js';
import { LIMITS } from './limits.js';
import type { Actor, SeminarState } from './model.js';
import type { CommandBody, ErrorCode } from './protocol.js';
import { FAC, TASK, newSeminar, participant, run, uid, withParticipants } from './testkit.js';
import { fold } from './reducer.js';

const ann = participant('ann');
const bob = participant('bob');

/** Ann and Cia are users, Bob and Dan employees; split in pairs: {ann,bob} and {cia,dan}. */
function seminarWithGroups(): SeminarState {
  const s = withParticipants(newSeminar(), [['ann', 'bruker'], ['bob', 'ansatt'], ['cia', 'bruker'], ['dan', 'ansatt']]);
  return run(s, FAC, { type: 'groups.split', payload: { size: 2 } }).state;
}
const write = (text: string, noteId = uid()): CommandBody => ({ type: 'note.write', payload: { noteId, taskId: TASK, text } });

describe('decide refuses what an actor may not do', () => {
  const base = seminarWithGroups();
  const annNote = run(base, ann, write('Tett oppfølging')).state;
  const noteId = Object.keys(annNote.notes)[0]!;
  const shared = run(annNote, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }).state;
  const prioritising = run(base, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'prioritise' } }).state;

  const cases: [string, SeminarState, Actor, CommandBody, ErrorCode][] = [
    ['a participant sets the phase', base, ann, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }, 'forbidden'],
    ['a participant splits groups', base, ann, { type: 'groups.split', payload: { size: 3 } }, 'forbidden'],
    ['a facilitator writes a note', base, FAC, write('x'), 'forbidden'],
    ['a stranger writes a note', base, participant('eve'), write('x'), 'forbidden'],
    ['someone edits a note that is not theirs', annNote, bob, { type: 'note.edit', payload: { noteId, text: 'mine now' } }, 'forbidden'],
    ['someone deletes a note that is not theirs', annNote, bob, { type: 'note.delete', payload: { noteId } }, 'forbidden'],
    ['the author edits a shared note', shared, ann, { type: 'note.edit', payload: { noteId, text: 'changed' } }, 'wrong_phase'],
    ['the author deletes a shared note', shared, ann, { type: 'note.delete', payload: { noteId } }, 'wrong_phase'],
    ['a note is written for an unknown task', base, ann, { type: 'note.write', payload: { noteId: uid(), taskId: uid(), text: 'x' } }, 'not_found'],
    ['a note is written after clustering', prioritising, ann, write('late'), 'wrong_phase'],
    ['a note id is used twice', annNote, ann, write('again', noteId), 'conflict'],
    ['an unknown note is edited', base, ann, { type: 'note.edit', payload: { noteId: uid(), text: 'x' } }, 'not_found'],
  ];
  it.each(cases)('%s', (_name, state, actor, body, code) => {
    const d = decide(state, actor, { id: uid(), ...body } as never);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.code).toBe(code);
  });

  it('refuses a note over the per-task limit', () => {
    let s = base;
    for (let i = 0; i < LIMITS.notesPerParticipantPerTask; i++) s = run(s, ann, write(`idea ${i}`)).state;
    const d = decide(s, ann, { id: uid(), ...write('one too many') } as never);
    expect(d).toMatchObject({ ok: false, error: { code: 'limit' } });
  });

  it('adds a second task in its writing phase, and makes it the current one', () => {
    const taskId = uid();
    let s = run(base, FAC, { type: 'task.add', payload: { taskId, title: 'Fokus på tiltak', questions: ['Foreslå 5 konkrete tiltak.'] } }).state;
    expect(s.tasks.map((t) => [t.title, t.phase])).toEqual([['Oppgave 1', 'write'], ['Fokus på tiltak', 'write']]);
    expect(s.currentTaskId).toBe(TASK);
    s = run(s, FAC, { type: 'task.activate', payload: { taskId } }).state;
    expect(s.currentTaskId).toBe(taskId);
    expect(decide(s, ann, { id: uid(), type: 'task.add', payload: { taskId: uid(), title: 'x', questions: [] } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(decide(s, FAC, { id: uid(), type: 'task.activate', payload: { taskId: uid() } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('runs a timer: set, start, pause, extend, clear, by the server clock', () => {
    const at = (s: SeminarState, body: CommandBody, now: number) => {
      const d = decide(s, FAC, { id: uid(), ...body } as never, now);
      if (!d.ok) throw new Error(d.error.message);
      return fold(s, d.events);
    };
    let s = at(base, { type: 'timer.set', payload: { seconds: 600 } }, 1_000);
    expect(s.timer).toEqual({ running: false, endsAt: null, remainingMs: 600_000, totalMs: 600_000 });
    s = at(s, { type: 'timer.start', payload: {} }, 10_000);
    expect(s.timer).toMatchObject({ running: true, endsAt: 610_000 });
    s = at(s, { type: 'timer.pause', payload: {} }, 70_000); // a minute in
    expect(s.timer).toMatchObject({ running: false, remainingMs: 540_000 });
    s = at(s, { type: 'timer.extend', payload: { seconds: 120 } }, 80_000);
    expect(s.timer).toMatchObject({ remainingMs: 660_000, totalMs: 720_000 });
    s = at(s, { type: 'timer.start', payload: {} }, 90_000);
    s = at(s, { type: 'timer.extend', payload: { seconds: 60 } }, 100_000);
    expect(s.timer).toMatchObject({ running: true, endsAt: 90_000 + 660_000 + 60_000 });
    s = at(s, { type: 'timer.clear', payload: {} }, 110_000);
    expect(s.timer).toBeNull();
    expect(decide(s, FAC, { id: uid(), type: 'timer.start', payload: {} }, 0)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(decide(base, ann, { id: uid(), type: 'timer.set', payload: { seconds: 60 } }, 0)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps the agenda in the order it is written, and removes items', () => {
    const [a, b] = [uid(), uid()];
    let s = run(base, FAC, { type: 'agenda.add', payload: { itemId: a, time: '09.30-10.00', label: 'Velkommen' } }).state;
    s = run(s, FAC, { type: 'agenda.add', payload: { itemId: b, time: '11.00-12.15', label: 'Oppgave 1' } }).state;
    expect(s.agenda.map((i) => `${i.time} ${i.label}`)).toEqual(['09.30-10.00 Velkommen', '11.00-12.15 Oppgave 1']);
    s = run(s, FAC, { type: 'agenda.remove', payload: { itemId: a } }).state;
    expect(s.agenda.map((i) => i.label)).toEqual(['Oppgave 1']);
    expect(decide(s, ann, { id: uid(), type: 'agenda.add', payload: { itemId: uid(), time: '', label: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('authorise lets the facilitator do facilitator things', () => {
    expect(authorise(base, FAC, { id: uid(), type: 'groups.split', payload: { size: 2 } })).toBeNull();
  });
});

describe('writing alone, then sharing', () => {
  it('a written note is addressed to its author only, and counted for the facilitators', () => {
    const { events } = run(seminarWithGroups(), ann, write('God relasjon'));
    expect(events.map((e) => [e.body.type, e.audience])).toEqual([
      ['note.written', { kind: 'participant', participantId: 'ann' }],
      ['progress.changed', { kind: 'facilitators' }],
    ]);
    const progress = events[1]!.body;
    expect(progress).toMatchObject({ type: 'progress.changed', taskId: TASK });
    if (progress.type === 'progress.changed') expect(Object.values(progress.groups)).toEqual([{ notes: 1, writers: 1 }]);
  });

  it('progress counts notes and distinct writers per group, never text', () => {
    let s = seminarWithGroups();
    s = run(s, ann, write('a')).state;
    s = run(s, ann, write('b')).state;
    const { events } = run(s, bob, write('c'));
    const body = events.at(-1)!.body;
    expect(body.type).toBe('progress.changed');
    expect(JSON.stringify(body)).not.toMatch(/"[abc]"/);
    if (body.type === 'progress.changed') expect(Object.values(body.groups)).toEqual([{ notes: 3, writers: 2 }]);
  });

  it('sharing reveals every note to its author group, without the author, in id order', () => {
    let s = seminarWithGroups();
    s = run(s, ann, write('Tid', 'f0000000-0000-4000-8000-000000000000')).state;
    s = run(s, bob, write('Samarbeid', '10000000-0000-4000-8000-000000000000')).state;
    s = run(s, participant('cia'), write('Kommunikasjon')).state;
    const { events, state } = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } });
    const reveals = events.filter((e) => e.body.type === 'notes.revealed');
    expect(reveals).toHaveLength(2);
    const annGroup = state.participants.ann!.groupId!;
    const toAnn = reveals.find((e) => e.audience.kind === 'group' && e.audience.groupId === annGroup)!;
    expect(toAnn.body).toMatchObject({ notes: [{ text: 'Samarbeid' }, { text: 'Tid' }] });
    expect(JSON.stringify(toAnn)).not.toMatch(/ann|bob|authorId/);
  });

  it('a note written after sharing has begun is revealed at once', () => {
    let s = seminarWithGroups();
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }).state;
    const { events } = run(s, ann, write('Sent, men med'));
    expect(events.map((e) => e.body.type)).toEqual(['note.written', 'notes.revealed', 'progress.changed']);
  });

  it('editing to the same text records nothing', () => {
    const s = run(seminarWithGroups(), ann, write('Samme', '20000000-0000-4000-8000-000000000000')).state;
    expect(decide(s, ann, { id: uid(), type: 'note.edit', payload: { noteId: '20000000-0000-4000-8000-000000000000', text: 'Samme' } })).toEqual({ ok: true, events: [] });
  });
});
