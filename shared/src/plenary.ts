/**
 * The plenary and what the room agrees on: which group's board is on the projector, the
 * cross-group synthesis with links into the boards, and the actions. Facilitators only.
 */
import { LIMITS } from './limits.js';
import type { SeminarState, SynthesisLink } from './model.js';
import type { AppError, Command, EventBody, EventDraft } from './protocol.js';

type PlenaryCommand = Extract<Command, { type: `synthesis.${string}` | `action.${string}` | 'plenary.spotlight' }>;
export const isPlenaryCommand = (cmd: Command): cmd is PlenaryCommand => cmd.type.startsWith('synthesis.') || cmd.type.startsWith('action.') || cmd.type === 'plenary.spotlight';

type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: AppError };
const fail = (code: AppError['code'], message: string): Decision => ({ ok: false, error: { code, message } });
const ok = (...bodies: EventBody[]): Decision => ({ ok: true, events: bodies.map((body) => ({ audience: { kind: 'all' }, body })) });

/** Events for a plenary command (authorise has checked that the actor is a facilitator). */
export function decidePlenary(state: SeminarState, cmd: PlenaryCommand): Decision {
  const synthesisId = (cmd.payload as { synthesisId?: string }).synthesisId;
  const synthesis = synthesisId ? state.synthesis.find((x) => x.id === synthesisId) : undefined;
  switch (cmd.type) {
    case 'plenary.spotlight': {
      const { taskId, groupId } = cmd.payload;
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return fail('not_found', 'no such task');
      if (groupId !== null && !state.groups[groupId]) return fail('not_found', 'no such group');
      if (groupId !== null && !task.published) return fail('wrong_phase', 'move the task to its present phase first');
      const spotlight = groupId === null ? null : { taskId, groupId };
      return JSON.stringify(spotlight) === JSON.stringify(state.spotlight) ? ok() : ok({ type: 'spotlight.changed', spotlight });
    }
    case 'synthesis.create': {
      const { synthesisId, heading, text } = cmd.payload;
      if (state.synthesis.some((x) => x.id === synthesisId)) return fail('conflict', 'a synthesis theme with this id exists');
      if (state.synthesis.length >= LIMITS.synthesisThemes) return fail('limit', `at most ${LIMITS.synthesisThemes} synthesis themes`);
      return ok({ type: 'synthesis.created', theme: { id: synthesisId, heading, text, links: [] } });
    }
    case 'synthesis.update': {
      if (!synthesis) return fail('not_found', 'no such synthesis theme');
      const heading = cmd.payload.heading ?? synthesis.heading;
      const text = cmd.payload.text ?? synthesis.text;
      return heading === synthesis.heading && text === synthesis.text ? ok() : ok({ type: 'synthesis.updated', synthesisId: synthesis.id, heading, text });
    }
    case 'synthesis.remove':
      if (!synthesis) return fail('not_found', 'no such synthesis theme');
      return ok({ type: 'synthesis.removed', synthesisId: synthesis.id });
    case 'synthesis.link': {
      if (!synthesis) return fail('not_found', 'no such synthesis theme');
      const { linkId, kind, refId } = cmd.payload;
      if (state.synthesis.some((x) => x.links.some((l) => l.id === linkId))) return fail('conflict', 'a link with this id exists');
      if (synthesis.links.some((l) => l.kind === kind && l.refId === refId)) return ok(); // linked already
      if (synthesis.links.length >= LIMITS.linksPerSynthesisTheme) return fail('limit', `at most ${LIMITS.linksPerSynthesisTheme} links per synthesis theme`);
      const link = linkTo(state, linkId, kind, refId);
      if (!link) return fail('not_found', `no such ${kind} on a board`);
      return ok({ type: 'synthesis.linked', synthesisId: synthesis.id, link });
    }
    case 'synthesis.unlink':
      if (!synthesis) return fail('not_found', 'no such synthesis theme');
      if (!synthesis.links.some((l) => l.id === cmd.payload.linkId)) return fail('not_found', 'no such link');
      return ok({ type: 'synthesis.unlinked', synthesisId: synthesis.id, linkId: cmd.payload.linkId });
    case 'action.add': {
      const { actionId, ...fields } = cmd.payload;
      if (state.actions.some((a) => a.id === actionId)) return fail('conflict', 'an action with this id exists');
      if (state.actions.length >= LIMITS.actions) return fail('limit', `at most ${LIMITS.actions} actions`);
      if (fields.synthesisId && !state.synthesis.some((x) => x.id === fields.synthesisId)) return fail('not_found', 'no such synthesis theme');
      return ok({ type: 'action.added', action: { id: actionId, ...fields } });
    }
    case 'action.update': {
      const { actionId, ...fields } = cmd.payload;
      const action = state.actions.find((a) => a.id === actionId);
      if (!action) return fail('not_found', 'no such action');
      if (fields.synthesisId && !state.synthesis.some((x) => x.id === fields.synthesisId)) return fail('not_found', 'no such synthesis theme');
      const next = { ...action, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
      return JSON.stringify(next) === JSON.stringify(action) ? ok() : ok({ type: 'action.updated', action: next });
    }
    case 'action.remove':
      if (!state.actions.some((a) => a.id === cmd.payload.actionId)) return fail('not_found', 'no such action');
      return ok({ type: 'action.removed', actionId: cmd.payload.actionId });
  }
}

/** A link to a theme or a shared note, with its group, its task and its words as they are now. */
function linkTo(state: SeminarState, id: string, kind: 'theme' | 'note', refId: string): SynthesisLink | null {
  if (kind === 'theme') {
    const t = state.themes[refId];
    return t ? { id, kind, refId, taskId: t.taskId, groupId: t.groupId, text: t.heading } : null;
  }
  const n = state.notes[refId];
  return n?.revealed && n.groupId ? { id, kind, refId, taskId: n.taskId, groupId: n.groupId, text: n.text } : null;
}
