import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, OUTCOMES, unsortedExpectations, type CommandBody, type ExpectationItem, type SeminarState } from '@tavla/shared';
import { DAY_NS } from './messages.js';

type Send = (body: CommandBody) => string;

/**
 * The expectations round for facilitators: open and close it, turn what was written into a
 * numbered list (a new line, or merged into one that says the same), and mark each line at the end.
 */
export function ExpectationsAdmin({ state, send }: { state: SeminarState; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const [own, setOwn] = useState('');
  const waiting = unsortedExpectations(state);
  const items = state.expectationItems;
  return (
    <section aria-labelledby="expectations-heading" className="card">
      <h2 id="expectations-heading">{t('expectations.title')}</h2>
      {state.expectationsOpen && <p role="status">{t('expectations.isOpen')}</p>}
      <button type="button" onClick={() => send({ type: 'expectations.open', payload: { open: !state.expectationsOpen } })}>
        {state.expectationsOpen ? t('expectations.close') : t('expectations.open')}
      </button>
      <h3>{t('expectations.written')}</h3>
      {waiting.length === 0 ? <p>{t('expectations.noneWritten')}</p> : (
        <ul className="expectations-waiting">
          {waiting.map((x) => <Waiting key={x.id} id={x.id} text={x.text} items={items} send={send} />)}
        </ul>
      )}
      <h3>{t('expectations.list')}</h3>
      {items.length === 0 ? <p>{t('expectations.listEmpty')}</p> : (
        <ol className="expectation-admin">
          {items.map((item, i) => <Line key={item.id} item={item} n={i + 1} send={send} />)}
        </ol>
      )}
      {items.length < LIMITS.expectationItems && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!own.trim()) return;
            send({ type: 'expectationItem.add', payload: { itemId: crypto.randomUUID(), text: own.trim(), sources: [] } });
            setOwn('');
          }}
        >
          <div>
            <label htmlFor="expectation-own">{t('expectations.add')}</label>
            <input id="expectation-own" value={own} maxLength={LIMITS.noteLength} onChange={(e) => setOwn(e.target.value)} />
          </div>
          <div><button type="submit">{t('expectations.addButton')}</button></div>
        </form>
      )}
    </section>
  );
}

function Waiting({ id, text, items, send }: { id: string; text: string; items: ExpectationItem[]; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const [into, setInto] = useState(items[0]?.id ?? '');
  const target = items.find((i) => i.id === into) ?? items[0];
  return (
    <li>
      <span>{text}</span>{' '}
      <button type="button" onClick={() => send({ type: 'expectationItem.add', payload: { itemId: crypto.randomUUID(), text, sources: [id] } })}>{t('expectations.asNew')}</button>
      {items.length > 0 && (
        <>
          {' '}
          <label htmlFor={`merge-${id}`} className="visually-hidden">{t('expectations.mergeLabel', { text })}</label>
          <select id={`merge-${id}`} value={target?.id} onChange={(e) => setInto(e.target.value)}>
            {items.map((item, i) => <option key={item.id} value={item.id}>{`${i + 1}. ${item.text}`}</option>)}
          </select>{' '}
          <button type="button" onClick={() => target && send({ type: 'expectationItem.update', payload: { itemId: target.id, sources: [...target.sources, id] } })}>
            {t('expectations.merge')}
          </button>
        </>
      )}
    </li>
  );
}

function Line({ item, n, send }: { item: ExpectationItem; n: number; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const [text, setText] = useState(item.text);
  return (
    <li>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && text.trim() !== item.text) send({ type: 'expectationItem.update', payload: { itemId: item.id, text: text.trim() } });
        }}
      >
        <div>
          <label htmlFor={`line-${item.id}`} className="visually-hidden">{t('expectations.edit', { n })}</label>
          <input id={`line-${item.id}`} value={text} maxLength={LIMITS.noteLength} onChange={(e) => setText(e.target.value)} />
          {item.sources.length > 0 && <span className="hint"> {t('expectations.sources', { count: item.sources.length })}</span>}
        </div>
        <div>
          <button type="submit" disabled={!text.trim() || text.trim() === item.text}>{t('expectations.save')}</button>{' '}
          <button type="button" onClick={() => send({ type: 'expectationItem.remove', payload: { itemId: item.id } })}>{t('expectations.remove', { n })}</button>
        </div>
      </form>
      <fieldset className="outcome-choice">
        <legend>{t('expectations.outcome', { n })}</legend>
        {[...OUTCOMES, null].map((o) => (
          <label key={o ?? 'none'} className="inline-choice">
            <input type="radio" name={`outcome-${item.id}`} checked={item.outcome === o} onChange={() => send({ type: 'expectationItem.assess', payload: { itemId: item.id, outcome: o } })} />
            {o ? t(`expectations.${o}`) : t('expectations.notAssessed')}
          </label>
        ))}
      </fieldset>
    </li>
  );
}
