import { useTranslation } from 'react-i18next';
import type { ExpectationItem } from '@tavla/shared';
import { DAY_NS } from './messages.js';

/** The room's expectations as a numbered list, each with its outcome once assessed. */
export function ExpectationList({ items }: { items: ExpectationItem[] }) {
  const { t } = useTranslation(DAY_NS);
  return (
    <ol className="expectation-list">
      {items.map((item) => (
        <li key={item.id}>
          {item.text}
          {item.outcome && <strong className={`outcome ${item.outcome}`}> — {t(`expectations.${item.outcome}`)}</strong>}
        </li>
      ))}
    </ol>
  );
}
