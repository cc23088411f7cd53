import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Inline, Report as ReportDoc, ReportBlock } from '@tavla/shared';
import { api, ApiError } from '../api.js';
import { useErrorText } from '../components/LanguageSwitch.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import './report.css';

/**
 * The report of a seminar, for its facilitators: downloads as Word, PDF and Markdown, the whole
 * seminar as JSON, and a preview of the same document the downloads are made from.
 */
export default function Report({ seminarId }: { seminarId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [report, setReport] = useState<ReportDoc | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ReportDoc>('GET', `/api/seminars/${seminarId}/report.json`).then(setReport, (err) => setError(errorText(err instanceof ApiError ? err.code : undefined)));
  }, [seminarId]); // eslint-disable-line react-hooks/exhaustive-deps
  useDocumentTitle(report ? `${t('reportScreen.title')}: ${report.title}` : t('reportScreen.title'));
  const base = `/api/seminars/${seminarId}`;

  return (
    <main className="page report-page">
      <p>
        <Link href={`/f/${seminarId}`}>{t('reportScreen.back')}</Link>
      </p>
      <h1>{report ? `${t('reportScreen.title')}: ${report.title}` : t('reportScreen.title')}</h1>
      {error && <p className="error" role="alert">{error}</p>}
      <section aria-labelledby="report-downloads">
        <h2 id="report-downloads">{t('reportScreen.downloads')}</h2>
        <ul className="report-downloads">
          <li><a href={`${base}/report.docx`} download>{t('reportScreen.docx')}</a></li>
          <li><a href={`${base}/report.pdf`} download>{t('reportScreen.pdf')}</a></li>
          <li><a href={`${base}/report.md`} download>{t('reportScreen.markdown')}</a></li>
          <li>
            <a href={`${base}/export.json`} download aria-describedby="report-json-hint">{t('reportScreen.json')}</a>
            <p id="report-json-hint" className="hint">{t('reportScreen.jsonHint')}</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="report-preview">
        <h2 id="report-preview">{t('reportScreen.preview')}</h2>
        {!report && !error && <p role="status">{t('reportScreen.loading')}</p>}
        {report && (
          <article className="report-preview" lang={report.language === 'nb' ? 'nb' : 'en'}>
            {report.blocks.map((b, i) => <Block key={i} block={b} />)}
          </article>
        )}
      </section>
    </main>
  );
}

function Runs({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((r, i) => {
        let node: ReactNode = r.text;
        if (r.italic) node = <em>{node}</em>;
        if (r.bold) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

/** One block of the report; its headings sit under the page's own (h1 of the report → h3). */
function Block({ block: b }: { block: ReportBlock }) {
  switch (b.kind) {
    case 'heading': {
      const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[b.level - 1]!;
      return <Tag>{b.text}</Tag>;
    }
    case 'paragraph':
      return <p className={b.style ? `report-${b.style}` : undefined}><Runs content={b.style === 'comment' ? b.content.map((r) => ({ ...r, italic: true })) : b.content} /></p>;
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}><Runs content={item} /></li>);
      return b.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <table>
          <thead>
            <tr>{b.header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {b.rows.map((row, i) => <tr key={i}>{row.map((c, j) => <td key={j}>{c}</td>)}</tr>)}
          </tbody>
        </table>
      );
  }
}
