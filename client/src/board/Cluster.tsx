import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { SeminarConnection } from '../sync/store.js';
import { BOARD_NS } from './messages.js';
import { columnOf, dropTarget, UNSORTED, type BoardLayout } from './model.js';
import { Column } from './Column.js';
import { NoteFace } from './NoteCard.js';
import { NewTheme } from './NewTheme.js';

interface Props {
  conn: SeminarConnection;
  layout: BoardLayout;
  taskId: string;
  groupId: string;
  held: Record<string, true>;
}

/**
 * Cluster notes into themes by drag and drop (mouse, touch, keyboard) or, without dragging,
 * with each note's "Move to" menu. While a note is dragged the table sees it held.
 */
export function Cluster({ conn, layout, taskId, groupId, held }: Props) {
  const { t } = useTranslation(BOARD_NS);
  const [active, setActive] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  // Announcements read the layout at the moment they are made.
  const current = useRef(layout);
  current.current = layout;
  const send = conn.store.getState().send;
  const place = (noteId: string, themeId: string | null, beforeId: string | null) => send({ type: 'note.place', payload: { noteId, themeId, beforeId } });

  const columnName = (column: string | null) =>
    column === UNSORTED ? t('unsorted') : (current.current.themes.find((x) => x.theme.id === column)?.theme.heading ?? '');
  const describe = (id: UniqueIdentifier) => {
    const l = current.current;
    const column = columnOf(l, String(id));
    const list = column === UNSORTED ? l.unsorted : (l.themes.find((x) => x.theme.id === column)?.notes ?? []);
    return { column: columnName(column), pos: list.findIndex((n) => n.id === id) + 1, total: list.length };
  };
  const textOf = (id: UniqueIdentifier) => current.current.all.find((n) => n.id === id)?.text ?? '';
  const isColumn = (id: UniqueIdentifier) => id === UNSORTED || current.current.themes.some((x) => x.theme.id === id);
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('announce.picked', { text: textOf(a.id), ...describe(a.id) }),
    onDragOver: ({ active: a, over }) =>
      !over ? undefined : isColumn(over.id) ? t('announce.overColumn', { text: textOf(a.id), column: columnName(String(over.id)) }) : t('announce.over', { text: textOf(a.id), ...describe(over.id) }),
    onDragEnd: ({ active: a, over }) =>
      !over ? t('announce.cancelled', { text: textOf(a.id) }) : isColumn(over.id) ? t('announce.droppedColumn', { text: textOf(a.id), column: columnName(String(over.id)) }) : t('announce.dropped', { text: textOf(a.id), ...describe(over.id) }),
    onDragCancel: ({ active: a }) => t('announce.cancelled', { text: textOf(a.id) }),
  };

  const onDragStart = ({ active: a }: DragStartEvent) => {
    setActive(String(a.id));
    void conn.store.getState().hold(String(a.id), true);
  };
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    const target = over ? dropTarget(current.current, String(a.id), String(over.id)) : null;
    if (target) place(String(a.id), target.themeId, target.beforeId); // the drop ends the hold
    else void conn.store.getState().hold(String(a.id), false);
  };
  const onDragCancel = () => {
    if (active) void conn.store.getState().hold(active, false);
    setActive(null);
  };

  const themes = layout.themes.map((x) => ({ id: x.theme.id, heading: x.theme.heading }));
  const activeNote = active ? layout.all.find((n) => n.id === active) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('announce.instructions') } }}
    >
      <NewTheme onCreate={(heading) => send({ type: 'theme.create', payload: { themeId: crypto.randomUUID(), taskId, groupId, heading } })} />
      <div className="board-columns">
        <Column id={UNSORTED} title={t('unsorted')} notes={layout.unsorted} themes={themes} held={held} place={place} send={send} />
        {layout.themes.map((x, i) => (
          <Column
            key={x.theme.id}
            id={x.theme.id}
            title={x.theme.heading}
            theme={x.theme}
            notes={x.notes}
            themes={themes}
            held={held}
            place={place}
            send={send}
            before={layout.themes[i - 1]?.theme.id ?? null}
            after={layout.themes[i + 2]?.theme.id ?? (i < layout.themes.length - 1 ? null : undefined)}
          />
        ))}
      </div>
      <DragOverlay>{activeNote ? <NoteFace note={activeNote} lifted /> : null}</DragOverlay>
    </DndContext>
  );
}
