import type { Actor, EventDraft, SeminarEvent } from '@tavla/shared';

/**
 * Everything Tavla keeps. Synchronous, because the embedded SQLite store is; a networked store
 * (Postgres, for several processes) will need an async variant and a per-seminar queue in the hub.
 */
export interface Store {
  // --- the event log ---
  /**
   * Several appends, in order, in one transaction: all or nothing (the hub's group commit). Each
   * puts its events, numbered from `expectedHead` on (by `numbered`), with the id of the command
   * they record. Throws StoreConflict if a log has moved on, CommandApplied if a command id was stored.
   */
  appendBatch(appends: Append[]): void;
  read(seminarId: string, afterSeq: number): SeminarEvent[];
  head(seminarId: string): number;
  /** Every command applied to a seminar: its id → the log's head after it (the hub keeps these in memory). */
  appliedCommands(seminarId: string): Map<string, number>;

  // --- seminars and the people who may open them ---
  /** A new seminar and the first events of its log (one, or several for an import), all or nothing. */
  createSeminar(row: SeminarRow, first: EventDraft | EventDraft[]): void;
  seminarById(id: string): SeminarRow | null;
  seminarByCode(joinCode: string): SeminarRow | null;
  seminarsOf(facilitatorId: string): (SeminarRow & { participants: number })[];
  /** Keep the list of seminars in step with the title and date in its log. */
  updateListing(id: string, title: string, date: string): void;
  /** Owner or co-facilitator: may open the seminar's console, projector and exports. */
  mayRun(seminarId: string, facilitatorId: string): boolean;
  addCoFacilitator(seminarId: string, facilitatorId: string): void;
  facilitatorsOf(seminarId: string): { id: string; name: string; owner: boolean }[];
  /** Delete a seminar and everything of it: events, applied commands, tokens. */
  deleteSeminar(id: string): void;
  /** Seminars dated before `date` (YYYY-MM-DD) and created (or imported) before `createdBefore` (ms). */
  seminarsDatedBefore(date: string, createdBefore: number): string[];
  addParticipant(seminarId: string, participantId: string, tokenHash: string, joined: EventDraft, expectedHead: number): SeminarEvent[];
  participantByToken(tokenHash: string): { seminarId: string; participantId: string } | null;
  participantCount(seminarId: string): number;
  /** A shared device at one table: its token opens that group's board. */
  addTableDevice(seminarId: string, groupId: string, tokenHash: string): void;
  tableDeviceByToken(tokenHash: string): { seminarId: string; groupId: string } | null;

  // --- facilitators ---
  facilitatorCount(): number;
  /** The accounts, oldest first (the command line picks an owner from them). */
  facilitators(): { id: string; name: string }[];
  createFacilitator(row: { id: string; name: string; passwordHash: string }): void;
  facilitatorByName(name: string): { id: string; name: string; passwordHash: string } | null;
  createSession(tokenHash: string, facilitatorId: string, expiresAt: number): void;
  facilitatorBySession(tokenHash: string, now: number): { id: string; name: string } | null;
  deleteSession(tokenHash: string): void;

  close(): void;
}

/** Events as they go into a log after `expectedHead`: numbered from the next sequence number on. */
export const numbered = (expectedHead: number, events: EventDraft[]): SeminarEvent[] => events.map((e, i) => ({ ...e, seq: expectedHead + i + 1 }));

/** One command's events, to go after `expectedHead` in its seminar's log (numbered from it on). */
export interface Append {
  seminarId: string;
  expectedHead: number;
  events: SeminarEvent[];
  command: { id: string; actor: Actor };
}

export interface SeminarRow {
  id: string;
  joinCode: string;
  ownerId: string;
  title: string;
  date: string;
  createdAt: number;
}

export class StoreConflict extends Error {}
/** The command was applied before (a retry): nothing was appended. */
export class CommandApplied extends Error {
  constructor(readonly head: number) {
    super('command applied before');
  }
}
