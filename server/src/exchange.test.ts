import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReport, canSee, emptyState, exportSeminar, fold, importEvents, importedState, parseSeminarFile, serialiseSeminarFile, toMarkdown, view,
  type Actor, type ImportedPart, type SeminarFile, type SeminarState,
} from '@tavla/shared';

const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../demo/seed-seminar.json'), 'utf8');
const IDS = { seminarId: '00000000-0000-4000-8000-00000000aaaa', joinCode: 'ABCDEF' };
const demo = (): SeminarFile => {
  const parsed = parseSeminarFile(DEMO);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.file;
};

/** The shared core of issue 5 (lives here, where the demo file can be read): every viewer's fold of the import events it may receive equals its view of the imported state. */
function expectViewsFolded(file: SeminarFile) {
  const events = importEvents(file, IDS);
  const whole = fold(emptyState(), events);
  expect(whole).toEqual(importedState(file, IDS));
  const someone = file.participants.find((p) => p.groupId)!;
  const viewers: Actor[] = [
    { kind: 'facilitator', id: 'fac' },
    { kind: 'participant', id: someone.id },
    { kind: 'participant', id: 'a-newcomer-in-no-group' },
    ...file.groups.map((g): Actor => ({ kind: 'table', id: `table-${g.id}`, groupId: g.id })),
  ];
  for (const v of viewers) {
    const received = events.filter((e) => canSee(whole, v, e.audience));
    expect(fold(emptyState(), received), `${v.kind} ${v.id}`).toEqual(view(whole, v));
  }
  return events;
}

describe('a seminar file', () => {
  it('exports an imported seminar to the very same bytes', () => {
    const state = importedState(demo(), IDS);
    expect(serialiseSeminarFile(exportSeminar(state))).toBe(DEMO);
  });

  it('is imported with events that show each viewer exactly its view', () => {
    const events = expectViewsFolded(demo());
    // All tasks of the demo are presented: the room gets the boards, facilitators the rest.
    expect(events.map((e) => e.audience.kind)).toContain('facilitators');
  });

  it('keeps boards not yet presented to their own tables', () => {
    const file = demo();
    file.tasks = file.tasks.map((t, i) => (i === 1 ? { ...t, published: false, phase: 'cluster' } : t));
    const events = expectViewsFolded(file);
    const groupEvents = events.filter((e) => e.audience.kind === 'group');
    expect(groupEvents.length).toBe(5);
    const room = events.find((e) => e.audience.kind === 'all')!;
    const task2 = file.tasks[1]!.id;
    expect(Object.values((room.body as { part: ImportedPart }).part.notes ?? {}).some((n) => n.taskId === task2)).toBe(false);
  });

  it('leaves out authors, dots and drafts nobody has seen', () => {
    const state = importedState(demo(), IDS);
    const [first, second] = Object.values(state.notes);
    const someone = Object.values(state.participants)[0]!.id;
    state.notes[first!.id] = { ...first!, authorId: someone, scribeId: someone };
    state.notes[second!.id] = { ...second!, revealed: false, groupId: null, themeId: null };
    const theme = Object.values(state.themes)[0]!;
    state.dots = { d: { id: 'd', taskId: theme.taskId, themeId: theme.id, participantId: someone } };
    const expectation = Object.values(state.expectations)[0]!;
    state.expectations[expectation.id] = { ...expectation, authorId: someone };
    const text = serialiseSeminarFile(exportSeminar(state));
    expect(text).not.toContain(`"authorId"`);
    expect(text).not.toContain(`"scribeId"`);
    expect(text).not.toContain(`"participantId"`);
    expect(text).not.toContain(second!.id);
    expect(parseSeminarFile(text).ok).toBe(true);
  });

  it('refuses bad files with a message that says what is wrong', () => {
    const refusal = (input: unknown) => {
      const parsed = parseSeminarFile(input);
      expect(parsed.ok).toBe(false);
      return parsed.ok ? '' : parsed.message;
    };
    expect(refusal(DEMO.slice(0, DEMO.length / 2))).toMatch(/not valid JSON/);
    expect(refusal('[]')).toMatch(/not a Tavla seminar file/);
    expect(refusal({ ...demo(), format: 'trello' })).toMatch(/not a Tavla seminar file/);
    expect(refusal({ ...demo(), version: 2 })).toMatch(/version 2; this server reads version 1/);
    expect(refusal({ ...demo(), notes: demo().notes.map((n, i) => (i === 3 ? { ...n, text: 'x'.repeat(281) } : n)) })).toMatch(/^notes\.3\.text: /);
    expect(refusal({ ...demo(), notes: demo().notes.map((n, i) => (i === 2 ? { ...n, themeId: '00000000-0000-4000-8000-00000000dead' } : n)) })).toMatch(/^notes\.2\.themeId: no theme has the id/);
    expect(refusal({ ...demo(), groups: [...demo().groups, demo().groups[0]] })).toMatch(/^groups\.5\.id: the id .* appears twice/);
    expect(refusal({ ...demo(), participants: demo().participants.map((p) => ({ ...p, token: 'secret' })) })).toMatch(/^participants\.0: /);
    const { tasks: _tasks, ...noTasks } = demo();
    expect(refusal(noTasks)).toMatch(/^tasks: /);
  });
});

describe('the report', () => {
  it('names no participant and gives no role split from fewer than three people per role', () => {
    const state = importedState(demo(), IDS);
    const md = toMarkdown(buildReport(state));
    for (const p of Object.values(state.participants)) expect(md).not.toContain(p.name);
    // Imported notes have no authors: counts only.
    expect(md).toContain('Antall lapper: 109.');
    expect(md).not.toMatch(/Antall lapper: \d+ \(/);

    // Give task 1's notes authors: three users and two employees wrote them.
    const task1 = state.tasks[0]!.id;
    const people = Object.values(state.participants);
    const users = people.filter((p) => p.roleId === 'r1').slice(0, 3);
    const employees = people.filter((p) => p.roleId === 'r2').slice(0, 2);
    const writers = [...users, ...employees];
    const withAuthors = (list: typeof writers): SeminarState => {
      const s = { ...state, notes: { ...state.notes } };
      Object.values(s.notes).filter((n) => n.taskId === task1).forEach((n, i) => (s.notes[n.id] = { ...n, authorId: list[i % list.length]!.id }));
      return s;
    };
    expect(toMarkdown(buildReport(withAuthors(writers)))).not.toMatch(/Antall lapper: 109 \(/);
    const three = [...users, ...people.filter((p) => p.roleId === 'r2').slice(0, 3)];
    expect(toMarkdown(buildReport(withAuthors(three)))).toMatch(/Antall lapper: 109 \(Bruker: 5\d, Ansatt: 5\d\)\./);
  });

  it('shows dots per role only where the server found it safe', () => {
    const state = importedState(demo(), IDS);
    const task = state.tasks[1]!;
    state.tasks = state.tasks.map((t) => (t.id === task.id ? { ...t, priority: { kind: 'dots', k: 3 } } : t));
    const [a, b] = Object.values(state.themes).filter((t) => t.taskId === task.id && t.groupId === Object.values(state.groups)[1]!.id);
    state.themes[a!.id] = { ...a!, dots: 7 };
    state.themes[b!.id] = { ...b!, dots: 2 };
    state.dotsByRole = { [a!.id]: { r1: 4, r2: 3 }, [b!.id]: null };
    const md = toMarkdown(buildReport(state));
    expect(md).toContain(`- ${a!.heading}: 7 prikker (Bruker: 4, Ansatt: 3)`);
    expect(md).toContain(`- ${b!.heading}: 2 prikker\n`);
  });

  it("is written in the seminar's language", () => {
    const state = importedState(demo(), IDS);
    state.seminar = { ...state.seminar!, language: 'en' };
    const md = toMarkdown(buildReport(state));
    expect(md).toContain('**Time and place:** 30 October 2009, 9.30–15.00, Løkkeåsveien 2, Sandvika.');
    expect(md).toContain('## Task 2: Fokus på tiltak.');
    expect(md).toContain('The seminar used the PLA method.');
    expect(md).toContain('## Were the expectations for the day met?');
    expect(md).not.toMatch(/^#+ (Oppgave|Gruppe) \d/m);
    expect(md).toContain('### Group 5');
  });

  it('escapes what Markdown would read as markup', () => {
    const state = importedState(demo(), IDS);
    const note = Object.values(state.notes)[0]!;
    state.notes[note.id] = { ...note, text: '1. *Viktig* [lenke](x) <b>\nny linje' };
    expect(toMarkdown(buildReport(state))).toContain('- 1\\. \\*Viktig\\* \\[lenke\\](x) \\<b\\> ny linje');
  });
});
