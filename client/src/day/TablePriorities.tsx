import { useTranslation } from 'react-i18next';
import { byOrder, type CommandBody, type SeminarState, type Task } from '@tavla/shared';
import { DAY_NS } from './messages.js';

/**
 * On the group's board while prioritising: the table ranks its top N themes (no dragging needed),
 * or sees how many dots each theme has got.
 */
export function TablePriorities({ state, task, groupId, send }: { state: SeminarState; task: Task; groupId: string; send: (body: CommandBody) => string }) {
  const { t } = useTranslation(DAY_NS);
  if (task.priority.kind === 'none') return task.locked ? <p className="notice" role="status">{t('phone.locked')}</p> : null;
  const themes = Object.values(state.themes).filter((x) => x.taskId === task.id && x.groupId === groupId).sort(byOrder);
  const n = task.priority.kind === 'top' ? task.priority.n : 0;
  const ranked = [...themes].filter((x) => x.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return (
    <section aria-labelledby="table-priorities" className="card table-priorities">
      {task.locked && <p className="notice" role="status">{t('phone.locked')}</p>}
      {task.priority.kind === 'top' && task.phase === 'prioritise' && (
        <>
          <h2 id="table-priorities">{t('phone.topTitle', { n })}</h2>
          {themes.length === 0 ? <p>{t('phone.noThemes')}</p> : (
            <ul className="rank-list">
              {themes.map((x) => (
                <li key={x.id}>
                  <label htmlFor={`rank-${x.id}`}>{x.heading}</label>{' '}
                  <select id={`rank-${x.id}`} value={x.rank ?? ''} disabled={task.locked}
                    onChange={(e) => send({ type: 'theme.rank', payload: { themeId: x.id, rank: e.target.value ? Number(e.target.value) : null } })}>
                    <option value="">—</option>
                    {Array.from({ length: n }, (_, i) => <option key={i + 1} value={i + 1}>{t('board.rank', { n: i + 1 })}</option>)}
                  </select>
                </li>
              ))}
            </ul>
          )}
          {ranked.length > 0 && <ol aria-label={t('phone.topTitle', { n })}>{ranked.map((x) => <li key={x.id}>{x.heading}</li>)}</ol>}
        </>
      )}
      {task.priority.kind === 'dots' && (task.phase === 'prioritise' || themes.some((x) => x.dots > 0)) && (
        <>
          <h2 id="table-priorities">{t('phone.dotsTitle')}</h2>
          <ul>{[...themes].sort((a, b) => b.dots - a.dots).map((x) => <li key={x.id}>{x.heading}: {t('board.dots', { count: x.dots })}</li>)}</ul>
        </>
      )}
    </section>
  );
}
