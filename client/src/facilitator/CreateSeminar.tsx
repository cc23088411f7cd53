import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LANGUAGES, LIMITS, SeminarCreateBody, catalogues, type Language } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { FieldError, describedBy, focusFirst, issueText, type FieldErrors } from './fieldErrors.js';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const defaultRoles = (lang: Language) => [...catalogues[lang].create.defaultRoles];
const asLanguage = (lng: string): Language => ((LANGUAGES as readonly string[]).includes(lng) ? (lng as Language) : 'nb');

/** Where focus goes for each field, in the order the form shows them. */
const FIELD_ORDER: [string, string][] = [
  ['title', 'seminar-title'],
  ['subtitle', 'seminar-subtitle'],
  ['date', 'seminar-date'],
  ['language', 'seminar-language'],
  ['venue', 'seminar-venue'],
  ['roles', 'role-0'],
  ['task.title', 'task-title'],
  ['task.questions', 'task-questions'],
];

/**
 * A seminar with one task, ready in a minute. The seminar's language starts as the screen's; the
 * roles start as that language's defaults until someone edits them.
 */
export function CreateSeminar() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [language, setLanguage] = useState<Language>(() => asLanguage(i18n.language));
  const [languageTouched, setLanguageTouched] = useState(false);
  const [title, setTitle] = useState('');
  const [subtitle, setSubtitle] = useState('');
  const [date, setDate] = useState(today);
  const [venue, setVenue] = useState('');
  const [roles, setRoles] = useState<string[]>(() => defaultRoles(asLanguage(i18n.language)));
  const [rolesTouched, setRolesTouched] = useState(false);
  const [taskTitle, setTaskTitle] = useState('');
  const [questions, setQuestions] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changeLanguage = (lang: Language) => {
    setLanguage(lang);
    if (!rolesTouched) setRoles(defaultRoles(lang));
  };
  // Until the facilitator picks a seminar language, it follows the screen's.
  useEffect(() => {
    if (!languageTouched) changeLanguage(asLanguage(i18n.language));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language]);

  const clear = (field: string) => {
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };
  const setRole = (i: number, value: string) => {
    setRolesTouched(true);
    clear('roles');
    setRoles(roles.map((r, j) => (j === i ? value : r)));
  };

  const submit = async () => {
    setError(null);
    // Empty role boxes are left out; remember where each kept role came from.
    const kept = roles.map((r, i) => [r.trim(), i] as const).filter(([r]) => r);
    const body = {
      title, subtitle, date, venue, language,
      roles: kept.map(([r]) => r),
      task: { title: taskTitle, questions: questions.split('\n').map((q) => q.trim()).filter(Boolean) },
    };
    const parsed = SeminarCreateBody.safeParse(body);
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const [head, second, third] = issue.path;
        let field = String(head);
        let text = issueText(issue, t);
        if (head === 'roles') {
          field = 'roles';
          if (second === undefined) text = issue.code === 'too_big' ? t('form.tooMany', { max: LIMITS.rolesPerSeminar }) : t('form.rolesMin');
          else text = `${t('create.role', { n: (kept[Number(second)]?.[1] ?? 0) + 1 })}: ${text}`;
        } else if (head === 'task') {
          field = `task.${String(second)}`;
          if (second === 'questions')
            text = third === undefined ? t('form.questionsTooMany', { max: LIMITS.questionsPerTask }) : t('form.questionTooLong', { max: LIMITS.textFieldLength });
        }
        found[field] ??= text;
      }
      setErrors(found);
      focusFirst(found, FIELD_ORDER);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await api<{ id: string }>('POST', '/api/seminars', body);
      navigate(`/f/${created.id}`);
    } catch (err) {
      setError(errorText(err instanceof ApiError ? err.code : undefined));
      setBusy(false);
    }
  };

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="create-heading" className="card">
      <h2 id="create-heading">{t('create.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <label htmlFor="seminar-title">{t('create.seminarTitle')}</label>
        <input id="seminar-title" value={title} onChange={(e) => { clear('title'); setTitle(e.target.value); }} maxLength={LIMITS.titleLength} required {...describedBy(errors, 'title', 'seminar-title-error')} />
        <FieldError id="seminar-title-error" errors={errors} field="title" />
        <label htmlFor="seminar-subtitle">{t('create.subtitle')} <span className="hint">{t('create.optional')}</span></label>
        <input id="seminar-subtitle" value={subtitle} onChange={(e) => { clear('subtitle'); setSubtitle(e.target.value); }} maxLength={LIMITS.titleLength} {...describedBy(errors, 'subtitle', 'seminar-subtitle-error')} />
        <FieldError id="seminar-subtitle-error" errors={errors} field="subtitle" />
        <div className="row">
          <div>
            <label htmlFor="seminar-date">{t('create.date')}</label>
            <input id="seminar-date" type="date" value={date} onChange={(e) => { clear('date'); setDate(e.target.value); }} required {...describedBy(errors, 'date', 'seminar-date-error')} />
            <FieldError id="seminar-date-error" errors={errors} field="date" />
          </div>
          <div>
            <label htmlFor="seminar-language">{t('create.language')}</label>
            <select id="seminar-language" value={language} onChange={(e) => { setLanguageTouched(true); changeLanguage(e.target.value as Language); }}>
              {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`languages.${l}`)}</option>)}
            </select>
          </div>
        </div>
        <label htmlFor="seminar-venue">{t('create.venue')}</label>
        <input id="seminar-venue" value={venue} onChange={(e) => { clear('venue'); setVenue(e.target.value); }} maxLength={LIMITS.titleLength} {...describedBy(errors, 'venue', 'seminar-venue-error')} />
        <FieldError id="seminar-venue-error" errors={errors} field="venue" />
        <fieldset aria-describedby={`roles-hint${errors.roles ? ' roles-error' : ''}`}>
          <legend>{t('create.roles')}</legend>
          <p id="roles-hint" className="hint">{t('create.rolesHint')}</p>
          {roles.map((r, i) => (
            <div className="row" key={i}>
              <label htmlFor={`role-${i}`} className="visually-hidden">{t('create.role', { n: i + 1 })}</label>
              <input id={`role-${i}`} value={r} onChange={(e) => setRole(i, e.target.value)} maxLength={LIMITS.roleLength} aria-invalid={errors.roles ? true : undefined} />
              {roles.length > 1 && (
                <button
                  type="button"
                  onClick={() => {
                    setRolesTouched(true);
                    setRoles(roles.filter((_, j) => j !== i));
                    // Focus stays in the list: on the role that took this one's place, or the one before.
                    requestAnimationFrame(() => document.getElementById(`role-${Math.min(i, roles.length - 2)}`)?.focus());
                  }}
                >
                  {t('create.removeRole', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <FieldError id="roles-error" errors={errors} field="roles" />
          {roles.length < LIMITS.rolesPerSeminar && (
            <button
              type="button"
              onClick={() => {
                setRolesTouched(true);
                setRoles([...roles, '']);
                requestAnimationFrame(() => document.getElementById(`role-${roles.length}`)?.focus());
              }}
            >
              {t('create.addRole')}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('create.task')}</legend>
          <label htmlFor="task-title">{t('create.taskTitle')}</label>
          <input id="task-title" value={taskTitle} onChange={(e) => { clear('task.title'); setTaskTitle(e.target.value); }} maxLength={LIMITS.titleLength} required {...describedBy(errors, 'task.title', 'task-title-error')} />
          <FieldError id="task-title-error" errors={errors} field="task.title" />
          <label htmlFor="task-questions">{t('create.questions')}</label>
          <p id="questions-hint" className="hint">{t('create.questionsHint')}</p>
          <textarea id="task-questions" value={questions} onChange={(e) => { clear('task.questions'); setQuestions(e.target.value); }} rows={4} {...describedBy(errors, 'task.questions', 'task-questions-error', 'questions-hint')} />
          <FieldError id="task-questions-error" errors={errors} field="task.questions" />
        </fieldset>
        {hasErrors && <p className="error" role="alert">{t('form.summary')}</p>}
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{t('create.submit')}</button>
      </form>
    </section>
  );
}
