import type { Actor, Audience, SeminarState } from './model.js';

/** May `viewer` receive an event addressed to `audience`, given who is in which group now? */
export function canSee(state: SeminarState, viewer: Actor, audience: Audience): boolean {
  switch (audience.kind) {
    case 'all':
      return true;
    case 'facilitators':
      return viewer.kind === 'facilitator';
    case 'group':
      return viewer.kind === 'facilitator' || tableOf(state, viewer) === audience.groupId;
    case 'participant':
      return viewer.kind === 'participant' && viewer.id === audience.participantId;
  }
}

/** The group whose table `viewer` sits at: a table device's own, a participant's now; none for a facilitator. */
export function tableOf(state: SeminarState, viewer: Actor): string | null {
  if (viewer.kind === 'table') return viewer.groupId;
  if (viewer.kind === 'facilitator') return null;
  return state.participants[viewer.id]?.groupId ?? null;
}

/**
 * Who holds a participant's record: the facilitators, and the people (and table device) of the
 * participant's own table. Phones never hold the whole room, so joining stays linear in its size.
 */
export function rosterAudience(groupId: string | null): Audience {
  return groupId ? { kind: 'group', groupId } : { kind: 'facilitators' };
}
