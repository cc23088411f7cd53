import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timer } from '@tavla/shared';

const remainingMs = (t: Timer, offset: number) => (t.running && t.endsAt !== null ? Math.max(0, t.endsAt - (Date.now() + offset)) : t.remainingMs);
const mmss = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The facilitator's timer, counted down by the server's clock. When time is up it says so, once,
 * quietly: a calm change of colour and a polite announcement, no sound.
 */
export function TimerView({ timer, clockOffset, large = false }: { timer: Timer | null; clockOffset: number; large?: boolean }) {
  const { t } = useTranslation();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!timer?.running) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer?.running]);
  if (!timer) return null;
  const left = remainingMs(timer, clockOffset);
  const up = left <= 0;
  return (
    <div className={`timer${large ? ' large' : ''}${up ? ' up' : ''}${timer.running ? '' : ' paused'}`} role="timer" aria-label={t('timer.label')}>
      <span className="timer-time">{mmss(left)}</span>
      <span className="timer-state">{up ? '' : timer.running ? '' : t('timer.paused')}</span>
      <span className="visually-hidden" aria-live="polite">{up ? t('timer.up') : ''}</span>
      {up && <span className="timer-up" aria-hidden="true">{t('timer.up')}</span>}
    </div>
  );
}
