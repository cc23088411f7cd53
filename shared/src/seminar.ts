import { rosterAudience } from './audience.js';
import type { EventDraft } from './protocol.js';
import type { Participant, SeminarInfo, Task } from './model.js';
import type { output } from 'zod/mini';
import type { SeminarCreateBody } from './forms.js';

/** The first event of a seminar's log, from the facilitator's form. Ids come from the caller. */
export function seminarCreated(
  input: output<typeof SeminarCreateBody>,
  ids: { seminarId: string; taskId: string; joinCode: string; roleIds: string[] },
): EventDraft {
  const seminar: SeminarInfo = {
    id: ids.seminarId,
    title: input.title,
    subtitle: input.subtitle,
    date: input.date,
    venue: input.venue,
    language: input.language,
    joinCode: ids.joinCode,
    roles: input.roles.map((label, i) => ({ id: ids.roleIds[i]!, label })),
    time: '',
    organisers: '',
    method: '',
    trends: '',
    attendanceExtra: {},
  };
  const task: Task = { id: ids.taskId, title: input.task.title, questions: input.task.questions, phase: 'write', locked: false, published: false, priority: { kind: 'none' } };
  return { audience: { kind: 'all' }, body: { type: 'seminar.created', seminar, tasks: [task] } };
}

/** A participant has joined. Their name and role are for their table and the facilitators; their notes for nobody. */
export function participantJoined(participant: Participant): EventDraft {
  return { audience: rosterAudience(participant.groupId), body: { type: 'participant.joined', participant } };
}

/** Join codes use only characters that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Normalise what a person typed: case, spaces and dashes do not matter. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Display a code in two halves, easier to read aloud and to type: "ABC DEF". */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
