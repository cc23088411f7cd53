import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '@tavla/shared';

/** The programme as a plain list: time, then what happens. */
export function AgendaList({ agenda, onRemove }: { agenda: AgendaItem[]; onRemove?: (itemId: string) => void }) {
  const { t } = useTranslation();
  if (!agenda.length) return onRemove ? <p className="hint">{t('agenda.none')}</p> : null;
  return (
    <ul className="agenda">
      {agenda.map((i) => (
        <li key={i.id}>
          <span className="agenda-time">{i.time}</span> <span>{i.label}</span>
          {onRemove && (
            <button type="button" onClick={() => onRemove(i.id)}>{t('agenda.remove', { label: i.label })}</button>
          )}
        </li>
      ))}
    </ul>
  );
}
