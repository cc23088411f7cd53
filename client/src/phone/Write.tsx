import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS, WRITABLE_PHASES, byOrder, type Participant, type SeminarState, type Task } from '@tavla/shared';
import { forgetIdentity, loadIdentity } from '../sync/identity.js';
import { useSeminar, useSeminarConnection } from '../sync/useSeminar.js';
import type { SeminarConnection } from '../sync/store.js';
import { myNotes, type MyNote } from '../sync/optimistic.js';
import { followSeminarLanguage } from '../i18n.js';
import { ConnectionStatus } from '../components/ConnectionStatus.js';
import { TimerView } from '../components/TimerView.js';
import { AgendaList } from '../components/AgendaList.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

// Expectations, dots, plenary and synthesis: a separate download, fetched only once the day gets there.
const PhoneDay = lazy(() => import('../day/PhoneDay.js'));
const needsDay = (state: SeminarState, task: Task | undefined) =>
  state.expectationsOpen || state.expectationItems.length > 0 || state.synthesis.length > 0 || !!task?.locked || !!task?.published || task?.phase === 'prioritise';


/** The participant's phone: what to do now, writing notes alone, and the group's notes once shared. */
export function WriteScreen({ seminarId }: { seminarId: string }) {
  const identity = useMemo(() => loadIdentity(seminarId), [seminarId]);
  const conn = useSeminarConnection(identity ? { seminarId, token: identity.token, who: identity.participantId } : null);
  if (!identity) return <NoIdentity />;
  if (!conn) return null;
  return <Phone conn={conn} me={identity.participantId} seminarId={seminarId} />;
}

/** This device has not joined this seminar: say so, and point to joining. */
function NoIdentity() {
  const { t } = useTranslation();
  useDocumentTitle(t('join.title'));
  return (
    <main className="phone narrow">
      <h1>{t('app.name')}</h1>
      <p>{t('write.noIdentity')}</p>
      <Link href="/j">{t('write.joinLink')}</Link>
    </main>
  );
}

/** Where focus goes when the thing that had it is gone: the note box, else the list heading. */
function focusNoteBox() {
  requestAnimationFrame(() => (document.getElementById('note-text') ?? document.getElementById('mine-heading'))?.focus());
}

function Phone({ conn, me, seminarId }: { conn: SeminarConnection; me: string; seminarId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, outbox, ready, clockOffset, status, refusal } = useSeminar(
    conn,
    useShallow((s) => ({ state: s.state, outbox: s.outbox, ready: s.ready, clockOffset: s.clockOffset, status: s.status, refusal: s.refusal })),
  );
  const language = state.seminar?.language;
  useEffect(() => {
    if (language) followSeminarLanguage(language);
  }, [language]);
  const task = state.tasks.find((x) => x.id === state.currentTaskId);
  const person = state.participants[me];
  const group = person?.groupId ? state.groups[person.groupId] : undefined;
  const groupName = group ? group.name || t('console.group', { n: group.number }) : t('write.noGroup');
  const notes = task ? myNotes(state, outbox, me, task.id) : [];
  useDocumentTitle(task?.title ?? state.seminar?.title);
  const shared = task && person?.groupId
    ? Object.values(state.notes).filter((n) => n.revealed && n.taskId === task.id && n.groupId === person.groupId).sort(byOrder)
    : [];

  if (status === 'refused')
    return (
      <main className="phone narrow">
        <h1>{t('status.refused')}</h1>
        <p>{t('write.refused')}</p>
        <p className="error">{errorText(refusal?.code)}</p>
        {/* This device's pass no longer works: forget it, so joining again asks for name and role. */}
        <Link href="/j" onClick={() => forgetIdentity(seminarId)}>{t('write.joinAgain')}</Link>
      </main>
    );

  return (
    <main className="phone">
      <ConnectionStatus conn={conn} />
      {ready && person && <p className="whoami">{t('write.you', { name: person.name, group: groupName })}</p>}
      <TimerView timer={state.timer} clockOffset={clockOffset} />
      {state.agenda.length > 0 && (
        <details className="phone-agenda">
          <summary>{t('agenda.title')}</summary>
          <AgendaList agenda={state.agenda} />
        </details>
      )}
      {!task && <h1>{state.seminar?.title ?? t('app.name')}</h1>}
      {task && (
        <>
          <h1>{task.title}</h1>
          {task.questions.length > 0 && (
            <ul className="questions">
              {task.questions.map((q) => <li key={q}>{q}</li>)}
            </ul>
          )}
          <p className="do-now"><strong>{t(`phases.${task.phase}`)}:</strong> {t(`write.doNow.${task.phase}`)}</p>
          <NoteForm
            conn={conn}
            taskId={task.id}
            seminarId={state.seminar!.id}
            writable={WRITABLE_PHASES.includes(task.phase)}
            // A scribe may also write for the people at their table who have no phone.
            forWhom={person?.scribe ? Object.values(state.participants).filter((p) => p.paper && p.groupId === person.groupId) : []}
          />
          <section aria-labelledby="mine-heading">
            <h2 id="mine-heading" tabIndex={-1}>{t('write.mine')}</h2>
            {notes.length === 0 ? <p>{t('write.none')}</p> : (
              <ul className="my-notes">{notes.map((n) => <MyNoteItem key={n.id} note={n} conn={conn} forName={n.onBehalfOf ? state.participants[n.onBehalfOf]?.name : undefined} />)}</ul>
            )}
          </section>
          {shared.length > 0 && (
            <section aria-labelledby="group-heading">
              <h2 id="group-heading">{t('write.group')}</h2>
              <ul className="group-notes">
                {shared.map((n) => (
                  <li key={n.id}>{n.text}{(n.authorId === me || n.scribeId === me) && <span className="mine-tag"> {t('write.mineTag')}</span>}</li>
                ))}
              </ul>
              <Link href={`/t/${state.seminar!.id}`}>{t('write.board')}</Link>
            </section>
          )}
        </>
      )}
      {needsDay(state, task) && (
        <Suspense fallback={null}>
          <PhoneDay conn={conn} state={state} me={me} task={task} />
        </Suspense>
      )}
    </main>
  );
}

/** What is being typed, kept on the device per task: a phase change or a reload loses none of it. */
function useDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => {
    try {
      return localStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  });
  const set = (value: string) => {
    setText(value);
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch {
      // storage unavailable: the draft lives in this page only
    }
  };
  return [text, set];
}

function NoteForm({ conn, taskId, seminarId, writable, forWhom }: { conn: SeminarConnection; taskId: string; seminarId: string; writable: boolean; forWhom: Participant[] }) {
  const { t } = useTranslation();
  const [text, setText] = useDraft(`tavla:draft:${seminarId}:${taskId}`);
  const [author, setAuthor] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const onBehalfOf = forWhom.some((p) => p.id === author) ? author : undefined;
  const submit = () => {
    if (!text.trim()) return;
    conn.store.getState().send({ type: 'note.write', payload: { noteId: crypto.randomUUID(), taskId, text: text.trim(), ...(onBehalfOf ? { onBehalfOf } : {}) } });
    setText('');
    box.current?.focus();
  };
  if (!writable) {
    // The task moved on while something was typed: keep it in sight so it can be used later.
    if (!text) return null;
    return (
      <div className="note-form kept">
        <label htmlFor="note-kept">{t('write.keptLabel')}</label>
        <p id="note-kept-hint" className="hint">{t('write.keptHint')}</p>
        <textarea id="note-kept" value={text} readOnly rows={3} aria-describedby="note-kept-hint" />
        <button type="button" onClick={() => setText('')}>{t('write.discard')}</button>
      </div>
    );
  }
  return (
    <form className="note-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {forWhom.length > 0 && (
        <>
          <label htmlFor="note-author">{t('write.writeFor')}</label>
          <select id="note-author" value={onBehalfOf ?? ''} onChange={(e) => setAuthor(e.target.value)}>
            <option value="">{t('write.myself')}</option>
            {forWhom.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </>
      )}
      <label htmlFor="note-text">{t('write.note')}</label>
      <textarea
        id="note-text"
        ref={box}
        value={text}
        rows={3}
        maxLength={LIMITS.noteLength}
        aria-describedby="note-counter"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(); }}
      />
      <div className="note-form-row">
        <span id="note-counter" className="counter">{t('write.counter', { count: text.length, max: LIMITS.noteLength })}</span>
        <button type="submit" className="primary" disabled={!text.trim()}>{t('write.add')}</button>
      </div>
    </form>
  );
}

function MyNoteItem({ note, conn, forName }: { note: MyNote; conn: SeminarConnection; forName?: string | undefined }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const send = conn.store.getState().send;
  const editId = `edit-${note.id}`;
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  /** After the inline editor or the delete question closes, focus returns to the button that opened it. */
  const [refocus, setRefocus] = useState<'edit' | 'delete' | null>(null);
  useEffect(() => {
    if (!refocus) return;
    (refocus === 'edit' ? editButton : deleteButton).current?.focus();
    setRefocus(null);
  }, [refocus]);
  const closeEditor = () => {
    setEditing(false);
    setRefocus('edit');
  };
  const status = note.status === 'saved' ? t('write.saved') : note.status === 'waiting' ? t('write.waiting') : t('write.failed', { reason: errorText(note.error?.code) });
  return (
    <li className={`my-note ${note.status}`}>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); if (draft.trim() && draft.trim() !== note.text) send({ type: 'note.edit', payload: { noteId: note.id, text: draft.trim() } }); closeEditor(); }}>
          <label htmlFor={editId}>{t('write.editLabel')}</label>
          <textarea id={editId} value={draft} maxLength={LIMITS.noteLength} rows={3} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <button type="submit">{t('write.save')}</button>
          <button type="button" onClick={() => { setDraft(note.text); closeEditor(); }}>{t('write.cancel')}</button>
        </form>
      ) : (
        <p className="my-note-text">{note.text}{forName && <span className="mine-tag"> ({t('write.forPerson', { name: forName })})</span>}</p>
      )}
      <p className="note-status">{status}</p>
      {note.failedCommandId && <button type="button" onClick={() => { conn.store.getState().dismiss(note.failedCommandId!); focusNoteBox(); }}>{t('write.dismiss')}</button>}
      {!note.revealed && !editing && note.status !== 'failed' && (
        confirming ? (
          <div role="group" aria-label={t('write.confirmDelete')}>
            <span>{t('write.confirmDelete')}</span>{' '}
            <button type="button" className="danger" onClick={() => { send({ type: 'note.delete', payload: { noteId: note.id } }); setConfirming(false); focusNoteBox(); }}>{t('write.yesDelete')}</button>
            <button type="button" onClick={() => { setConfirming(false); setRefocus('delete'); }} autoFocus>{t('write.cancel')}</button>
          </div>
        ) : (
          <div className="note-actions">
            <button type="button" ref={editButton} onClick={() => { setDraft(note.text); setEditing(true); }}>{t('write.edit')}</button>
            <button type="button" ref={deleteButton} onClick={() => setConfirming(true)}>{t('write.delete')}</button>
          </div>
        )
      )}
    </li>
  );
}
