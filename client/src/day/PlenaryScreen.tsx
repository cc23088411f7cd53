import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatJoinCode } from '@tavla/shared';
import { useSeminar, useSeminarConnection } from '../sync/useSeminar.js';
import type { SeminarConnection } from '../sync/store.js';
import { TimerView } from '../components/TimerView.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { BoardView } from './BoardView.js';
import { groupLabel } from '../components/groupLabel.js';
import { ExpectationList } from './ExpectationList.js';
import { DAY_NS } from './messages.js';
import { Refused } from '../components/Refused.js';

type View = 'board' | 'synthesis' | 'expectations';

/**
 * The projector in plenary: large type, high contrast. It shows the group the facilitator
 * spotlights, the synthesis as it grows, or the expectations; the join code is one click away.
 */
export default function PlenaryScreen({ seminarId }: { seminarId: string }) {
  const conn = useSeminarConnection({ seminarId, who: 'facilitator' });
  return conn ? <Plenary conn={conn} /> : null;
}

function Plenary({ conn }: { conn: SeminarConnection }) {
  const { t } = useTranslation(DAY_NS);
  const { t: tc } = useTranslation();
  const { state, clockOffset, status, refusal } = useSeminar(conn, useShallow((s) => ({ state: s.state, clockOffset: s.clockOffset, status: s.status, refusal: s.refusal })));
  const task = state.tasks.find((x) => x.id === state.currentTaskId);
  const [chosen, setChosen] = useState<View | null>(null);
  const [showCode, setShowCode] = useState(false);
  useDocumentTitle(state.seminar ? t('projector.title', { title: state.seminar.title }) : null);
  if (status === 'refused') return <Refused refusal={refusal} />;
  const seminar = state.seminar;
  if (!seminar) return null;
  const view: View = chosen ?? (task?.phase === 'synthesise' ? 'synthesis' : 'board');
  const spot = state.spotlight;
  const spotTask = spot ? state.tasks.find((x) => x.id === spot.taskId) : undefined;
  const views: View[] = ['board', 'synthesis', 'expectations'];
  return (
    <main className="projector plenary">
      <header className="plenary-bar">
        <p className="plenary-title">{seminar.title}{task && ` · ${task.title}`}</p>
        <nav aria-label={t('plenary.views')} className="plenary-nav">
          {views.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setChosen(v)}>{t(`plenary.${v}`)}</button>
          ))}
          <button type="button" aria-expanded={showCode} aria-controls="plenary-code" onClick={() => setShowCode(!showCode)}>
            {showCode ? t('plenary.hideCode') : t('plenary.codeButton')}
          </button>
        </nav>
        <TimerView timer={state.timer} clockOffset={clockOffset} large />
      </header>
      {showCode && (
        <section id="plenary-code" className="plenary-code" aria-label={t('plenary.join')}>
          <p className="projector-code">
            <span aria-hidden="true">{formatJoinCode(seminar.joinCode)}</span>
            <span className="visually-hidden">{seminar.joinCode.split('').join(' ')}</span>
          </p>
          <img className="projector-qr" src={`/api/seminars/${seminar.id}/qr.svg`} alt={tc('joinScreen.qr', { url: `/j/${seminar.joinCode}` })} width={240} height={240} />
        </section>
      )}
      {view === 'board' && (
        spot && spotTask ? (
          <section aria-labelledby="plenary-board" aria-live="polite">
            <h1 id="plenary-board">{t('board.groupBoard', { group: groupLabel(state, spot.groupId, tc) })}</h1>
            <p className="plenary-sub">{spotTask.title}</p>
            <BoardView state={state} taskId={spotTask.id} groupId={spot.groupId} headingLevel={2} />
          </section>
        ) : (
          <section aria-labelledby="plenary-board">
            <h1 id="plenary-board">{task?.title ?? seminar.title}</h1>
            <p>{t('plenary.nothing')}</p>
          </section>
        )
      )}
      {view === 'synthesis' && (
        <section aria-labelledby="plenary-synthesis">
          <h1 id="plenary-synthesis">{t('synthesis.title')}</h1>
          {state.synthesis.length === 0 ? <p>{t('synthesis.none')}</p> : (
            <div className="plenary-synthesis">
              {state.synthesis.map((x) => (
                <section key={x.id} aria-label={x.heading} className="board-view-theme">
                  <h2>{x.heading}</h2>
                  {x.text && <p>{x.text}</p>}
                  <ul>{x.links.map((l) => <li key={l.id}>{t('synthesis.fromGroup', { group: groupLabel(state, l.groupId, tc), text: l.text })}</li>)}</ul>
                </section>
              ))}
            </div>
          )}
        </section>
      )}
      {view === 'expectations' && (
        <section aria-labelledby="plenary-expectations">
          <h1 id="plenary-expectations">{t('expectations.title')}</h1>
          {state.expectationItems.length === 0 ? <p>{t('expectations.listEmpty')}</p> : <ExpectationList items={state.expectationItems} />}
        </section>
      )}
    </main>
  );
}
