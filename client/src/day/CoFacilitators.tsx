import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { DAY_NS } from './messages.js';

interface Row { name: string; owner: boolean }

/** The facilitators who run this seminar, and adding another (an existing account, or a new one). */
export function CoFacilitators({ seminarId }: { seminarId: string }) {
  const { t } = useTranslation(DAY_NS);
  const errorText = useErrorText();
  const [rows, setRows] = useState<Row[]>([]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => void api<{ facilitators: Row[] }>('GET', `/api/seminars/${seminarId}/facilitators`).then((r) => setRows(r.facilitators), () => {}), [seminarId]);
  return (
    <details className="card">
      <summary><h2 className="inline">{t('cofac.title')}</h2></summary>
      <p className="hint">{t('cofac.hint')}</p>
      <ul>{rows.map((r) => <li key={r.name}>{r.name} {r.owner && <span className="hint">{t('cofac.owner')}</span>}</li>)}</ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          setMessage(null);
          api<{ facilitators: Row[] }>('POST', `/api/seminars/${seminarId}/facilitators`, { name: name.trim(), ...(password ? { password } : {}) }).then(
            (r) => { setRows(r.facilitators); setMessage({ ok: true, text: t('cofac.added', { name: name.trim() }) }); setName(''); setPassword(''); },
            (err) => {
              const code = err instanceof ApiError ? err.code : undefined;
              setMessage({ ok: false, text: code === 'not_found' ? t('cofac.noAccount') : code === 'conflict' ? t('cofac.exists') : errorText(code) });
            },
          );
        }}
      >
        <label htmlFor="cofac-name">{t('cofac.name')}</label>
        <input id="cofac-name" value={name} maxLength={LIMITS.displayNameLength} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        <label htmlFor="cofac-password">{t('cofac.password')}</label>
        <p id="cofac-password-hint" className="hint">{t('cofac.passwordHint')}</p>
        <input id="cofac-password" type="password" value={password} autoComplete="new-password" minLength={LIMITS.passwordMinLength} aria-describedby="cofac-password-hint" onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>{t('cofac.add')}</button>
        {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>{message.text}</p>}
      </form>
    </details>
  );
}
