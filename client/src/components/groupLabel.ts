import type { TFunction } from 'i18next';
import type { SeminarState } from '@tavla/shared';

/** A group as everyone sees it: its own name, or "Group N"; "No group" for none. */
export const groupLabel = (state: SeminarState, id: string | null, t: TFunction) => {
  const g = id ? state.groups[id] : undefined;
  return g ? g.name || t('console.group', { n: g.number }) : t('console.noGroup');
};
