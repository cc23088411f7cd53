import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { AccountBody, LIMITS } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { CreateSeminar } from './CreateSeminar.js';
import { ImportSeminar } from './ImportSeminar.js';
import { FieldError, describedBy, focusFirst, issueText, type FieldErrors } from './fieldErrors.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

interface AuthState {
  needsSetup: boolean;
  facilitator: { id: string; name: string } | null;
}

/** The facilitator's start: first-run setup, sign-in, or their seminars and a new one. */
export default function Home() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => api<AuthState>('GET', '/api/auth/state').then(setAuth, (err) => setError(errorText(err instanceof ApiError ? err.code : undefined)));
  useEffect(() => void refresh(), []); // eslint-disable-line react-hooks/exhaustive-deps
  useDocumentTitle(!auth ? null : auth.facilitator ? t('home.title') : auth.needsSetup ? t('auth.setupTitle') : t('auth.loginTitle'));

  if (error)
    return (
      <main className="page">
        <h1>{t('app.name')}</h1>
        <p className="error" role="alert">{error}</p>
      </main>
    );
  if (!auth) return null;
  if (!auth.facilitator) return <Account setup={auth.needsSetup} onDone={refresh} />;
  return (
    <main className="page">
      <header className="page-header">
        <p>{t('auth.signedInAs', { name: auth.facilitator.name })}</p>
        <button type="button" onClick={() => void api('POST', '/api/auth/logout', {}).then(refresh)}>{t('auth.logout')}</button>
      </header>
      <h1>{t('home.title')}</h1>
      <SeminarList />
      <CreateSeminar />
      <ImportSeminar />
    </main>
  );
}

function Account({ setup, onDone }: { setup: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clear = (field: string) => {
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  /** The account rules from shared; signing in only asks that both fields are filled in. */
  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (setup) {
      const parsed = AccountBody.safeParse({ name, password });
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const field = String(issue.path[0]);
        found[field] ??= field === 'password' && issue.code === 'too_small' ? t('form.passwordShort', { min: LIMITS.passwordMinLength }) : issueText(issue, t);
      }
      if (!found.password && password !== confirm) found.confirm = t('auth.mismatch');
    } else {
      if (!name.trim()) found.name = t('form.required');
      if (!password) found.password = t('form.required');
    }
    return found;
  };

  const submit = async () => {
    setError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found, [['name', 'account-name'], ['password', 'account-password'], ['confirm', 'account-confirm']]);
    setBusy(true);
    try {
      await api('POST', setup ? '/api/auth/setup' : '/api/auth/login', { name, password });
      onDone();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : undefined;
      // A wrong password and one the rules would never accept get the same answer.
      setError(!setup && (code === 'unauthenticated' || code === 'invalid') ? t('auth.wrong') : errorText(code));
      setBusy(false);
    }
  };
  return (
    <main className="page narrow">
      <h1>{setup ? t('auth.setupTitle') : t('auth.loginTitle')}</h1>
      {setup && <p>{t('auth.setupIntro')}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <label htmlFor="account-name">{t('auth.name')}</label>
        <input id="account-name" value={name} onChange={(e) => { clear('name'); setName(e.target.value); }} autoComplete="username" maxLength={LIMITS.displayNameLength} required autoFocus {...describedBy(errors, 'name', 'account-name-error')} />
        <FieldError id="account-name-error" errors={errors} field="name" />
        <label htmlFor="account-password">{t('auth.password')}</label>
        {setup && <p id="password-hint" className="hint">{t('auth.passwordHint', { min: LIMITS.passwordMinLength })}</p>}
        <input
          id="account-password"
          type="password"
          value={password}
          onChange={(e) => { clear('password'); setPassword(e.target.value); }}
          autoComplete={setup ? 'new-password' : 'current-password'}
          minLength={setup ? LIMITS.passwordMinLength : undefined}
          required
          {...describedBy(errors, 'password', 'account-password-error', setup ? 'password-hint' : undefined)}
        />
        <FieldError id="account-password-error" errors={errors} field="password" />
        {setup && (
          <>
            <label htmlFor="account-confirm">{t('auth.confirm')}</label>
            <input id="account-confirm" type="password" value={confirm} onChange={(e) => { clear('confirm'); setConfirm(e.target.value); }} autoComplete="new-password" required {...describedBy(errors, 'confirm', 'account-confirm-error')} />
            <FieldError id="account-confirm-error" errors={errors} field="confirm" />
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{setup ? t('auth.create') : t('auth.login')}</button>
      </form>
    </main>
  );
}

interface SeminarRow { id: string; title: string; date: string; joinCode: string; participants: number }

function SeminarList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [rows, setRows] = useState<SeminarRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api<{ seminars: SeminarRow[] }>('GET', '/api/seminars').then((r) => setRows(r.seminars), (err) => setError(errorText(err instanceof ApiError ? err.code : undefined))), []); // eslint-disable-line react-hooks/exhaustive-deps
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!rows) return null;
  if (!rows.length) return <p>{t('home.none')}</p>;
  return (
    <ul className="seminar-list">
      {rows.map((s) => (
        <li key={s.id}>
          <Link href={`/f/${s.id}`}>{s.title}</Link> — {s.date} · {t('home.participants', { count: s.participants })} · {t('home.code', { code: s.joinCode })}
        </li>
      ))}
    </ul>
  );
}
