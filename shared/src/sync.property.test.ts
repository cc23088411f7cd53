import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSee } from './audience.js';
import { decide } from './decide.js';
import type { Actor, SeminarState } from './model.js';
import { PHASES, type Phase } from './model.js';
import type { Command, EventDraft } from './protocol.js';
import { fold } from './reducer.js';
import { FAC, TASK, newSeminar, participant, withParticipants } from './testkit.js';
import { view, viewsOf } from './view.js';
import { regroupedBy } from './people.js';

// Ids longer than any generated note text, so finding one in a frame means an author leaked.
const PEOPLE = ['person-0', 'person-1', 'person-2', 'person-3', 'person-4', 'person-5'].map((p) => `${p}-of-the-room`);
const PEOPLE_VIEWERS: Actor[] = [FAC, ...PEOPLE.map(participant)];
// Two note ids per person, so that most edits and deletes are by the author and succeed.
const noteIds = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-0000000000${(0xa0 + i).toString(16)}`);
const ownNote = (who: string, k: number) => noteIds[PEOPLE.indexOf(who) * 2 + k]!;
const themeIds = Array.from({ length: 4 }, (_, i) => `00000000-0000-4000-8000-0000000000b${i}`);
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('write' as const), k: fc.integer({ min: 0, max: 1 }), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('edit' as const), note: fc.oneof(fc.integer({ min: 0, max: 1 }), fc.constantFrom(...noteIds)), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('delete' as const), note: fc.oneof(fc.integer({ min: 0, max: 1 }), fc.constantFrom(...noteIds)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('phase' as const), phase: fc.constantFrom<Phase>('share', 'cluster', 'cluster', 'prioritise', 'prioritise', ...PHASES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), size: fc.integer({ min: 2, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('theme' as const), theme: fc.constantFrom(...themeIds), note: maybe(fc.constantFrom(...noteIds)) }) },
  { weight: 4, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('place' as const), note: fc.constantFrom(...noteIds), theme: maybe(fc.constantFrom(...themeIds)), before: maybe(fc.constantFrom(...noteIds)) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('merge' as const), theme: fc.constantFrom(...themeIds), into: fc.constantFrom(...themeIds) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('focus' as const), note: maybe(fc.constantFrom(...noteIds)) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('move' as const), to: fc.constantFrom(...PEOPLE) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('newGroup' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('priority' as const), dots: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('dot' as const), dot: fc.integer({ min: 0, max: 2 }), theme: fc.constantFrom(...themeIds) }) },
  { weight: 3, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('undot' as const), dot: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('rank' as const), theme: fc.constantFrom(...themeIds), rank: maybe(fc.integer({ min: 1, max: 3 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expectations' as const), open: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('expect' as const), k: fc.integer({ min: 0, max: 1 }), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('spotlight' as const) }) },
);
const dotId = (who: string, k: number) => `00000000-0000-4000-8000-0000000001${(PEOPLE.indexOf(who) * 3 + k).toString(16).padStart(2, '0')}`;
const expectationId = (who: string, k: number) => `00000000-0000-4000-8000-0000000002${(PEOPLE.indexOf(who) * 2 + k).toString(16).padStart(2, '0')}`;
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step, i: number, state: SeminarState): { actor: Actor; cmd: Command } {
  const groupOf = (who: string) => state.participants[who]?.groupId ?? 'none';
  const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
  switch (s.kind) {
    case 'write': return { actor: participant(s.who), cmd: { id, type: 'note.write', payload: { noteId: ownNote(s.who, s.k), taskId: TASK, text: s.text } } };
    case 'edit': return { actor: participant(s.who), cmd: { id, type: 'note.edit', payload: { noteId: typeof s.note === 'number' ? ownNote(s.who, s.note) : s.note, text: s.text } } };
    case 'delete': return { actor: participant(s.who), cmd: { id, type: 'note.delete', payload: { noteId: typeof s.note === 'number' ? ownNote(s.who, s.note) : s.note } } };
    case 'phase': return { actor: FAC, cmd: { id, type: 'task.setPhase', payload: { taskId: TASK, phase: s.phase } } };
    case 'split': return { actor: FAC, cmd: { id, type: 'groups.split', payload: { size: s.size } } };
    case 'theme': return { actor: participant(s.who), cmd: { id, type: 'theme.create', payload: { themeId: s.theme, taskId: TASK, groupId: groupOf(s.who), heading: 'Tema', ...(s.note ? { noteId: s.note } : {}) } } };
    case 'place': return { actor: participant(s.who), cmd: { id, type: 'note.place', payload: { noteId: s.note, themeId: s.theme, beforeId: s.before } } };
    case 'merge': return { actor: participant(s.who), cmd: { id, type: 'theme.merge', payload: { themeId: s.theme, intoId: s.into } } };
    case 'move': return { actor: FAC, cmd: { id, type: 'participant.move', payload: { participantId: s.who, groupId: state.participants[s.to]?.groupId ?? null } } };
    case 'newGroup': return { actor: FAC, cmd: { id, type: 'group.create', payload: { groupId: `00000000-0000-4000-a000-${i.toString(16).padStart(12, '0')}`, name: '' } } };
    case 'priority': return { actor: FAC, cmd: { id, type: 'task.update', payload: { taskId: TASK, priority: s.dots ? { kind: 'dots', k: 2 } : { kind: 'top', n: 3 } } } };
    case 'dot': return { actor: participant(s.who), cmd: { id, type: 'dot.place', payload: { dotId: dotId(s.who, s.dot), themeId: s.theme } } };
    case 'undot': return { actor: participant(s.who), cmd: { id, type: 'dot.remove', payload: { dotId: dotId(s.who, s.dot) } } };
    case 'rank': return { actor: participant(s.who), cmd: { id, type: 'theme.rank', payload: { themeId: s.theme, rank: s.rank } } };
    case 'expectations': return { actor: FAC, cmd: { id, type: 'expectations.open', payload: { open: s.open } } };
    case 'expect': return { actor: participant(s.who), cmd: { id, type: 'expectation.write', payload: { expectationId: expectationId(s.who, s.k), text: s.text } } };
    case 'spotlight': return { actor: FAC, cmd: { id, type: 'plenary.spotlight', payload: { taskId: TASK, groupId: state.participants[s.who]?.groupId ?? null } } };
    case 'focus': return { actor: participant(s.who), cmd: { id, type: 'board.focus', payload: { taskId: TASK, groupId: groupOf(s.who), noteId: s.note } } };
  }
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** Note ids an event mentions, so we can check the event does not name their authors. */
function notesIn(e: EventDraft): string[] {
  const b = e.body;
  if (b.type === 'note.written') return [b.note.id];
  if (b.type === 'notes.revealed') return b.notes.map((n) => n.id);
  if (b.type === 'note.edited' || b.type === 'note.deleted' || b.type === 'note.marked') return [b.noteId];
  if (b.type === 'notes.placed') return b.placements.map((p) => p.noteId);
  if (b.type === 'boards.published') return b.notes.map((n) => n.id);
  return [];
}

describe('every viewer folds exactly its view', () => {
  it('for random command sequences from six participants and a facilitator', () => {
    const happened = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }), (steps) => {
        let server = withParticipants(newSeminar(), PEOPLE.map((p, i) => [p, i % 2 ? 'ansatt' : 'bruker']));
        server = fold(server, (decide(server, FAC, { id: '00000000-0000-4000-9000-ffffffffffff', type: 'groups.split', payload: { size: 3 } }) as { events: EventDraft[] }).events);
        server = fold(server, (decide(server, FAC, { id: '00000000-0000-4000-9000-fffffffffffe', type: 'task.update', payload: { taskId: TASK, priority: { kind: 'dots', k: 2 } } }) as { events: EventDraft[] }).events);
        // A shared tablet at table 1 watches along.
        const table1 = Object.values(server.groups).find((g) => g.number === 1)!.id;
        const VIEWERS: Actor[] = [...PEOPLE_VIEWERS, { kind: 'table', id: 'tablet-1', groupId: table1 }];
        const folded = new Map<Actor, SeminarState>(VIEWERS.map((v) => [v, view(server, v)]));
        steps.forEach((s, i) => {
          const { actor, cmd } = toCommand(s, i, server);
          // Frozen: deciding and folding must never change a state they were given.
          const d = decide(deepFreeze(server), actor, cmd);
          if (!d.ok) return;
          for (const e of d.events) happened.add(e.body.type);
          const authors = new Map(Object.values(server.notes).map((n) => [n.id, n.authorId]));
          server = fold(server, d.events);
          for (const n of Object.values(server.notes)) authors.set(n.id, n.authorId);
          const moved = d.events.map((e) => regroupedBy(e.body));
          const see = viewsOf(server); // one for all fresh snapshots, as the server makes them
          for (const v of VIEWERS) {
            // As the server does: a participant whose group changed gets a fresh snapshot; so does
            // every table device after a new split.
            const fresh = v.kind === 'participant' ? moved.some((m) => m === 'all' || m.includes(v.id)) : v.kind === 'table' && moved.includes('all');
            if (fresh) { folded.set(v, see(v)); continue; }
            const received = d.events.filter((e) => canSee(server, v, e.audience));
            for (const e of received) {
              for (const noteId of notesIn(e)) {
                const author = authors.get(noteId);
                if (author && !(v.kind === 'participant' && v.id === author)) expect(JSON.stringify(e)).not.toContain(`"${author}"`);
              }
            }
            // Nobody but the writer learns who wrote an expectation or placed a dot.
            for (const e of received) {
              const owner = e.body.type === 'expectation.written' ? e.body.expectation.authorId : e.body.type === 'dot.placed' ? e.body.dot.participantId : undefined;
              if (owner) expect(v).toEqual(participant(owner));
            }
            folded.set(v, fold(deepFreeze(folded.get(v)!), received));
          }
        });
        const see = viewsOf(server);
        for (const v of VIEWERS) {
          const expected = see(v);
          expect(view(server, v)).toEqual(expected);
          expect(folded.get(v)).toEqual(expected);
          for (const n of Object.values(expected.notes)) if (!(v.kind === 'participant' && n.authorId === v.id)) expect(n.authorId).toBeUndefined();
        }
      }),
      { seed: 20091030, numRuns: 400 },
    );
    // The runs reached the interesting cases, not only refusals.
    for (const type of ['notes.revealed', 'boards.published', 'dot.placed', 'dot.removed', 'theme.ranked', 'expectation.written', 'spotlight.changed', 'participant.moved'])
      expect(happened, type).toContain(type);
  });
});
