import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatJoinCode } from '@tavla/shared';
import { api } from '../api.js';
import { TimerView } from '../components/TimerView.js';
import { AgendaList } from '../components/AgendaList.js';
import { useSeminar, useSeminarConnection } from '../sync/useSeminar.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { Refused } from '../components/Refused.js';

/** For the projector: the code in huge letters, the QR code and the address, and who has joined. */
export default function ProjectorJoin({ seminarId }: { seminarId: string }) {
  const { t } = useTranslation();
  const conn = useSeminarConnection({ seminarId, who: 'facilitator' });
  const [base, setBase] = useState<string | null>(null);
  useEffect(() => void api<{ joinBaseUrl: string }>('GET', '/api/config').then((c) => setBase(c.joinBaseUrl), () => setBase(location.origin)), []);
  if (!conn) return null;
  return <Projector conn={conn} base={base} t={t} />;
}

function Projector({ conn, base, t }: { conn: NonNullable<ReturnType<typeof useSeminarConnection>>; base: string | null; t: TFunction }) {
  const seminar = useSeminar(conn, (s) => s.state.seminar);
  const joined = useSeminar(conn, (s) => Object.keys(s.state.participants).length);
  const timer = useSeminar(conn, (s) => s.state.timer);
  const agenda = useSeminar(conn, (s) => s.state.agenda);
  const clockOffset = useSeminar(conn, (s) => s.clockOffset);
  const status = useSeminar(conn, (s) => s.status);
  const refusal = useSeminar(conn, (s) => s.refusal);
  useDocumentTitle(seminar ? t('joinScreen.pageTitle', { title: seminar.title }) : null);
  if (status === 'refused') return <Refused refusal={refusal} />;
  if (!seminar || !base) return null;
  const url = `${base}/j`;
  return (
    <main className="projector">
      <h1>{seminar.title}</h1>
      <TimerView timer={timer} clockOffset={clockOffset} large />
      <div className="projector-join">
        <div>
          <p className="projector-instructions">{t('joinScreen.instructions', { url })}</p>
          {/* Read letter by letter by screen readers; shown as two halves of three. */}
          <p className="projector-code">
            <span aria-hidden="true">{formatJoinCode(seminar.joinCode)}</span>
            <span className="visually-hidden">{seminar.joinCode.split('').join(' ')}</span>
          </p>
          <p className="projector-count" aria-live="polite">{t('joinScreen.joined', { count: joined })}</p>
        </div>
        <img className="projector-qr" src={`/api/seminars/${seminar.id}/qr.svg`} alt={t('joinScreen.qr', { url: `${url}/${seminar.joinCode}` })} width={360} height={360} />
      </div>
      {agenda.length > 0 && (
        <section aria-labelledby="projector-agenda" className="projector-agenda">
          <h2 id="projector-agenda">{t('agenda.title')}</h2>
          <AgendaList agenda={agenda} />
        </section>
      )}
    </main>
  );
}
