import type { AppError, SeminarState } from '@tavla/shared';
import type { Pending } from './outbox.js';

/** One of my notes as the phone shows it: saved on the server, waiting to be sent, or refused. */
export interface MyNote {
  id: string;
  text: string;
  status: 'saved' | 'waiting' | 'failed';
  revealed: boolean;
  error?: AppError;
  /** The command to dismiss if this note's latest change failed. */
  failedCommandId?: string;
  /** Set when I typed it as scribe for a paper participant: theirs. */
  onBehalfOf?: string;
}

/**
 * My notes for a task (and those I typed as scribe for others): the server's confirmed notes
 * with my unacknowledged writes, edits and deletes laid over them, in the order I wrote them.
 */
export function myNotes(state: SeminarState, outbox: Pending[], me: string, taskId: string): MyNote[] {
  const notes = new Map<string, MyNote>();
  for (const n of Object.values(state.notes)) {
    if (n.taskId !== taskId || (n.authorId !== me && n.scribeId !== me)) continue;
    notes.set(n.id, { id: n.id, text: n.text, status: 'saved', revealed: n.revealed, ...(n.scribeId === me && n.authorId ? { onBehalfOf: n.authorId } : {}) });
  }
  for (const p of outbox) {
    const c = p.command;
    const pending = { status: p.status === 'failed' ? ('failed' as const) : ('waiting' as const), ...(p.error ? { error: p.error } : {}), ...(p.status === 'failed' ? { failedCommandId: c.id } : {}) };
    if (c.type === 'note.write' && c.payload.taskId === taskId && !notes.has(c.payload.noteId)) {
      notes.set(c.payload.noteId, { id: c.payload.noteId, text: c.payload.text, revealed: false, ...pending, ...(c.payload.onBehalfOf ? { onBehalfOf: c.payload.onBehalfOf } : {}) });
    } else if (c.type === 'note.edit' && notes.has(c.payload.noteId)) {
      notes.set(c.payload.noteId, { ...notes.get(c.payload.noteId)!, text: c.payload.text, ...pending });
    } else if (c.type === 'note.delete' && notes.has(c.payload.noteId)) {
      if (p.status === 'failed') notes.set(c.payload.noteId, { ...notes.get(c.payload.noteId)!, ...pending });
      else notes.delete(c.payload.noteId);
    }
  }
  return [...notes.values()];
}
