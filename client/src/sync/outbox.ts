import type { AppError, Command } from '@tavla/shared';

/** A command the server has not acknowledged yet, or has refused. Kept until acked or dismissed. */
export interface Pending {
  command: Command;
  status: 'waiting' | 'failed';
  error?: AppError;
}

/** The outbox lives in local storage so that a reload or a dead battery loses nothing typed. */
export function loadOutbox(key: string): Pending[] {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as Pending[]).filter((p) => p && p.command && typeof p.command.id === 'string') : [];
  } catch {
    return [];
  }
}

export function saveOutbox(key: string, outbox: Pending[]): void {
  try {
    if (outbox.length) localStorage.setItem(key, JSON.stringify(outbox));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the outbox still lives in memory for this page.
  }
}
