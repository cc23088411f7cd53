/** Seminars in and out of the store as files: the JSON export and import, and the report. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildReport, exportSeminar, importEvents, parseSeminarFile, seminarFileName, serialiseSeminarFile, toMarkdown, type Report, type SeminarState } from '@tavla/shared';
import type { Store } from './store/store.js';
import type { DocumentFormat } from './report/writers.js';
import { unusedJoinCode } from './secrets.js';

/** The demo seminar: the seed report's day, as an export file. */
export const DEMO_FILE = path.resolve(import.meta.dirname, '../demo/seed-seminar.json');
/** Largest import accepted over HTTP (a full day of 500 people is well under it). */
export const IMPORT_BODY_LIMIT = '8mb';

export type ImportResult = { ok: true; id: string; joinCode: string; title: string } | { ok: false; message: string };

/**
 * Check a seminar file and, only if all of it is right, store it as a new seminar of `ownerId`
 * with a new id and join code, in one transaction: a refused file leaves the store as it was.
 */
export function importSeminar(store: Store, input: unknown, ownerId: string): ImportResult {
  const parsed = parseSeminarFile(input);
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const id = crypto.randomUUID();
  const joinCode = unusedJoinCode((code) => !!store.seminarByCode(code));
  store.createSeminar({ id, joinCode, ownerId, title: file.seminar.title, date: file.seminar.date, createdAt: Date.now() }, importEvents(file, { seminarId: id, joinCode }));
  return { ok: true, id, joinCode, title: file.seminar.title };
}

export const importDemo = (store: Store, ownerId: string) => importSeminar(store, fs.readFileSync(DEMO_FILE, 'utf8'), ownerId);

export type ReportFormat = 'md' | 'docx' | 'pdf';
export const REPORT_TYPES: Record<ReportFormat | 'json', string> = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

/** Renders a report as Word or PDF: the server's report thread (report/writers.ts), or in process. */
export type RenderDocument = (format: DocumentFormat, report: Report) => Promise<Buffer>;

/** In this process, loading the writers on first use (the command line: no live seminars to hold up). */
export const renderHere: RenderDocument = async (format, report) =>
  format === 'docx' ? (await import('./report/docx.js')).reportToDocx(report) : (await import('./report/pdf.js')).reportToPdf(report);

/** The seminar's report, or its whole export, as the bytes of a file and the file's name. */
export async function seminarDownload(state: SeminarState, format: ReportFormat | 'json', render: RenderDocument = renderHere): Promise<{ body: Buffer; fileName: string }> {
  const info = state.seminar!;
  if (format === 'json') return { body: Buffer.from(serialiseSeminarFile(exportSeminar(state))), fileName: seminarFileName(info, 'json') };
  const report = buildReport(state);
  let body: Buffer;
  if (format === 'md') body = Buffer.from(toMarkdown(report));
  else body = await render(format, report);
  return { body, fileName: seminarFileName({ ...info, title: `${info.title} ${format === 'md' ? 'rapport' : report.language === 'nb' ? 'rapport' : 'report'}` }, format) };
}
