import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { byOrder, type Ordered } from './ordered.js';

// Comparing lives apart from making keys, so a screen that only sorts does not load the key maker.
export { byOrder, type Ordered } from './ordered.js';

/**
 * The key that puts a new item just before `beforeId` among `siblings` (at the end when null or
 * not found). If the neighbours share a key, there is no key between them: the neighbour after
 * and any ties following it get fresh keys too, returned in `rekeyed`.
 */
export function keyBefore(siblings: readonly Ordered[], beforeId: string | null): { key: string; rekeyed: Ordered[] } {
  const list = [...siblings].sort(byOrder);
  const found = beforeId === null ? -1 : list.findIndex((s) => s.id === beforeId);
  const at = found === -1 ? list.length : found;
  const prev = list[at - 1]?.order ?? null;
  const next = list[at]?.order ?? null;
  if (prev === null || next === null || prev < next) return { key: generateKeyBetween(prev, next), rekeyed: [] };
  const ties = list.slice(at).filter((s) => s.order === next);
  const upper = list.slice(at).find((s) => s.order > next)?.order ?? null;
  const [key, ...rest] = generateNKeysBetween(prev, upper, ties.length + 1);
  return { key: key!, rekeyed: ties.map((t, i) => ({ id: t.id, order: rest[i]! })) };
}

/** `n` keys in order after the last of `siblings`. */
export function keysAfter(siblings: readonly Ordered[], n: number): string[] {
  const last = [...siblings].sort(byOrder).at(-1)?.order ?? null;
  return generateNKeysBetween(last, null, n);
}

/** The key just after `last` (the first key when null). */
export function keyAfter(last: string | null): string {
  return generateKeyBetween(last, null);
}
