import { useTranslation } from 'react-i18next';
import { byOrder, type SeminarState } from '@tavla/shared';
import { DAY_NS } from './messages.js';

/**
 * One group's board, read-only: themes in order with their notes, comments, key notes, rank and
 * dots; then the notes not yet sorted. For the projector and for phones in plenary.
 */
export function BoardView({ state, taskId, groupId, headingLevel = 3, showRoleSplit = false }: { state: SeminarState; taskId: string; groupId: string; headingLevel?: 2 | 3 | 4; showRoleSplit?: boolean }) {
  const { t } = useTranslation(DAY_NS);
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const themes = Object.values(state.themes).filter((x) => x.taskId === taskId && x.groupId === groupId).sort(byOrder);
  const notes = Object.values(state.notes).filter((n) => n.revealed && n.taskId === taskId && n.groupId === groupId);
  const unsorted = notes.filter((n) => n.themeId === null).sort(byOrder);
  if (!themes.length && !notes.length) return <p>{t('board.empty')}</p>;
  const roleLabel = (id: string) => state.seminar?.roles.find((r) => r.id === id)?.label ?? id;
  return (
    <div className="board-view">
      {themes.map((theme) => {
        const inTheme = notes.filter((n) => n.themeId === theme.id).sort(byOrder);
        const split = state.dotsByRole[theme.id];
        return (
          <section key={theme.id} className="board-view-theme" aria-label={theme.heading}>
            <H>
              {theme.rank !== null && <span className="rank">{t('board.rank', { n: theme.rank })} </span>}
              {theme.heading}
              {theme.dots > 0 && <span className="dots"> · {t('board.dots', { count: theme.dots })}</span>}
            </H>
            {showRoleSplit && theme.dots > 0 && (
              <p className="hint">
                {split ? t('board.byRole', { split: Object.entries(split).map(([r, n]) => `${roleLabel(r)} ${n}`).join(', ') }) : split === null ? t('board.noSplit') : null}
              </p>
            )}
            {theme.comment && <p className="comment"><strong>{t('board.comment')}:</strong> {theme.comment}</p>}
            <ul>
              {inTheme.map((n) => (
                <li key={n.id} className={n.marked ? 'key-note' : undefined}>
                  {n.text}
                  {n.marked && <strong className="key-tag"> ({t('board.key')})</strong>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {unsorted.length > 0 && (
        <section className="board-view-theme unsorted" aria-label={t('board.unsorted')}>
          <H>{t('board.unsorted')}</H>
          <ul>{unsorted.map((n) => <li key={n.id}>{n.text}</li>)}</ul>
        </section>
      )}
    </div>
  );
}
