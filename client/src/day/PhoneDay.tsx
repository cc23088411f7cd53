import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, byOrder, dotsLeft, type SeminarState, type Task } from '@tavla/shared';
import type { SeminarConnection } from '../sync/store.js';
import { BoardView } from './BoardView.js';
import { groupLabel } from '../components/groupLabel.js';
import { ExpectationList } from './ExpectationList.js';
import { DAY_NS } from './messages.js';

/** The parts of the day a phone follows beyond writing notes: expectations, dots, plenary, synthesis. */
export default function PhoneDay({ conn, state, me, task }: { conn: SeminarConnection; state: SeminarState; me: string; task: Task | undefined }) {
  const { t } = useTranslation(DAY_NS);
  const groupId = state.participants[me]?.groupId ?? null;
  return (
    <>
      {state.expectationsOpen && <WriteExpectations conn={conn} state={state} />}
      {task?.locked && <p className="notice" role="status">{t('phone.locked')}</p>}
      {task?.phase === 'prioritise' && groupId && <Prioritise conn={conn} state={state} task={task} groupId={groupId} me={me} />}
      {task?.published && <Plenary state={state} task={task} groupId={groupId} />}
      {state.synthesis.length > 0 && (
        <section aria-labelledby="phone-synthesis">
          <h2 id="phone-synthesis">{t('synthesis.title')}</h2>
          <ul className="synthesis-list">
            {state.synthesis.map((x) => (
              <li key={x.id}>
                <strong>{x.heading}</strong>
                {x.text && <p>{x.text}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {state.expectationItems.length > 0 && (
        <section aria-labelledby="phone-expectations">
          <h2 id="phone-expectations">{t('phone.expectationsList')}</h2>
          <ExpectationList items={state.expectationItems} />
        </section>
      )}
    </>
  );
}

function WriteExpectations({ conn, state }: { conn: SeminarConnection; state: SeminarState }) {
  const { t } = useTranslation(DAY_NS);
  const [text, setText] = useState('');
  const send = conn.store.getState().send;
  const mine = Object.values(state.expectations);
  return (
    <section aria-labelledby="expect-heading" className="card">
      <h2 id="expect-heading">{t('expectations.phoneTitle')}</h2>
      <p id="expect-hint" className="hint">{t('expectations.phoneHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          send({ type: 'expectation.write', payload: { expectationId: crypto.randomUUID(), text: text.trim() } });
          setText('');
        }}
      >
        <label htmlFor="expect-text">{t('expectations.phoneLabel')}</label>
        <textarea id="expect-text" rows={2} value={text} maxLength={LIMITS.noteLength} aria-describedby="expect-hint" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary" disabled={!text.trim() || mine.length >= LIMITS.expectationsPerParticipant}>{t('expectations.phoneAdd')}</button>
      </form>
      {mine.length > 0 && (
        <>
          <h3>{t('expectations.phoneMine')}</h3>
          <ul>
            {mine.map((x) => (
              <li key={x.id}>
                {x.text}{' '}
                <button type="button" onClick={() => send({ type: 'expectation.delete', payload: { expectationId: x.id } })}>{t('expectations.phoneDelete', { text: x.text })}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Prioritise({ conn, state, task, groupId, me }: { conn: SeminarConnection; state: SeminarState; task: Task; groupId: string; me: string }) {
  const { t } = useTranslation(DAY_NS);
  const send = conn.store.getState().send;
  const themes = Object.values(state.themes).filter((x) => x.taskId === task.id && x.groupId === groupId).sort(byOrder);
  if (task.priority.kind === 'top')
    return (
      <section aria-labelledby="prio-heading">
        <h2 id="prio-heading">{t('phone.topTitle', { n: task.priority.n })}</h2>
        <p>{t('phone.topHint')}</p>
      </section>
    );
  if (task.priority.kind !== 'dots') return null;
  const k = task.priority.k;
  const myDots = Object.values(state.dots).filter((d) => d.taskId === task.id && d.participantId === me);
  const left = dotsLeft(state, task, me);
  return (
    <section aria-labelledby="prio-heading" className="card">
      <h2 id="prio-heading">{t('phone.dotsTitle')}</h2>
      <p className="hint">{t('phone.dotsHint')}</p>
      <p aria-live="polite"><strong>{t('phone.dotsLeft', { count: left, k })}</strong></p>
      {themes.length === 0 ? <p>{t('phone.noThemes')}</p> : (
        <ul className="dot-list">
          {themes.map((theme) => {
            const mine = myDots.filter((d) => d.themeId === theme.id);
            return (
              <li key={theme.id}>
                <span className="dot-theme">{theme.heading}</span>{' '}
                <span className="hint">{t('board.dots', { count: theme.dots })}{mine.length > 0 && ` · ${t('phone.mine', { count: mine.length })}`}</span>
                <div className="row">
                  <button type="button" disabled={left <= 0 || task.locked} onClick={() => send({ type: 'dot.place', payload: { dotId: crypto.randomUUID(), themeId: theme.id } })}>
                    {t('phone.place', { heading: theme.heading })}
                  </button>
                  {mine.length > 0 && (
                    <button type="button" disabled={task.locked} onClick={() => send({ type: 'dot.remove', payload: { dotId: mine[0]!.id } })}>
                      {t('phone.takeBack', { heading: theme.heading })}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** In plenary the phone follows the group on the big screen, and can look at any group's board. */
function Plenary({ state, task, groupId }: { state: SeminarState; task: Task; groupId: string | null }) {
  const { t } = useTranslation(DAY_NS);
  const { t: tc } = useTranslation();
  const [browsing, setBrowsing] = useState<string>('');
  const spot = state.spotlight?.taskId === task.id ? state.spotlight.groupId : null;
  const shown = browsing || spot || groupId;
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  return (
    <section aria-labelledby="plenary-heading">
      <h2 id="plenary-heading">{spot && !browsing ? t('phone.spotlight') : t('phone.browse')}</h2>
      {!spot && <p>{t('phone.noSpotlight')}</p>}
      <label htmlFor="browse-board">{t('board.choose')}</label>
      <select id="browse-board" value={browsing} onChange={(e) => setBrowsing(e.target.value)}>
        <option value="">{spot ? t('plenary.showing', { group: groupLabel(state, spot, tc) }) : '—'}</option>
        {groups.map((g) => <option key={g.id} value={g.id}>{groupLabel(state, g.id, tc)}</option>)}
      </select>
      {shown && (
        <div aria-live="polite">
          <h3>{t('board.groupBoard', { group: groupLabel(state, shown, tc) })}</h3>
          <BoardView state={state} taskId={task.id} groupId={shown} headingLevel={4} />
        </div>
      )}
    </section>
  );
}
