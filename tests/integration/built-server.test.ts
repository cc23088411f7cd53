/**
 * `npm start` runs the server bundled into server/dist (server/build.mjs), where the Word and PDF
 * writers and the QR code writer are chunks and packages loaded on first use, and the demo file is
 * found from the bundle's own folder. The rest of the suite runs the TypeScript in process; here
 * the built server, as its own process, is asked for each of those.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilitatorHttp, TestClient, exited, spawnServer, tempDir } from '../harness.js';

const DEMO = fs.readFileSync(path.resolve(import.meta.dirname, '../../server/demo/seed-seminar.json'), 'utf8');
const dataDir = tempDir('tavla-built-');
let child: ChildProcess | null = null;
let url = '';
let fac: FacilitatorHttp;
let seminarId = '';

const get = async (route: string) => {
  const { status, headers, bytes } = await fac.raw('GET', route);
  return { status, type: headers.get('content-type'), bytes };
};

beforeAll(async () => {
  ({ url, proc: child } = await spawnServer(dataDir));
  fac = new FacilitatorHttp(url);
  await fac.setup();
  const res = await fac.raw('POST', '/api/seminars/import', DEMO);
  expect(res.status).toBe(201);
  seminarId = (JSON.parse(res.bytes.toString()) as { id: string }).id;
});
afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('writes the report as a Word document and as a PDF', async () => {
    const docx = await get(`/api/seminars/${seminarId}/report.docx`);
    expect(docx.status).toBe(200);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip
    const pdf = await get(`/api/seminars/${seminarId}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toMatch(/^application\/pdf/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(10_000);
  });

  it('imports the finished demo seminar from the file beside it', async () => {
    const res = await fac.request('POST', '/api/seminars/demo');
    expect(res.status).toBe(201);
    const { id } = res.json as { id: string };
    const md = await get(`/api/seminars/${id}/report.md`);
    expect(md.status).toBe(200);
    expect(md.bytes.toString()).toContain('2009');
  });

  it("draws the join screen's QR code and a table device's", async () => {
    const qr = await get(`/api/seminars/${seminarId}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.type).toMatch(/^image\/svg\+xml/);
    expect(qr.bytes.toString()).toContain('<svg');
    const screen = new TestClient(url, seminarId, { cookie: fac.cookie });
    await screen.connect();
    const groupId = Object.keys(screen.state.groups)[0]!;
    screen.disconnect();
    const table = await fac.request('POST', `/api/seminars/${seminarId}/tables/${groupId}`, {});
    expect(table.status).toBe(201);
    expect(table.json.qrSvg).toContain('<svg');
  });

  it("with TAVLA_TRACE_FILE (the bench's --trace) writes a span for each command it handled, by its id, and for each commit", async () => {
    const dir = tempDir('tavla-trace-');
    const file = path.join(dir, 'spans.tsv');
    const traced = await spawnServer(path.join(dir, 'data'), { TAVLA_TRACE_FILE: file });
    try {
      const desk = new FacilitatorHttp(traced.url);
      await desk.setup();
      const { id } = await desk.createSeminar();
      const screen = new TestClient(traced.url, id, { cookie: desk.cookie });
      await screen.connect();
      const commandId = crypto.randomUUID();
      expect(await screen.send({ type: 'timer.set', payload: { seconds: 300 } }, commandId)).toMatchObject({ ok: true });
      screen.disconnect();
      traced.proc.kill('SIGTERM'); // what is still buffered is written as it exits
      expect(await exited(traced.proc)).toBe(0);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
      const span = lines.find(([kind, , , id]) => kind === 'command' && id === commandId);
      expect(span).toBeDefined();
      expect(Number(span![2])).toBeGreaterThanOrEqual(0);
      expect(lines.some(([kind, , , n]) => kind === 'commit' && Number(n) >= 1)).toBe(true);
    } finally {
      traced.proc.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
