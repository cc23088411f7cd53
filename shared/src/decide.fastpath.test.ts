import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, decideByFullScan, progressOf } from './decide.js';
import type { Actor, SeminarState } from './model.js';
import { PHASES, type Phase } from './model.js';
import type { Command, EventBody } from './protocol.js';
import { fold, reduce } from './reducer.js';
import { NoteIndex } from './noteIndex.js';
import { FAC, TASK, newSeminar, participant, run, withParticipants } from './testkit.js';

// A note write or delete takes a shortcut in `decide` (one pass over the notes, no copy of the
// state); `decideByFullScan` is the old way, kept as the oracle. They must agree on every state,
// including states that are not settled (a note waiting to be revealed, a task to be published),
// which commands never leave behind but raw events folded in here do.

const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const TASK2 = '00000000-0000-4000-8000-0000000000f2';
const TASKS = [TASK, TASK2];
const noteId = (i: number) => `00000000-0000-4000-8000-0000000003${i.toString(16).padStart(2, '0')}`;
const themeId = (i: number) => `00000000-0000-4000-8000-0000000004${i.toString(16).padStart(2, '0')}`;
const NOTES = 40;

const step = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('write' as const), who: fc.constantFrom(...PEOPLE), task: fc.constantFrom(...TASKS), note: fc.nat(NOTES - 1), text: fc.string({ minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), note: fc.nat(NOTES - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('phase' as const), task: fc.constantFrom(...TASKS), phase: fc.constantFrom<Phase>(...PHASES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), size: fc.integer({ min: 2, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), who: fc.constantFrom(...PEOPLE), to: fc.constantFrom(...PEOPLE, 'nobody') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('theme' as const), note: fc.nat(NOTES - 1), theme: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('place' as const), note: fc.nat(NOTES - 1), theme: fc.option(fc.nat(5), { nil: null }) }) },
  // Raw events that bypass the follow-ups: the state is left unsettled.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rawMove' as const), who: fc.constantFrom(...PEOPLE), to: fc.constantFrom(...PEOPLE, 'nobody') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rawPhase' as const), task: fc.constantFrom(...TASKS), phase: fc.constantFrom<Phase>(...PHASES) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step, i: number, state: SeminarState): { actor: Actor; cmd: Command } | { raw: EventBody } | null {
  const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
  const groupOf = (who: string) => (who === 'nobody' ? null : (state.participants[who]?.groupId ?? null));
  switch (s.kind) {
    case 'write': return { actor: participant(s.who), cmd: { id, type: 'note.write', payload: { noteId: noteId(s.note), taskId: s.task, text: s.text } } };
    case 'delete': {
      const note = state.notes[noteId(s.note)];
      return note?.authorId ? { actor: participant(note.authorId), cmd: { id, type: 'note.delete', payload: { noteId: note.id } } } : null;
    }
    case 'phase': return { actor: FAC, cmd: { id, type: 'task.setPhase', payload: { taskId: s.task, phase: s.phase } } };
    case 'split': return { actor: FAC, cmd: { id, type: 'groups.split', payload: { size: s.size } } };
    case 'move': return { actor: FAC, cmd: { id, type: 'participant.move', payload: { participantId: s.who, groupId: groupOf(s.to) } } };
    case 'theme': {
      const note = state.notes[noteId(s.note)];
      if (!note?.groupId || !note.authorId) return null;
      return { actor: participant(note.authorId), cmd: { id, type: 'theme.create', payload: { themeId: themeId(s.theme), taskId: note.taskId, groupId: note.groupId, heading: 'T', noteId: note.id } } };
    }
    case 'place': {
      const note = state.notes[noteId(s.note)];
      if (!note?.groupId || !note.authorId) return null;
      return { actor: participant(note.authorId), cmd: { id, type: 'note.place', payload: { noteId: note.id, themeId: s.theme === null ? null : themeId(s.theme), beforeId: null } } };
    }
    case 'rawMove': return { raw: { type: 'participant.moved', participantId: s.who, groupId: groupOf(s.to) } };
    case 'rawPhase': return { raw: { type: 'task.phaseChanged', taskId: s.task, phase: s.phase } };
  }
}

/** Every note write and delete anyone could send now: the shortcut must answer as the full scan. */
function probes(state: SeminarState, i: number): { actor: Actor; cmd: Command }[] {
  const out: { actor: Actor; cmd: Command }[] = [];
  const id = (k: number) => `00000000-0000-4000-a000-${(i * 64 + k).toString(16).padStart(12, '0')}`;
  let k = 0;
  for (const who of PEOPLE) for (const taskId of TASKS) out.push({ actor: participant(who), cmd: { id: id(k++), type: 'note.write', payload: { noteId: `00000000-0000-4000-b000-${(i * 64 + k).toString(16).padStart(12, '0')}`, taskId, text: 'probe' } } });
  for (const n of Object.values(state.notes)) if (n.authorId) out.push({ actor: participant(n.authorId), cmd: { id: id(k++), type: 'note.delete', payload: { noteId: n.id } } });
  return out;
}

describe('the note shortcut in decide', () => {
  it('gives exactly the events of the full scan, on random sequences', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 50, size: 'max' }), (steps) => {
        let state = withParticipants(newSeminar(), PEOPLE.map((p, i) => [p, i % 2 ? 'ansatt' : 'bruker']));
        state = fold(state, [{ body: { type: 'task.added', task: { id: TASK2, title: 'Oppgave 2', questions: ['?'], phase: 'write', locked: false, published: false, priority: { kind: 'none' } } } }]);
        // As the hub does: one state changed in place, and an index told of every event.
        const index = new NoteIndex();
        const apply = (events: EventBody[]) => {
          for (const e of events) reduce(state, e);
          index.update(state, events);
        };
        steps.forEach((s, i) => {
          for (const { actor, cmd } of probes(state, i)) {
            const fast = decide(state, actor, cmd);
            const full = decideByFullScan(state, actor, cmd);
            expect(fast).toEqual(full);
            expect(decide(state, actor, cmd, 0, index)).toEqual(full);
            if (fast.ok) for (const e of fast.events) seen.add(`${cmd.type}:${e.body.type}`);
          }
          const next = toCommand(s, i, state);
          if (!next) return;
          if ('raw' in next) {
            apply([next.raw]);
            // Counts always follow a move (a command recounts; an import brings its own and has no
            // authors to recount): the shortcut recounts only the subject's group.
            if (next.raw.type === 'participant.moved') apply([TASK, TASK2].map((taskId) => ({ type: 'progress.updated', taskId, groups: progressOf(state, taskId) })));
            return;
          }
          const d = decide(state, next.actor, next.cmd, 0, index);
          expect(d).toEqual(decideByFullScan(state, next.actor, next.cmd));
          if (d.ok) apply(d.events.map((e) => e.body));
        });
      }),
      { seed: 20261123, numRuns: 80 },
    );
    // The probes reached reveals (on a fresh board and after earlier ones), publishing and progress.
    for (const k of ['note.write:notes.revealed', 'note.write:boards.published', 'note.write:progress.changed', 'note.delete:progress.changed', 'note.delete:notes.revealed'])
      expect(seen, k).toContain(k);
  }, 60_000);
});

describe('the note index', () => {
  it("keeps a board's last key as notes are written at it: no pass over the board per note", () => {
    let state = withParticipants(newSeminar(), [['p0', 'bruker'], ['p1', 'ansatt'], ['p2', 'bruker']]);
    state = run(state, FAC, { type: 'groups.split', payload: { size: 3 } }).state;
    state = run(state, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'share' } }).state;
    // As the hub does: one state changed in place, and an index told of every event.
    const index = new NoteIndex();
    let n = 0;
    const write = () => {
      const who = `p${n % 3}`;
      const d = decide(state, participant(who), { id: `00000000-0000-4000-c000-${(n++).toString(16).padStart(12, '0')}`, type: 'note.write', payload: { noteId: `00000000-0000-4000-d000-${n.toString(16).padStart(12, '0')}`, taskId: TASK, text: `Lapp ${n}` } }, 0, index);
      if (!d.ok) throw new Error(d.error.message);
      for (const e of d.events) reduce(state, e.body);
      index.update(state, d.events.map((e) => e.body));
    };
    for (let i = 0; i < 60; i++) write();
    const board = Object.values(state.notes).filter((x) => x.groupId && x.themeId === null).length;
    expect(board).toBe(60);
    // Count the passes over a map as large as the board while 20 more notes are written.
    const forEach = Map.prototype.forEach;
    let passes = 0;
    Map.prototype.forEach = function (this: Map<unknown, unknown>, ...args: Parameters<typeof forEach>) {
      if (this.size >= 60) passes++;
      return forEach.apply(this, args);
    };
    try {
      for (let i = 0; i < 20; i++) write();
    } finally {
      Map.prototype.forEach = forEach;
    }
    expect(passes).toBe(0);
    expect(Object.values(state.notes).filter((x) => x.groupId).length).toBe(80);
  });
});
