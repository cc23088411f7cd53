/** The facilitator's day in the pure core: locking, priorities, plenary, synthesis, expectations, actions. */
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { Actor, Priority, SeminarState } from './model.js';
import { attendance } from './model.js';
import type { CommandBody, ErrorCode, EventDraft } from './protocol.js';
import { canSee } from './audience.js';
import { view } from './view.js';
import { FAC, TASK, newSeminar, participant, run, uid, withParticipants } from './testkit.js';

const refused = (s: SeminarState, actor: Actor, body: CommandBody): ErrorCode | null => {
  const d = decide(s, actor, { id: uid(), ...body } as never);
  return d.ok ? null : d.error.code;
};
const PEOPLE: [string, string][] = [['ann', 'bruker'], ['bob', 'ansatt'], ['cat', 'bruker'], ['dan', 'ansatt'], ['eve', 'bruker'], ['fay', 'ansatt'], ['gus', 'bruker']];

/** Everyone at one table, a note each shared on the board and two themes: Tid and Mål. */
function clustered(priority: Priority) {
  let s = withParticipants(newSeminar(), PEOPLE);
  s = run(s, FAC, { type: 'groups.split', payload: { size: 7 } }).state;
  s = run(s, FAC, { type: 'task.update', payload: { taskId: TASK, priority } }).state;
  for (const [who] of PEOPLE) s = run(s, participant(who), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: `fra ${who}` } }).state;
  s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'cluster' } }).state;
  const groupId = s.participants.ann!.groupId!;
  const tid = uid();
  const mal = uid();
  s = run(s, participant('ann'), { type: 'theme.create', payload: { themeId: tid, taskId: TASK, groupId, heading: 'Tid' } }).state;
  s = run(s, participant('ann'), { type: 'theme.create', payload: { themeId: mal, taskId: TASK, groupId, heading: 'Mål' } }).state;
  return { s, groupId, tid, mal };
}

describe('locking a task', () => {
  it('stops notes and board changes from participants, not from facilitators, until unlocked', () => {
    let { s, tid } = clustered({ kind: 'none' });
    s = run(s, FAC, { type: 'task.lock', payload: { taskId: TASK, locked: true } }).state;
    expect(refused(s, participant('ann'), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: 'sent' } })).toBe('wrong_phase');
    expect(refused(s, participant('ann'), { type: 'theme.rename', payload: { themeId: tid, heading: 'Tiden' } })).toBe('wrong_phase');
    expect(refused(s, FAC, { type: 'theme.rename', payload: { themeId: tid, heading: 'Tiden' } })).toBeNull();
    expect(refused(s, participant('ann'), { type: 'task.lock', payload: { taskId: TASK, locked: false } })).toBe('forbidden');
    s = run(s, FAC, { type: 'task.lock', payload: { taskId: TASK, locked: false } }).state;
    expect(refused(s, participant('ann'), { type: 'theme.rename', payload: { themeId: tid, heading: 'Tiden' } })).toBeNull();
  });
});

describe('top N', () => {
  it('gives each rank to one theme, within N, only while prioritising', () => {
    let { s, tid, mal } = clustered({ kind: 'top', n: 2 });
    expect(refused(s, participant('bob'), { type: 'theme.rank', payload: { themeId: tid, rank: 1 } })).toBe('wrong_phase');
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'prioritise' } }).state;
    s = run(s, participant('bob'), { type: 'theme.rank', payload: { themeId: tid, rank: 1 } }).state;
    expect(refused(s, participant('bob'), { type: 'theme.rank', payload: { themeId: mal, rank: 3 } })).toBe('invalid');
    s = run(s, { kind: 'table', id: 'tablet', groupId: s.participants.bob!.groupId! }, { type: 'theme.rank', payload: { themeId: mal, rank: 1 } }).state;
    expect([s.themes[mal]!.rank, s.themes[tid]!.rank]).toEqual([1, null]);
  });
});

describe('dots', () => {
  it('gives each participant K dots, counts them on the board and tells nobody whose they are', () => {
    let { s, tid, mal } = clustered({ kind: 'dots', k: 2 });
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'prioritise' } }).state;
    const all: EventDraft[] = [];
    for (const [who] of PEOPLE) {
      for (const theme of [tid, tid]) {
        const r = run(s, participant(who), { type: 'dot.place', payload: { dotId: uid(), themeId: theme } });
        s = r.state;
        all.push(...r.events);
      }
    }
    expect(refused(s, participant('ann'), { type: 'dot.place', payload: { dotId: uid(), themeId: mal } })).toBe('limit');
    expect(s.themes[tid]!.dots).toBe(14);
    // Four users and three employees: each role's count comes from at least 3 people.
    expect(s.dotsByRole[tid]).toEqual({ bruker: 8, ansatt: 6 });
    // The board sees the total; only the placer learns of their own dot; the split is facilitators'.
    for (const e of all) {
      if (e.body.type === 'dot.placed') expect(e.audience).toEqual({ kind: 'participant', participantId: e.body.dot.participantId });
      if (e.body.type === 'theme.dotsByRole') expect(e.audience).toEqual({ kind: 'facilitators' });
    }
    expect(Object.keys(view(s, participant('ann')).dots)).toHaveLength(2);
    expect(view(s, participant('ann')).dotsByRole).toEqual({});
    expect(view(s, FAC).dots).toEqual({});
  });

  it('shows no role split where a role has dots from fewer than 3 people', () => {
    let { s, mal } = clustered({ kind: 'dots', k: 3 });
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'prioritise' } }).state;
    for (const who of ['ann', 'cat', 'eve', 'bob', 'dan']) s = run(s, participant(who), { type: 'dot.place', payload: { dotId: uid(), themeId: mal } }).state;
    expect(s.themes[mal]!.dots).toBe(5);
    expect(s.dotsByRole[mal]).toBeNull(); // two employees: their count could point at them
    s = run(s, participant('fay'), { type: 'dot.place', payload: { dotId: uid(), themeId: mal } }).state;
    expect(s.dotsByRole[mal]).toEqual({ bruker: 3, ansatt: 3 });
    const fays = Object.values(s.dots).find((d) => d.participantId === 'fay')!;
    expect(refused(s, participant('ann'), { type: 'dot.remove', payload: { dotId: fays.id } })).toBe('not_found');
    s = run(s, participant('fay'), { type: 'dot.remove', payload: { dotId: fays.id } }).state;
    expect([s.themes[mal]!.dots, s.dotsByRole[mal]]).toEqual([5, null]);
  });
});

describe('plenary', () => {
  it('shows every board to every screen once the task is presented, and spotlights one group', () => {
    let s = withParticipants(newSeminar(), PEOPLE);
    s = run(s, FAC, { type: 'groups.split', payload: { size: 3 } }).state;
    for (const [who] of PEOPLE) s = run(s, participant(who), { type: 'note.write', payload: { noteId: uid(), taskId: TASK, text: `fra ${who}` } }).state;
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'cluster' } }).state;
    const annGroup = s.participants.ann!.groupId!;
    const other = Object.values(s.participants).find((p) => p.groupId !== annGroup)!.groupId!;
    expect(Object.values(view(s, participant('ann')).notes).every((n) => n.groupId === annGroup)).toBe(true);
    expect(refused(s, FAC, { type: 'plenary.spotlight', payload: { taskId: TASK, groupId: other } })).toBe('wrong_phase');
    const r = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'present' } });
    s = r.state;
    const published = r.events.find((e) => e.body.type === 'boards.published')!;
    expect(published.audience).toEqual({ kind: 'all' });
    expect(JSON.stringify(published)).not.toMatch(/"(ann|bob|cat|dan|eve|fay|gus)"/);
    expect(Object.values(view(s, participant('ann')).notes)).toHaveLength(PEOPLE.length);
    s = run(s, FAC, { type: 'plenary.spotlight', payload: { taskId: TASK, groupId: other } }).state;
    expect(s.spotlight).toEqual({ taskId: TASK, groupId: other });
    // Going back to clustering after presenting: changes now reach every screen.
    s = run(s, FAC, { type: 'task.setPhase', payload: { taskId: TASK, phase: 'cluster' } }).state;
    const made = run(s, participant('ann'), { type: 'theme.create', payload: { themeId: uid(), taskId: TASK, groupId: annGroup, heading: 'Sent' } });
    expect(made.events.every((e) => canSee(made.state, participant('gus'), e.audience))).toBe(true);
  });

  it('builds a synthesis whose links remember their group, and actions tied to it', () => {
    const { s: start, tid, groupId } = clustered({ kind: 'none' });
    let s = start;
    const synth = uid();
    s = run(s, FAC, { type: 'synthesis.create', payload: { synthesisId: synth, heading: 'Brukermedvirkning', text: 'Bli hørt' } }).state;
    const note = Object.values(s.notes).find((n) => n.revealed)!;
    s = run(s, FAC, { type: 'synthesis.link', payload: { synthesisId: synth, linkId: uid(), kind: 'theme', refId: tid } }).state;
    s = run(s, FAC, { type: 'synthesis.link', payload: { synthesisId: synth, linkId: uid(), kind: 'note', refId: note.id } }).state;
    expect(s.synthesis[0]!.links.map((l) => [l.kind, l.groupId, l.text])).toEqual([['theme', groupId, 'Tid'], ['note', groupId, note.text]]);
    expect(refused(s, participant('ann'), { type: 'synthesis.create', payload: { synthesisId: uid(), heading: 'x', text: '' } })).toBe('forbidden');
    const action = uid();
    s = run(s, FAC, { type: 'action.add', payload: { actionId: action, what: 'Faste brukermøter', who: 'NAV', when: 'Innen mars', synthesisId: synth } }).state;
    s = run(s, FAC, { type: 'action.update', payload: { actionId: action, when: 'Innen april' } }).state;
    expect(s.actions).toEqual([{ id: action, what: 'Faste brukermøter', who: 'NAV', when: 'Innen april', synthesisId: synth }]);
    s = run(s, FAC, { type: 'synthesis.remove', payload: { synthesisId: synth } }).state;
    expect(s.actions[0]!.synthesisId).toBeNull();
  });
});

describe('expectations', () => {
  it('are written alone, read by facilitators without names, merged into a numbered list and assessed', () => {
    let s = withParticipants(newSeminar(), PEOPLE);
    const a = uid();
    expect(refused(s, participant('ann'), { type: 'expectation.write', payload: { expectationId: a, text: 'Bli hørt' } })).toBe('wrong_phase');
    s = run(s, FAC, { type: 'expectations.open', payload: { open: true } }).state;
    const w = run(s, participant('ann'), { type: 'expectation.write', payload: { expectationId: a, text: 'Bli hørt' } });
    s = w.state;
    const toFacilitators = w.events.filter((e) => canSee(s, FAC, e.audience));
    expect(JSON.stringify(toFacilitators)).not.toContain('"ann"');
    const b = uid();
    s = run(s, participant('bob'), { type: 'expectation.write', payload: { expectationId: b, text: 'Å bli hørt' } }).state;
    expect(view(s, FAC).expectations).toEqual({ [a]: { id: a, text: 'Bli hørt' }, [b]: { id: b, text: 'Å bli hørt' } });
    expect(Object.keys(view(s, participant('bob')).expectations)).toEqual([b]);
    expect(refused(s, participant('bob'), { type: 'expectation.delete', payload: { expectationId: a } })).toBe('not_found');
    const item = uid();
    s = run(s, FAC, { type: 'expectationItem.add', payload: { itemId: item, text: 'Å bli hørt', sources: [a, b, a] } }).state;
    expect(s.expectationItems[0]!.sources).toEqual([a, b]);
    s = run(s, FAC, { type: 'expectationItem.assess', payload: { itemId: item, outcome: 'met' } }).state;
    expect(s.expectationItems[0]!.outcome).toBe('met');
    expect(refused(s, participant('ann'), { type: 'expectationItem.assess', payload: { itemId: item, outcome: 'unmet' } })).toBe('forbidden');
  });
});

describe('seminar details', () => {
  it('count who took part by role, with people counted on paper', () => {
    let s = withParticipants(newSeminar(), PEOPLE);
    s = run(s, FAC, { type: 'seminar.update', payload: { organisers: 'NAV Bærum og Brukerforum', time: '09.00–15.30', attendanceExtra: { ansatt: 2 } } }).state;
    expect(attendance(s)).toEqual({ bruker: 4, ansatt: 5 });
    expect(s.seminar!.organisers).toBe('NAV Bærum og Brukerforum');
    expect(refused(s, FAC, { type: 'seminar.update', payload: { attendanceExtra: { nobody: 1 } } })).toBe('invalid');
    expect(refused(s, participant('ann'), { type: 'seminar.update', payload: { title: 'Mitt' } })).toBe('forbidden');
  });
});
