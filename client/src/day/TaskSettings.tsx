import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CommandBody, type Priority, type Task } from '@tavla/shared';
import { DAY_NS } from './messages.js';

/** How the current task is prioritised, and locking it. */
export function TaskSettings({ task, send }: { task: Task; send: (body: CommandBody) => string }) {
  const { t } = useTranslation(DAY_NS);
  const [kind, setKind] = useState<Priority['kind']>(task.priority.kind);
  const [n, setN] = useState(task.priority.kind === 'top' ? task.priority.n : task.priority.kind === 'dots' ? task.priority.k : 5);
  const chosen: Priority = kind === 'none' ? { kind } : kind === 'top' ? { kind, n } : { kind, k: n };
  const current = task.priority.kind === 'none' ? t('task.none') : task.priority.kind === 'top' ? t('task.top', { n: task.priority.n }) : t('task.dots', { k: task.priority.k });
  return (
    <div className="task-settings">
      <h3>{t('task.priority')}</h3>
      <p aria-live="polite">{current}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          send({ type: 'task.update', payload: { taskId: task.id, priority: chosen } });
        }}
      >
        <div>
          <label htmlFor="priority-kind">{t('task.kindLabel')}</label>
          <select id="priority-kind" value={kind} onChange={(e) => setKind(e.target.value as Priority['kind'])}>
            <option value="none">{t('task.kindNone')}</option>
            <option value="top">{t('task.kindTop')}</option>
            <option value="dots">{t('task.kindDots')}</option>
          </select>
        </div>
        {kind !== 'none' && (
          <div>
            <label htmlFor="priority-n">{kind === 'top' ? t('task.topLabel') : t('task.dotsLabel')}</label>
            <input id="priority-n" type="number" min={1} max={LIMITS.priorityMax} value={n} className="narrow-number"
              onChange={(e) => setN(Math.max(1, Math.min(LIMITS.priorityMax, Math.floor(Number(e.target.value) || 1))))} />
          </div>
        )}
        <div><button type="submit">{t('task.apply')}</button></div>
      </form>
      {task.locked && <p className="notice">{t('task.locked')}</p>}
      <button type="button" aria-pressed={task.locked} onClick={() => send({ type: 'task.lock', payload: { taskId: task.id, locked: !task.locked } })}>
        {task.locked ? t('task.unlock') : t('task.lock')}
      </button>
    </div>
  );
}
