/** The domain: what a seminar is made of. Plain JSON data, so states can be compared and sent. */

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
}

export interface Group {
  id: string;
  name: string;
  /** Position in the facilitator's list, 1-based; also the default name's number. */
  number: number;
}

/**
 * One idea on one post-it. `authorId` is present only in the author's own view and on the
 * server; `groupId` is set when the note is revealed to the author's group.
 */
export interface Note {
  id: string;
  taskId: string;
  text: string;
  authorId?: string;
  groupId: string | null;
  revealed: boolean;
}

/** Per task and group: how many notes exist and how many participants wrote them. Never who. */
export interface GroupProgress {
  notes: number;
  writers: number;
}
/** Key used for participants not yet in a group. */
export const NO_GROUP = '-';

export interface SeminarState {
  seminar: SeminarInfo | null;
  tasks: Task[];
  currentTaskId: string | null;
  participants: Record<string, Participant>;
  groups: Record<string, Group>;
  notes: Record<string, Note>;
  progress: Record<string, Record<string, GroupProgress>>;
}

export const emptyState = (): SeminarState => ({
  seminar: null,
  tasks: [],
  currentTaskId: null,
  participants: {},
  groups: {},
  notes: {},
  progress: {},
});

/** Who is acting or looking. */
export type Actor =
  | { kind: 'facilitator'; id: string }
  | { kind: 'participant'; id: string };

/** Who may receive an event. Group events also reach facilitators. */
export type Audience =
  | { kind: 'all' }
  | { kind: 'facilitators' }
  | { kind: 'group'; groupId: string }
  | { kind: 'participant'; participantId: string };
