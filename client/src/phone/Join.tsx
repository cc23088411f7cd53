import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LIMITS, formatJoinCode, normaliseJoinCode, type JoinReply, type SeminarPreview } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { loadIdentity, saveIdentity } from '../sync/identity.js';
import { followSeminarLanguage } from '../i18n.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

/** From the QR code or a typed code to a name and a role, in a few taps. */
export function JoinScreen({ code: fromUrl }: { code?: string | undefined }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const [code, setCode] = useState(fromUrl ? normaliseJoinCode(fromUrl) : '');
  const [preview, setPreview] = useState<SeminarPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (typed: string) => {
    setError(null);
    setBusy(true);
    try {
      const p = await api<SeminarPreview>('GET', `/api/join/${encodeURIComponent(normaliseJoinCode(typed))}`);
      if (loadIdentity(p.seminarId)) return navigate(`/s/${p.seminarId}`, { replace: true });
      followSeminarLanguage(p.language);
      setPreview(p);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'not_found' ? t('join.noSuchCode') : errorText(err instanceof ApiError ? err.code : undefined));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (fromUrl) void lookUp(fromUrl);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromUrl]);

  useDocumentTitle(preview ? t('joinScreen.pageTitle', { title: preview.title }) : t('join.title'));
  return (
    <main className="phone narrow">
      <h1>{preview ? preview.title : t('join.title')}</h1>
      {!preview ? (
        <form onSubmit={(e) => { e.preventDefault(); void lookUp(code); }} noValidate>
          <label htmlFor="join-code">{t('join.code')}</label>
          <p id="join-code-hint" className="hint">{t('join.codeHint')}</p>
          <input
            id="join-code"
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            autoCapitalize="characters"
            inputMode="text"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={12}
            autoFocus
            aria-describedby={`join-code-hint${error ? ' join-error' : ''}`}
            aria-invalid={!!error}
          />
          {error && <p id="join-error" className="error" role="alert">{error}</p>}
          <button type="submit" className="primary" disabled={busy || normaliseJoinCode(code).length < 4}>{t('join.next')}</button>
        </form>
      ) : (
        <JoinForm preview={preview} code={formatJoinCode(normaliseJoinCode(code))} onJoined={(id) => navigate(`/s/${id}`)} />
      )}
    </main>
  );
}

function JoinForm({ preview, code, onJoined }: { preview: SeminarPreview; code: string; onJoined: (seminarId: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const reply = await api<JoinReply>('POST', '/api/join', { code, name, roleId });
      saveIdentity(reply.seminarId, { participantId: reply.participantId, token: reply.token });
      onJoined(reply.seminarId);
    } catch (err) {
      setError(errorText(err instanceof ApiError ? err.code : undefined));
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label htmlFor="join-name">{t('join.name')}</label>
      <p id="join-name-hint" className="hint">{t('join.nameHint')}</p>
      <input id="join-name" ref={nameRef} value={name} maxLength={LIMITS.displayNameLength} autoComplete="given-name" aria-describedby="join-name-hint" onChange={(e) => setName(e.target.value)} required />
      <fieldset>
        <legend>{t('join.role')}</legend>
        {preview.roles.map((r) => (
          <label key={r.id} className="choice">
            <input type="radio" name="role" value={r.id} checked={roleId === r.id} onChange={() => setRoleId(r.id)} required /> {r.label}
          </label>
        ))}
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={busy || !name.trim() || !roleId}>{t('join.join')}</button>
    </form>
  );
}
