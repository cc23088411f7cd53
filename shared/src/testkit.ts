/** Builders for tests of the pure core: a seminar with people in it, in a few lines. */
import { decide } from './decide.js';
import { emptyState } from './model.js';
import type { Actor, SeminarState } from './model.js';
import type { Command, CommandBody, EventDraft } from './protocol.js';
import { fold } from './reducer.js';
import { participantJoined, seminarCreated } from './seminar.js';

export const SEMINAR = '00000000-0000-4000-8000-000000000001';
export const TASK = '00000000-0000-4000-8000-000000000002';
export const FAC: Actor = { kind: 'facilitator', id: 'fac-1' };

let counter = 0;
/** A fresh uuid-shaped id; deterministic so failures can be replayed. */
export function uid(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function newSeminar(): SeminarState {
  const created = seminarCreated(
    { title: 'Dialogseminar', subtitle: '', date: '2009-10-30', venue: 'Sandvika', language: 'nb', roles: ['Bruker', 'Ansatt'], task: { title: 'Oppgave 1', questions: ['Hva skal til?'] } },
    { seminarId: SEMINAR, taskId: TASK, joinCode: 'ABCDEF', roleIds: ['bruker', 'ansatt'] },
  );
  return fold(emptyState(), [created]);
}

export function withParticipants(state: SeminarState, people: [id: string, role: string][]): SeminarState {
  return fold(state, people.map(([id, roleId]) => participantJoined({ id, name: id.toUpperCase(), roleId, groupId: null, paper: false, scribe: false })));
}

/** Run a command that must succeed and return the state after it, with its events. */
export function run(state: SeminarState, actor: Actor, body: CommandBody): { state: SeminarState; events: EventDraft[] } {
  const d = decide(state, actor, { id: uid(), ...body } as Command);
  if (!d.ok) throw new Error(`${body.type} refused: ${d.error.message}`);
  return { state: fold(state, d.events), events: d.events };
}

export const participant = (id: string): Actor => ({ kind: 'participant', id });
