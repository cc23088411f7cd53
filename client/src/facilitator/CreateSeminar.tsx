import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LANGUAGES, LIMITS, SeminarCreateBody, catalogues, type Language } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';

const today = () => new Date().toISOString().slice(0, 10);
const defaultRoles = (lang: Language) => [...catalogues[lang].create.defaultRoles];

/** A seminar with one task, ready in a minute. Roles default to the seminar language's. */
export function CreateSeminar() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [language, setLanguage] = useState<Language>('nb');
  const [title, setTitle] = useState('');
  const [subtitle, setSubtitle] = useState('');
  const [date, setDate] = useState(today());
  const [venue, setVenue] = useState('');
  const [roles, setRoles] = useState<string[]>(defaultRoles('nb'));
  const [rolesTouched, setRolesTouched] = useState(false);
  const [taskTitle, setTaskTitle] = useState('');
  const [questions, setQuestions] = useState('');
  const [error, setError] = useState<string | null>(null);

  const changeLanguage = (lang: Language) => {
    setLanguage(lang);
    if (!rolesTouched) setRoles(defaultRoles(lang));
  };
  const setRole = (i: number, value: string) => {
    setRolesTouched(true);
    setRoles(roles.map((r, j) => (j === i ? value : r)));
  };
  const submit = async () => {
    setError(null);
    const body = {
      title, subtitle, date, venue, language,
      roles: roles.map((r) => r.trim()).filter(Boolean),
      task: { title: taskTitle, questions: questions.split('\n').map((q) => q.trim()).filter(Boolean) },
    };
    const parsed = SeminarCreateBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(`${errorText('invalid')} (${issue?.path.join('.')})`);
    }
    try {
      const created = await api<{ id: string }>('POST', '/api/seminars', body);
      navigate(`/f/${created.id}`);
    } catch (err) {
      setError(errorText(err instanceof ApiError ? err.code : undefined));
    }
  };

  return (
    <section aria-labelledby="create-heading" className="card">
      <h2 id="create-heading">{t('create.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="seminar-title">{t('create.seminarTitle')}</label>
        <input id="seminar-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleLength} required />
        <label htmlFor="seminar-subtitle">{t('create.subtitle')} <span className="hint">{t('create.optional')}</span></label>
        <input id="seminar-subtitle" value={subtitle} onChange={(e) => setSubtitle(e.target.value)} maxLength={LIMITS.titleLength} />
        <div className="row">
          <div>
            <label htmlFor="seminar-date">{t('create.date')}</label>
            <input id="seminar-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="seminar-language">{t('create.language')}</label>
            <select id="seminar-language" value={language} onChange={(e) => changeLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => <option key={l} value={l}>{t(`languages.${l}`)}</option>)}
            </select>
          </div>
        </div>
        <label htmlFor="seminar-venue">{t('create.venue')}</label>
        <input id="seminar-venue" value={venue} onChange={(e) => setVenue(e.target.value)} maxLength={LIMITS.titleLength} />
        <fieldset>
          <legend>{t('create.roles')}</legend>
          <p className="hint">{t('create.rolesHint')}</p>
          {roles.map((r, i) => (
            <div className="row" key={i}>
              <label htmlFor={`role-${i}`} className="visually-hidden">{t('create.role', { n: i + 1 })}</label>
              <input id={`role-${i}`} value={r} onChange={(e) => setRole(i, e.target.value)} maxLength={LIMITS.roleLength} />
              {roles.length > 1 && (
                <button type="button" onClick={() => { setRolesTouched(true); setRoles(roles.filter((_, j) => j !== i)); }}>
                  {t('create.removeRole', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {roles.length < LIMITS.rolesPerSeminar && (
            <button type="button" onClick={() => { setRolesTouched(true); setRoles([...roles, '']); }}>{t('create.addRole')}</button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('create.task')}</legend>
          <label htmlFor="task-title">{t('create.taskTitle')}</label>
          <input id="task-title" value={taskTitle} onChange={(e) => setTaskTitle(e.target.value)} maxLength={LIMITS.titleLength} required />
          <label htmlFor="task-questions">{t('create.questions')}</label>
          <p id="questions-hint" className="hint">{t('create.questionsHint')}</p>
          <textarea id="task-questions" value={questions} onChange={(e) => setQuestions(e.target.value)} rows={4} aria-describedby="questions-hint" />
        </fieldset>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary">{t('create.submit')}</button>
      </form>
    </section>
  );
}
