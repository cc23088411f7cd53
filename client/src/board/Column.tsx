import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { CommandBody, Note, Theme } from '@tavla/shared';
import { BOARD_NS } from './messages.js';
import { NoteCard } from './NoteCard.js';

interface Props {
  id: string;
  title: string;
  theme?: Theme;
  notes: Note[];
  themes: { id: string; heading: string }[];
  held: Record<string, true>;
  place: (noteId: string, themeId: string | null, beforeId: string | null) => void;
  send: (body: CommandBody) => string;
  /** The theme to move this one before when moved earlier; null = it is first. */
  before?: string | null;
  /** The theme to move this one before when moved later (null = to the end); undefined = it is last. */
  after?: string | null;
}

/** The unsorted column, or one theme with its heading, comment and notes. */
export function Column({ id, title, theme, notes, themes, held, place, send, before, after }: Props) {
  const { t } = useTranslation(BOARD_NS);
  const { setNodeRef, isOver } = useDroppable({ id });
  const headingId = `column-${id}`;
  return (
    <section className={`board-column${theme ? ' theme' : ''}${isOver ? ' over' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="count">{t('theme.count', { count: notes.length })}</span>
      </h2>
      {theme?.comment && <p className="theme-comment">{theme.comment}</p>}
      <SortableContext id={id} items={notes.map((n) => n.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="board-notes">
          {notes.map((note, i) => (
            <NoteCard
              key={note.id}
              note={note}
              column={id}
              // Up: before the previous note. Down: before the one after next (or to the end).
              up={i > 0 ? notes[i - 1]!.id : undefined}
              down={i < notes.length - 1 ? (notes[i + 2]?.id ?? null) : undefined}
              themes={themes}
              held={!!held[note.id]}
              place={place}
              send={send}
            />
          ))}
          {notes.length === 0 && <li className="board-empty">{t('theme.empty')}</li>}
        </ul>
      </SortableContext>
      {theme && <ThemeTools theme={theme} themes={themes} send={send} before={before} after={after} />}
    </section>
  );
}

/** Rename, comment, merge, reorder and remove a theme: all by plain buttons and fields. */
function ThemeTools({ theme, themes, send, before, after }: { theme: Theme; themes: { id: string; heading: string }[]; send: Props['send']; before?: string | null; after?: string | null }) {
  const { t } = useTranslation(BOARD_NS);
  const [heading, setHeading] = useState(theme.heading);
  const [comment, setComment] = useState(theme.comment);
  const [into, setInto] = useState('');
  const others = themes.filter((x) => x.id !== theme.id);
  const p = `theme-${theme.id}`;
  return (
    <details className="theme-tools">
      <summary>{t('theme.rename')} · {t('theme.comment')} · {t('theme.merge')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); if (heading.trim()) send({ type: 'theme.rename', payload: { themeId: theme.id, heading } }); }}>
        <label htmlFor={`${p}-heading`}>{t('theme.heading')}</label>
        <input id={`${p}-heading`} value={heading} maxLength={80} onChange={(e) => setHeading(e.target.value)} />
        <button type="submit">{t('theme.save')}</button>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); send({ type: 'theme.comment', payload: { themeId: theme.id, comment } }); }}>
        <label htmlFor={`${p}-comment`}>{t('theme.comment')}</label>
        <textarea id={`${p}-comment`} value={comment} maxLength={500} rows={3} onChange={(e) => setComment(e.target.value)} />
        <button type="submit">{t('theme.saveComment')}</button>
      </form>
      {others.length > 0 && (
        <form onSubmit={(e) => { e.preventDefault(); if (into) send({ type: 'theme.merge', payload: { themeId: theme.id, intoId: into } }); }}>
          <label htmlFor={`${p}-merge`}>{t('theme.mergeInto')}</label>
          <select id={`${p}-merge`} value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">—</option>
            {others.map((x) => <option key={x.id} value={x.id}>{x.heading}</option>)}
          </select>
          <button type="submit" disabled={!into}>{t('theme.merge')}</button>
        </form>
      )}
      <div className="theme-order">
        {before !== undefined && before !== null && (
          <button type="button" onClick={() => send({ type: 'theme.place', payload: { themeId: theme.id, beforeId: before } })}>{t('theme.moveLeft')}</button>
        )}
        {after !== undefined && (
          <button type="button" onClick={() => send({ type: 'theme.place', payload: { themeId: theme.id, beforeId: after } })}>{t('theme.moveRight')}</button>
        )}
        <button type="button" className="danger" onClick={() => send({ type: 'theme.remove', payload: { themeId: theme.id } })}>{t('theme.remove')}</button>
      </div>
    </details>
  );
}
