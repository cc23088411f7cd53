/** The domain: what a seminar is made of. Plain JSON data, so states can be compared and sent. */

/** Client and server must speak the same protocol; a client that does not is told to reload. */
export const PROTOCOL_VERSION = 3;

export const PHASES = ['write', 'share', 'cluster', 'prioritise', 'present', 'synthesise'] as const;
export type Phase = (typeof PHASES)[number];
/** Phases in which a participant may still add a note (a late note is kept, never lost). */
export const WRITABLE_PHASES: readonly Phase[] = ['write', 'share', 'cluster'];
/** From this phase on, notes are revealed to their author's group. */
export const revealsNotes = (phase: Phase) => PHASES.indexOf(phase) >= PHASES.indexOf('share');
/** From this phase on, the task's boards are shown in plenary: every screen may see them. */
export const publishesBoards = (phase: Phase) => PHASES.indexOf(phase) >= PHASES.indexOf('present');

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Role {
  id: string;
  label: string;
}

export interface SeminarInfo {
  id: string;
  title: string;
  subtitle: string;
  date: string;
  venue: string;
  language: Language;
  joinCode: string;
  roles: Role[];
  /** The day's times as printed, e.g. "09.00–15.30". */
  time: string;
  /** Organisers and project group, as the report names them. */
  organisers: string;
  /** The report's method section; empty means the default text in the seminar's language. */
  method: string;
  /** Trends, where the seminar belongs to a series: free text for the report. */
  trends: string;
  /** People who took part without joining (on paper), counted per role id. */
  attendanceExtra: Record<string, number>;
}

/** What a task's prioritise phase asks: nothing, each group's top N themes, or K dots per participant. */
export type Priority = { kind: 'none' } | { kind: 'top'; n: number } | { kind: 'dots'; k: number };

export interface Task {
  id: string;
  title: string;
  questions: string[];
  phase: Phase;
  /** Locked: nobody but a facilitator changes its notes or boards. */
  locked: boolean;
  /** Its boards have been shown in plenary: from then on every screen may see them. */
  published: boolean;
  priority: Priority;
}

export interface Participant {
  id: string;
  name: string;
  roleId: string;
  groupId: string | null;
  /** Joined on paper: no device; a scribe types their notes. */
  paper: boolean;
  /** May write notes on behalf of the paper participants of their group. */
  scribe: boolean;
}

export interface Group {
  id: string;
  name: string;
  /** Position in the facilitator's list, 1-based; also the default name's number. */
  number: number;
  colour: GroupColour;
}

/** Table colours: names the client maps to colours with enough contrast; chosen by number. */
export const GROUP_COLOURS = ['blue', 'orange', 'green', 'purple', 'red', 'teal', 'brown', 'pink'] as const;
export type GroupColour = (typeof GROUP_COLOURS)[number];
export const colourFor = (n: number): GroupColour => GROUP_COLOURS[(n - 1) % GROUP_COLOURS.length]!;

/**
 * One idea on one post-it. `authorId` is present only in the author's own view and on the
 * server; `groupId` is set when the note is revealed to the author's group.
 */
export interface Note {
  id: string;
  taskId: string;
  text: string;
  authorId?: string;
  /** The scribe who typed it for a paper participant; seen only by that scribe and the server. */
  scribeId?: string;
  groupId: string | null;
  revealed: boolean;
  /** The theme it is clustered into on its group's board; null while unsorted. */
  themeId: string | null;
  /** Fractional key: its place among the notes of its theme (or of the unsorted column). */
  order: string;
  /** Marked by the group as a key note. */
  marked: boolean;
  /** Has been on the table's shared "one by one" screen. */
  readOut: boolean;
}

/** A cluster of notes with a heading, on one group's board for one task. */
export interface Theme {
  id: string;
  taskId: string;
  groupId: string;
  heading: string;
  comment: string;
  order: string;
  /** Its place in the group's top N (1 = first), when the task asks for one. */
  rank: number | null;
  /** Dots participants have put on it. Who put them is never shown. */
  dots: number;
}

/** One participant's dot on one theme; seen only by that participant (and the server). */
export interface Dot {
  id: string;
  taskId: string;
  themeId: string;
  participantId: string;
}

/** A cross-group theme of the synthesis, with links to the group themes and notes it draws on. */
export interface SynthesisTheme {
  id: string;
  heading: string;
  text: string;
  links: SynthesisLink[];
}
/** A link remembers its group and task, and the words it points at as they were when linked. */
export interface SynthesisLink {
  id: string;
  kind: 'theme' | 'note';
  refId: string;
  taskId: string;
  groupId: string;
  text: string;
}

/** One expectation as a participant wrote it in the opening round. Its author is seen by nobody else. */
export interface Expectation {
  id: string;
  text: string;
  authorId?: string;
}
export const OUTCOMES = ['met', 'unmet', 'later'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** A numbered line of the room's expectations, merged from what people wrote; assessed at the end. */
export interface ExpectationItem {
  id: string;
  text: string;
  sources: string[];
  outcome: Outcome | null;
}

/** A concrete action agreed on: what, who, by when, and the synthesis theme it comes from. */
export interface Action {
  id: string;
  what: string;
  who: string;
  when: string;
  synthesisId: string | null;
}

/** The group board shown full-screen in plenary, and followed by the phones. */
export interface Spotlight {
  taskId: string;
  groupId: string;
}

/** Per task and group: which note the table is looking at together, one by one. */
export interface Board {
  focus: string | null;
}
/** Boards are keyed by task and group. */
export const boardKey = (taskId: string, groupId: string) => `${taskId}/${groupId}`;

/** Per task and group: how many notes exist and how many participants wrote them. Never who. */
export interface GroupProgress {
  notes: number;
  writers: number;
}
/** Key used for participants not yet in a group. */
export const NO_GROUP = '-';

/**
 * The facilitator's timer. Running: it ends at `endsAt` (server clock, ms). Paused: `remainingMs`
 * is left. `totalMs` is what it was set to, plus extensions.
 */
export interface Timer {
  running: boolean;
  endsAt: number | null;
  remainingMs: number;
  totalMs: number;
}

/** A time slot of the day's programme, as on the printed agenda: "09.30-10.00  Velkommen". */
export interface AgendaItem {
  id: string;
  time: string;
  label: string;
}

export interface SeminarState {
  seminar: SeminarInfo | null;
  tasks: Task[];
  currentTaskId: string | null;
  timer: Timer | null;
  agenda: AgendaItem[];
  participants: Record<string, Participant>;
  groups: Record<string, Group>;
  notes: Record<string, Note>;
  themes: Record<string, Theme>;
  boards: Record<string, Board>;
  progress: Record<string, Record<string, GroupProgress>>;
  spotlight: Spotlight | null;
  dots: Record<string, Dot>;
  /** Facilitators only: dots per role on a theme, or null where a role's count comes from fewer than 3 people. */
  dotsByRole: Record<string, Record<string, number> | null>;
  synthesis: SynthesisTheme[];
  expectationsOpen: boolean;
  expectations: Record<string, Expectation>;
  expectationItems: ExpectationItem[];
  actions: Action[];
}

export const emptyState = (): SeminarState => ({
  seminar: null,
  tasks: [],
  currentTaskId: null,
  timer: null,
  agenda: [],
  participants: {},
  groups: {},
  notes: {},
  themes: {},
  boards: {},
  progress: {},
  spotlight: null,
  dots: {},
  dotsByRole: {},
  synthesis: [],
  expectationsOpen: false,
  expectations: {},
  expectationItems: [],
  actions: [],
});

/** Seminar fields added after the first release: events logged before them read as empty. */
const SEMINAR_DEFAULTS = { time: '', organisers: '', method: '', trends: '', attendanceExtra: {} };
const TASK_DEFAULTS = { locked: false, published: false, priority: { kind: 'none' } } as const;
const THEME_DEFAULTS = { rank: null, dots: 0 };
export const withSeminarDefaults = (s: SeminarInfo): SeminarInfo => ({ ...SEMINAR_DEFAULTS, ...s });
export const withTaskDefaults = (t: Task): Task => ({ ...TASK_DEFAULTS, ...t });
export const withThemeDefaults = (t: Theme): Theme => ({ ...THEME_DEFAULTS, ...t });

/** Who took part, per role id: everyone who joined (by phone or on paper) plus those only counted. */
export function attendance(state: SeminarState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of state.seminar?.roles ?? []) out[r.id] = state.seminar?.attendanceExtra[r.id] ?? 0;
  for (const p of Object.values(state.participants)) out[p.roleId] = (out[p.roleId] ?? 0) + 1;
  return out;
}

/** Who is acting or looking. */
export type Actor =
  | { kind: 'facilitator'; id: string }
  | { kind: 'participant'; id: string }
  /** A shared tablet or laptop at one table: works that group's board, writes no notes. */
  | { kind: 'table'; id: string; groupId: string };

/** Who may receive an event. Group events also reach facilitators. */
export type Audience =
  | { kind: 'all' }
  | { kind: 'facilitators' }
  | { kind: 'group'; groupId: string }
  | { kind: 'participant'; participantId: string };
