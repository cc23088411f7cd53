import { describe, expect, it } from 'vitest';
import { safeParse } from 'zod/mini';
import { AccountBody, SeminarCreateBody, SignInBody } from './forms.js';
import { LIMITS } from './limits.js';

const seminar = { title: '  Dialogseminar  ', date: '2009-10-22', language: 'nb', roles: [' Bruker ', 'Ansatt'], task: { title: 'Bedre tiltak' } };

/** Where each issue of a failed parse points, and its code: what the forms put under a field. */
const issues = (r: ReturnType<typeof safeParse>) => (r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code]));

describe("the facilitator's forms' rules", () => {
  it('trims a new seminar and fills in what may be left out', () => {
    const r = safeParse(SeminarCreateBody, seminar);
    expect(r.success && r.data).toEqual({ title: 'Dialogseminar', subtitle: '', date: '2009-10-22', venue: '', language: 'nb', roles: ['Bruker', 'Ansatt'], task: { title: 'Bedre tiltak', questions: [] } });
  });

  it('names each field that is wrong, for the form to say so under it', () => {
    const r = safeParse(SeminarCreateBody, {
      ...seminar,
      title: '   ',
      date: '22.10.2009',
      roles: Array.from({ length: LIMITS.rolesPerSeminar + 1 }, () => 'Bruker'),
      task: { title: 'Bedre tiltak', questions: ['Hva?'], extra: 1 },
    });
    expect(issues(r)).toEqual(expect.arrayContaining([
      ['title', 'too_small'],
      ['date', 'invalid_format'],
      ['roles', 'too_big'],
      ['task', 'unrecognized_keys'],
    ]));
    expect(issues(safeParse(SeminarCreateBody, { ...seminar, roles: [] }))).toEqual([['roles', 'too_small']]);
    expect(issues(safeParse(SeminarCreateBody, { ...seminar, roles: ['Bruker', 'x'.repeat(LIMITS.roleLength + 1)] }))).toEqual([['roles.1', 'too_big']]);
  });

  it('holds a new password to the length rule, but lets any password be tried at sign-in', () => {
    const short = { name: 'Erik', password: 'x'.repeat(LIMITS.passwordMinLength - 1) };
    expect(issues(safeParse(AccountBody, short))).toEqual([['password', 'too_small']]);
    expect(safeParse(AccountBody, { ...short, password: 'hemmelig-passord' }).success).toBe(true);
    // A password the rules would never accept is simply a wrong one: the server says so, not "invalid".
    expect(safeParse(SignInBody, short).success).toBe(true);
    expect(issues(safeParse(SignInBody, { name: ' ', password: '' }))).toEqual([['name', 'too_small'], ['password', 'too_small']]);
  });
});
