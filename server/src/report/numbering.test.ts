import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Packer } from 'docx';
import { replaceNumberings, useOnePassNumbering, type ConcreteNumbering } from './numbering.js';

// docx's own replacer, taken before it is replaced below.
const docxReplacer = (Packer as unknown as { compiler: { numberingReplacer: { replace: (xml: string, n: ConcreteNumbering[]) => string } } }).compiler.numberingReplacer;
const docxReplace = docxReplacer.replace.bind(docxReplacer);

const num = (reference: string, instance: number, numId: number): ConcreteNumbering => ({ reference, instance, numId });

describe('numbering placeholders in one pass', () => {
  it.each([
    ['no lists', '<w:p>{braces in a note}</w:p>', []],
    ['three lists, each again at 1', '<w:numId w:val="{numbered-1}"/><w:numId w:val="{numbered-2}"/><w:numId w:val="{numbered-1}"/><w:numId w:val="{numbered-3}"/>', [num('numbered', 1, 2), num('numbered', 2, 3), num('numbered', 3, 4)]],
    ['text that looks like a placeholder is treated as docx treats it', '<w:t>{numbered-1} {numbered-9} {other}</w:t><w:numId w:val="{numbered-1}"/>', [num('numbered', 1, 7)]],
    ['the first numbering of a placeholder wins', '<w:numId w:val="{numbered-0}"/>', [num('numbered', 0, 5), num('numbered', 0, 6)]],
    ['nested braces', '{{numbered-1}}', [num('numbered', 1, 2)]],
  ] as [string, string, ConcreteNumbering[]][])('%s: the same XML as docx', (_name, xml, numberings) => {
    expect(replaceNumberings(xml, numberings)).toBe(docxReplace(xml, numberings));
  });

  it('gives the same XML as docx for any placeholders and text', () => {
    const piece = fc.oneof(fc.constantFrom('{numbered-1}', '{numbered-2}', '{numbered-10}', '{bullets-1}', '{', '}', '<w:t>', ' '), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.record({ reference: fc.constantFrom('numbered', 'bullets'), instance: fc.integer({ min: 0, max: 12 }), numId: fc.integer({ min: 1, max: 99 }) }), { maxLength: 8 }), (pieces, numberings) => {
        const xml = pieces.join('');
        expect(replaceNumberings(xml, numberings)).toBe(docxReplace(xml, numberings));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the place of docx’s own replacer (a docx upgrade that moved it fails here)', () => {
    expect(useOnePassNumbering()).toBe(true);
    expect(docxReplacer.replace).toBe(replaceNumberings);
  });
});
