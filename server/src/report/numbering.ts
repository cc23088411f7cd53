import { Packer } from 'docx';

/** What docx's compiler knows of a numbered list's instance: its placeholder and its number. */
export interface ConcreteNumbering {
  reference: string;
  instance: number;
  numId: number;
}
type Replacer = { replace: (xml: string, numberings: ConcreteNumbering[]) => string };

/**
 * docx (9.x) gives each numbered list that starts again at 1 its own instance, written into the
 * XML as a placeholder `{reference-instance}` and replaced by the list's id at the end, one regular
 * expression over the whole document per instance. A report with a numbered list per group (each
 * group's top priorities) spent about half its Word export there: 40 groups, 40 passes over a
 * document of a few megabytes. This is the same replacement in one pass; the first numbering
 * named by a placeholder wins, as in docx's loop. (Unlike that loop, a number put in cannot
 * complete a placeholder that a note's own text began, such as `{numbered-` before it.)
 */
export function replaceNumberings(xml: string, numberings: ConcreteNumbering[]): string {
  if (!numberings.length) return xml;
  const ids = new Map<string, string>();
  for (const n of numberings) {
    const key = `{${n.reference}-${n.instance}}`;
    if (!ids.has(key)) ids.set(key, String(n.numId));
  }
  return xml.replace(/\{[^{}]*\}/g, (placeholder) => ids.get(placeholder) ?? placeholder);
}

/**
 * Put `replaceNumberings` in the place of docx's own, where this version of docx keeps it (the
 * packer's compiler). Returns false, changing nothing, if that place is not there: a later docx
 * that moved it still writes correct documents, only slower, and the test beside this file fails.
 */
export function useOnePassNumbering(): boolean {
  const replacer = (Packer as unknown as { compiler?: { numberingReplacer?: Replacer } }).compiler?.numberingReplacer;
  if (typeof replacer?.replace !== 'function') return false;
  replacer.replace = replaceNumberings;
  return true;
}
