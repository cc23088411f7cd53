import path from 'node:path';
import { LIMITS } from '@tavla/shared';
import { COMMIT_DELAY_MS } from './commits.js';

/** Everything the server reads from its environment, with the defaults a laptop at a venue wants. */
export interface Config {
  port: number;
  host: string;
  /** Folder for the SQLite database. */
  dataDir: string;
  /** Address phones use to reach this server, e.g. http://192.168.1.20:3000; guessed when unset. */
  publicUrl: string | null;
  /** Extra browser origins allowed to open sockets and post forms (the server's own always is). */
  allowedOrigins: string[];
  /** Built client to serve; null to serve none (tests of the API alone). */
  clientDir: string | null;
  logLevel: string;
  /** Set behind a TLS-terminating proxy so that cookies are marked Secure. */
  trustProxy: boolean;
  /** Commands (and holds) one connection may send per second. */
  commandsPerSecond: number;
  /** Join-code lookups and joins per address per minute (a whole room may share one address). */
  joinsPerMinute: number;
  /** Sign-in and first-account attempts per address per minute. */
  loginsPerMinute: number;
  /** Largest socket message accepted, in bytes; a larger one closes that connection. */
  payloadBytes: number;
  /** Participants one seminar may have (people joining past it are told it is full). */
  participantsPerSeminar: number;
  /** Delete seminars this many days after their date; 0 keeps them until deleted by hand. */
  retentionDays: number;
  /** How long (ms) a command's events wait to be written together with others' (`CommitQueue`). */
  commitDelayMs: number;
  /** How long (ms) a seminar no screen follows stays in memory after its last use. */
  idleSeminarMs: number;
}

const root = path.resolve(import.meta.dirname, '../..');

/** The data folder alone (the command line needs no other setting, and no other may stop it). */
export const dataDirFromEnv = (env: NodeJS.ProcessEnv = process.env): string => path.resolve(env.TAVLA_DATA_DIR ?? path.join(root, 'data'));

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: setting(env, 'PORT', 3000, 65_535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: dataDirFromEnv(env),
    publicUrl: env.TAVLA_PUBLIC_URL?.replace(/\/$/, '') || null,
    allowedOrigins: (env.TAVLA_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    clientDir: env.TAVLA_CLIENT_DIR === '' ? null : path.resolve(env.TAVLA_CLIENT_DIR ?? path.join(root, 'client/dist')),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TAVLA_TRUST_PROXY === '1',
    commandsPerSecond: setting(env, 'TAVLA_COMMANDS_PER_SECOND', LIMITS.commandsPerSecond),
    joinsPerMinute: setting(env, 'TAVLA_JOINS_PER_MINUTE', 60),
    loginsPerMinute: setting(env, 'TAVLA_LOGINS_PER_MINUTE', 10),
    retentionDays: setting(env, 'TAVLA_RETENTION_DAYS', 0),
    participantsPerSeminar: setting(env, 'TAVLA_PARTICIPANTS_PER_SEMINAR', LIMITS.participantsPerSeminar),
    payloadBytes: setting(env, 'TAVLA_MAX_MESSAGE_BYTES', LIMITS.payloadBytes),
    commitDelayMs: setting(env, 'TAVLA_COMMIT_DELAY_MS', COMMIT_DELAY_MS),
    idleSeminarMs: setting(env, 'TAVLA_IDLE_SEMINAR_MINUTES', 10) * 60_000,
  };
}

/** A bad setting, named, for the person starting the server. */
export class ConfigError extends Error {}

/**
 * A numeric setting from the environment: its default when unset, else a number ≥ 0 (a whole
 * number up to `wholeMax` where one is given, as for a port) or a clear error.
 */
function setting(env: NodeJS.ProcessEnv, name: string, fallback: number, wholeMax?: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (wholeMax !== undefined && !(Number.isInteger(value) && value >= 0 && value <= wholeMax))
    throw new ConfigError(`${name} must be a whole number from 0 to ${wholeMax}, not "${raw}"`);
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a number of 0 or more, not "${raw}"`);
  return value;
}
