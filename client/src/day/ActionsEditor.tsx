import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Action, type CommandBody, type SeminarState } from '@tavla/shared';
import { DAY_NS } from './messages.js';

type Send = (body: CommandBody) => string;
type Fields = Omit<Action, 'id'>;
const EMPTY: Fields = { what: '', who: '', when: '', synthesisId: null };
const TEXT_FIELDS = [['what', LIMITS.textFieldLength], ['who', LIMITS.titleLength], ['when', LIMITS.titleLength]] as const;

/** The concrete actions agreed on: what, who, by when, from which synthesis theme. */
export function ActionsEditor({ state, send }: { state: SeminarState; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const [editing, setEditing] = useState<string | null>(null);
  const themeOf = (id: string | null) => state.synthesis.find((x) => x.id === id)?.heading ?? '';
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">{t('actions.title')}</h2>
      {state.actions.length === 0 ? <p>{t('actions.none')}</p> : (
        <table className="actions-table">
          <thead>
            <tr><th scope="col">{t('actions.what')}</th><th scope="col">{t('actions.who')}</th><th scope="col">{t('actions.when')}</th><th scope="col">{t('actions.from')}</th><th scope="col"><span className="visually-hidden">{t('actions.edit')}</span></th></tr>
          </thead>
          <tbody>
            {state.actions.map((a) =>
              editing === a.id ? (
                <tr key={a.id}>
                  <td colSpan={5}>
                    <ActionForm idPrefix={`edit-${a.id}`} state={state} initial={a} submitLabel={t('actions.save')}
                      onSubmit={(f) => { send({ type: 'action.update', payload: { actionId: a.id, ...f } }); setEditing(null); }}
                      onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={a.id}>
                  <td>{a.what}</td><td>{a.who}</td><td>{a.when}</td><td>{themeOf(a.synthesisId)}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(a.id)}>{t('actions.edit')}</button>{' '}
                    <button type="button" aria-label={t('actions.remove', { what: a.what })} onClick={() => send({ type: 'action.remove', payload: { actionId: a.id } })}>✕</button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {state.actions.length < LIMITS.actions && (
        <ActionForm idPrefix="new-action" state={state} initial={EMPTY} submitLabel={t('actions.add')} resetAfter
          onSubmit={(f) => send({ type: 'action.add', payload: { actionId: crypto.randomUUID(), ...f } })} />
      )}
    </section>
  );
}

function ActionForm({ idPrefix, state, initial, submitLabel, onSubmit, onCancel, resetAfter }: {
  idPrefix: string; state: SeminarState; initial: Fields; submitLabel: string; onSubmit: (f: Fields) => void; onCancel?: () => void; resetAfter?: boolean;
}) {
  const { t } = useTranslation(DAY_NS);
  const [f, setF] = useState<Fields>(initial);
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!f.what.trim()) return;
        onSubmit({ what: f.what.trim(), who: f.who.trim(), when: f.when.trim(), synthesisId: f.synthesisId });
        if (resetAfter) setF(EMPTY);
      }}
    >
      <div className="row">
        {TEXT_FIELDS.map(([key, maxLength]) => (
          <div key={key}>
            <label htmlFor={`${idPrefix}-${key}`}>{t(`actions.${key}`)}</label>
            <input id={`${idPrefix}-${key}`} value={f[key]} maxLength={maxLength} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
          </div>
        ))}
        <div>
          <label htmlFor={`${idPrefix}-theme`}>{t('actions.from')}</label>
          <select id={`${idPrefix}-theme`} value={f.synthesisId ?? ''} onChange={(e) => setF({ ...f, synthesisId: e.target.value || null })}>
            <option value="">{t('actions.noTheme')}</option>
            {state.synthesis.map((x) => <option key={x.id} value={x.id}>{x.heading}</option>)}
          </select>
        </div>
      </div>
      <button type="submit" disabled={!f.what.trim()}>{submitLabel}</button>
      {onCancel && <button type="button" onClick={onCancel}>{t('actions.cancel')}</button>}
    </form>
  );
}
