import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSee } from './audience.js';
import { decide } from './decide.js';
import type { Actor, SeminarState } from './model.js';
import { PHASES } from './model.js';
import type { Command, EventDraft } from './protocol.js';
import { fold } from './reducer.js';
import { FAC, TASK, newSeminar, participant, withParticipants } from './testkit.js';
import { view } from './view.js';

const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const VIEWERS: Actor[] = [FAC, ...PEOPLE.map(participant)];
const noteIds = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-0000000000a${i}`);

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('write' as const), note: fc.constantFrom(...noteIds), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('edit' as const), note: fc.constantFrom(...noteIds), text: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.constantFrom(...PEOPLE), kind: fc.constant('delete' as const), note: fc.constantFrom(...noteIds) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('phase' as const), phase: fc.constantFrom(...PHASES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), size: fc.integer({ min: 2, max: 4 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step, i: number): { actor: Actor; cmd: Command } {
  const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
  switch (s.kind) {
    case 'write': return { actor: participant(s.who), cmd: { id, type: 'note.write', payload: { noteId: s.note, taskId: TASK, text: s.text } } };
    case 'edit': return { actor: participant(s.who), cmd: { id, type: 'note.edit', payload: { noteId: s.note, text: s.text } } };
    case 'delete': return { actor: participant(s.who), cmd: { id, type: 'note.delete', payload: { noteId: s.note } } };
    case 'phase': return { actor: FAC, cmd: { id, type: 'task.setPhase', payload: { taskId: TASK, phase: s.phase } } };
    case 'split': return { actor: FAC, cmd: { id, type: 'groups.split', payload: { size: s.size } } };
  }
}

/** Note ids an event mentions, so we can check the event does not name their authors. */
function notesIn(e: EventDraft): string[] {
  const b = e.body;
  if (b.type === 'note.written') return [b.note.id];
  if (b.type === 'notes.revealed') return b.notes.map((n) => n.id);
  if (b.type === 'note.edited' || b.type === 'note.deleted') return [b.noteId];
  return [];
}

describe('every viewer folds exactly its view', () => {
  it('for random command sequences from six participants and a facilitator', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let server = withParticipants(newSeminar(), PEOPLE.map((p, i) => [p, i % 2 ? 'ansatt' : 'bruker']));
        const folded = new Map<Actor, SeminarState>(VIEWERS.map((v) => [v, view(server, v)]));
        steps.forEach((s, i) => {
          const { actor, cmd } = toCommand(s, i);
          const d = decide(server, actor, cmd);
          if (!d.ok) return;
          const authors = new Map(Object.values(server.notes).map((n) => [n.id, n.authorId]));
          server = fold(server, d.events);
          for (const n of Object.values(server.notes)) authors.set(n.id, n.authorId);
          const regrouped = d.events.some((e) => e.body.type === 'groups.formed');
          for (const v of VIEWERS) {
            // As the server does: a participant whose group may have changed gets a fresh snapshot.
            if (regrouped && v.kind === 'participant') { folded.set(v, view(server, v)); continue; }
            const received = d.events.filter((e) => canSee(server, v, e.audience));
            for (const e of received) {
              for (const noteId of notesIn(e)) {
                const author = authors.get(noteId);
                if (author && !(v.kind === 'participant' && v.id === author)) expect(JSON.stringify(e)).not.toContain(`"${author}"`);
              }
            }
            folded.set(v, fold(folded.get(v)!, received));
          }
        });
        for (const v of VIEWERS) {
          const expected = view(server, v);
          expect(folded.get(v)).toEqual(expected);
          for (const n of Object.values(expected.notes)) if (!(v.kind === 'participant' && n.authorId === v.id)) expect(n.authorId).toBeUndefined();
        }
      }),
      { seed: 20091030, numRuns: 300 },
    );
  });
});
