import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_NS } from './messages.js';

/** Give a cluster a heading: the theme appears on every device at the table. */
export function NewTheme({ onCreate }: { onCreate: (heading: string) => void }) {
  const { t } = useTranslation(BOARD_NS);
  const [heading, setHeading] = useState('');
  return (
    <form
      className="new-theme"
      onSubmit={(e) => {
        e.preventDefault();
        if (!heading.trim()) return;
        onCreate(heading.trim());
        setHeading('');
      }}
    >
      <label htmlFor="new-theme-heading">{t('newTheme.label')}</label>
      <input id="new-theme-heading" value={heading} maxLength={80} placeholder={t('newTheme.placeholder')} onChange={(e) => setHeading(e.target.value)} />
      <button type="submit">{t('newTheme.add')}</button>
    </form>
  );
}
