import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';

/**
 * Bring in a seminar from a JSON file exported from Tavla (a backup, or one moved from another
 * server), or the ready-made demo seminar. The file travels as a JSON body, as every write does.
 */
export function ImportSeminar() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (route: string, body: unknown) => {
    setBusy(true);
    try {
      const created = await api<{ id: string }>('POST', route, body);
      navigate(`/f/${created.id}/report`);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : undefined;
      setError(code === 'invalid' && err instanceof ApiError ? t('importSeminar.refused', { reason: err.message }) : errorText(code));
      setBusy(false);
    }
  };
  const submit = async () => {
    setError(null);
    if (!file) return setError(t('form.required'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setError(t('importSeminar.notJson'));
    }
    await send('/api/seminars/import', parsed);
  };

  return (
    <section aria-labelledby="import-title" className="import-seminar">
      <h2 id="import-title">{t('importSeminar.title')}</h2>
      <p id="import-hint" className="hint">{t('importSeminar.hint')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <label htmlFor="import-file">{t('importSeminar.file')}</label>
        <input id="import-file" type="file" accept="application/json,.json" aria-describedby={error ? 'import-hint import-error' : 'import-hint'} onChange={(e) => { setError(null); setFile(e.target.files?.[0] ?? null); }} />
        {error && <p id="import-error" className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? t('importSeminar.busy') : t('importSeminar.submit')}</button>
      </form>
      <p>
        <button type="button" disabled={busy} onClick={() => void send('/api/seminars/demo', {})} aria-describedby="demo-hint">{t('importSeminar.demo')}</button>{' '}
        <span id="demo-hint" className="hint">{t('importSeminar.demoHint')}</span>
      </p>
    </section>
  );
}
