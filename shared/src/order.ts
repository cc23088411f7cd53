import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Something kept in order by a fractional key; ties are broken by id. */
export interface Ordered {
  id: string;
  order: string;
}

/** Compare by key, then id. Plain `<`: keys are ASCII and must not be locale-compared. */
export function byOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

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
