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
