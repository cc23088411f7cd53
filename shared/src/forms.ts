/**
 * The bodies of the requests a facilitator's forms send (first account, sign-in, a co-facilitator,
 * a new seminar):
 * the server validates them, and the forms check them with the same rules before sending, so a
 * person sees what to fix under the field, in their language.
 *
 * Written with `zod/mini`, not the `zod` the protocol uses: the forms load these on the
 * facilitator's first screen, and mini's functions tree-shake (≈ 6 kB gzip for these schemas,
 * against ≈ 25 kB for zod whole). Same parser, same issues, same error format.
 */
import * as z from 'zod/mini';
import { LIMITS } from './limits.js';
import { LANGUAGES } from './model.js';

const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalTrimmed = (max: number) => z._default(z.string().check(z.trim(), z.maxLength(max)), '');

/** Longer than any password a person types; a bound on what the server hashes. */
const PASSWORD_MAX = 200;
const name = trimmed(LIMITS.displayNameLength);
/** The rules a new password must meet. */
const newPassword = z.string().check(z.minLength(LIMITS.passwordMinLength), z.maxLength(PASSWORD_MAX));

/** The first account, made on first run. */
export const AccountBody = z.strictObject({ name, password: newPassword });
/** Signing in: both filled in; a password the rules would never accept is just a wrong one. */
export const SignInBody = z.strictObject({ name, password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX)) });
/**
 * Another facilitator to run a seminar too: an existing account by its name, or a new account
 * when a first password is given (the new facilitator signs in with it).
 */
export const CoFacilitatorBody = z.strictObject({ name, password: z.optional(newPassword) });
export const SeminarCreateBody = z.strictObject({
  title: trimmed(LIMITS.titleLength),
  subtitle: optionalTrimmed(LIMITS.titleLength),
  date: z.iso.date(),
  venue: optionalTrimmed(LIMITS.titleLength),
  language: z.enum(LANGUAGES),
  roles: z.array(trimmed(LIMITS.roleLength)).check(z.minLength(1), z.maxLength(LIMITS.rolesPerSeminar)),
  task: z.strictObject({
    title: trimmed(LIMITS.titleLength),
    questions: z._default(z.array(trimmed(LIMITS.textFieldLength)).check(z.maxLength(LIMITS.questionsPerTask)), []),
  }),
});
export type SeminarCreateBody = z.input<typeof SeminarCreateBody>;

/** One thing wrong with a form's body: a field's path, and a code the form puts in words. */
export type FormIssue = z.core.$ZodIssue;
