/** The domain: what a seminar is made of. Plain JSON data, so states can be compared and sent. */

/** Client and server must speak the same protocol; a client that does not is told to reload. */
export const PROTOCOL_VERSION = 1;

export const PHASES = ['write', 'share', 'cluster', 'prioritise', 'present', 'synthesise'] as const;
export type Phase = (typeof PHASES)[number];

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
}

export interface Task {
  id: string;
  title: string;
  questions: string[];
  phase: Phase;
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
});

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
