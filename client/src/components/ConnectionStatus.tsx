import { useTranslation } from 'react-i18next';
import type { SeminarConnection } from '../sync/store.js';
import { useSeminar } from '../sync/useSeminar.js';

/** Where the connection stands, in words, announced politely when it changes. */
export function ConnectionStatus({ conn }: { conn: SeminarConnection }) {
  const { t } = useTranslation();
  const status = useSeminar(conn, (s) => s.status);
  return (
    <p className={`connection ${status}`} role="status" aria-live="polite">
      {t(`status.${status}`)}
    </p>
  );
}
