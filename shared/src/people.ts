/** Forming groups by hand, and people without a phone: what only facilitators do. */
import { rosterAudience } from './audience.js';
import { colourFor, type Actor, type Participant, type SeminarState } from './model.js';
import type { AppError, Command, EventBody, EventDraft } from './protocol.js';

type PeopleCommand = Extract<Command, { type: `participant.${string}` | `group.${string}` }>;
const PEOPLE_TYPES = new Set(['participant.move', 'participant.addPaper', 'participant.setScribe', 'group.create', 'group.update', 'group.remove']);
export const isPeopleCommand = (cmd: Command): cmd is PeopleCommand => PEOPLE_TYPES.has(cmd.type);

type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };
const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });
const all = (body: EventBody): EventDraft => ({ audience: { kind: 'all' }, body });
const facilitators = (body: EventBody): EventDraft => ({ audience: { kind: 'facilitators' }, body });

/**
 * A participant changes table: their old table drops them and their new table (the facilitators,
 * if none) gets their record as it now is. A scribe moved away stops being a scribe.
 */
function reseat(p: Participant, groupId: string | null): EventDraft[] {
  const events: EventDraft[] = [];
  if (p.groupId) events.push({ audience: { kind: 'group', groupId: p.groupId }, body: { type: 'roster.removed', participantId: p.id } });
  events.push({ audience: rosterAudience(groupId), body: { type: 'roster.added', participant: { ...p, groupId, scribe: false } } });
  return events;
}

/**
 * Events for a facilitator's command about people and groups (authorise has checked the actor).
 * `followUps` adds what a change of group implies: notes to reveal, progress to recount.
 */
export function decidePeople(state: SeminarState, _actor: Actor, cmd: PeopleCommand, followUps: (events: EventDraft[]) => Decision): Decision {
  const groupExists = (id: string | null) => id === null || !!state.groups[id];
  switch (cmd.type) {
    case 'participant.move': {
      const { participantId, groupId } = cmd.payload;
      const p = state.participants[participantId];
      if (!p) return fail('not_found', 'no such participant');
      if (!groupExists(groupId)) return fail('not_found', 'no such group');
      if (p.groupId === groupId) return { ok: true, events: [] };
      // The moved participant gets a fresh view of their new table (see `regroupedBy`).
      return followUps([facilitators({ type: 'participant.moved', participantId, groupId }), ...reseat(p, groupId)]);
    }
    case 'participant.addPaper': {
      const { participantId, name, roleId, groupId } = cmd.payload;
      if (state.participants[participantId]) return fail('conflict', 'a participant with this id exists');
      if (!state.seminar!.roles.some((r) => r.id === roleId)) return fail('invalid', 'roleId: not a role of this seminar');
      if (!groupExists(groupId)) return fail('not_found', 'no such group');
      return { ok: true, events: [{ audience: rosterAudience(groupId), body: { type: 'participant.joined', participant: { id: participantId, name, roleId, groupId, paper: true, scribe: false } } }] };
    }
    case 'participant.setScribe': {
      const { participantId, scribe } = cmd.payload;
      const p = state.participants[participantId];
      if (!p) return fail('not_found', 'no such participant');
      if (scribe && (p.paper || !p.groupId)) return fail('invalid', 'a scribe must be a group member with a device');
      return p.scribe === scribe ? { ok: true, events: [] } : { ok: true, events: [{ audience: rosterAudience(p.groupId), body: { type: 'participant.scribeSet', participantId, scribe } }] };
    }
    case 'group.create': {
      const { groupId, name } = cmd.payload;
      if (state.groups[groupId]) return fail('conflict', 'a group with this id exists');
      const number = Math.max(0, ...Object.values(state.groups).map((g) => g.number)) + 1;
      return { ok: true, events: [all({ type: 'group.created', group: { id: groupId, name, number, colour: colourFor(number) } })] };
    }
    case 'group.update': {
      const { groupId, name, colour } = cmd.payload;
      const g = state.groups[groupId];
      if (!g) return fail('not_found', 'no such group');
      const events: EventDraft[] = [];
      if (name !== undefined && name !== g.name) events.push(all({ type: 'group.renamed', groupId, name }));
      if (colour !== undefined && colour !== g.colour) events.push(all({ type: 'group.recoloured', groupId, colour }));
      return { ok: true, events };
    }
    case 'group.remove': {
      const { groupId } = cmd.payload;
      if (!state.groups[groupId]) return fail('not_found', 'no such group');
      if (Object.values(state.notes).some((n) => n.groupId === groupId))
        return fail('conflict', "this group's board has notes; move its people instead");
      const ungrouped = Object.values(state.participants).filter((p) => p.groupId === groupId).map((p) => p.id);
      // Everyone drops the group; its table device drops its people, now known to facilitators only.
      const events = [all({ type: 'group.removed', groupId, ungrouped }), ...ungrouped.flatMap((pid) => reseat(state.participants[pid]!, null))];
      return followUps(events);
    }
  }
}

/**
 * Participants whose group an event changes ('all' for a new split): their view changes wholesale,
 * so they get a fresh snapshot (table devices too, after a new split).
 */
export function regroupedBy(body: EventBody): 'all' | string[] {
  if (body.type === 'groups.formed') return 'all';
  if (body.type === 'participant.moved') return [body.participantId];
  if (body.type === 'group.removed') return body.ungrouped;
  return [];
}
