/**
 * A whole seminar as one JSON file: to back it up, to move it to another server, and to build
 * demo and test data. `exportSeminar` writes it from the server's state; `parseSeminarFile`
 * checks a file thoroughly (shape, limits, references) before anything is stored; and
 * `importEvents` turns it into the first events of a new seminar's log.
 *
 * What the file leaves out, on purpose: the seminar's id and join code (the importing server makes
 * new ones), tokens (nobody can sign in as an imported participant), the timer, the table's
 * "one by one" focus, and everything that ties a person to what they wrote: notes carry no author
 * or scribe, expectations no author, and single dots are not kept (each theme keeps its count).
 * Notes that were never revealed to a group are private drafts of their writers: they are not
 * exported. With no ids, dates of export or authors in it, exporting an imported seminar gives
 * the very same bytes.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { GROUP_COLOURS, LANGUAGES, OUTCOMES, PHASES } from './model.js';
import { emptyState, type GroupProgress, type Note, type SeminarInfo, type SeminarState } from './model.js';
import { view } from './view.js';
import { PrioritySchema, type EventDraft, type ImportedPart } from './protocol.js';

export const SEMINAR_FILE_FORMAT = 'tavla-seminar';
export const SEMINAR_FILE_VERSION = 1;

const id = z.uuid();
const key = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);
const filled = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000);
const order = z.string().max(200);

export const SeminarFile = z.strictObject({
  format: z.literal(SEMINAR_FILE_FORMAT),
  version: z.literal(SEMINAR_FILE_VERSION),
  seminar: z.strictObject({
    title: filled(LIMITS.titleLength),
    subtitle: text(LIMITS.titleLength),
    date: z.iso.date(),
    time: text(LIMITS.titleLength),
    venue: text(LIMITS.titleLength),
    language: z.enum(LANGUAGES),
    organisers: text(LIMITS.textFieldLength),
    method: text(LIMITS.longTextLength),
    trends: text(LIMITS.longTextLength),
    roles: z.array(z.strictObject({ id: z.string().min(1).max(64), label: filled(LIMITS.roleLength) })).min(1).max(LIMITS.rolesPerSeminar),
    attendanceExtra: z.record(z.string().min(1).max(64), z.number().int().min(0).max(LIMITS.attendanceExtraMax)),
  }),
  agenda: z.array(z.strictObject({ id, time: text(LIMITS.agendaTimeLength), label: filled(LIMITS.titleLength) })).max(LIMITS.agendaItems),
  tasks: z
    .array(
      z.strictObject({
        id,
        title: filled(LIMITS.titleLength),
        questions: z.array(filled(LIMITS.textFieldLength)).max(LIMITS.questionsPerTask),
        phase: z.enum(PHASES),
        locked: z.boolean(),
        published: z.boolean(),
        priority: PrioritySchema,
      }),
    )
    .min(1)
    .max(LIMITS.tasksPerSeminar),
  currentTaskId: id.nullable(),
  groups: z.array(z.strictObject({ id: key, name: text(LIMITS.headingLength), number: z.number().int().min(1).max(1000), colour: z.enum(GROUP_COLOURS) })).max(LIMITS.participantsPerSeminar),
  participants: z
    .array(z.strictObject({ id, name: filled(LIMITS.displayNameLength), roleId: z.string().min(1).max(64), groupId: key.nullable(), paper: z.boolean(), scribe: z.boolean() }))
    .max(LIMITS.participantsPerSeminar),
  themes: z
    .array(z.strictObject({ id, taskId: id, groupId: key, heading: filled(LIMITS.headingLength), comment: text(LIMITS.textFieldLength), order, rank: z.number().int().min(1).max(LIMITS.priorityMax).nullable(), dots: count }))
    .max(LIMITS.tasksPerSeminar * LIMITS.participantsPerSeminar),
  notes: z
    .array(z.strictObject({ id, taskId: id, groupId: key, text: filled(LIMITS.noteLength), themeId: id.nullable(), order, marked: z.boolean(), readOut: z.boolean() }))
    .max(LIMITS.tasksPerSeminar * LIMITS.participantsPerSeminar * LIMITS.notesPerParticipantPerTask),
  dotsByRole: z.record(id, z.record(z.string().min(1).max(64), count).nullable()),
  progress: z.record(id, z.record(key, z.strictObject({ notes: count, writers: count }))),
  spotlight: z.strictObject({ taskId: id, groupId: key }).nullable(),
  synthesis: z
    .array(
      z.strictObject({
        id,
        heading: filled(LIMITS.headingLength),
        text: text(LIMITS.textFieldLength),
        links: z
          .array(z.strictObject({ id, kind: z.enum(['theme', 'note']), refId: id, taskId: id, groupId: key, text: text(LIMITS.textFieldLength) }))
          .max(LIMITS.linksPerSynthesisTheme),
      }),
    )
    .max(LIMITS.synthesisThemes),
  expectationsOpen: z.boolean(),
  expectations: z.array(z.strictObject({ id, text: filled(LIMITS.noteLength) })).max(LIMITS.participantsPerSeminar * LIMITS.expectationsPerParticipant),
  expectationItems: z
    .array(z.strictObject({ id, text: filled(LIMITS.noteLength), sources: z.array(id).max(LIMITS.participantsPerSeminar), outcome: z.enum(OUTCOMES).nullable() }))
    .max(LIMITS.expectationItems),
  actions: z
    .array(z.strictObject({ id, what: filled(LIMITS.textFieldLength), who: text(LIMITS.titleLength), when: text(LIMITS.titleLength), synthesisId: id.nullable() }))
    .max(LIMITS.actions),
});
export type SeminarFile = z.infer<typeof SeminarFile>;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** A record with its keys sorted, so that the file's bytes do not depend on insertion order. */
const sorted = <T,>(record: Record<string, T>, each: (v: T) => T = (v) => v): Record<string, T> =>
  Object.fromEntries(Object.keys(record).sort().map((k) => [k, each(record[k]!)]));

/** The seminar as a file (an object; `serialiseSeminarFile` makes the text). */
export function exportSeminar(state: SeminarState): SeminarFile {
  const s = state.seminar;
  if (!s) throw new Error('no seminar to export');
  // Only what hangs together is written, so that every export can be imported again.
  const groupIds = new Set(Object.keys(state.groups));
  const taskIds = new Set(state.tasks.map((t) => t.id));
  const themes = Object.values(state.themes).filter((t) => groupIds.has(t.groupId) && taskIds.has(t.taskId));
  const themeIds = new Set(themes.map((t) => t.id));
  const synthesisIds = new Set(state.synthesis.map((x) => x.id));
  const spotlight = state.spotlight && taskIds.has(state.spotlight.taskId) && groupIds.has(state.spotlight.groupId) ? state.spotlight : null;
  return {
    format: SEMINAR_FILE_FORMAT,
    version: SEMINAR_FILE_VERSION,
    seminar: {
      title: s.title, subtitle: s.subtitle, date: s.date, time: s.time, venue: s.venue, language: s.language,
      organisers: s.organisers, method: s.method, trends: s.trends,
      roles: s.roles.map((r) => ({ id: r.id, label: r.label })),
      attendanceExtra: sorted(s.attendanceExtra),
    },
    agenda: state.agenda.map((a) => ({ id: a.id, time: a.time, label: a.label })),
    tasks: state.tasks.map((t) => ({ id: t.id, title: t.title, questions: [...t.questions], phase: t.phase, locked: t.locked, published: t.published, priority: { ...t.priority } })),
    currentTaskId: state.currentTaskId && taskIds.has(state.currentTaskId) ? state.currentTaskId : null,
    groups: Object.values(state.groups)
      .sort((a, b) => a.number - b.number || byId(a, b))
      .map((g) => ({ id: g.id, name: g.name, number: g.number, colour: g.colour })),
    participants: Object.values(state.participants)
      .sort(byId)
      .map((p) => ({ id: p.id, name: p.name, roleId: p.roleId, groupId: p.groupId && groupIds.has(p.groupId) ? p.groupId : null, paper: p.paper, scribe: p.scribe })),
    themes: themes
      .sort(byId)
      .map((t) => ({ id: t.id, taskId: t.taskId, groupId: t.groupId, heading: t.heading, comment: t.comment, order: t.order, rank: t.rank, dots: t.dots })),
    notes: Object.values(state.notes)
      .filter((n): n is Note & { groupId: string } => n.revealed && n.groupId !== null && groupIds.has(n.groupId) && taskIds.has(n.taskId))
      .sort(byId)
      .map((n) => ({ id: n.id, taskId: n.taskId, groupId: n.groupId, text: n.text, themeId: n.themeId && themeIds.has(n.themeId) ? n.themeId : null, order: n.order, marked: n.marked, readOut: n.readOut })),
    dotsByRole: sorted(Object.fromEntries(Object.entries(state.dotsByRole).filter(([k]) => themeIds.has(k))), (v) => (v ? sorted(v) : null)),
    progress: sorted(Object.fromEntries(Object.entries(state.progress).filter(([k]) => taskIds.has(k))), (groups) => sorted(groups, (p: GroupProgress) => ({ notes: p.notes, writers: p.writers }))),
    spotlight: spotlight ? { taskId: spotlight.taskId, groupId: spotlight.groupId } : null,
    synthesis: state.synthesis.map((x) => ({
      id: x.id, heading: x.heading, text: x.text,
      links: x.links.map((l) => ({ id: l.id, kind: l.kind, refId: l.refId, taskId: l.taskId, groupId: l.groupId, text: l.text })),
    })),
    expectationsOpen: state.expectationsOpen,
    expectations: Object.values(state.expectations).sort(byId).map((e) => ({ id: e.id, text: e.text })),
    expectationItems: state.expectationItems.map((i) => ({ id: i.id, text: i.text, sources: [...i.sources], outcome: i.outcome })),
    actions: state.actions.map((a) => ({ id: a.id, what: a.what, who: a.who, when: a.when, synthesisId: a.synthesisId && synthesisIds.has(a.synthesisId) ? a.synthesisId : null })),
  };
}

/** The file's text: two-space indented JSON ending in a newline. */
export const serialiseSeminarFile = (file: SeminarFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** A file name for the download: date and title, in plain letters. */
export function seminarFileName(info: Pick<SeminarInfo, 'date' | 'title'>, extension: string): string {
  const slug = info.title
    .normalize('NFKD')
    .replace(/[æÆ]/g, 'ae').replace(/[øØ]/g, 'o').replace(/[åÅ]/g, 'a')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60);
  return `${info.date}-${slug || 'seminar'}.${extension}`;
}

export type ParsedSeminarFile = { ok: true; file: SeminarFile } | { ok: false; message: string };

/**
 * Check a file (parsed JSON or its text) completely: a wrong format or version, any field that
 * breaks the schema or a limit, duplicate ids and references to things that are not in the file
 * are refused with a message that says where.
 */
export function parseSeminarFile(input: unknown): ParsedSeminarFile {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, message: 'the file is not valid JSON (is it complete?)' };
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'the file is not a Tavla seminar file' };
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== SEMINAR_FILE_FORMAT) return { ok: false, message: `the file is not a Tavla seminar file (format should be "${SEMINAR_FILE_FORMAT}")` };
  if (head.version !== SEMINAR_FILE_VERSION)
    return { ok: false, message: `the file has version ${JSON.stringify(head.version ?? null)}; this server reads version ${SEMINAR_FILE_VERSION}` };
  const parsed = SeminarFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}` };
  }
  const problem = referenceProblem(parsed.data);
  return problem ? { ok: false, message: problem } : { ok: true, file: parsed.data };
}

/** The first broken reference or duplicate id in a file that has the right shape, if any. */
function referenceProblem(f: SeminarFile): string | null {
  const ids = <T extends { id: string }>(name: string, items: T[]): { set: Set<string>; dup: string | null } => {
    const set = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (set.has(item.id)) return { set, dup: `${name}.${i}.id: the id ${item.id} appears twice` };
      set.add(item.id);
    }
    return { set, dup: null };
  };
  const roles = ids('seminar.roles', f.seminar.roles);
  const tasks = ids('tasks', f.tasks);
  const groups = ids('groups', f.groups);
  const themes = ids('themes', f.themes);
  const synthesis = ids('synthesis', f.synthesis);
  for (const c of [roles, tasks, groups, themes, synthesis, ids('agenda', f.agenda), ids('participants', f.participants), ids('notes', f.notes), ids('expectations', f.expectations), ids('expectationItems', f.expectationItems), ids('actions', f.actions)])
    if (c.dup) return c.dup;
  const missing = (path: string, what: string, value: string) => `${path}: no ${what} has the id ${value}`;
  if (f.currentTaskId !== null && !tasks.set.has(f.currentTaskId)) return missing('currentTaskId', 'task', f.currentTaskId);
  for (const roleId of Object.keys(f.seminar.attendanceExtra)) if (!roles.set.has(roleId)) return missing('seminar.attendanceExtra', 'role', roleId);
  for (const [i, p] of f.participants.entries()) {
    if (!roles.set.has(p.roleId)) return missing(`participants.${i}.roleId`, 'role', p.roleId);
    if (p.groupId !== null && !groups.set.has(p.groupId)) return missing(`participants.${i}.groupId`, 'group', p.groupId);
  }
  const themeById = new Map(f.themes.map((t) => [t.id, t]));
  for (const [i, t] of f.themes.entries()) {
    if (!tasks.set.has(t.taskId)) return missing(`themes.${i}.taskId`, 'task', t.taskId);
    if (!groups.set.has(t.groupId)) return missing(`themes.${i}.groupId`, 'group', t.groupId);
  }
  for (const [i, n] of f.notes.entries()) {
    if (!tasks.set.has(n.taskId)) return missing(`notes.${i}.taskId`, 'task', n.taskId);
    if (!groups.set.has(n.groupId)) return missing(`notes.${i}.groupId`, 'group', n.groupId);
    if (n.themeId !== null) {
      const theme = themeById.get(n.themeId);
      if (!theme) return missing(`notes.${i}.themeId`, 'theme', n.themeId);
      if (theme.taskId !== n.taskId || theme.groupId !== n.groupId) return `notes.${i}.themeId: the theme is on another task's or group's board`;
    }
  }
  for (const themeId of Object.keys(f.dotsByRole)) if (!themes.set.has(themeId)) return missing('dotsByRole', 'theme', themeId);
  for (const taskId of Object.keys(f.progress)) if (!tasks.set.has(taskId)) return missing('progress', 'task', taskId);
  if (f.spotlight && !tasks.set.has(f.spotlight.taskId)) return missing('spotlight.taskId', 'task', f.spotlight.taskId);
  if (f.spotlight && !groups.set.has(f.spotlight.groupId)) return missing('spotlight.groupId', 'group', f.spotlight.groupId);
  for (const [i, a] of f.actions.entries()) if (a.synthesisId !== null && !synthesis.set.has(a.synthesisId)) return missing(`actions.${i}.synthesisId`, 'synthesis theme', a.synthesisId);
  return null;
}

/** The state a checked file makes: what a new seminar holds right after its import. */
export function importedState(file: SeminarFile, ids: { seminarId: string; joinCode: string }): SeminarState {
  const f = file;
  const rec = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((x) => [x.id, x]));
  return {
    ...emptyState(),
    seminar: { id: ids.seminarId, joinCode: ids.joinCode, ...f.seminar, roles: f.seminar.roles.map((r) => ({ ...r })) },
    tasks: f.tasks,
    currentTaskId: f.currentTaskId,
    agenda: f.agenda,
    participants: rec(f.participants),
    groups: rec(f.groups),
    notes: rec(f.notes.map((n): Note => ({ ...n, revealed: true }))),
    themes: rec(f.themes),
    progress: f.progress,
    spotlight: f.spotlight,
    dotsByRole: f.dotsByRole,
    synthesis: f.synthesis,
    expectationsOpen: f.expectationsOpen,
    expectations: rec(f.expectations),
    expectationItems: f.expectationItems,
    actions: f.actions,
  };
}

/** Equal entities: the same fields with the same values (nested values compared as JSON). */
function sameEntity(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    return x === y || (typeof x === 'object' && x !== null && JSON.stringify(x) === JSON.stringify(y));
  });
}

const RECORDS = ['participants', 'groups', 'notes', 'themes', 'progress', 'dotsByRole', 'expectations'] as const;
const FIELDS = ['seminar', 'tasks', 'currentTaskId', 'agenda', 'spotlight', 'synthesis', 'expectationsOpen', 'expectationItems', 'actions'] as const;
type RecordKey = (typeof RECORDS)[number];

/**
 * The events that make a new seminar from a checked file, each for whom may see it. They are
 * cut from `view` itself, so an import never shows anyone more than the live seminar would: the
 * room's part (what anyone may see) for everyone, then what each table sees beyond it for that
 * table, then the rest (progress, dots per role, expectations as written, ...) for facilitators.
 */
export function importEvents(file: SeminarFile, ids: { seminarId: string; joinCode: string }): EventDraft[] {
  const whole = importedState(file, ids);
  const room = view(whole, { kind: 'participant', id: '(nobody in particular)' });
  const known: { [K in RecordKey]: Record<string, unknown> } = { participants: {}, groups: {}, notes: {}, themes: {}, progress: {}, dotsByRole: {}, expectations: {} };
  /** The entries of a view's records that those who also got earlier parts do not hold yet. */
  const beyond = (v: SeminarState): ImportedPart => {
    const part: Record<string, Record<string, unknown>> = {};
    for (const k of RECORDS) {
      const fresh = Object.entries(v[k] as Record<string, unknown>).filter(([id, x]) => !sameEntity(known[k][id], x));
      if (fresh.length) part[k] = Object.fromEntries(fresh);
    }
    return part as ImportedPart;
  };
  const roomPart: ImportedPart = { ...Object.fromEntries(FIELDS.map((k) => [k, room[k]])), ...beyond(room) };
  const events: EventDraft[] = [{ audience: { kind: 'all' }, body: { type: 'seminar.imported', part: roomPart } }];
  for (const k of RECORDS) Object.assign(known[k], room[k]);
  const tables: ImportedPart[] = [];
  for (const g of file.groups) {
    const part = beyond(view(whole, { kind: 'table', id: '(import)', groupId: g.id }));
    tables.push(part);
    if (Object.keys(part).length) events.push({ audience: { kind: 'group', groupId: g.id }, body: { type: 'seminar.imported', part } });
  }
  for (const part of tables) for (const k of RECORDS) Object.assign(known[k], part[k]);
  const all = view(whole, { kind: 'facilitator', id: '(import)' });
  const rest: ImportedPart = { ...beyond(all) };
  for (const k of FIELDS) if (JSON.stringify(all[k]) !== JSON.stringify(room[k])) Object.assign(rest, { [k]: all[k] });
  if (Object.keys(rest).length) events.push({ audience: { kind: 'facilitators' }, body: { type: 'seminar.imported', part: rest } });
  return events;
}
