import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LIMITS } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { CreateSeminar } from './CreateSeminar.js';

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

  if (error) return <main className="page"><p className="error" role="alert">{error}</p></main>;
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
    </main>
  );
}

function Account({ setup, onDone }: { setup: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    if (setup && password !== confirm) return setError(t('auth.mismatch'));
    try {
      await api('POST', setup ? '/api/auth/setup' : '/api/auth/login', { name, password });
      onDone();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : undefined;
      setError(code === 'unauthenticated' ? t('auth.wrong') : errorText(code));
    }
  };
  return (
    <main className="page narrow">
      <h1>{setup ? t('auth.setupTitle') : t('auth.loginTitle')}</h1>
      {setup && <p>{t('auth.setupIntro')}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="account-name">{t('auth.name')}</label>
        <input id="account-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" maxLength={LIMITS.displayNameLength} required autoFocus />
        <label htmlFor="account-password">{t('auth.password')}</label>
        {setup && <p id="password-hint" className="hint">{t('auth.passwordHint', { min: LIMITS.passwordMinLength })}</p>}
        <input id="account-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={setup ? 'new-password' : 'current-password'} minLength={setup ? LIMITS.passwordMinLength : 1} aria-describedby={setup ? 'password-hint' : undefined} required />
        {setup && (
          <>
            <label htmlFor="account-confirm">{t('auth.confirm')}</label>
            <input id="account-confirm" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required />
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary">{setup ? t('auth.create') : t('auth.login')}</button>
      </form>
    </main>
  );
}

interface SeminarRow { id: string; title: string; date: string; joinCode: string; participants: number }

function SeminarList() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<SeminarRow[] | null>(null);
  useEffect(() => void api<{ seminars: SeminarRow[] }>('GET', '/api/seminars').then((r) => setRows(r.seminars), () => setRows([])), []);
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
