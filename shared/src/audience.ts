import type { Actor, Audience, SeminarState } from './model.js';

/** May `viewer` receive an event addressed to `audience`, given who is in which group now? */
export function canSee(state: SeminarState, viewer: Actor, audience: Audience): boolean {
  switch (audience.kind) {
    case 'all':
      return true;
    case 'facilitators':
      return viewer.kind === 'facilitator';
    case 'group':
      if (viewer.kind === 'table') return viewer.groupId === audience.groupId;
      return viewer.kind === 'facilitator' || state.participants[viewer.id]?.groupId === audience.groupId;
    case 'participant':
      return viewer.kind === 'participant' && viewer.id === audience.participantId;
  }
}

/**
 * Who holds a participant's record: the facilitators, and the people (and table device) of the
 * participant's own table. Phones never hold the whole room, so joining stays linear in its size.
 */
export function rosterAudience(groupId: string | null): Audience {
  return groupId ? { kind: 'group', groupId } : { kind: 'facilitators' };
}
