import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Actor, EventDraft, SeminarEvent } from '@tavla/shared';
import { CommandApplied, StoreConflict, numbered, type Append, type SeminarRow, type Store } from './store.js';
import { checkpointInBackground } from './checkpointer.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS facilitators (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, facilitator_id TEXT NOT NULL REFERENCES facilitators(id), expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS seminars (
  id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, owner_id TEXT NOT NULL REFERENCES facilitators(id),
  title TEXT NOT NULL, date TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS seminar_facilitators (
  seminar_id TEXT NOT NULL REFERENCES seminars(id), facilitator_id TEXT NOT NULL REFERENCES facilitators(id),
  PRIMARY KEY (seminar_id, facilitator_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS participants (
  token_hash TEXT PRIMARY KEY, seminar_id TEXT NOT NULL REFERENCES seminars(id), participant_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS participants_by_seminar ON participants(seminar_id);
CREATE TABLE IF NOT EXISTS table_devices (
  token_hash TEXT PRIMARY KEY, seminar_id TEXT NOT NULL REFERENCES seminars(id), group_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seminar_id TEXT NOT NULL, seq INTEGER NOT NULL, audience TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (
  seminar_id TEXT NOT NULL, command_id TEXT NOT NULL, actor TEXT NOT NULL, head INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, command_id)) WITHOUT ROWID;
`;

/** The embedded store: one SQLite file in the data folder, in WAL mode. */
export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'tavla.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL survives a killed process (not a power cut) and keeps commits fast.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten, not just unlinked: a deleted seminar leaves no readable trace.
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  const checkpointer = checkpointInBackground(db, file);

  const q = {
    head: db.prepare<[string], { head: number | null }>('SELECT MAX(seq) AS head FROM events WHERE seminar_id = ?'),
    read: db.prepare<[string, number], { seq: number; audience: string; body: string }>(
      'SELECT seq, audience, body FROM events WHERE seminar_id = ? AND seq > ? ORDER BY seq'),
    insertEvent: db.prepare('INSERT INTO events (seminar_id, seq, audience, body, at) VALUES (?, ?, ?, ?, ?)'),
    insertCommand: db.prepare('INSERT INTO commands (seminar_id, command_id, actor, head) VALUES (?, ?, ?, ?)'),
    command: db.prepare<[string, string], { head: number }>('SELECT head FROM commands WHERE seminar_id = ? AND command_id = ?'),
    commandsOf: db.prepare<[string], [string, number]>('SELECT command_id, head FROM commands WHERE seminar_id = ?').raw(),
    insertSeminar: db.prepare('INSERT INTO seminars (id, join_code, owner_id, title, date, created_at) VALUES (@id, @joinCode, @ownerId, @title, @date, @createdAt)'),
    seminarById: db.prepare<[string], SeminarRow>('SELECT id, join_code AS joinCode, owner_id AS ownerId, title, date, created_at AS createdAt FROM seminars WHERE id = ?'),
    seminarByCode: db.prepare<[string], SeminarRow>('SELECT id, join_code AS joinCode, owner_id AS ownerId, title, date, created_at AS createdAt FROM seminars WHERE join_code = ?'),
    seminarsOf: db.prepare<[{ f: string }], SeminarRow & { participants: number }>(
      `SELECT s.id, s.join_code AS joinCode, s.owner_id AS ownerId, s.title, s.date, s.created_at AS createdAt,
              (SELECT COUNT(*) FROM participants p WHERE p.seminar_id = s.id) AS participants
       FROM seminars s WHERE s.owner_id = @f OR s.id IN (SELECT seminar_id FROM seminar_facilitators WHERE facilitator_id = @f)
       ORDER BY s.created_at DESC`),
    updateListing: db.prepare('UPDATE seminars SET title = ?, date = ? WHERE id = ?'),
    addCoFacilitator: db.prepare('INSERT OR IGNORE INTO seminar_facilitators (seminar_id, facilitator_id) VALUES (?, ?)'),
    isCoFacilitator: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM seminar_facilitators WHERE seminar_id = ? AND facilitator_id = ?'),
    facilitatorsOf: db.prepare<[string], { id: string; name: string; owner: number }>(
      `SELECT f.id, f.name, f.id = s.owner_id AS owner FROM seminars s JOIN facilitators f
         ON f.id = s.owner_id OR f.id IN (SELECT facilitator_id FROM seminar_facilitators WHERE seminar_id = s.id)
       WHERE s.id = ? ORDER BY owner DESC, f.name`),
    deleteCoFacilitators: db.prepare('DELETE FROM seminar_facilitators WHERE seminar_id = ?'),
    deleteEvents: db.prepare('DELETE FROM events WHERE seminar_id = ?'),
    deleteCommands: db.prepare('DELETE FROM commands WHERE seminar_id = ?'),
    deleteParticipants: db.prepare('DELETE FROM participants WHERE seminar_id = ?'),
    deleteTableDevices: db.prepare('DELETE FROM table_devices WHERE seminar_id = ?'),
    deleteSeminar: db.prepare('DELETE FROM seminars WHERE id = ?'),
    datedBefore: db.prepare<[string, number], { id: string }>('SELECT id FROM seminars WHERE date < ? AND created_at < ?'),
    insertParticipant: db.prepare('INSERT INTO participants (token_hash, seminar_id, participant_id) VALUES (?, ?, ?)'),
    participantByToken: db.prepare<[string], { seminarId: string; participantId: string }>(
      'SELECT seminar_id AS seminarId, participant_id AS participantId FROM participants WHERE token_hash = ?'),
    participantCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM participants WHERE seminar_id = ?'),
    insertTableDevice: db.prepare('INSERT INTO table_devices (token_hash, seminar_id, group_id) VALUES (?, ?, ?)'),
    tableDeviceByToken: db.prepare<[string], { seminarId: string; groupId: string }>(
      'SELECT seminar_id AS seminarId, group_id AS groupId FROM table_devices WHERE token_hash = ?'),
    facilitatorCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM facilitators'),
    facilitators: db.prepare<[], { id: string; name: string }>('SELECT id, name FROM facilitators ORDER BY created_at, name'),
    insertFacilitator: db.prepare('INSERT INTO facilitators (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)'),
    facilitatorByName: db.prepare<[string], { id: string; name: string; passwordHash: string }>(
      'SELECT id, name, password_hash AS passwordHash FROM facilitators WHERE name = ?'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, facilitator_id, expires_at) VALUES (?, ?, ?)'),
    sessionFacilitator: db.prepare<[string, number], { id: string; name: string }>(
      `SELECT f.id, f.name FROM sessions s JOIN facilitators f ON f.id = s.facilitator_id WHERE s.token_hash = ? AND s.expires_at > ?`),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
  };

  const head = (seminarId: string) => q.head.get(seminarId)?.head ?? 0;

  // The primary keys do the checks, without a query of their own on every command: a sequence
  // number someone else took means the log moved on; a command id already stored, a retry.
  const taken = (err: unknown) => err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  // Always called inside a transaction (the batch's, a new seminar's, a join's): a nested
  // `db.transaction` would add a savepoint per command for nothing, as the batch is all or nothing.
  const appendEvents = (seminarId: string, expectedHead: number, stored: SeminarEvent[], command?: { id: string; actor: Actor }): void => {
    const now = Date.now();
    try {
      for (const e of stored) q.insertEvent.run(seminarId, e.seq, JSON.stringify(e.audience), JSON.stringify(e.body), now);
    } catch (err) {
      if (taken(err)) throw new StoreConflict(`seminar ${seminarId} moved past ${expectedHead}`);
      throw err;
    }
    // An empty append must still find a log that has not moved on.
    if (!stored.length && head(seminarId) !== expectedHead) throw new StoreConflict(`seminar ${seminarId} moved past ${expectedHead}`);
    try {
      if (command) q.insertCommand.run(seminarId, command.id, JSON.stringify(command.actor), expectedHead + stored.length);
    } catch (err) {
      if (taken(err)) throw new CommandApplied(q.command.get(seminarId, command!.id)!.head);
      throw err;
    }
  };

  return {
    appendBatch: db.transaction((appends: Append[]) => {
      for (const a of appends) appendEvents(a.seminarId, a.expectedHead, a.events, a.command);
    }),
    read: (seminarId, afterSeq) =>
      q.read.all(seminarId, afterSeq).map((r) => ({ seq: r.seq, audience: JSON.parse(r.audience), body: JSON.parse(r.body) })),
    head,
    appliedCommands: (seminarId) => new Map(q.commandsOf.all(seminarId)),

    createSeminar: db.transaction((row: SeminarRow, first: EventDraft | EventDraft[]) => {
      q.insertSeminar.run(row);
      appendEvents(row.id, 0, numbered(0, Array.isArray(first) ? first : [first]));
    }),
    seminarById: (id) => q.seminarById.get(id) ?? null,
    seminarByCode: (code) => q.seminarByCode.get(code) ?? null,
    seminarsOf: (facilitatorId) => q.seminarsOf.all({ f: facilitatorId }),
    deleteSeminar: (id) => {
      db.transaction(() => {
        for (const stmt of [q.deleteEvents, q.deleteCommands, q.deleteParticipants, q.deleteTableDevices, q.deleteCoFacilitators, q.deleteSeminar]) stmt.run(id);
      })();
      // Copy the overwritten pages into the database file and empty the write-ahead log.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    updateListing: (id, title, date) => void q.updateListing.run(title, date, id),
    mayRun: (seminarId, facilitatorId) => {
      const row = q.seminarById.get(seminarId);
      return !!row && (row.ownerId === facilitatorId || !!q.isCoFacilitator.get(seminarId, facilitatorId));
    },
    addCoFacilitator: (seminarId, facilitatorId) => void q.addCoFacilitator.run(seminarId, facilitatorId),
    facilitatorsOf: (seminarId) => q.facilitatorsOf.all(seminarId).map((r) => ({ id: r.id, name: r.name, owner: r.owner === 1 })),
    seminarsDatedBefore: (date, createdBefore) => q.datedBefore.all(date, createdBefore).map((r) => r.id),
    addParticipant: db.transaction((seminarId: string, participantId: string, tokenHash: string, joined: EventDraft, expectedHead: number) => {
      q.insertParticipant.run(tokenHash, seminarId, participantId);
      const stored = numbered(expectedHead, [joined]);
      appendEvents(seminarId, expectedHead, stored);
      return stored;
    }),
    participantByToken: (tokenHash) => q.participantByToken.get(tokenHash) ?? null,
    participantCount: (seminarId) => q.participantCount.get(seminarId)?.n ?? 0,
    addTableDevice: (seminarId, groupId, tokenHash) => void q.insertTableDevice.run(tokenHash, seminarId, groupId),
    tableDeviceByToken: (tokenHash) => q.tableDeviceByToken.get(tokenHash) ?? null,

    facilitatorCount: () => q.facilitatorCount.get()?.n ?? 0,
    facilitators: () => q.facilitators.all(),
    createFacilitator: (row) => void q.insertFacilitator.run(row.id, row.name, row.passwordHash, Date.now()),
    facilitatorByName: (name) => q.facilitatorByName.get(name) ?? null,
    createSession: (tokenHash, facilitatorId, expiresAt) => void q.insertSession.run(tokenHash, facilitatorId, expiresAt),
    facilitatorBySession: (tokenHash, now) => q.sessionFacilitator.get(tokenHash, now) ?? null,
    deleteSession: (tokenHash) => void q.deleteSession.run(tokenHash),

    close: () => {
      checkpointer.close();
      db.close();
    },
  };
}
