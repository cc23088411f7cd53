/** The report as a Word document: real headings, lists and tables, in the seminar's language. */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Inline, Report } from '@tavla/shared';
import { useOnePassNumbering } from './numbering.js';

useOnePassNumbering();

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
const LOCALES = { nb: 'nb-NO', en: 'en-GB' } as const;

const runs = (content: Inline[], extra: { italics?: boolean } = {}) =>
  content.map((r) => new TextRun({ text: r.text.replace(/\s+/g, ' '), bold: r.bold, italics: r.italic || extra.italics }));

export async function reportToDocx(report: Report): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let lists = 0;
  for (const b of report.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        children.push(
          b.style === 'subtitle'
            ? new Paragraph({ style: 'Subtitle', children: runs(b.content) })
            : b.style === 'comment'
              ? new Paragraph({ style: 'Quote', children: runs(b.content, { italics: true }) })
              : new Paragraph({ children: runs(b.content) }),
        );
        break;
      case 'list': {
        // Each numbered list starts again at 1: its own instance of the numbering.
        const instance = ++lists;
        for (const item of b.items)
          children.push(new Paragraph({ children: runs(item), ...(b.ordered ? { numbering: { reference: 'numbered', level: 0, instance } } : { bullet: { level: 0 } }) }));
        break;
      }
      case 'table': {
        const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }), ...b.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) }))],
          }),
        );
        children.push(new Paragraph({ children: [] }));
        break;
      }
    }
  }
  const doc = new Document({
    creator: 'Tavla',
    lastModifiedBy: 'Tavla',
    title: report.title,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: LOCALES[report.language] } }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: 'Calibri', size: 44, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: 'Calibri', size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading3: { run: { font: 'Calibri', size: 26, bold: true, color: '2F5496' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        heading4: { run: { font: 'Calibri', size: 23, bold: true, color: '404040' }, paragraph: { spacing: { before: 200, after: 60 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 28, color: '404040' }, paragraph: { spacing: { after: 240 } } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: '404040' }, paragraph: { indent: { left: 360 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 480, hanging: 360 } } } }],
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
