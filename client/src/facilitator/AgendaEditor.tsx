import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CommandBody, type SeminarState } from '@tavla/shared';
import { AgendaList } from '../components/AgendaList.js';

/** The day's programme: time slots with a label, shown on the projector and every phone. */
export function AgendaEditor({ state, send }: { state: SeminarState; send: (body: CommandBody) => string }) {
  const { t } = useTranslation();
  const [time, setTime] = useState('');
  const [label, setLabel] = useState('');
  return (
    <section aria-labelledby="agenda-heading" className="card">
      <h2 id="agenda-heading">{t('agenda.title')}</h2>
      <AgendaList agenda={state.agenda} onRemove={(itemId) => send({ type: 'agenda.remove', payload: { itemId } })} />
      {state.agenda.length < LIMITS.agendaItems && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            send({ type: 'agenda.add', payload: { itemId: crypto.randomUUID(), time: time.trim(), label: label.trim() } });
            setTime('');
            setLabel('');
          }}
        >
          <div>
            <label htmlFor="agenda-time">{t('agenda.time')}</label>
            <input id="agenda-time" value={time} maxLength={LIMITS.agendaTimeLength} placeholder={t('agenda.timePlaceholder')} onChange={(e) => setTime(e.target.value)} />
          </div>
          <div>
            <label htmlFor="agenda-label">{t('agenda.label')}</label>
            <input id="agenda-label" value={label} maxLength={LIMITS.titleLength} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <button type="submit">{t('agenda.add')}</button>
        </form>
      )}
    </section>
  );
}
