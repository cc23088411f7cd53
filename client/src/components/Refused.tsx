import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AppError } from '@tavla/shared';
import { useErrorText } from './LanguageSwitch.js';

/** A facilitator's screen the server would not open (signed out, deleted, not theirs): say why, and the way back. */
export function Refused({ refusal }: { refusal: AppError | null | undefined }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <main className="page">
      <h1>{t('status.refused')}</h1>
      <p className="error">{errorText(refusal?.code)}</p>
      <Link href="/">{t('console.back')}</Link>
    </main>
  );
}
