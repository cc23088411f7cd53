import { describe, expect, it } from 'vitest';
import { buildReport, emptyState, type Report } from '@tavla/shared';
import { ReportWriters } from './writers.js';

const report = (): Report => {
  const s = emptyState();
  s.seminar = { id: 's', joinCode: 'ABCDEF', title: 'Dialogseminar på Ørnes', subtitle: '', date: '2026-03-12', time: '', venue: '', language: 'nb', roles: [], organisers: '', method: '', trends: '', attendanceExtra: {} };
  return buildReport(s);
};

describe('the report thread', () => {
  it('warms up on a preview, then writes Word and PDF files', async () => {
    const writers = new ReportWriters();
    try {
      await writers.warm(report());
      const [pdf, docx] = await Promise.all([writers.write('pdf', report()), writers.write('docx', report())]);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(docx.subarray(0, 2).toString()).toBe('PK'); // a zip, as .docx files are
    } finally {
      await writers.close();
    }
  }, 30_000);

  it('refuses a report it cannot write, with the reason, and writes the next one', async () => {
    const writers = new ReportWriters();
    try {
      const broken = { ...report(), blocks: null } as unknown as Report;
      await expect(writers.write('pdf', broken)).rejects.toThrow(/the report could not be written: .*/);
      expect((await writers.write('pdf', report())).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await writers.close();
    }
  }, 30_000);

  it('refuses what it was doing when stopped, and starts again for the next download', async () => {
    const writers = new ReportWriters();
    const cut = expect(writers.write('docx', report())).rejects.toThrow('the server is stopping');
    await writers.close();
    await cut;
    try {
      expect((await writers.write('docx', report())).subarray(0, 2).toString()).toBe('PK');
    } finally {
      await writers.close();
    }
  }, 30_000);
});
