import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DndContext, KeyboardSensor, MouseSensor, TouchSensor, closestCenter, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { GROUP_COLOURS, LIMITS, type CommandBody, type GroupColour, type Participant, type SeminarState, type TableDeviceReply } from '@tavla/shared';
import { api } from '../api.js';
import { groupLabel } from '../components/groupLabel.js';

const NONE = 'none';

/**
 * Everyone in the room by group. People move between groups by drag and drop or with the
 * "Move to" menu; groups are added, renamed, recoloured and removed here; so are people on paper.
 */
export function People({ state, send }: { state: SeminarState; send: (body: CommandBody) => string }) {
  const { t } = useTranslation();
  const [size, setSize] = useState(5);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const people = Object.values(state.participants);
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  const name = (id: unknown) => state.participants[String(id)]?.name ?? '';
  const where = (id: unknown) => groupLabel(state, String(id) === NONE ? null : String(id), t);
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('people.picked', { name: name(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('people.over', { name: name(active.id), group: where(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('people.dropped', { name: name(active.id), group: where(over.id) }) : t('people.cancelled', { name: name(active.id) })),
    onDragCancel: ({ active }) => t('people.cancelled', { name: name(active.id) }),
  };
  const move = (participantId: string, groupId: string | null) => send({ type: 'participant.move', payload: { participantId, groupId } });
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const to = String(over.id) === NONE ? null : String(over.id);
    if (state.participants[String(active.id)]?.groupId !== to) move(String(active.id), to);
  };
  const ungrouped = people.filter((p) => !p.groupId);

  return (
    <section aria-labelledby="people-heading" className="card">
      <h2 id="people-heading">{t('console.participants')} ({people.length})</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); send({ type: 'groups.split', payload: { size } }); }}>
        <div>
          <label htmlFor="group-size">{t('console.groupSize')}</label>
          <input id="group-size" type="number" min={LIMITS.groupSizeMin} max={LIMITS.groupSizeMax} value={size} onChange={(e) => setSize(Number(e.target.value))} aria-describedby="split-hint" />
        </div>
        <button type="submit" disabled={!people.length}>{t('console.split')}</button>
        <button type="button" onClick={() => send({ type: 'group.create', payload: { groupId: crypto.randomUUID(), name: '' } })}>{t('people.addGroup')}</button>
      </form>
      <p id="split-hint" className="hint">{t('console.splitHint')} {t('people.dragHint')}</p>
      {people.length === 0 && <p>{t('console.noParticipants')}</p>}
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('people.instructions') } }}>
        <div className="groups">
          {groups.map((g) => (
            <GroupCard key={g.id} id={g.id} state={state} send={send} move={move} members={people.filter((p) => p.groupId === g.id)} />
          ))}
          {(ungrouped.length > 0 || groups.length > 0) && <GroupCard id={NONE} state={state} send={send} move={move} members={ungrouped} />}
        </div>
      </DndContext>
      <PaperForm state={state} send={send} />
    </section>
  );
}

function GroupCard({ id, state, send, move, members }: { id: string; state: SeminarState; send: (b: CommandBody) => string; move: (p: string, g: string | null) => void; members: Participant[] }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id });
  const group = id === NONE ? undefined : state.groups[id];
  const label = groupLabel(state, group?.id ?? null, t);
  const hasNotes = !!group && Object.values(state.notes).some((n) => n.groupId === group.id);
  return (
    <section ref={setNodeRef} aria-label={label} className={`group-card colour-${group?.colour ?? 'none'}${isOver ? ' over' : ''}`}>
      <h3>{label}</h3>
      <ul>
        {members.map((p) => <Person key={p.id} person={p} state={state} send={send} move={move} />)}
      </ul>
      {group && (
        <details className="group-tools">
          <summary>{t('people.editGroup', { group: label })}</summary>
          <GroupEditor key={`${group.name}|${group.colour}`} groupId={group.id} name={group.name} colour={group.colour} send={send} />
          <TableDevice seminarId={state.seminar!.id} groupId={group.id} label={label} />
          <button type="button" className="danger" disabled={hasNotes} onClick={() => send({ type: 'group.remove', payload: { groupId: group.id } })}>{t('people.removeGroup')}</button>
          {hasNotes && <p className="hint">{t('people.cannotRemove')}</p>}
        </details>
      )}
    </section>
  );
}

/** A QR code (and link) that turns a shared tablet or laptop into this table's board. */
function TableDevice({ seminarId, groupId, label }: { seminarId: string; groupId: string; label: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<TableDeviceReply | null>(null);
  return link ? (
    <div className="table-device">
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}`} alt={t('people.tableQr', { group: label })} width={180} height={180} />
      <p className="hint">{t('people.tableHint')}</p>
      <a href={link.url} target="_blank" rel="noreferrer">{t('people.tableLink', { group: label })}</a>
    </div>
  ) : (
    <button type="button" onClick={() => void api<TableDeviceReply>('POST', `/api/seminars/${seminarId}/tables/${groupId}`, {}).then(setLink)}>
      {t('people.tableDevice')}
    </button>
  );
}

function GroupEditor({ groupId, name, colour, send }: { groupId: string; name: string; colour: GroupColour; send: (b: CommandBody) => string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(name);
  const [c, setC] = useState<GroupColour>(colour);
  return (
    <form onSubmit={(e) => { e.preventDefault(); send({ type: 'group.update', payload: { groupId, name: draft, colour: c } }); }}>
      <label htmlFor={`gname-${groupId}`}>{t('people.groupName')}</label>
      <input id={`gname-${groupId}`} value={draft} maxLength={LIMITS.headingLength} onChange={(e) => setDraft(e.target.value)} />
      <label htmlFor={`gcolour-${groupId}`}>{t('people.colour')}</label>
      <select id={`gcolour-${groupId}`} value={c} onChange={(e) => setC(e.target.value as GroupColour)}>
        {GROUP_COLOURS.map((x) => <option key={x} value={x}>{t(`colours.${x}`)}</option>)}
      </select>
      <button type="submit">{t('people.save')}</button>
    </form>
  );
}

function Person({ person, state, send, move }: { person: Participant; state: SeminarState; send: (b: CommandBody) => string; move: (p: string, g: string | null) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: person.id });
  const role = state.seminar?.roles.find((r) => r.id === person.roleId)?.label;
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  return (
    <li ref={setNodeRef} className={`person${isDragging ? ' dragging' : ''}`} style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}>
      <button type="button" className="drag-handle" aria-label={t('people.drag', { name: person.name })} {...attributes} {...listeners}>
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="person-name">
        {person.name} <span className="role">({role}{person.paper ? `, ${t('people.onPaper')}` : ''}{person.scribe ? `, ${t('people.scribe')}` : ''})</span>
      </span>
      <span className="person-tools">
        <select aria-label={t('people.moveTo', { name: person.name })} value={person.groupId ?? NONE} onChange={(e) => move(person.id, e.target.value === NONE ? null : e.target.value)}>
          {groups.map((g) => <option key={g.id} value={g.id}>{groupLabel(state, g.id, t)}</option>)}
          <option value={NONE}>{t('console.noGroup')}</option>
        </select>
        {!person.paper && person.groupId && (
          <label className="inline">
            <input type="checkbox" checked={person.scribe} onChange={(e) => send({ type: 'participant.setScribe', payload: { participantId: person.id, scribe: e.target.checked } })} />{' '}
            {t('people.scribe')}
          </label>
        )}
      </span>
    </li>
  );
}

function PaperForm({ state, send }: { state: SeminarState; send: (b: CommandBody) => string }) {
  const { t } = useTranslation();
  const roles = state.seminar?.roles ?? [];
  const groups = Object.values(state.groups).sort((a, b) => a.number - b.number);
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState(roles[0]?.id ?? '');
  const [groupId, setGroupId] = useState<string>(NONE);
  return (
    <details className="paper">
      <summary>{t('people.addPaper')}</summary>
      <p className="hint">{t('people.paperHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim() || !roleId) return;
          send({ type: 'participant.addPaper', payload: { participantId: crypto.randomUUID(), name: name.trim(), roleId, groupId: groupId === NONE ? null : groupId } });
          setName('');
        }}
      >
        <label htmlFor="paper-name">{t('people.paperName')}</label>
        <input id="paper-name" value={name} maxLength={LIMITS.displayNameLength} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="paper-role">{t('people.paperRole')}</label>
        <select id="paper-role" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
          {roles.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
        </select>
        <label htmlFor="paper-group">{t('people.paperGroup')}</label>
        <select id="paper-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          {groups.map((g) => <option key={g.id} value={g.id}>{groupLabel(state, g.id, t)}</option>)}
          <option value={NONE}>{t('console.noGroup')}</option>
        </select>
        <button type="submit">{t('people.addPaperButton')}</button>
      </form>
    </details>
  );
}
