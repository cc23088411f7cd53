import express, { type Router } from 'express';
import { buildReport } from '@tavla/shared';
import type { Hub } from './hub.js';
import { currentFacilitator, seminarRunBy } from './auth.js';
import { sendError } from './errors.js';
import { REPORT_TYPES, importDemo, importSeminar, seminarDownload, type ReportFormat } from './exchange.js';
import type { ReportWriters } from './report/writers.js';

/**
 * The report (preview and downloads), the whole seminar as a JSON file, and importing one:
 * for the facilitators of the seminar only. Downloads are never cached: they hold names.
 */
export function reportRoutes(hub: Hub, writers: ReportWriters): Router {
  const store = hub.store;
  const r = express.Router();
  // What a report or a file holds is stored: commands still waiting for the group commit are
  // written first (and if that fails, the hub folds the log afresh, without them).
  const seminarOf = (req: express.Request, res: express.Response) => {
    const run = seminarRunBy(store, req, res);
    if (!run) return null;
    hub.flush();
    return hub.get(run.seminar.id).state;
  };

  r.get('/seminars/:id/report.json', (req, res) => {
    const state = seminarOf(req, res);
    if (!state) return;
    const report = buildReport(state);
    res.set('Cache-Control', 'no-store').json(report);
    void writers.warm(report); // the preview is where downloads start
  });
  for (const format of ['md', 'docx', 'pdf', 'json'] as const) {
    const route = format === 'json' ? '/seminars/:id/export.json' : `/seminars/:id/report.${format}`;
    r.get(route, async (req, res) => {
      const state = seminarOf(req, res);
      if (!state) return;
      const { body, fileName } = await seminarDownload(state, format as ReportFormat | 'json', (f, report) => writers.write(f, report));
      res.set('Cache-Control', 'no-store').type(REPORT_TYPES[format]).attachment(fileName).send(body);
    });
  }

  // The body is the seminar file itself (JSON, so the CSRF rule holds for uploads from a browser).
  r.post('/seminars/import', (req, res) => {
    const fac = currentFacilitator(store, req);
    if (!fac) return sendError(res, 401, 'unauthenticated', 'sign in first');
    const result = importSeminar(store, req.body, fac.id);
    if (!result.ok) return sendError(res, 400, 'invalid', result.message);
    res.status(201).json({ id: result.id, joinCode: result.joinCode, title: result.title });
  });
  r.post('/seminars/demo', (req, res) => {
    const fac = currentFacilitator(store, req);
    if (!fac) return sendError(res, 401, 'unauthenticated', 'sign in first');
    const result = importDemo(store, fac.id);
    if (!result.ok) return sendError(res, 500, 'server_error', result.message);
    res.status(201).json({ id: result.id, joinCode: result.joinCode, title: result.title });
  });
  return r;
}
