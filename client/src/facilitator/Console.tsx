import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../api.js';
import { useShallow } from 'zustand/react/shallow';
import { NO_GROUP, PHASES, formatJoinCode } from '@tavla/shared';
import { useSeminar, useSeminarConnection } from '../sync/useSeminar.js';
import type { SeminarConnection } from '../sync/store.js';
import { ConnectionStatus } from '../components/ConnectionStatus.js';
import { People } from './People.js';
import { groupLabel } from '../components/groupLabel.js';
import { Tasks } from './Tasks.js';
import { TimerControls } from './TimerControls.js';
import { AgendaEditor } from './AgendaEditor.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { TaskSettings } from '../day/TaskSettings.js';
import { PlenaryControls } from '../day/PlenaryControls.js';
import { ExpectationsAdmin } from '../day/ExpectationsAdmin.js';
import { SynthesisEditor } from '../day/SynthesisEditor.js';
import { ActionsEditor } from '../day/ActionsEditor.js';
import { SeminarDetails } from '../day/SeminarDetails.js';
import { CoFacilitators } from '../day/CoFacilitators.js';
import { Refused } from '../components/Refused.js';

/** Delete the seminar and all its data at once, after saying so plainly. */
function DeleteSeminar({ seminarId, title }: { seminarId: string; title: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="delete-heading" className="card danger-zone">
      <h2 id="delete-heading">{t('console.deleteTitle')}</h2>
      <p>{t('console.deleteHint')}</p>
      {confirming ? (
        <div role="group" aria-label={t('console.deleteConfirm', { title })}>
          <p><strong>{t('console.deleteConfirm', { title })}</strong></p>
          <button type="button" className="danger" onClick={() => void api('DELETE', `/api/seminars/${seminarId}`).then(() => navigate('/'), (err) => setError(errorText(err instanceof ApiError ? err.code : undefined)))}>
            {t('console.deleteYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} autoFocus>{t('write.cancel')}</button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('console.delete')}</button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

/** The facilitator's console: who is here, groups, the task's phase and progress (never content). */
export default function Console({ seminarId }: { seminarId: string }) {
  const conn = useSeminarConnection({ seminarId, who: 'facilitator' });
  if (!conn) return null;
  return <ConsoleView conn={conn} />;
}


function ConsoleView({ conn }: { conn: SeminarConnection }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, outbox, status, refusal, clockOffset } = useSeminar(conn, useShallow((s) => ({ state: s.state, outbox: s.outbox, status: s.status, refusal: s.refusal, clockOffset: s.clockOffset })));
  const send = conn.store.getState().send;
  useDocumentTitle(state.seminar?.title);
  if (status === 'refused') return <Refused refusal={refusal} />;
  const seminar = state.seminar;
  if (!seminar)
    return (
      <main className="page">
        <h1>{t('app.name')}</h1>
        <ConnectionStatus conn={conn} />
      </main>
    );
  const task = state.tasks.find((x) => x.id === state.currentTaskId);
  const phaseAt = task ? PHASES.indexOf(task.phase) : -1;
  const progress = task ? (state.progress[task.id] ?? {}) : {};
  const totals = Object.values(progress).reduce((a, p) => ({ notes: a.notes + p.notes, writers: a.writers + p.writers }), { notes: 0, writers: 0 });
  const failed = outbox.filter((p) => p.status === 'failed');
  const progressLine = (p: { notes: number; writers: number }) =>
    t('console.progressLine', { notes: t('console.notes', { count: p.notes }), writers: t('console.writers', { count: p.writers }) });

  return (
    <main className="page console">
      <p><Link href="/">{t('console.back')}</Link></p>
      <ConnectionStatus conn={conn} />
      <h1>{seminar.title}</h1>
      <p>{[seminar.subtitle, seminar.date, seminar.venue].filter(Boolean).join(' · ')}</p>
      <p className="join-line">
        {t('console.joinCode')}: <strong className="code">{formatJoinCode(seminar.joinCode)}</strong>{' '}
        <Link href={`/f/${seminar.id}/join`}>{t('console.showJoin')}</Link>
      </p>
      <nav aria-label={t('console.screens')} className="console-links">
        <Link href={`/f/${seminar.id}/plenary`}>{t('console.plenary')}</Link>{' · '}
        <Link href={`/f/${seminar.id}/report`}>{t('console.report')}</Link>
      </nav>

      {failed.length > 0 && (
        <ul className="failures" aria-live="polite">
          {failed.map((p) => (
            <li key={p.command.id} className="error">
              {t('console.failed', { reason: errorText(p.error?.code) })}{' '}
              <button type="button" onClick={() => conn.store.getState().dismiss(p.command.id)}>{t('console.dismiss')}</button>
            </li>
          ))}
        </ul>
      )}

      {task && (
        <section aria-labelledby="task-heading" className="card">
          <h2 id="task-heading">{t('console.task')}: {task.title}</h2>
          {task.questions.length > 0 && <ul>{task.questions.map((q) => <li key={q}>{q}</li>)}</ul>}
          <p aria-live="polite"><strong>{t('console.phase', { phase: t(`phases.${task.phase}`) })}</strong></p>
          <div className="row">
            <button type="button" disabled={phaseAt <= 0} onClick={() => send({ type: 'task.setPhase', payload: { taskId: task.id, phase: PHASES[phaseAt - 1]! } })}>{t('console.previous')}</button>
            <button type="button" className="primary" disabled={phaseAt >= PHASES.length - 1} onClick={() => send({ type: 'task.setPhase', payload: { taskId: task.id, phase: PHASES[phaseAt + 1]! } })}>{t('console.next')}</button>
          </div>
          <h3>{t('console.progress')}</h3>
          <p className="hint">{t('console.progressNote')}</p>
          <ul aria-live="polite">
            {Object.entries(progress).map(([groupId, p]) => (
              <li key={groupId}>{groupLabel(state, groupId === NO_GROUP ? null : groupId, t)}: {progressLine(p)}</li>
            ))}
            <li><strong>{t('console.total')}: {progressLine(totals)}</strong></li>
          </ul>
          <TaskSettings key={task.id} task={task} send={send} />
        </section>
      )}

      <TimerControls timer={state.timer} clockOffset={clockOffset} send={send} />
      <PlenaryControls state={state} task={task} send={send} />
      <ExpectationsAdmin state={state} send={send} />
      <SynthesisEditor state={state} send={send} />
      <ActionsEditor state={state} send={send} />
      <AgendaEditor state={state} send={send} />
      <Tasks state={state} send={send} />
      <People state={state} send={send} />
      <SeminarDetails state={state} send={send} />
      <CoFacilitators seminarId={seminar.id} />
      <DeleteSeminar seminarId={seminar.id} title={seminar.title} />
    </main>
  );
}
