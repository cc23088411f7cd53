import type { TFunction } from 'i18next';
import type { FormIssue as Issue } from '@tavla/shared';

/** Field name → the message shown under that field. */
export type FieldErrors = Record<string, string>;

export type { Issue };

/** A zod issue about one text field, in words for the person filling in the form. */
export function issueText(issue: Issue, t: TFunction): string {
  if (issue.code === 'too_small') return t('form.required');
  if (issue.code === 'too_big') return t('form.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'invalid_format') return t('form.date');
  return t('error.invalid');
}

/** Props that tie an input to its hint and its error, for screen readers. */
export function describedBy(errors: FieldErrors, field: string, errorId: string, hintId?: string) {
  const ids = [hintId, errors[field] ? errorId : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** The message under a field, if it has one. */
export function FieldError({ id, errors, field }: { id: string; errors: FieldErrors; field: string }) {
  const text = errors[field];
  return text ? <p id={id} className="error field-error">{text}</p> : null;
}

/** Move focus to the first field (in form order) that has an error. */
export function focusFirst(errors: FieldErrors, order: [field: string, elementId: string][]): void {
  const first = order.find(([field]) => errors[field]);
  if (first) document.getElementById(first[1])?.focus();
}
