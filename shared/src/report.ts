/**
 * The seminar's report, as the seed report is laid out: title, organisers, time and place,
 * attendance by role, agenda, method, trends, expectations, each task with every group's themes
 * and notes, which expectations were met, the synthesis and the actions. `buildReport` makes a
 * format-free document from the server's state; Markdown, Word and PDF are renderings of it.
 *
 * Never a name: the report reads no participant's name, and notes are given without authors.
 * Counts by role appear only where every role counted stands for at least three people.
 */
import { catalogues } from './i18n/index.js';
import type { Messages } from './i18n/index.js';
import { attendance, type Language, type Note, type SeminarState, type Theme } from './model.js';
import { byOrder } from './order.js';
import { ROLE_SPLIT_MIN_PEOPLE } from './priorities.js';

/** A piece of text with its emphasis. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; content: Inline[]; style?: 'subtitle' | 'comment' }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; header: string[]; rows: string[][] };
export interface Report {
  language: Language;
  title: string;
  blocks: ReportBlock[];
}

type ReportMessages = Messages['report'];
/** Fill `{{name}}` placeholders. */
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

/** "30. oktober 2009" / "30 October 2009", without depending on the machine's locale data. */
export function formatReportDate(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const t = catalogues[language].report;
  return fill(t.date, { day: Number(m[3]), month: t.months[Number(m[2]) - 1] ?? m[2]!, year: m[1]! });
}

const para = (text: string, extra: Partial<Extract<ReportBlock, { kind: 'paragraph' }>> = {}): ReportBlock => ({ kind: 'paragraph', content: [{ text }], ...extra });

/**
 * Free text a facilitator typed (organisers, method, trends) as blocks: blank lines separate
 * paragraphs, lines starting with "- " or "* " are list items, lines starting with "#" headings.
 */
export function textBlocks(text: string, headingLevel: 3 | 4 = 3): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  let lines: string[] = [];
  let items: Inline[][] = [];
  const flush = () => {
    if (lines.length) blocks.push(para(lines.join(' ')));
    if (items.length) blocks.push({ kind: 'list', ordered: false, items });
    lines = [];
    items = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) flush();
    else if (/^[-*•]\s+/.test(line)) {
      if (lines.length) flush();
      items.push([{ text: line.replace(/^[-*•]\s+/, '') }]);
    } else if (/^#+\s*/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', level: headingLevel, text: line.replace(/^#+\s*/, '') });
    } else {
      if (items.length) flush();
      lines.push(line);
    }
  }
  flush();
  return blocks;
}

/** Per role, how many of `notes` its people wrote; null unless every role counted has ≥ 3 writers. */
function notesByRole(state: SeminarState, notes: { authorId?: string }[]): Record<string, number> | null {
  if (notes.length < ROLE_SPLIT_MIN_PEOPLE) return null;
  const counts: Record<string, number> = {};
  const writers: Record<string, Set<string>> = {};
  for (const n of notes) {
    const role = n.authorId ? state.participants[n.authorId]?.roleId : undefined;
    if (!role) return null; // an author we do not know (an imported seminar): no split at all
    counts[role] = (counts[role] ?? 0) + 1;
    (writers[role] ??= new Set()).add(n.authorId!);
  }
  return Object.values(writers).every((w) => w.size >= ROLE_SPLIT_MIN_PEOPLE) ? counts : null;
}

/** The list kept under `key` in `map`, made on first use. */
function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** The report of a seminar, from the server's full state. */
export function buildReport(state: SeminarState): Report {
  const info = state.seminar;
  if (!info) throw new Error('no seminar');
  const t: ReportMessages = catalogues[info.language].report;
  const roleLabel = (id: string) => info.roles.find((r) => r.id === id)?.label ?? id;
  const byRole = (counts: Record<string, number>) =>
    info.roles.filter((r) => counts[r.id]).map((r) => `${r.label}: ${counts[r.id]}`).concat(Object.keys(counts).filter((id) => !info.roles.some((r) => r.id === id)).map((id) => `${roleLabel(id)}: ${counts[id]}`)).join(', ');
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  const groupName = (g: { name: string; number: number }) => g.name.trim() || fill(t.group, { n: g.number });
  const blocks: ReportBlock[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: 'heading', level, text });

  h(1, info.title);
  if (info.subtitle.trim()) blocks.push(para(info.subtitle, { style: 'subtitle' }));

  if (info.organisers.trim()) {
    h(2, t.organisers);
    blocks.push(...textBlocks(info.organisers));
  }

  h(2, t.day);
  const when = [formatReportDate(info.date, info.language), info.time.trim() && fill(t.time, { time: info.time.trim() }), info.venue.trim()].filter(Boolean).join(', ');
  blocks.push({ kind: 'paragraph', content: [{ text: `${t.timeAndPlace}: `, bold: true }, { text: `${when}.` }] });
  const present = attendance(state);
  const total = Object.values(present).reduce((a, b) => a + b, 0);
  if (total > 0) {
    h(3, t.attendance);
    blocks.push({ kind: 'list', ordered: false, items: [...info.roles.map((r) => [{ text: `${r.label}: ${present[r.id] ?? 0}` }]), [{ text: `${t.total}: ${total}`, bold: true }]] });
  }

  if (state.agenda.length) {
    h(2, t.agenda);
    blocks.push({ kind: 'table', header: [t.agendaTime, t.agendaItem], rows: state.agenda.map((a) => [a.time, a.label]) });
  }

  h(2, t.method);
  blocks.push(...textBlocks(info.method.trim() || t.methodDefault));

  if (info.trends.trim()) {
    h(2, t.trends);
    blocks.push(...textBlocks(info.trends));
  }

  if (state.expectationItems.length) {
    h(2, t.expectations);
    blocks.push(para(t.expectationsIntro));
    blocks.push({ kind: 'list', ordered: true, items: state.expectationItems.map((i) => [{ text: i.text }]) });
  }

  // Boards by task (and group): one pass over the notes and themes, however many tables.
  const notesOfTask = new Map<string, Note[]>();
  for (const n of Object.values(state.notes)) if (n.revealed && n.groupId && state.groups[n.groupId]) listIn(notesOfTask, n.taskId).push(n);
  const themesOf = new Map<string, Theme[]>();
  for (const th of Object.values(state.themes)) listIn(themesOf, `${th.taskId}/${th.groupId}`).push(th);

  state.tasks.forEach((task, taskIndex) => {
    h(2, `${fill(t.task, { n: taskIndex + 1 })}: ${task.title}`);
    for (const q of task.questions) blocks.push(para(q));
    if (task.priority.kind === 'top') blocks.push(para(fill(t.priorityTop, { n: task.priority.n }), { style: 'comment' }));
    if (task.priority.kind === 'dots') blocks.push(para(fill(t.priorityDots, { k: task.priority.k }), { style: 'comment' }));
    const taskNotes = notesOfTask.get(task.id) ?? [];
    const split = notesByRole(state, taskNotes);
    if (taskNotes.length) blocks.push(para(split ? fill(t.notesCountByRole, { n: taskNotes.length, roles: byRole(split) }) : fill(t.notesCount, { n: taskNotes.length })));

    for (const g of groups) {
      const notes = taskNotes.filter((n) => n.groupId === g.id);
      const themes = (themesOf.get(`${task.id}/${g.id}`) ?? []).sort(byOrder);
      if (!notes.length && !themes.length) continue;
      h(3, groupName(g));
      const inTheme = new Map<string | null, Note[]>();
      for (const n of notes) listIn(inTheme, n.themeId).push(n);
      const noteItems = (themeId: string | null) => (inTheme.get(themeId) ?? []).sort(byOrder).map((n) => [{ text: n.text, ...(n.marked ? { bold: true } : {}) }]);
      for (const th of themes) {
        h(4, th.heading);
        const items = noteItems(th.id);
        if (items.length) blocks.push({ kind: 'list', ordered: false, items });
        if (th.comment.trim()) blocks.push(para(th.comment.trim(), { style: 'comment' }));
      }
      const loose = noteItems(null);
      if (loose.length) {
        h(4, t.unsorted);
        blocks.push({ kind: 'list', ordered: false, items: loose });
      }
      const priorities = groupPriorities(task.priority.kind, themes, state, t, byRole);
      if (priorities) {
        blocks.push({ kind: 'paragraph', content: [{ text: t.priorities, bold: true }] });
        blocks.push(priorities);
      }
    }
  });

  const assessed = state.expectationItems.filter((i) => i.outcome);
  if (assessed.length) {
    h(2, t.outcomes);
    blocks.push({
      kind: 'list',
      ordered: true,
      items: state.expectationItems.map((i) => [{ text: `${i.text} ` }, { text: `(${t.outcome[i.outcome ?? 'none']})`, italic: true }]),
    });
  }

  if (state.synthesis.length) {
    h(2, t.synthesis);
    const taskNumber = (id: string) => state.tasks.findIndex((x) => x.id === id) + 1;
    for (const x of state.synthesis) {
      h(3, x.heading);
      if (x.text.trim()) blocks.push(...textBlocks(x.text, 4));
      if (x.links.length) {
        const sources = x.links.map((l) => {
          const g = state.groups[l.groupId];
          const where = [taskNumber(l.taskId) ? fill(t.task, { n: taskNumber(l.taskId) }) : '', g ? groupName(g) : ''].filter(Boolean).join(', ');
          return [{ text: where ? `${where}: ` : '', italic: true }, { text: l.text }].filter((r) => r.text);
        });
        blocks.push({ kind: 'paragraph', content: [{ text: t.sources, bold: true }] });
        blocks.push({ kind: 'list', ordered: false, items: sources });
      }
    }
  }

  if (state.actions.length) {
    h(2, t.actions);
    blocks.push({ kind: 'table', header: [t.actionWhat, t.actionWho, t.actionWhen], rows: state.actions.map((a) => [a.what, a.who, a.when]) });
  }

  return { language: info.language, title: info.title, blocks };
}

/** A group's priorities for a task: its top N in order, or its themes by dots. */
function groupPriorities(kind: 'none' | 'top' | 'dots', themes: Theme[], state: SeminarState, t: ReportMessages, byRole: (c: Record<string, number>) => string): ReportBlock | null {
  if (kind === 'top') {
    const ranked = themes.filter((th) => th.rank !== null).sort((a, b) => a.rank! - b.rank!);
    return ranked.length ? { kind: 'list', ordered: true, items: ranked.map((th) => [{ text: th.heading }]) } : null;
  }
  if (kind === 'dots') {
    const dotted = themes.filter((th) => th.dots > 0).sort((a, b) => b.dots - a.dots || byOrder(a, b));
    if (!dotted.length) return null;
    return {
      kind: 'list',
      ordered: false,
      items: dotted.map((th) => {
        const roles = state.dotsByRole[th.id];
        return [{ text: `${th.heading}: ` }, { text: fill(roles ? t.dotsByRole : t.dots, { n: th.dots, roles: roles ? byRole(roles) : '' }) }];
      }),
    };
  }
  return null;
}

// ---------- Markdown ----------

/** Escape what Markdown would read as markup; whitespace and line breaks become single spaces. */
function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}
/** Escape also what would start a block at the beginning of a line. */
function escapeLineStart(text: string): string {
  return text.replace(/^(#|>|[-+] |\d+[.)] )/, (m) => (/^\d/.test(m) ? m.replace(/([.)])/, '\\$1') : `\\${m}`));
}
function inline(content: Inline[]): string {
  return escapeLineStart(
    content
      .map((r) => {
        const body = escapeMarkdown(r.text);
        const core = body.trim();
        if (!core || (!r.bold && !r.italic)) return body;
        const mark = r.bold && r.italic ? '***' : r.bold ? '**' : '_';
        // Keep spaces outside the markers, where Markdown wants them.
        return body.replace(core, () => `${mark}${core}${mark}`);
      })
      .join(''),
  );
}

/** The report as CommonMark (with a GitHub-style table for the agenda and actions). */
export function toMarkdown(report: Report): string {
  const out: string[] = [];
  for (const b of report.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`);
        break;
      case 'paragraph':
        out.push(b.style === 'comment' && !b.content.some((r) => r.italic || r.bold) ? inline(b.content.map((r) => ({ ...r, italic: true }))) : inline(b.content));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n'));
        break;
      case 'table': {
        const row = (cells: string[]) => `| ${cells.map((c) => escapeMarkdown(c) || ' ').join(' | ')} |`;
        out.push([row(b.header), `|${b.header.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n'));
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}
