/**
 * Prioritising a task's themes, as the task asks: each group ranks its top N themes, or each
 * participant puts K dots on the themes of their group's board. Who put a dot is never shown;
 * facilitators see dots per role only where every role's count comes from at least 3 people.
 */
import { LIMITS } from './limits.js';
import type { Actor, SeminarState, Task, Theme } from './model.js';
import type { AppError, Command, EventDraft } from './protocol.js';
import { boardAccess, boardAudience, lockedFor } from './board.js';

type PriorityCommand = Extract<Command, { type: 'theme.rank' | 'dot.place' | 'dot.remove' }>;
const PRIORITY_TYPES = new Set(['theme.rank', 'dot.place', 'dot.remove']);
export const isPriorityCommand = (cmd: Command): cmd is PriorityCommand => PRIORITY_TYPES.has(cmd.type);

type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };
const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });

/** The smallest number of people behind a role's count for it to be shown apart from the others. */
export const ROLE_SPLIT_MIN_PEOPLE = 3;

/** A theme and its task, if the task is prioritising now and the actor may act on it. */
function prioritising(state: SeminarState, actor: Actor, themeId: string): { theme: Theme; task: Task } | AppError {
  const theme = state.themes[themeId];
  if (!theme) return { code: 'not_found', message: 'no such theme' };
  const denied = boardAccess(state, actor, theme.groupId);
  if (denied) return denied;
  const task = state.tasks.find((t) => t.id === theme.taskId)!;
  if (task.phase !== 'prioritise') return { code: 'wrong_phase', message: `the task is in its ${task.phase} phase` };
  const locked = lockedFor(task, actor);
  if (locked) return locked;
  return { theme, task };
}

export function decidePriority(state: SeminarState, actor: Actor, cmd: PriorityCommand): Decision {
  switch (cmd.type) {
    case 'theme.rank': {
      const { themeId, rank } = cmd.payload;
      const found = prioritising(state, actor, themeId);
      if ('code' in found) return { ok: false, error: found };
      const { theme, task } = found;
      if (task.priority.kind !== 'top') return fail('wrong_phase', 'this task does not ask for a top list');
      if (rank !== null && rank > task.priority.n) return fail('invalid', `rank: at most ${task.priority.n}`);
      if (theme.rank === rank) return { ok: true, events: [] };
      const audience = boardAudience(state, theme.taskId, theme.groupId);
      const events: EventDraft[] = [];
      // A rank belongs to one theme: the theme that had it gives it up.
      const holder = rank === null ? undefined : Object.values(state.themes).find((t) => t.taskId === theme.taskId && t.groupId === theme.groupId && t.rank === rank);
      if (holder) events.push({ audience, body: { type: 'theme.ranked', themeId: holder.id, rank: null } });
      events.push({ audience, body: { type: 'theme.ranked', themeId, rank } });
      return { ok: true, events };
    }
    case 'dot.place': {
      if (actor.kind !== 'participant') return fail('forbidden', 'only a participant places dots');
      const { dotId, themeId } = cmd.payload;
      const found = prioritising(state, actor, themeId);
      if ('code' in found) return { ok: false, error: found };
      const { theme, task } = found;
      if (task.priority.kind !== 'dots') return fail('wrong_phase', 'this task does not use dots');
      if (state.dots[dotId]) return fail('conflict', 'a dot with this id exists');
      if (dotsLeft(state, task, actor.id) <= 0) return fail('limit', `at most ${task.priority.k} dots each`);
      const dot = { id: dotId, taskId: task.id, themeId, participantId: actor.id };
      return { ok: true, events: dotEvents(state, theme, { type: 'dot.placed', dot }, 1) };
    }
    case 'dot.remove': {
      if (actor.kind !== 'participant') return fail('forbidden', 'only a participant removes dots');
      const dot = state.dots[cmd.payload.dotId];
      if (!dot || dot.participantId !== actor.id) return fail('not_found', 'no such dot of yours');
      const found = prioritising(state, actor, dot.themeId);
      if ('code' in found) return { ok: false, error: found };
      return { ok: true, events: dotEvents(state, found.theme, { type: 'dot.removed', dotId: dot.id }, -1) };
    }
  }
}

/** How many dots a participant still has to place on a task's themes (0 when the task uses none). */
export function dotsLeft(state: SeminarState, task: Task, participantId: string): number {
  if (task.priority.kind !== 'dots') return 0;
  return task.priority.k - Object.values(state.dots).filter((d) => d.taskId === task.id && d.participantId === participantId).length;
}

/** The placer's own record, the new total for the board, and the role split for facilitators. */
function dotEvents(state: SeminarState, theme: Theme, own: EventDraft['body'] & { type: 'dot.placed' | 'dot.removed' }, delta: 1 | -1): EventDraft[] {
  const participantId = own.type === 'dot.placed' ? own.dot.participantId : state.dots[own.dotId]!.participantId;
  const dots = Object.values(state.dots).filter((d) => d.themeId === theme.id && !(own.type === 'dot.removed' && d.id === own.dotId));
  if (own.type === 'dot.placed') dots.push(own.dot);
  return [
    { audience: { kind: 'participant', participantId }, body: own },
    { audience: boardAudience(state, theme.taskId, theme.groupId), body: { type: 'theme.dotted', themeId: theme.id, dots: theme.dots + delta } },
    { audience: { kind: 'facilitators' }, body: { type: 'theme.dotsByRole', themeId: theme.id, byRole: dotsByRole(state, dots) } },
  ];
}

/**
 * Dots per role id, or null when any role with dots has them from fewer than 3 people: then a
 * count could point at a person (and the others' counts would give it away by subtraction).
 */
export function dotsByRole(state: SeminarState, dots: { participantId: string }[]): Record<string, number> | null {
  const count: Record<string, number> = {};
  const people = new Map<string, Set<string>>();
  for (const d of dots) {
    const role = state.participants[d.participantId]?.roleId ?? '?';
    count[role] = (count[role] ?? 0) + 1;
    people.set(role, (people.get(role) ?? new Set()).add(d.participantId));
  }
  for (const set of people.values()) if (set.size < ROLE_SPLIT_MIN_PEOPLE) return null;
  return count;
}

