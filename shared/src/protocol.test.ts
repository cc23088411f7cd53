import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { parseCommandByZod as byZodAlone, parseCommand, quickNoteWrite } from './protocol.js';

// `parseCommand` checks a note write by hand before zod (`quickNoteWrite`). Whatever a client
// sends, the answer must be zod's (`parseCommandByZod`): the same command, or the same refusal.
const NOTE = '00000000-0000-4000-8000-000000000001';
const TASK = '00000000-0000-4000-8000-000000000002';
const CMD = '00000000-0000-4000-8000-000000000003';

const anId = fc.oneof(
  { weight: 6, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-9000-8000-000000000001', '00000000-0000-4000-c000-000000000001', `${NOTE} `, '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.uuid(), { maxLength: 1 })) },
);
const aText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', ' ', '\n\t', '\u00a0', '\u2028', '\ufeff'), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', ' ', '\u3000', '\r\n')).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.integer({ min: LIMITS.noteLength - 2, max: LIMITS.noteLength + 2 }).chain((n) => fc.tuple(fc.constantFrom('', '  '), fc.constant('x'.repeat(n)), fc.constantFrom('', ' ', '😀'))).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant({})) },
);
/** Something a client might send: usually a note write, often slightly wrong. */
const aMessage = fc
  .record({
    id: anId,
    type: fc.constantFrom('note.write', 'note.write', 'note.write', 'note.edit', 'Note.write', 'note.write '),
    payload: fc.record(
      { noteId: anId, taskId: anId, text: aText, onBehalfOf: anId, sneaked: fc.jsonValue() },
      { requiredKeys: ['noteId', 'taskId', 'text'] },
    ),
    extra: fc.jsonValue(),
  }, { requiredKeys: ['id', 'type', 'payload'] })
  .chain((m) => fc.oneof(
    { weight: 8, arbitrary: fc.constant<unknown>(m) },
    // Through the wire as JSON, as socket.io delivers it (undefined keys gone, __proto__ an own key).
    { weight: 4, arbitrary: fc.constant<unknown>(JSON.parse(JSON.stringify(m))) },
    { weight: 1, arbitrary: fc.constant<unknown>(JSON.parse(JSON.stringify(m).replace('"payload":', '"__proto__":'))) },
    { weight: 1, arbitrary: fc.constant<unknown>([m]) },
    { weight: 1, arbitrary: fc.constant<unknown>({ ...m, payload: Object.assign(Object.create(null), m.payload) }) },
    { weight: 1, arbitrary: fc.constant<unknown>(Object.assign(Object.create({ id: m.id }), { type: m.type, payload: m.payload, x: 1 })) },
    { weight: 1, arbitrary: fc.anything() },
  ));

describe('parseCommand', () => {
  it('answers every message as zod alone does, note writes included', () => {
    fc.assert(fc.property(aMessage, (m) => {
      expect(parseCommand(m)).toEqual(byZodAlone(m));
    }), { numRuns: 5000 });
  });

  it('checks an ordinary note write by hand, trimmed as zod trims it', () => {
    const sent = { id: CMD, type: 'note.write', payload: { noteId: NOTE, taskId: TASK, text: '  Mer tid til samtale \n' } };
    const quick = quickNoteWrite(sent);
    expect(quick).toEqual({ id: CMD, type: 'note.write', payload: { noteId: NOTE, taskId: TASK, text: 'Mer tid til samtale' } });
    expect({ ok: true, command: quick }).toEqual(byZodAlone(sent));
    const scribe = { ...sent, payload: { ...sent.payload, onBehalfOf: '00000000-0000-4000-8000-000000000004' } };
    expect({ ok: true, command: quickNoteWrite(scribe) }).toEqual(byZodAlone(scribe));
  });

  it('leaves what is wrong to zod, which says what it is', () => {
    const tooLong = { id: CMD, type: 'note.write', payload: { noteId: NOTE, taskId: TASK, text: 'x'.repeat(LIMITS.noteLength + 1) } };
    expect(quickNoteWrite(tooLong)).toBeNull();
    expect(parseCommand(tooLong)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^payload\.text: /) } });
    const blank = { id: CMD, type: 'note.write', payload: { noteId: NOTE, taskId: TASK, text: ' \n ' } };
    expect(quickNoteWrite(blank)).toBeNull();
    expect(parseCommand(blank)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const extra = { id: CMD, type: 'note.write', payload: { noteId: NOTE, taskId: TASK, text: 'Hei', authorId: 'p1' } };
    expect(quickNoteWrite(extra)).toBeNull();
    expect(parseCommand(extra)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
