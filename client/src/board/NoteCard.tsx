import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { CommandBody, Note } from '@tavla/shared';
import { BOARD_NS } from './messages.js';
import { UNSORTED } from './model.js';

interface Props {
  note: Note;
  column: string;
  /** Where the note goes to move one place up or down in its column (undefined: it cannot). */
  up?: string | null | undefined;
  down?: string | null | undefined;
  themes: { id: string; heading: string }[];
  held: boolean;
  place: (noteId: string, themeId: string | null, beforeId: string | null) => void;
  send: (body: CommandBody) => string;
}

/**
 * One note on the board. The drag handle is an inner button (dnd-kit's attributes do not belong
 * on the list item); "Move to" does the same without dragging (WCAG 2.2, 2.5.7).
 */
export function NoteCard({ note, column, up, down, themes, held, place, send }: Props) {
  const { t } = useTranslation(BOARD_NS);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: note.id, disabled: held });
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={`note-card${isDragging ? ' dragging' : ''}${held ? ' held' : ''}${note.marked ? ' marked' : ''}`}>
      <div className="note-row">
        <button type="button" className="drag-handle" aria-label={t('note.drag', { text: note.text })} {...attributes} {...listeners}>
          <span aria-hidden="true">⠿</span>
        </button>
        <NoteFace note={note} />
      </div>
      {held && <p className="note-held">{t('note.held')}</p>}
      <div className="note-tools">
        <label>
          <span>{t('note.moveTo')}</span>{' '}
          <select
            aria-label={t('note.moveToLabel', { text: note.text })}
            value={column}
            disabled={held}
            onChange={(e) => place(note.id, e.target.value === UNSORTED ? null : e.target.value, null)}
          >
            <option value={UNSORTED}>{t('unsorted')}</option>
            {themes.map((x) => <option key={x.id} value={x.id}>{x.heading}</option>)}
          </select>
        </label>
        {up !== undefined && (
          <button type="button" className="note-step" disabled={held} aria-label={t('note.up', { text: note.text })} onClick={() => place(note.id, column === UNSORTED ? null : column, up)}>
            <span aria-hidden="true">↑</span>
          </button>
        )}
        {down !== undefined && (
          <button type="button" className="note-step" disabled={held} aria-label={t('note.down', { text: note.text })} onClick={() => place(note.id, column === UNSORTED ? null : column, down)}>
            <span aria-hidden="true">↓</span>
          </button>
        )}
        <label className="note-key">
          <input type="checkbox" checked={note.marked} onChange={(e) => send({ type: 'note.mark', payload: { noteId: note.id, marked: e.target.checked } })} />{' '}
          {t('note.markKey')}
        </label>
      </div>
    </li>
  );
}

/** The text of a note as it looks on the board and while lifted. */
export function NoteFace({ note, lifted = false }: { note: Note; lifted?: boolean }) {
  const { t } = useTranslation(BOARD_NS);
  return (
    <p className={`note-face${lifted ? ' lifted' : ''}`}>
      {note.marked && <strong className="note-key-badge">{t('note.key')}: </strong>}
      {note.text}
    </p>
  );
}
