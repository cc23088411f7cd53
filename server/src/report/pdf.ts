/** The report as a PDF, set in DejaVu Sans (embedded, so every Nordic and Sámi letter prints). */
/// <reference path="./fontkit.d.ts" />
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { create as openFont, type Font } from 'fontkit';
import type { Inline, Report } from '@tavla/shared';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const FONTS = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' } as const;
const SIZES = { 1: 22, 2: 16, 3: 13, 4: 11.5 } as const;
const BODY = 10.5;
const LOCALES = { nb: 'nb-NO', en: 'en-GB' } as const;

let fonts: Record<string, Font> | null = null;
/**
 * The fonts, read and parsed once per process: pdfkit takes a parsed font as well as a file, and
 * parsing DejaVu's tables (glyph substitution and positioning, metrics) again for every report
 * was a fifth of a report's time. Each document still makes its own subset of the glyphs it uses.
 */
const fontData = () => (fonts ??= Object.fromEntries(Object.entries(FONTS).map(([name, file]) => [name, openFont(fs.readFileSync(path.join(FONT_DIR, file)))])));

const fontOf = (r: Inline) => (r.bold && r.italic ? 'boldItalic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular');

export function reportToPdf(report: Report): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: LOCALES[report.language], info: { Title: report.title, Creator: 'Tavla', Producer: 'Tavla' }, displayTitle: true });
  // The typings know only files and buffers; pdfkit itself accepts a font with `layout`.
  for (const [name, font] of Object.entries(fontData())) doc.registerFont(name, font as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  /** Runs of text in one paragraph, starting at `x`. */
  const write = (content: Inline[], x: number, opts: { italic?: boolean; size?: number } = {}) => {
    const parts = content.filter((r) => r.text);
    if (!parts.length) return;
    doc.fontSize(opts.size ?? BODY);
    parts.forEach((r, i) => {
      doc.font(fontOf({ ...r, italic: r.italic || opts.italic }));
      const text = r.text.replace(/\s+/g, ' ');
      if (i === 0) doc.text(text, x, doc.y, { width: width - (x - left), continued: i < parts.length - 1 });
      else doc.text(text, { continued: i < parts.length - 1 });
    });
  };

  for (const b of report.blocks) {
    switch (b.kind) {
      case 'heading':
        // Keep a heading with what follows it.
        if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
        doc.moveDown(b.level <= 2 ? 0.8 : 0.5);
        doc.font('bold').fontSize(SIZES[b.level]).fillColor(b.level <= 2 ? '#1F3864' : '#222222').text(b.text, left, doc.y, { width });
        doc.fillColor('black').moveDown(0.3);
        break;
      case 'paragraph':
        if (b.style === 'subtitle') {
          doc.fillColor('#404040');
          write(b.content, left, { size: 14 });
          doc.fillColor('black');
        } else write(b.content, b.style === 'comment' ? left + 14 : left, { italic: b.style === 'comment' });
        doc.moveDown(0.5);
        break;
      case 'list': {
        // Runs of plain items in one style go out as one pdfkit list (one line wrapper for all:
        // far faster on a 2,000-note day); numbered lists and mixed emphasis item by item.
        const plain = (item: Inline[]) => item.length === 1;
        let i = 0;
        while (i < b.items.length) {
          const first = b.items[i]!;
          if (!b.ordered && plain(first)) {
            const style = fontOf(first[0]!);
            let j = i;
            while (j < b.items.length && plain(b.items[j]!) && fontOf(b.items[j]![0]!) === style) j++;
            doc.font(style).fontSize(BODY).list(b.items.slice(i, j).map((item) => item[0]!.text.replace(/\s+/g, ' ')), left + 6, doc.y, { width: width - 6, bulletRadius: 1.6, textIndent: 14, paragraphGap: 2 });
            i = j;
            continue;
          }
          // Number and text on the same page.
          if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
          const y = doc.y;
          doc.font('regular').fontSize(BODY).text(b.ordered ? `${i + 1}.` : '•', left + 2, y, { width: 20 });
          const after = doc.y;
          doc.y = y;
          write(first, left + 20);
          doc.y = Math.max(doc.y, after);
          doc.moveDown(0.15);
          i++;
        }
        doc.moveDown(0.4);
        break;
      }
      case 'table':
        write(b.header.map((h, i) => ({ text: i ? ` · ${h}` : h, bold: true })), left);
        for (const row of b.rows) write(row.filter(Boolean).map((c, i) => ({ text: i ? ` · ${c}` : c })), left);
        doc.moveDown(0.5);
        break;
    }
  }
  doc.end();
  return done;
}
