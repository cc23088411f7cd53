import { describe, expect, it } from 'vitest';
import { byOrder, keyBefore, keysAfter, type Ordered } from './order.js';

/** Apply a placement and return ids in order, so each case reads as a before/after list. */
function place(items: Ordered[], id: string, beforeId: string | null): string[] {
  const { key, rekeyed } = keyBefore(items, beforeId);
  const rekey = new Map(rekeyed.map((r) => [r.id, r.order]));
  return [...items.map((i) => ({ ...i, order: rekey.get(i.id) ?? i.order })), { id, order: key }].sort(byOrder).map((i) => i.id);
}
const items = (spec: string) => spec.split(' ').map((pair) => { const [id, order] = pair.split(':'); return { id: id!, order: order! }; });

describe('fractional keys', () => {
  it.each([
    ['into an empty list', [], null, ['x']],
    ['at the end', items('a:a0 b:a1'), null, ['a', 'b', 'x']],
    ['at the start', items('a:a0 b:a1'), 'a', ['x', 'a', 'b']],
    ['between two', items('a:a0 b:a1'), 'b', ['a', 'x', 'b']],
    ['before an unknown id goes to the end', items('a:a0'), 'gone', ['a', 'x']],
    ['between two equal keys', items('a:a0 b:a0 c:a1'), 'b', ['a', 'x', 'b', 'c']],
    ['before the first of equal keys', items('a:a0 b:a0'), 'a', ['x', 'a', 'b']],
    ['between equal keys at the end', items('a:a0 b:a0 c:a0'), 'b', ['a', 'x', 'b', 'c']],
    ['after equal keys', items('a:a0 b:a0'), null, ['a', 'b', 'x']],
  ] as [string, Ordered[], string | null, string[]][])('%s', (_name, list, before, expected) => {
    expect(place(list, 'x', before)).toEqual(expected);
  });

  it('compares with < , not locale order (uppercase sorts before lowercase)', () => {
    expect([{ id: '1', order: 'a0V' }, { id: '2', order: 'a0' }, { id: '3', order: 'a0a' }].sort(byOrder).map((i) => i.order)).toEqual(['a0', 'a0V', 'a0a']);
  });

  it('a thousand inserts at the same place keep order and stay short', () => {
    let list: Ordered[] = items('a:a0 z:a1');
    for (let i = 0; i < 1000; i++) {
      const { key } = keyBefore(list, 'z');
      list = [...list, { id: `n${i}`, order: key }];
    }
    const ids = list.sort(byOrder).map((i) => i.id);
    expect(ids[0]).toBe('a');
    expect(ids.at(-1)).toBe('z');
    expect(ids.slice(1, -1)).toEqual(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    // Keys grow by about a character per five inserts at one spot: fine for a board of notes.
    expect(Math.max(...list.map((i) => i.order.length))).toBeLessThan(300);
  });

  it('keysAfter appends in order', () => {
    const keys = keysAfter(items('a:a5'), 3);
    expect(keys.every((k) => k > 'a5')).toBe(true);
    expect([...keys].sort()).toEqual(keys);
  });
});
