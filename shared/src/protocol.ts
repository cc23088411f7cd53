/**
 * The whole wire format between client and server: commands in, events out, and the socket
 * messages that carry them. Read this file to learn the protocol.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { GROUP_COLOURS, OUTCOMES, PHASES } from './model.js';
import type { Actor, Audience, Note, Participant, Group, SeminarInfo, SeminarState, Task, GroupProgress, Theme, GroupColour, Timer, AgendaItem, Board, Dot, SynthesisTheme, SynthesisLink, Expectation, ExpectationItem, Action, Spotlight } from './model.js';

export { PROTOCOL_VERSION } from './model.js';

const id = z.uuid();
const trimmed = (max: number) => z.string().trim().min(1).max(max);
const noteText = trimmed(LIMITS.noteLength);

// ---------- Commands (client → server), one schema each ----------

export const NoteWrite = z.strictObject({
  type: z.literal('note.write'),
  /** `onBehalfOf`: a scribe typing for a paper participant of their group. */
  payload: z.strictObject({ noteId: id, taskId: id, text: noteText, onBehalfOf: id.optional() }),
});
export const NoteEdit = z.strictObject({
  type: z.literal('note.edit'),
  payload: z.strictObject({ noteId: id, text: noteText }),
});
export const NoteDelete = z.strictObject({
  type: z.literal('note.delete'),
  payload: z.strictObject({ noteId: id }),
});
export const TaskSetPhase = z.strictObject({
  type: z.literal('task.setPhase'),
  payload: z.strictObject({ taskId: id, phase: z.enum(PHASES) }),
});
/** What a task's prioritise phase asks; also the shape in seminar files. */
export const PrioritySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('top'), n: z.number().int().min(1).max(LIMITS.priorityMax) }),
  z.strictObject({ kind: z.literal('dots'), k: z.number().int().min(1).max(LIMITS.priorityMax) }),
]);
const questions = z.array(trimmed(LIMITS.textFieldLength)).max(LIMITS.questionsPerTask);
// The programme: more tasks, and which one the room works on now. Facilitators only.
export const TaskAdd = z.strictObject({
  type: z.literal('task.add'),
  payload: z.strictObject({ taskId: id, title: trimmed(LIMITS.titleLength), questions, priority: PrioritySchema.optional() }),
});
export const TaskUpdate = z.strictObject({
  type: z.literal('task.update'),
  payload: z.strictObject({ taskId: id, title: trimmed(LIMITS.titleLength).optional(), questions: questions.optional(), priority: PrioritySchema.optional() }),
});
export const TaskLock = z.strictObject({ type: z.literal('task.lock'), payload: z.strictObject({ taskId: id, locked: z.boolean() }) });
const optionalText = (max: number) => z.string().trim().max(max).optional();
export const SeminarUpdate = z.strictObject({
  type: z.literal('seminar.update'),
  payload: z.strictObject({
    title: trimmed(LIMITS.titleLength).optional(),
    subtitle: optionalText(LIMITS.titleLength),
    date: z.iso.date().optional(),
    time: optionalText(LIMITS.titleLength),
    venue: optionalText(LIMITS.titleLength),
    organisers: optionalText(LIMITS.textFieldLength),
    method: optionalText(LIMITS.longTextLength),
    trends: optionalText(LIMITS.longTextLength),
    attendanceExtra: z.record(z.string().min(1).max(64), z.number().int().min(0).max(LIMITS.attendanceExtraMax)).optional(),
  }),
});
export const TaskActivate = z.strictObject({ type: z.literal('task.activate'), payload: z.strictObject({ taskId: id }) });
export const AgendaAdd = z.strictObject({
  type: z.literal('agenda.add'),
  payload: z.strictObject({ itemId: id, time: z.string().trim().max(LIMITS.agendaTimeLength), label: trimmed(LIMITS.titleLength) }),
});
export const AgendaRemove = z.strictObject({ type: z.literal('agenda.remove'), payload: z.strictObject({ itemId: id }) });
const seconds = z.number().int().min(1).max(LIMITS.timerMaxSeconds);
export const TimerSet = z.strictObject({ type: z.literal('timer.set'), payload: z.strictObject({ seconds }) });
export const TimerStart = z.strictObject({ type: z.literal('timer.start'), payload: z.strictObject({}) });
export const TimerPause = z.strictObject({ type: z.literal('timer.pause'), payload: z.strictObject({}) });
export const TimerExtend = z.strictObject({ type: z.literal('timer.extend'), payload: z.strictObject({ seconds }) });
export const TimerClear = z.strictObject({ type: z.literal('timer.clear'), payload: z.strictObject({}) });
export const GroupsSplit = z.strictObject({
  type: z.literal('groups.split'),
  payload: z.strictObject({ size: z.number().int().min(LIMITS.groupSizeMin).max(LIMITS.groupSizeMax) }),
});

const heading = trimmed(LIMITS.headingLength);
const groupId = z.string().min(1).max(100);

// Forming groups and people without a phone: facilitators only.
export const ParticipantMove = z.strictObject({ type: z.literal('participant.move'), payload: z.strictObject({ participantId: id, groupId: groupId.nullable() }) });
export const ParticipantAddPaper = z.strictObject({
  type: z.literal('participant.addPaper'),
  payload: z.strictObject({ participantId: id, name: trimmed(LIMITS.displayNameLength), roleId: z.string().min(1).max(64), groupId: groupId.nullable() }),
});
export const ParticipantSetScribe = z.strictObject({ type: z.literal('participant.setScribe'), payload: z.strictObject({ participantId: id, scribe: z.boolean() }) });
export const GroupCreate = z.strictObject({ type: z.literal('group.create'), payload: z.strictObject({ groupId: id, name: z.string().trim().max(LIMITS.headingLength).default('') }) });
export const GroupUpdate = z.strictObject({
  type: z.literal('group.update'),
  payload: z.strictObject({ groupId, name: z.string().trim().max(LIMITS.headingLength).optional(), colour: z.enum(GROUP_COLOURS).optional() }),
});
export const GroupRemove = z.strictObject({ type: z.literal('group.remove'), payload: z.strictObject({ groupId }) });

// The group's board: themes and where each note sits. `beforeId` null means "at the end".
export const ThemeCreate = z.strictObject({
  type: z.literal('theme.create'),
  payload: z.strictObject({ themeId: id, taskId: id, groupId: z.string().min(1).max(100), heading, noteId: id.optional() }),
});
export const ThemeRename = z.strictObject({ type: z.literal('theme.rename'), payload: z.strictObject({ themeId: id, heading }) });
export const ThemeComment = z.strictObject({
  type: z.literal('theme.comment'),
  payload: z.strictObject({ themeId: id, comment: z.string().trim().max(LIMITS.textFieldLength) }),
});
export const ThemePlace = z.strictObject({ type: z.literal('theme.place'), payload: z.strictObject({ themeId: id, beforeId: id.nullable() }) });
export const ThemeMerge = z.strictObject({ type: z.literal('theme.merge'), payload: z.strictObject({ themeId: id, intoId: id }) });
export const ThemeRemove = z.strictObject({ type: z.literal('theme.remove'), payload: z.strictObject({ themeId: id }) });
export const NotePlace = z.strictObject({
  type: z.literal('note.place'),
  payload: z.strictObject({ noteId: id, themeId: id.nullable(), beforeId: id.nullable() }),
});
export const NoteMark = z.strictObject({ type: z.literal('note.mark'), payload: z.strictObject({ noteId: id, marked: z.boolean() }) });
export const BoardFocus = z.strictObject({
  type: z.literal('board.focus'),
  payload: z.strictObject({ taskId: id, groupId, noteId: id.nullable() }),
});

// Prioritising: a group ranks its top N themes; or each participant puts K dots on themes.
export const ThemeRank = z.strictObject({ type: z.literal('theme.rank'), payload: z.strictObject({ themeId: id, rank: z.number().int().min(1).max(LIMITS.priorityMax).nullable() }) });
export const DotPlace = z.strictObject({ type: z.literal('dot.place'), payload: z.strictObject({ dotId: id, themeId: id }) });
export const DotRemove = z.strictObject({ type: z.literal('dot.remove'), payload: z.strictObject({ dotId: id }) });

// Plenary and synthesis: facilitators only.
export const PlenarySpotlight = z.strictObject({ type: z.literal('plenary.spotlight'), payload: z.strictObject({ taskId: id, groupId: groupId.nullable() }) });
const synthesisText = z.string().trim().max(LIMITS.textFieldLength);
export const SynthesisCreate = z.strictObject({ type: z.literal('synthesis.create'), payload: z.strictObject({ synthesisId: id, heading, text: synthesisText.default('') }) });
export const SynthesisUpdate = z.strictObject({ type: z.literal('synthesis.update'), payload: z.strictObject({ synthesisId: id, heading: heading.optional(), text: synthesisText.optional() }) });
export const SynthesisRemove = z.strictObject({ type: z.literal('synthesis.remove'), payload: z.strictObject({ synthesisId: id }) });
export const SynthesisLinkCmd = z.strictObject({
  type: z.literal('synthesis.link'),
  payload: z.strictObject({ synthesisId: id, linkId: id, kind: z.enum(['theme', 'note']), refId: id }),
});
export const SynthesisUnlink = z.strictObject({ type: z.literal('synthesis.unlink'), payload: z.strictObject({ synthesisId: id, linkId: id }) });

// Expectations: everyone writes alone; facilitators make the numbered list and mark the outcome.
export const ExpectationsOpen = z.strictObject({ type: z.literal('expectations.open'), payload: z.strictObject({ open: z.boolean() }) });
export const ExpectationWrite = z.strictObject({ type: z.literal('expectation.write'), payload: z.strictObject({ expectationId: id, text: noteText }) });
export const ExpectationDelete = z.strictObject({ type: z.literal('expectation.delete'), payload: z.strictObject({ expectationId: id }) });
const sources = z.array(id).max(LIMITS.participantsPerSeminar);
export const ExpectationItemAdd = z.strictObject({ type: z.literal('expectationItem.add'), payload: z.strictObject({ itemId: id, text: noteText, sources: sources.default([]) }) });
export const ExpectationItemUpdate = z.strictObject({ type: z.literal('expectationItem.update'), payload: z.strictObject({ itemId: id, text: noteText.optional(), sources: sources.optional() }) });
export const ExpectationItemRemove = z.strictObject({ type: z.literal('expectationItem.remove'), payload: z.strictObject({ itemId: id }) });
export const ExpectationItemAssess = z.strictObject({ type: z.literal('expectationItem.assess'), payload: z.strictObject({ itemId: id, outcome: z.enum(OUTCOMES).nullable() }) });

// Actions agreed on: facilitators only.
const actionFields = { what: trimmed(LIMITS.textFieldLength), who: z.string().trim().max(LIMITS.titleLength), when: z.string().trim().max(LIMITS.titleLength), synthesisId: id.nullable() };
export const ActionAdd = z.strictObject({ type: z.literal('action.add'), payload: z.strictObject({ actionId: id, ...actionFields }) });
export const ActionUpdate = z.strictObject({ type: z.literal('action.update'), payload: z.strictObject({ actionId: id, ...z.strictObject(actionFields).partial().shape }) });
export const ActionRemove = z.strictObject({ type: z.literal('action.remove'), payload: z.strictObject({ actionId: id }) });

export const CommandBody = z.discriminatedUnion('type', [
  NoteWrite, NoteEdit, NoteDelete, TaskSetPhase, TaskAdd, TaskActivate, GroupsSplit,
  TimerSet, TimerStart, TimerPause, TimerExtend, TimerClear, AgendaAdd, AgendaRemove,
  ParticipantMove, ParticipantAddPaper, ParticipantSetScribe, GroupCreate, GroupUpdate, GroupRemove,
  ThemeCreate, ThemeRename, ThemeComment, ThemePlace, ThemeMerge, ThemeRemove, NotePlace, NoteMark, BoardFocus,
  SeminarUpdate, TaskUpdate, TaskLock, ThemeRank, DotPlace, DotRemove,
  PlenarySpotlight, SynthesisCreate, SynthesisUpdate, SynthesisRemove, SynthesisLinkCmd, SynthesisUnlink,
  ExpectationsOpen, ExpectationWrite, ExpectationDelete, ExpectationItemAdd, ExpectationItemUpdate, ExpectationItemRemove, ExpectationItemAssess,
  ActionAdd, ActionUpdate, ActionRemove,
]);
/**
 * A command as sent: a client-made id makes a retry apply at most once. Each body's schema with
 * the id beside it, rather than an intersection of the two: one pass over the message instead of
 * two and a merge, and a key neither side knows is refused.
 */
const withId = CommandBody.options.map((o) => o.extend({ id }));
export const CommandEnvelope = z.discriminatedUnion('type', withId as [(typeof withId)[number], ...typeof withId]);
export type CommandBody = z.infer<typeof CommandBody>;
export type Command = CommandBody & { id: string };
export type CommandType = CommandBody['type'];

type Parsed = { ok: true; command: Command } | { ok: false; error: AppError };

/** Parse an unknown message as a command, or say what is wrong with it. */
export function parseCommand(input: unknown): Parsed {
  const quick = quickNoteWrite(input);
  return quick ? { ok: true, command: quick } : parseCommandByZod(input);
}

/**
 * `parseCommand` without its hand check of note writes: zod alone. The same answer; kept as the
 * oracle the hand check is tested against.
 */
export function parseCommandByZod(input: unknown): Parsed {
  const res = CommandEnvelope.safeParse(input);
  if (res.success) return { ok: true, command: res.data as Command };
  const issue = res.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'command';
  return { ok: false, error: { code: 'invalid', message: `${where}: ${issue?.message ?? 'invalid'}` } };
}

const UUID = /* @__PURE__ */ z.regexes.uuid();
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/**
 * Most of what a room sends is `note.write`, and the server checks each one before its table
 * hears the note: a few lines by hand instead of the walk through zod's union, which on a server
 * that idles between notes costs tens of microseconds more. It accepts only a plain, well-formed
 * note (exactly `NoteWrite`'s keys, ids as `z.uuid()` has them, the text trimmed as `noteText`)
 * and gives what zod would give; anything else is left to zod, which also says what is wrong.
 * protocol.test.ts holds it to zod on generated messages.
 */
export function quickNoteWrite(input: unknown): Command | null {
  if (!isPlain(input) || input.type !== 'note.write' || !isId(input.id) || !isPlain(input.payload)) return null;
  // Own keys only, and no others (none of these names is inherited from Object.prototype).
  if (Object.keys(input).length !== 3) return null;
  const { noteId, taskId, text, onBehalfOf } = input.payload;
  if (!isId(noteId) || !isId(taskId) || typeof text !== 'string') return null;
  if (Object.keys(input.payload).length !== (onBehalfOf === undefined ? 3 : 4) || (onBehalfOf !== undefined && !isId(onBehalfOf))) return null;
  const trimmedText = text.trim();
  if (trimmedText.length < 1 || trimmedText.length > LIMITS.noteLength) return null;
  return { id: input.id, type: 'note.write', payload: { noteId, taskId, text: trimmedText, ...(onBehalfOf === undefined ? {} : { onBehalfOf }) } };
}

// ---------- Events (server → clients), past tense ----------

export type EventBody =
  | { type: 'seminar.created'; seminar: SeminarInfo; tasks: Task[] }
  | { type: 'participant.joined'; participant: Participant }
  | { type: 'groups.formed'; groups: Group[]; assignments: Record<string, string> }
  | { type: 'participant.moved'; participantId: string; groupId: string | null }
  | { type: 'participant.scribeSet'; participantId: string; scribe: boolean }
  /**
   * A participant enters or leaves the roster an audience holds. Phones and table devices hold
   * only their own table's people, so a move tells the old table to drop them and the new table
   * (or, when ungrouped, the facilitators) their record as it now is.
   */
  | { type: 'roster.added'; participant: Participant }
  | { type: 'roster.removed'; participantId: string }
  | { type: 'group.created'; group: Group }
  | { type: 'group.renamed'; groupId: string; name: string }
  | { type: 'group.recoloured'; groupId: string; colour: GroupColour }
  | { type: 'group.removed'; groupId: string; ungrouped: string[] }
  | { type: 'task.phaseChanged'; taskId: string; phase: Task['phase'] }
  | { type: 'task.added'; task: Task }
  | { type: 'timer.changed'; timer: Timer | null }
  | { type: 'agenda.added'; item: AgendaItem }
  | { type: 'agenda.removed'; itemId: string }
  | { type: 'task.activated'; taskId: string }
  | { type: 'note.written'; note: Note }
  | { type: 'note.edited'; noteId: string; text: string }
  | { type: 'note.deleted'; noteId: string }
  | { type: 'notes.revealed'; taskId: string; groupId: string; notes: { id: string; text: string; order: string }[] }
  | { type: 'theme.created'; theme: Theme }
  | { type: 'theme.renamed'; themeId: string; heading: string }
  | { type: 'theme.commented'; themeId: string; comment: string }
  | { type: 'theme.moved'; themeId: string; order: string }
  | { type: 'theme.removed'; themeId: string }
  | { type: 'notes.placed'; placements: { noteId: string; themeId: string | null; order: string }[] }
  | { type: 'note.marked'; noteId: string; marked: boolean }
  | { type: 'board.focused'; taskId: string; groupId: string; noteId: string | null }
  /** The groups of a task whose counts changed; a group left with no notes comes as zero and is dropped. */
  | { type: 'progress.changed'; taskId: string; groups: Record<string, GroupProgress> }
  /** Logs before protocol 2: all of a task's counts, replacing what was there. */
  | { type: 'progress.updated'; taskId: string; groups: Record<string, GroupProgress> }
  | { type: 'seminar.updated'; changes: SeminarChanges }
  | { type: 'task.updated'; taskId: string; changes: Partial<Pick<Task, 'title' | 'questions' | 'priority'>> }
  | { type: 'task.locked'; taskId: string; locked: boolean }
  /** The task's boards, as they are, for every screen: sent once, when the task is first presented. */
  | { type: 'boards.published'; taskId: string; notes: Note[]; themes: Theme[]; boards: Record<string, Board> }
  | { type: 'theme.ranked'; themeId: string; rank: number | null }
  | { type: 'dot.placed'; dot: Dot }
  | { type: 'dot.removed'; dotId: string }
  | { type: 'theme.dotted'; themeId: string; dots: number }
  | { type: 'theme.dotsByRole'; themeId: string; byRole: Record<string, number> | null }
  | { type: 'spotlight.changed'; spotlight: Spotlight | null }
  | { type: 'synthesis.created'; theme: SynthesisTheme }
  | { type: 'synthesis.updated'; synthesisId: string; heading: string; text: string }
  | { type: 'synthesis.removed'; synthesisId: string }
  | { type: 'synthesis.linked'; synthesisId: string; link: SynthesisLink }
  | { type: 'synthesis.unlinked'; synthesisId: string; linkId: string }
  | { type: 'expectations.opened'; open: boolean }
  | { type: 'expectation.written'; expectation: Expectation }
  | { type: 'expectation.deleted'; expectationId: string }
  | { type: 'expectationItem.added'; item: ExpectationItem }
  | { type: 'expectationItem.updated'; item: ExpectationItem }
  | { type: 'expectationItem.removed'; itemId: string }
  | { type: 'action.added'; action: Action }
  | { type: 'action.updated'; action: Action }
  | { type: 'action.removed'; actionId: string }
  /** Part of an imported seminar (see exchange.ts): its fields replace, its records add to, the state. */
  | { type: 'seminar.imported'; part: ImportedPart };
/** What one `seminar.imported` event brings; each audience gets the part it may see. */
export type ImportedPart = Partial<Pick<SeminarState,
  'seminar' | 'tasks' | 'currentTaskId' | 'agenda' | 'participants' | 'groups' | 'notes' | 'themes' | 'progress' | 'spotlight' | 'dotsByRole' | 'synthesis' | 'expectationsOpen' | 'expectations' | 'expectationItems' | 'actions'>>;
/** The seminar details a facilitator can change after creating it. */
export type SeminarChanges = Partial<Pick<SeminarInfo, 'title' | 'subtitle' | 'date' | 'time' | 'venue' | 'organisers' | 'method' | 'trends' | 'attendanceExtra'>>;
export type EventType = EventBody['type'];

/** An event as decided, before it has a place in the log. */
export interface EventDraft {
  audience: Audience;
  body: EventBody;
}
/** An event as stored: numbered by its place in the seminar's log. */
export interface SeminarEvent extends EventDraft {
  seq: number;
}
/** An event as a client receives it: whom it was for stays on the server. */
export interface WireEvent {
  seq: number;
  body: EventBody;
}

// ---------- Errors ----------

export type ErrorCode =
  | 'invalid'
  | 'forbidden'
  | 'not_found'
  | 'wrong_phase'
  | 'limit'
  | 'conflict'
  | 'unauthenticated'
  | 'rate_limited'
  | 'server_error';
export interface AppError {
  code: ErrorCode;
  message: string;
}

// ---------- Socket messages ----------

/**
 * Result of a command, through the socket.io ack, once its events are stored: `seq` is the log's
 * head after them. The events themselves came before it in an `events` frame, as to every other
 * screen that may see them. A duplicate (a retry of a command applied before) applies nothing.
 */
export type CommandAck = { ok: true; seq: number; duplicate?: boolean } | { ok: false; error: AppError };

/**
 * Answer to `sync`: either the events the client missed, or a fresh snapshot of its view.
 * `epoch` names the server's fold of the log; the client sends it back on its next sync, and a
 * different one (the server restarted, or failed to store events it had sent) means a snapshot.
 */
export type SyncReply =
  | { ok: true; kind: 'events'; events: WireEvent[]; head: number; epoch: string; you: Actor; held: string[]; serverTime: number }
  | { ok: true; kind: 'snapshot'; state: SeminarState; head: number; epoch: string; you: Actor; held: string[]; serverTime: number }
  | { ok: false; error: AppError };

export interface ClientToServer {
  /** Ask for what happened since `after` (0 = everything) in `epoch`; the reply is the client's view. */
  sync: (req: { after: number; protocol: number; epoch?: string }, ack: (reply: SyncReply) => void) => void;
  command: (cmd: unknown, ack: (reply: CommandAck) => void) => void;
  /**
   * Take or let go of a note on the board while dragging it, so nobody else grabs it meanwhile.
   * Not part of the log: holds live in the server's memory and end when the holder disconnects.
   */
  hold: (req: unknown, ack: (reply: HoldAck) => void) => void;
}
export const HoldRequest = z.strictObject({ noteId: id, held: z.boolean() });
export type HoldAck = { ok: true } | { ok: false; error: AppError };
export interface ServerToClient {
  events: (events: WireEvent[]) => void;
  /** The server replaces the client's view (e.g. after the client changed group). */
  snapshot: (msg: { state: SeminarState; head: number; held: string[] }) => void;
  /** Someone at the table took or let go of a note (never says who). */
  held: (msg: { noteId: string; held: boolean }) => void;
}

/** What a socket sends in its handshake `auth`. Facilitators are known by their cookie. */
export const HandshakeAuth = z.object({
  seminarId: id,
  /** A participant's token. */
  token: z.string().min(20).max(200).optional(),
  /** A table device's token. */
  table: z.string().min(20).max(200).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

// ---------- HTTP bodies ----------

// The facilitator's forms' bodies (account, sign-in, a co-facilitator, a new seminar) are in forms.ts.
export const JoinBody = z.strictObject({
  code: z.string().trim().min(4).max(12),
  name: trimmed(LIMITS.displayNameLength),
  roleId: z.string().min(1).max(64),
});
export type JoinBody = z.infer<typeof JoinBody>;
export interface JoinReply {
  seminarId: string;
  participantId: string;
  token: string;
}
/** A link (and its QR code) that makes a shared device the board of one table. */
export interface TableDeviceReply {
  url: string;
  qrSvg: string;
}

/** What a phone may learn from a join code before joining: enough to pick a role. */
export interface SeminarPreview {
  seminarId: string;
  title: string;
  language: string;
  roles: { id: string; label: string }[];
}
