import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { loadIdentity, tableTokenFromLink } from '../sync/identity.js';
import { useSeminar, useSeminarConnection } from '../sync/useSeminar.js';
import type { SeminarConnection } from '../sync/store.js';
import { optimisticState } from '../sync/optimistic-state.js';
import { BOARD_NS } from './messages.js';
import { layoutOf } from './model.js';
import { OneByOne } from './OneByOne.js';
import { Cluster } from './Cluster.js';
import { TablePriorities } from '../day/TablePriorities.js';
import './board.css';

/** A participant's phone, or a shared device at the table (opened by its link), shows the group's board. */
export default function BoardScreen({ seminarId }: { seminarId: string }) {
  const { t } = useTranslation(BOARD_NS);
  const table = useMemo(() => tableTokenFromLink(seminarId), [seminarId]);
  const identity = useMemo(() => (table ? null : loadIdentity(seminarId)), [seminarId, table]);
  const conn = useSeminarConnection(
    table ? { seminarId, table, who: 'table' } : identity ? { seminarId, token: identity.token, who: identity.participantId } : null,
  );
  if (!table && !identity) return <main className="board"><p>{t('noGroup')}</p></main>;
  if (!conn) return null;
  return identity ? <ParticipantBoard conn={conn} me={identity.participantId} /> : <TableBoard conn={conn} />;
}

function TableBoard({ conn }: { conn: SeminarConnection }) {
  const groupId = useSeminar(conn, (s) => (s.you?.kind === 'table' ? s.you.groupId : null));
  return <Board conn={conn} groupId={groupId} />;
}

function ParticipantBoard({ conn, me }: { conn: SeminarConnection; me: string }) {
  const groupId = useSeminar(conn, (s) => s.state.participants[me]?.groupId ?? null);
  return <Board conn={conn} groupId={groupId} />;
}

/** The board of one group for the current task: shared by participants' and facilitators' routes. */
export function Board({ conn, groupId }: { conn: SeminarConnection; groupId: string | null }) {
  const { t } = useTranslation(BOARD_NS);
  const [mode, setMode] = useState<'oneByOne' | 'cluster'>('cluster');
  const { state, outbox, you, held } = useSeminar(conn, useShallow((s) => ({ state: s.state, outbox: s.outbox, you: s.you, held: s.held })));
  const shown = useMemo(() => optimisticState(state, outbox, you), [state, outbox, you]);
  const task = shown.tasks.find((x) => x.id === shown.currentTaskId);
  const group = groupId ? shown.groups[groupId] : undefined;
  const layout = useMemo(() => (task && groupId ? layoutOf(shown, task.id, groupId) : null), [shown, task, groupId]);

  return (
    <main className="board">
      <header className="board-header">
        <h1>{group ? `${t('title')} – ${group.name || t('console.group', { ns: 'translation', n: group.number })}` : t('title')}</h1>
        {task && <p className="board-task">{task.title}</p>}
      </header>
      {!group || !task || !layout ? (
        <p>{t('noGroup')}</p>
      ) : layout.all.length === 0 ? (
        <p>{t('notShared')}</p>
      ) : (
        <>
          <TablePriorities state={shown} task={task} groupId={group.id} send={conn.store.getState().send} />
          <div role="radiogroup" aria-label={t('modes.label')} className="board-modes">
            {(['oneByOne', 'cluster'] as const).map((m) => (
              <label key={m} className={mode === m ? 'active' : ''}>
                <input type="radio" name="board-mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`modes.${m}`)}
              </label>
            ))}
          </div>
          {mode === 'oneByOne' ? (
            <OneByOne conn={conn} layout={layout} taskId={task.id} groupId={group.id} focus={shown.boards[`${task.id}/${group.id}`]?.focus ?? null} />
          ) : (
            <Cluster conn={conn} layout={layout} taskId={task.id} groupId={group.id} held={held} />
          )}
        </>
      )}
    </main>
  );
}
