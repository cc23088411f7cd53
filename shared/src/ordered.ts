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
