import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '@tavla/shared';
import { chooseLanguage } from '../i18n.js';

/** Every screen can switch language; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switch" aria-label={t('app.language')}>
      <label>
        <span className="visually-hidden">{t('app.language')}</span>
        <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value as UiLanguage)}>
          {UI_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>{t(`languages.${l}`)}</option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** A server error in words the person reads. */
export function useErrorText() {
  const { t } = useTranslation();
  return (code: string | undefined) => t(`error.${code ?? 'server_error'}`, { defaultValue: t('error.server_error') });
}
