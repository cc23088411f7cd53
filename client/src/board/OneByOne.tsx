import { useTranslation } from 'react-i18next';
import type { SeminarConnection } from '../sync/store.js';
import { BOARD_NS } from './messages.js';
import type { BoardLayout } from './model.js';

/** The table goes through its notes together: everyone's device shows the same note, large. */
export function OneByOne({ conn, layout, taskId, groupId, focus }: { conn: SeminarConnection; layout: BoardLayout; taskId: string; groupId: string; focus: string | null }) {
  const { t } = useTranslation(BOARD_NS);
  const notes = layout.all;
  const at = focus ? notes.findIndex((n) => n.id === focus) : -1;
  const go = (index: number) =>
    conn.store.getState().send({ type: 'board.focus', payload: { taskId, groupId, noteId: notes[index]?.id ?? null } });
  if (!notes.length) return <p>{t('oneByOne.empty')}</p>;
  const note = notes[at];
  return (
    <section className="one-by-one" aria-labelledby="one-by-one-heading">
      {note ? (
        <>
          <h2 id="one-by-one-heading" aria-live="polite">{t('oneByOne.heading', { n: at + 1, total: notes.length })}</h2>
          <p className="one-by-one-text">{note.text}</p>
          <p className="one-by-one-status">{note.readOut ? t('oneByOne.readOut') : t('oneByOne.notReadOut')}</p>
          <div className="one-by-one-nav">
            <button type="button" onClick={() => go(at - 1)} disabled={at <= 0}>{t('oneByOne.previous')}</button>
            <button type="button" onClick={() => go(at + 1)} disabled={at >= notes.length - 1}>{t('oneByOne.next')}</button>
          </div>
        </>
      ) : (
        <>
          <h2 id="one-by-one-heading">{t('oneByOne.heading', { n: 0, total: notes.length })}</h2>
          <button type="button" onClick={() => go(0)}>{t('oneByOne.start')}</button>
        </>
      )}
    </section>
  );
}
