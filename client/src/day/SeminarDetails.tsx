import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, attendance, type CommandBody, type SeminarState } from '@tavla/shared';
import { DAY_NS } from './messages.js';

type Send = (body: CommandBody) => string;
const FIELDS = ['title', 'subtitle', 'date', 'time', 'venue', 'organisers', 'method', 'trends'] as const;
type Field = (typeof FIELDS)[number];
const LONG: Partial<Record<Field, number>> = { organisers: LIMITS.textFieldLength, method: LIMITS.longTextLength, trends: LIMITS.longTextLength };

/** The seminar's details for screens and report, and attendance by role with people counted on paper. */
export function SeminarDetails({ state, send }: { state: SeminarState; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const seminar = state.seminar!;
  const [draft, setDraft] = useState<Record<Field, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, seminar[f]])) as Record<Field, string>);
  const [saved, setSaved] = useState(false);
  const counts = attendance(state);
  const labels: Record<Field, string> = {
    title: t('details.seminarTitle'), subtitle: t('details.subtitle'), date: t('details.date'), time: t('details.time'),
    venue: t('details.venue'), organisers: t('details.organisers'), method: t('details.method'), trends: t('details.trends'),
  };
  const changed = FIELDS.filter((f) => draft[f].trim() !== seminar[f]);
  return (
    <details className="card">
      <summary><h2 className="inline">{t('details.title')}</h2></summary>
      <p className="hint">{t('details.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!changed.length || !draft.title.trim()) return;
          send({ type: 'seminar.update', payload: Object.fromEntries(changed.map((f) => [f, draft[f].trim()])) });
          setSaved(true);
        }}
      >
        {FIELDS.map((f) => (
          <div key={f}>
            <label htmlFor={`details-${f}`}>{labels[f]}</label>
            {f === 'method' && <p id="details-method-hint" className="hint">{t('details.methodHint')}</p>}
            {LONG[f] ? (
              <textarea id={`details-${f}`} rows={f === 'organisers' ? 2 : 4} value={draft[f]} maxLength={LONG[f]} aria-describedby={f === 'method' ? 'details-method-hint' : undefined}
                onChange={(e) => { setSaved(false); setDraft({ ...draft, [f]: e.target.value }); }} />
            ) : (
              <input id={`details-${f}`} type={f === 'date' ? 'date' : 'text'} value={draft[f]} maxLength={LIMITS.titleLength} required={f === 'title' || f === 'date'}
                placeholder={f === 'time' ? t('details.timePlaceholder') : undefined} onChange={(e) => { setSaved(false); setDraft({ ...draft, [f]: e.target.value }); }} />
            )}
          </div>
        ))}
        <button type="submit" disabled={!changed.length}>{t('details.save')}</button>
        {saved && !changed.length && <span role="status"> {t('details.saved')}</span>}
      </form>
      <h3>{t('details.attendance')}</h3>
      <p className="hint">{t('details.attendanceHint')}</p>
      <table className="attendance">
        <thead>
          <tr><th scope="col">{t('details.role')}</th><th scope="col">{t('details.joined')}</th><th scope="col">{t('details.extra')}</th><th scope="col">{t('details.total')}</th></tr>
        </thead>
        <tbody>
          {seminar.roles.map((r) => {
            const extra = seminar.attendanceExtra[r.id] ?? 0;
            return (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                <td>{(counts[r.id] ?? 0) - extra}</td>
                <td>
                  <input type="number" min={0} max={LIMITS.attendanceExtraMax} defaultValue={extra} aria-label={t('details.extraLabel', { role: r.label })} className="narrow-number"
                    onBlur={(e) => {
                      const n = Math.max(0, Math.min(LIMITS.attendanceExtraMax, Math.floor(Number(e.target.value) || 0)));
                      if (n !== extra) send({ type: 'seminar.update', payload: { attendanceExtra: { [r.id]: n } } });
                    }} />
                </td>
                <td>{counts[r.id] ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
