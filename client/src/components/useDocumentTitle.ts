import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Name the browser tab after the screen ("Bli med: Dialogseminar i Sandvika"), in the current language. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const text = title ? t('app.pageTitle', { title }) : t('app.name');
  useEffect(() => {
    document.title = text;
  }, [text]);
}
