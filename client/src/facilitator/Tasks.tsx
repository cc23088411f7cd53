import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CommandBody, type SeminarState } from '@tavla/shared';

/** The day's tasks: add one, and choose which one the room works on now. */
export function Tasks({ state, send }: { state: SeminarState; send: (body: CommandBody) => string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [questions, setQuestions] = useState('');
  return (
    <section aria-labelledby="tasks-heading" className="card">
      <h2 id="tasks-heading">{t('tasks.title')}</h2>
      <ol className="task-list">
        {state.tasks.map((task) => (
          <li key={task.id}>
            <strong>{task.title}</strong> — {t(`phases.${task.phase}`)}
            {task.id === state.currentTaskId ? (
              <span className="current"> ({t('tasks.current')})</span>
            ) : (
              <button type="button" onClick={() => send({ type: 'task.activate', payload: { taskId: task.id } })}>
                {t('tasks.makeCurrent', { title: task.title })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {state.tasks.length < LIMITS.tasksPerSeminar && (
        <details>
          <summary>{t('tasks.add')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!title.trim()) return;
              send({ type: 'task.add', payload: { taskId: crypto.randomUUID(), title: title.trim(), questions: questions.split('\n').map((q) => q.trim()).filter(Boolean) } });
              setTitle('');
              setQuestions('');
            }}
          >
            <label htmlFor="new-task-title">{t('create.taskTitle')}</label>
            <input id="new-task-title" value={title} maxLength={LIMITS.titleLength} onChange={(e) => setTitle(e.target.value)} />
            <label htmlFor="new-task-questions">{t('create.questions')}</label>
            <p id="new-task-hint" className="hint">{t('create.questionsHint')}</p>
            <textarea id="new-task-questions" value={questions} rows={3} aria-describedby="new-task-hint" onChange={(e) => setQuestions(e.target.value)} />
            <button type="submit">{t('tasks.addButton')}</button>
          </form>
        </details>
      )}
    </section>
  );
}
