import { decide, fold, type Actor, type SeminarState } from '@tavla/shared';
import type { Pending } from './outbox.js';

/**
 * What the screen shows: the confirmed state with my waiting commands applied by the same shared
 * `decide` and reducer the server runs. A command the server will refuse simply drops out here
 * too; the server's answer always wins once it arrives.
 */
export function optimisticState(state: SeminarState, outbox: Pending[], you: Actor | null, now = Date.now()): SeminarState {
  if (!you || !outbox.some((p) => p.status === 'waiting')) return state;
  let s = state;
  for (const p of outbox) {
    if (p.status !== 'waiting') continue;
    const d = decide(s, you, p.command, now);
    if (d.ok && d.events.length) s = fold(s, d.events);
  }
  return s;
}
