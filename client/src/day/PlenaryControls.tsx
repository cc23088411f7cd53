import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CommandBody, SeminarState, Task } from '@tavla/shared';
import { BoardView } from './BoardView.js';
import { groupLabel } from '../components/groupLabel.js';
import { DAY_NS } from './messages.js';

/** Which group's board is on the projector (and on every phone) while the groups present. */
export function PlenaryControls({ state, task, send }: { state: SeminarState; task: Task | undefined; send: (body: CommandBody) => string }) {
  const { t } = useTranslation(DAY_NS);
  const { t: tc } = useTranslation();
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  const spot = state.spotlight;
  return (
    <section aria-labelledby="plenary-heading" className="card">
      <h2 id="plenary-heading">{t('plenary.title')}</h2>
      <p><Link href={`/f/${state.seminar!.id}/plenary`}>{t('plenary.open')}</Link></p>
      {!task?.published ? <p className="hint">{t('plenary.notYet')}</p> : (
        <>
          <p className="hint">{t('plenary.hint')}</p>
          <p aria-live="polite"><strong>{spot && spot.taskId === task.id ? t('plenary.showing', { group: groupLabel(state, spot.groupId, tc) }) : t('plenary.nothing')}</strong></p>
          <div className="row" role="group" aria-label={t('plenary.title')}>
            {groups.map((g) => (
              <button key={g.id} type="button" aria-pressed={spot?.taskId === task.id && spot.groupId === g.id}
                onClick={() => send({ type: 'plenary.spotlight', payload: { taskId: task.id, groupId: g.id } })}>
                {t('plenary.spotlight', { group: groupLabel(state, g.id, tc) })}
              </button>
            ))}
            <button type="button" disabled={!spot} onClick={() => send({ type: 'plenary.spotlight', payload: { taskId: task.id, groupId: null } })}>{t('plenary.off')}</button>
          </div>
          {/* What the room sees, plus what only facilitators see: dots by role, where no count points at a person. */}
          {spot && spot.taskId === task.id && (
            <details>
              <summary>{t('board.groupBoard', { group: groupLabel(state, spot.groupId, tc) })}</summary>
              <BoardView state={state} taskId={task.id} groupId={spot.groupId} headingLevel={4} showRoleSplit />
            </details>
          )}
        </>
      )}
    </section>
  );
}
