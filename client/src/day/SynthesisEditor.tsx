import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DndContext, KeyboardSensor, MouseSensor, TouchSensor, closestCenter, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { LIMITS, byOrder, type CommandBody, type SeminarState, type SynthesisTheme } from '@tavla/shared';
import { groupLabel } from '../components/groupLabel.js';
import { DAY_NS } from './messages.js';

type Send = (body: CommandBody) => string;
interface Source { key: string; kind: 'theme' | 'note'; refId: string; label: string }

/** Group themes and shared notes of the tasks presented so far: what a synthesis theme can link to. */
function sourcesOf(state: SeminarState, group: (id: string) => string, label: (kind: 'theme' | 'note', text: string) => string): { group: string; items: Source[] }[] {
  const out: { group: string; items: Source[] }[] = [];
  for (const task of state.tasks.filter((x) => x.published)) {
    for (const g of Object.values(state.groups).sort((a, b) => a.number - b.number)) {
      const themes = Object.values(state.themes).filter((x) => x.taskId === task.id && x.groupId === g.id).sort(byOrder);
      const notes = Object.values(state.notes).filter((n) => n.revealed && n.taskId === task.id && n.groupId === g.id).sort(byOrder);
      const items: Source[] = [
        ...themes.map((x) => ({ key: `theme:${x.id}`, kind: 'theme' as const, refId: x.id, label: label('theme', x.heading) })),
        ...notes.map((n) => ({ key: `note:${n.id}`, kind: 'note' as const, refId: n.id, label: label('note', n.text) })),
      ];
      if (items.length) out.push({ group: `${task.title} · ${group(g.id)}`, items });
    }
  }
  return out;
}

/**
 * The cross-group synthesis: themes with a heading and short text, linked to group themes and
 * notes by choosing from a list, or by dragging from the groups' column into a theme.
 */
export function SynthesisEditor({ state, send }: { state: SeminarState; send: Send }) {
  const { t } = useTranslation(DAY_NS);
  const { t: tc } = useTranslation();
  const [heading, setHeading] = useState('');
  const [text, setText] = useState('');
  const sources = sourcesOf(state, (id) => groupLabel(state, id, tc), (kind, text) => (kind === 'theme' ? t('synthesis.themeOption', { text }) : t('synthesis.noteOption', { text })));
  const byKey = new Map(sources.flatMap((g) => g.items.map((i) => [i.key, i] as const)));
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const headingOf = (id: unknown) => state.synthesis.find((x) => x.id === String(id))?.heading ?? '';
  const labelOf = (id: unknown) => byKey.get(String(id))?.label ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => labelOf(active.id),
    onDragOver: ({ active, over }) => (over ? t('synthesis.dropHere', { heading: headingOf(over.id) }) : labelOf(active.id)),
    onDragEnd: ({ active, over }) => (over ? t('synthesis.linked', { text: labelOf(active.id), heading: headingOf(over.id) }) : undefined),
    onDragCancel: () => undefined,
  };
  const link = (synthesisId: string, source: Source) => send({ type: 'synthesis.link', payload: { synthesisId, linkId: crypto.randomUUID(), kind: source.kind, refId: source.refId } });
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const source = byKey.get(String(active.id));
    if (over && source) link(String(over.id), source);
  };

  return (
    <section aria-labelledby="synthesis-heading" className="card">
      <h2 id="synthesis-heading">{t('synthesis.title')}</h2>
      <p className="hint">{t('synthesis.hint')}</p>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <div className="synthesis-layout">
          <div className="synthesis-themes">
            {state.synthesis.length === 0 && <p>{t('synthesis.none')}</p>}
            {state.synthesis.map((x) => <SynthesisCard key={x.id} theme={x} state={state} send={send} sources={sources} onLink={link} />)}
            {state.synthesis.length < LIMITS.synthesisThemes && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!heading.trim()) return;
                  send({ type: 'synthesis.create', payload: { synthesisId: crypto.randomUUID(), heading: heading.trim(), text: text.trim() } });
                  setHeading('');
                  setText('');
                }}
              >
                <label htmlFor="synthesis-new-heading">{t('synthesis.heading')}</label>
                <input id="synthesis-new-heading" value={heading} maxLength={LIMITS.headingLength} onChange={(e) => setHeading(e.target.value)} />
                <label htmlFor="synthesis-new-text">{t('synthesis.text')}</label>
                <textarea id="synthesis-new-text" rows={2} value={text} maxLength={LIMITS.textFieldLength} onChange={(e) => setText(e.target.value)} />
                <button type="submit" disabled={!heading.trim()}>{t('synthesis.add')}</button>
              </form>
            )}
          </div>
          {sources.length > 0 && (
            <div className="synthesis-sources">
              <h3>{t('synthesis.source')}</h3>
              <p className="hint">{t('synthesis.drag')}</p>
              {sources.map((g) => (
                <details key={g.group}>
                  <summary>{g.group}</summary>
                  <ul>{g.items.map((i) => <DraggableSource key={i.key} source={i} />)}</ul>
                </details>
              ))}
            </div>
          )}
        </div>
      </DndContext>
    </section>
  );
}

function DraggableSource({ source }: { source: Source }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: source.key });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10, position: 'relative' as const } : undefined;
  return (
    <li>
      <div ref={setNodeRef} style={style} className={`source-chip${isDragging ? ' dragging' : ''}`} {...attributes} {...listeners}>
        {source.label}
      </div>
    </li>
  );
}

function SynthesisCard({ theme, state, send, sources, onLink }: { theme: SynthesisTheme; state: SeminarState; send: Send; sources: { group: string; items: Source[] }[]; onLink: (id: string, s: Source) => void }) {
  const { t } = useTranslation(DAY_NS);
  const { t: tc } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: theme.id });
  const [heading, setHeading] = useState(theme.heading);
  const [text, setText] = useState(theme.text);
  const [choice, setChoice] = useState('');
  const all = new Map(sources.flatMap((g) => g.items.map((i) => [i.key, i] as const)));
  const changed = heading.trim() !== theme.heading || text.trim() !== theme.text;
  return (
    <section ref={setNodeRef} aria-label={theme.heading} className={`synthesis-card${isOver ? ' over' : ''}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (heading.trim() && changed) send({ type: 'synthesis.update', payload: { synthesisId: theme.id, heading: heading.trim(), text: text.trim() } });
        }}
      >
        <label htmlFor={`syn-h-${theme.id}`}>{t('synthesis.heading')}</label>
        <input id={`syn-h-${theme.id}`} value={heading} maxLength={LIMITS.headingLength} onChange={(e) => setHeading(e.target.value)} />
        <label htmlFor={`syn-t-${theme.id}`}>{t('synthesis.text')}</label>
        <textarea id={`syn-t-${theme.id}`} rows={2} value={text} maxLength={LIMITS.textFieldLength} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!changed || !heading.trim()}>{t('synthesis.save')}</button>{' '}
        <button type="button" className="danger" onClick={() => send({ type: 'synthesis.remove', payload: { synthesisId: theme.id } })}>{t('synthesis.remove', { heading: theme.heading })}</button>
      </form>
      <h4>{t('synthesis.links')}</h4>
      {theme.links.length === 0 ? <p className="hint">{t('synthesis.noLinks')}</p> : (
        <ul>
          {theme.links.map((l) => (
            <li key={l.id}>
              {t('synthesis.fromGroup', { group: groupLabel(state, l.groupId, tc), text: l.text })}{' '}
              <button type="button" aria-label={`${t('synthesis.unlink')}: ${l.text}`} onClick={() => send({ type: 'synthesis.unlink', payload: { synthesisId: theme.id, linkId: l.id } })}>{t('synthesis.unlink')}</button>
            </li>
          ))}
        </ul>
      )}
      {all.size > 0 && (
        <div className="row">
          <div>
            <label htmlFor={`syn-link-${theme.id}`}>{t('synthesis.linkLabel', { heading: theme.heading })}</label>
            <select id={`syn-link-${theme.id}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t('synthesis.linkChoose')}</option>
              {sources.map((g) => (
                <optgroup key={g.group} label={g.group}>
                  {g.items.map((i) => <option key={i.key} value={i.key}>{i.label}</option>)}
                </optgroup>
              ))}
            </select>
          </div>
          <div>
            <button type="button" disabled={!choice} onClick={() => { const s = all.get(choice); if (s) onLink(theme.id, s); setChoice(''); }}>{t('synthesis.link')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
