/**
 * Word and PDF are written on a thread of their own (server/src/report/writers.ts): a large report
 * does not hold up the server's event loop, and with it every seminar's notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSeminar, serialiseSeminarFile } from '@tavla/shared';
import { FacilitatorHttp, startServer, type Running } from '../harness.js';
import { bigSeminar } from '../../bench/export.js';

let server: Running;
let fac: FacilitatorHttp;

beforeAll(async () => {
  server = await startServer();
  fac = new FacilitatorHttp(server.url);
  await fac.setup();
});
afterAll(async () => {
  await server?.stop();
});

describe('the report of a day of 200 people', () => {
  it('is written while the server goes on answering: its layout does not hold up live seminars', async () => {
    const r = await fac.raw('POST', '/api/seminars/import', serialiseSeminarFile(exportSeminar(bigSeminar())));
    expect(r.status).toBe(201);
    const { id } = JSON.parse(r.bytes.toString());
    // Health checks one after another while the PDF is written (a few hundred ms of layout): each
    // needs the server's event loop, as a note would.
    let done = false;
    const download = fac.raw('GET', `/api/seminars/${id}/report.pdf`).finally(() => (done = true));
    let answered = 0;
    while (!done) if ((await fetch(`${server.url}/healthz`)).ok && !done) answered++;
    const pdf = await download;
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(answered, 'health answers while the report was written').toBeGreaterThanOrEqual(10);
  }, 30_000);
});
