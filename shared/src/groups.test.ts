import { describe, expect, it } from 'vitest';
import { splitIntoGroups } from './groups.js';
import type { Participant } from './model.js';

const people = (spec: Record<string, number>): Participant[] =>
  Object.entries(spec).flatMap(([roleId, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${roleId}${i}`, name: `${roleId}${i}`, roleId, groupId: null, paper: false, scribe: false })),
  );

function shape(ps: Participant[], size: number) {
  const { groups, assignments } = splitIntoGroups(ps, size, [], (n) => `g${n}`);
  return groups.map((g) => {
    const members = ps.filter((p) => assignments[p.id] === g.id);
    const byRole: Record<string, number> = {};
    for (const m of members) byRole[m.roleId] = (byRole[m.roleId] ?? 0) + 1;
    return byRole;
  });
}

describe('splitting into mixed groups', () => {
  it.each([
    ['the seed report day: 11 users, 14 employees in fives', { bruker: 11, ansatt: 14 }, 5, 5],
    ['an even room', { bruker: 6, ansatt: 6 }, 4, 3],
    ['fewer people than one group', { bruker: 2, ansatt: 1 }, 5, 1],
    ['three roles', { bruker: 5, ansatt: 5, leder: 2 }, 4, 3],
  ])('%s', (_name, spec, size, expectedGroups) => {
    const ps = people(spec);
    const groups = shape(ps, size);
    expect(groups).toHaveLength(expectedGroups);
    const sizes = groups.map((g) => Object.values(g).reduce((a, b) => a + b, 0));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const role of Object.keys(spec)) {
      const counts = groups.map((g) => g[role] ?? 0);
      expect(Math.max(...counts) - Math.min(...counts), `role ${role} spread evenly`).toBeLessThanOrEqual(1);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ps.length);
  });

  it('every group mixes roles when the numbers allow', () => {
    for (const g of shape(people({ bruker: 11, ansatt: 14 }), 5)) expect(Object.keys(g).sort()).toEqual(['ansatt', 'bruker']);
  });

  it('reuses existing groups by number', () => {
    const existing = [{ id: 'keep', name: 'Bord A', number: 1, colour: 'blue' as const }];
    const { groups } = splitIntoGroups(people({ bruker: 4, ansatt: 4 }), 4, existing, (n) => `new${n}`);
    expect(groups.map((g) => g.id)).toEqual(['keep', 'new2']);
    expect(groups[0]!.name).toBe('Bord A');
  });
});
