import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandBody, Timer } from '@tavla/shared';
import { TimerView } from '../components/TimerView.js';

/** Set the timer in minutes, start, pause, add a minute, clear. Phones and the projector follow. */
export function TimerControls({ timer, clockOffset, send }: { timer: Timer | null; clockOffset: number; send: (body: CommandBody) => string }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(10);
  return (
    <section aria-labelledby="timer-heading" className="card">
      <h2 id="timer-heading">{t('timer.title')}</h2>
      <TimerView timer={timer} clockOffset={clockOffset} />
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (minutes > 0) send({ type: 'timer.set', payload: { seconds: Math.round(minutes * 60) } }); }}>
        <div>
          <label htmlFor="timer-minutes">{t('timer.minutes')}</label>
          <input id="timer-minutes" type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </div>
        <button type="submit">{t('timer.set')}</button>
      </form>
      {timer && (
        <div className="row">
          {timer.running ? (
            <button type="button" onClick={() => send({ type: 'timer.pause', payload: {} })}>{t('timer.pause')}</button>
          ) : (
            <button type="button" className="primary" onClick={() => send({ type: 'timer.start', payload: {} })}>{t('timer.start')}</button>
          )}
          <button type="button" onClick={() => send({ type: 'timer.extend', payload: { seconds: 60 } })}>{t('timer.extend')}</button>
          <button type="button" onClick={() => send({ type: 'timer.clear', payload: {} })}>{t('timer.clear')}</button>
        </div>
      )}
    </section>
  );
}
