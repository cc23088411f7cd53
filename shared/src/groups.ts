import { colourFor, type Group, type Participant, type SeminarState } from './model.js';

/**
 * Split participants into groups of about `size`, mixing roles as evenly as the numbers allow:
 * the largest role is dealt first, each person going to the smallest group with fewest of
 * their role. Existing groups are reused by number so that names and boards stay put.
 */
export function splitIntoGroups(
  participants: Participant[],
  size: number,
  existing: Group[],
  newId: (n: number) => string,
): { groups: Group[]; assignments: Record<string, string> } {
  const count = Math.max(1, Math.round(participants.length / size));
  const byNumber = new Map(existing.map((g) => [g.number, g]));
  const groups: Group[] = [];
  for (let n = 1; n <= count; n++) groups.push(byNumber.get(n) ?? { id: newId(n), name: '', number: n, colour: colourFor(n) });

  const byRole = new Map<string, Participant[]>();
  for (const p of participants) byRole.set(p.roleId, [...(byRole.get(p.roleId) ?? []), p]);
  const roles = [...byRole.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));

  const members = groups.map(() => 0);
  const roleCount = groups.map(() => new Map<string, number>());
  const assignments: Record<string, string> = {};
  for (const [roleId, people] of roles) {
    for (const p of people) {
      let best = 0;
      for (let i = 1; i < groups.length; i++) {
        const fewer = members[i]! - members[best]!;
        const fewerOfRole = (roleCount[i]!.get(roleId) ?? 0) - (roleCount[best]!.get(roleId) ?? 0);
        if (fewer < 0 || (fewer === 0 && fewerOfRole < 0)) best = i;
      }
      members[best]!++;
      roleCount[best]!.set(roleId, (roleCount[best]!.get(roleId) ?? 0) + 1);
      assignments[p.id] = groups[best]!.id;
    }
  }
  return { groups, assignments };
}

/** Where a latecomer sits: the smallest group that lacks their role, else the smallest group. */
export function groupForNewcomer(state: SeminarState, roleId: string): string | null {
  const groups = Object.values(state.groups);
  if (!groups.length) return null;
  const people = Object.values(state.participants);
  const rank = (g: Group) => {
    const members = people.filter((p) => p.groupId === g.id);
    return [members.some((p) => p.roleId === roleId) ? 1 : 0, members.length, g.number];
  };
  return groups
    .map((g) => ({ g, r: rank(g) }))
    .sort((a, b) => a.r[0]! - b.r[0]! || a.r[1]! - b.r[1]! || a.r[2]! - b.r[2]!)[0]!.g.id;
}
