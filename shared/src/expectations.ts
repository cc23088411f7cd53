/**
 * The expectations round: at the start of the day everyone writes what they expect, alone; the
 * facilitators turn that into a numbered list (merging duplicates); at the end the room marks each
 * line met, not met, or to follow up later. Facilitators read what was written, never by whom.
 */
import { LIMITS } from './limits.js';
import type { Actor, Expectation, ExpectationItem, SeminarState } from './model.js';
import type { AppError, Command, EventBody, EventDraft } from './protocol.js';

type ExpectationCommand = Extract<Command, { type: `expectation${string}` }>;
export const isExpectationCommand = (cmd: Command): cmd is ExpectationCommand => cmd.type.startsWith('expectation');

type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };
const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });
const all = (body: EventBody): EventDraft => ({ audience: { kind: 'all' }, body });

export function decideExpectation(state: SeminarState, actor: Actor, cmd: ExpectationCommand): Decision {
  const writing = cmd.type === 'expectation.write' || cmd.type === 'expectation.delete';
  if (writing && (actor.kind !== 'participant' || !state.participants[actor.id])) return fail('forbidden', `only a participant may ${cmd.type}`);
  if (!writing && actor.kind !== 'facilitator') return fail('forbidden', `only a facilitator may ${cmd.type}`);

  switch (cmd.type) {
    case 'expectation.write': {
      const { expectationId, text } = cmd.payload;
      if (!state.expectationsOpen) return fail('wrong_phase', 'the expectations round is not open');
      const known = state.expectations[expectationId];
      if (known && known.authorId !== actor.id) return fail('conflict', 'an expectation with this id exists');
      if (known?.text === text) return { ok: true, events: [] };
      const mine = Object.values(state.expectations).filter((e) => e.authorId === actor.id).length;
      if (!known && mine >= LIMITS.expectationsPerParticipant) return fail('limit', `at most ${LIMITS.expectationsPerParticipant} expectations each`);
      // Facilitators get the words; only the writer gets them with their name on.
      const anonymous: Expectation = { id: expectationId, text };
      return {
        ok: true,
        events: [
          { audience: { kind: 'facilitators' }, body: { type: 'expectation.written', expectation: anonymous } },
          { audience: { kind: 'participant', participantId: actor.id }, body: { type: 'expectation.written', expectation: { ...anonymous, authorId: actor.id } } },
        ],
      };
    }
    case 'expectation.delete': {
      const known = state.expectations[cmd.payload.expectationId];
      if (!known || known.authorId !== actor.id) return fail('not_found', 'no such expectation of yours');
      if (!state.expectationsOpen) return fail('wrong_phase', 'the expectations round is closed');
      const body = { type: 'expectation.deleted', expectationId: known.id } as const;
      return { ok: true, events: [{ audience: { kind: 'facilitators' }, body }, { audience: { kind: 'participant', participantId: actor.id }, body }] };
    }
    case 'expectations.open':
      return state.expectationsOpen === cmd.payload.open ? { ok: true, events: [] } : { ok: true, events: [all({ type: 'expectations.opened', open: cmd.payload.open })] };
    case 'expectationItem.add': {
      const { itemId, text, sources } = cmd.payload;
      if (state.expectationItems.some((i) => i.id === itemId)) return fail('conflict', 'an item with this id exists');
      if (state.expectationItems.length >= LIMITS.expectationItems) return fail('limit', `at most ${LIMITS.expectationItems} expectations in the list`);
      const item: ExpectationItem = { id: itemId, text, sources: known(state, sources), outcome: null };
      return { ok: true, events: [all({ type: 'expectationItem.added', item })] };
    }
    case 'expectationItem.update': {
      const { itemId, text, sources } = cmd.payload;
      const item = state.expectationItems.find((i) => i.id === itemId);
      if (!item) return fail('not_found', 'no such item');
      const next = { ...item, ...(text !== undefined ? { text } : {}), ...(sources !== undefined ? { sources: known(state, sources) } : {}) };
      return JSON.stringify(next) === JSON.stringify(item) ? { ok: true, events: [] } : { ok: true, events: [all({ type: 'expectationItem.updated', item: next })] };
    }
    case 'expectationItem.assess': {
      const item = state.expectationItems.find((i) => i.id === cmd.payload.itemId);
      if (!item) return fail('not_found', 'no such item');
      if (item.outcome === cmd.payload.outcome) return { ok: true, events: [] };
      return { ok: true, events: [all({ type: 'expectationItem.updated', item: { ...item, outcome: cmd.payload.outcome } })] };
    }
    case 'expectationItem.remove':
      if (!state.expectationItems.some((i) => i.id === cmd.payload.itemId)) return fail('not_found', 'no such item');
      return { ok: true, events: [all({ type: 'expectationItem.removed', itemId: cmd.payload.itemId })] };
  }
}

/** Sources that exist, once each, in the order given. */
const known = (state: SeminarState, ids: string[]) => [...new Set(ids)].filter((id) => state.expectations[id]);

/** Written expectations not yet in any line of the list: what the facilitator still has to sort. */
export function unsortedExpectations(state: SeminarState): Expectation[] {
  const used = new Set(state.expectationItems.flatMap((i) => i.sources));
  return Object.values(state.expectations).filter((e) => !used.has(e.id));
}
