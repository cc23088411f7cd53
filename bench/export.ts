/**
 * Export time for a seminar of 200 participants (40 tables, two tasks, six notes each per task):
 * the report as Markdown, Word and PDF (on the report thread, as the server writes them), and the
 * whole seminar as JSON and back. A figure, not a test: budget 500 ms per download, the first
 * Word and PDF after a preview included. Run alone with `npm run bench:export`; `npm run bench`
 * prints it too.
 */
import { buildReport, emptyState, exportSeminar, importEvents, keysAfter, parseSeminarFile, serialiseSeminarFile, toMarkdown, type SeminarState } from '@tavla/shared';
import { ReportWriters } from '../server/src/report/writers.js';
import { clock } from './clock.js';

export const EXPORT_BUDGET_MS = 500;
const PEOPLE = 200;
const NOTES_EACH = 6;
const WORDS = 'samarbeid tid oppfølging informasjon tiltak bruker ansatt kompetanse møteplass nettside kontaktperson handlingsplan evaluering økonomi tillit respekt dialog'.split(' ');

let n = 0;
const uid = () => `be4c0000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');

/** A full day's state, as the server holds it at the end (authors included). */
export function bigSeminar(): SeminarState {
  const s = emptyState();
  s.seminar = { id: uid(), joinCode: 'BENCH2', title: 'Dialogseminar for benken', subtitle: 'To hundre deltakere', date: '2026-03-12', time: '09.00–15.30', venue: 'Rådhuset', language: 'nb', roles: [{ id: 'r1', label: 'Bruker' }, { id: 'r2', label: 'Ansatt' }], organisers: 'Kommunen', method: '', trends: '', attendanceExtra: {} };
  const groups = Array.from({ length: PEOPLE / 5 }, (_, i) => ({ id: uid(), name: '', number: i + 1, colour: 'blue' as const }));
  for (const g of groups) s.groups[g.id] = g;
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: uid(), name: `Deltaker ${i}`, roleId: i % 2 ? 'r2' : 'r1', groupId: groups[i % groups.length]!.id, paper: false, scribe: false }));
  for (const p of people) s.participants[p.id] = p;
  for (let t = 0; t < 2; t++) {
    const task = { id: uid(), title: `Oppgave ${t + 1}`, questions: ['Hva skal til?', 'Hvem gjør hva?'], phase: 'synthesise' as const, locked: true, published: true, priority: t ? ({ kind: 'top', n: 3 } as const) : ({ kind: 'none' } as const) };
    s.tasks.push(task);
    for (const g of groups) {
      const themes = keysAfter([], 4).map((order, i) => ({ id: uid(), taskId: task.id, groupId: g.id, heading: `Tema ${i + 1} ${words(2, i)}`, comment: i === 0 ? words(20, g.number) : '', order, rank: t && i < 3 ? i + 1 : null, dots: 0 }));
      for (const th of themes) s.themes[th.id] = th;
      const writers = people.filter((p) => p.groupId === g.id);
      const keys = keysAfter([], writers.length * NOTES_EACH);
      writers.forEach((p, w) => {
        for (let k = 0; k < NOTES_EACH; k++) {
          const i = w * NOTES_EACH + k;
          const id = uid();
          s.notes[id] = { id, taskId: task.id, text: words(8 + (i % 12), i + g.number), authorId: p.id, groupId: g.id, revealed: true, themeId: themes[i % 4]!.id, order: keys[i]!, marked: i % 9 === 0, readOut: true };
        }
      });
    }
  }
  s.currentTaskId = s.tasks[1]!.id;
  s.expectationItems = Array.from({ length: 30 }, (_, i) => ({ id: uid(), text: `Forventning ${i + 1}: ${words(10, i)}`, sources: [], outcome: i % 5 ? 'met' : 'later' }));
  s.synthesis = Array.from({ length: 10 }, (_, i) => ({ id: uid(), heading: `Felles tema ${i + 1}`, text: words(30, i), links: [] }));
  s.actions = Array.from({ length: 20 }, (_, i) => ({ id: uid(), what: words(12, i), who: 'Kommunen', when: 'Innen mai', synthesisId: null }));
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(run: () => unknown | Promise<unknown>, times = 5): Promise<{ first: number; median: number }> {
  const all: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = clock();
    await run();
    all.push(clock() - t);
  }
  return { first: all[0]!, median: median(all.slice(1)) };
}

/**
 * The first Word or PDF download from a report thread (server/src/report/writers.ts) as the
 * server runs it: from cold (nobody opened the preview first: the thread starts with the download),
 * or after a preview warmed it up.
 */
async function firstDownload(format: 'docx' | 'pdf', state: SeminarState, preview: boolean): Promise<number> {
  const writers = new ReportWriters();
  try {
    if (preview) await writers.warm(buildReport(state));
    const t = clock(); // without a preview: the thread's start and loading included
    await writers.write(format, buildReport(state));
    return clock() - t;
  } finally {
    await writers.close();
  }
}

/** One line with the figures, and their JSON for the bench's log. */
export async function exportFigure(): Promise<{ line: string; json: Record<string, unknown> }> {
  const state = bigSeminar();
  const notes = Object.keys(state.notes).length;
  const writers = new ReportWriters();
  const figures = {
    markdown: await timed(() => toMarkdown(buildReport(state))),
    docx: await timed(() => writers.write('docx', buildReport(state))),
    pdf: await timed(() => writers.write('pdf', buildReport(state))),
    json: await timed(() => serialiseSeminarFile(exportSeminar(state))),
  };
  await writers.close();
  const first = {
    docx: { preview: await firstDownload('docx', state, true), cold: await firstDownload('docx', state, false) },
    pdf: { preview: await firstDownload('pdf', state, true), cold: await firstDownload('pdf', state, false) },
  };
  const file = serialiseSeminarFile(exportSeminar(state));
  const importing = await timed(() => {
    const parsed = parseSeminarFile(file);
    if (!parsed.ok) throw new Error(parsed.message);
    return importEvents(parsed.file, { seminarId: uid(), joinCode: 'XXXXXX' });
  });
  // What a facilitator waits for: the download after the preview, and any after it.
  const ok = Object.values(figures).every((f) => f.median <= EXPORT_BUDGET_MS) && first.docx.preview <= EXPORT_BUDGET_MS && first.pdf.preview <= EXPORT_BUDGET_MS;
  const ms = (f: { first: number; median: number }) => `${Math.round(f.median)} ms (first ${Math.round(f.first)})`;
  const doc = (f: { first: number; median: number }, d: { preview: number; cold: number }) => `${Math.round(f.median)} ms (first after the preview ${Math.round(d.preview)}, without one ${Math.round(d.cold)})`;
  const line =
    `Export, ${PEOPLE} participants, ${notes} notes: Markdown ${ms(figures.markdown)} · Word ${doc(figures.docx, first.docx)} · PDF ${doc(figures.pdf, first.pdf)} · JSON ${ms(figures.json)} (${Math.round(file.length / 1024)} kB) · import check ${ms(importing)}; ` +
    `budget ${EXPORT_BUDGET_MS} ms each ${ok ? '✓' : '✗'}`;
  const json = { export: { participants: PEOPLE, notes, budget_ms: EXPORT_BUDGET_MS, ...Object.fromEntries(Object.entries({ ...figures, import: importing }).map(([k, f]) => [`${k}_ms`, Math.round(f.median)])),
    docx_first_ms: Math.round(first.docx.preview), pdf_first_ms: Math.round(first.pdf.preview), docx_cold_ms: Math.round(first.docx.cold), pdf_cold_ms: Math.round(first.pdf.cold), json_kb: Math.round(file.length / 1024) } };
  return { line, json };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { line, json } = await exportFigure();
  console.log(line);
  console.log(JSON.stringify(json));
}
