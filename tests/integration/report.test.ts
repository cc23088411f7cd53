/**
 * Issue 5: the seed report's day, imported as a seminar file through the API, comes out as the
 * expected Markdown, as a Word document with real headings and lists, and as a PDF; the JSON
 * export of an import is the same bytes; bad files are refused and change nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilitatorHttp, TestClient, eventually, join, startServer, tempDir, type Running } from '../harness.js';
import { openSqliteStore } from '../../server/src/store/sqlite.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = fs.readFileSync(path.join(ROOT, 'server/demo/seed-seminar.json'), 'utf8');
const EXPECTED_MD = fs.readFileSync(path.join(ROOT, 'tests/fixtures/seed-report.nb.md'), 'utf8');
const NAMES: string[] = JSON.parse(DEMO).participants.map((p: { name: string }) => p.name);

let server: Running;
let fac: FacilitatorHttp;
let seminarId: string;
let joinCode: string;

beforeAll(async () => {
  server = await startServer();
  fac = new FacilitatorHttp(server.url);
  await fac.setup();
  const r = await fac.raw('POST', '/api/seminars/import', DEMO);
  expect(r.status).toBe(201);
  ({ id: seminarId, joinCode } = JSON.parse(r.bytes.toString()));
});
afterAll(async () => {
  await server?.stop();
});

describe('the report of the seed seminar', () => {
  it('is the expected Markdown', async () => {
    const r = await fac.raw('GET', `/api/seminars/${seminarId}/report.md`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename=2009-10-30-dialogseminar-rapport.md');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.bytes.toString()).toBe(EXPECTED_MD);
  });

  it('is a Word document with real headings and lists, and no participant name anywhere in it', async () => {
    const r = await fac.raw('GET', `/api/seminars/${seminarId}/report.docx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/\.docx$/);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer: r.bytes });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(html).toContain('<h1>Dialogseminar</h1>');
    expect(html).toContain('<h2>Oppgave 1: Bedre og mer målrettede tiltak.</h2>');
    expect(html).toContain('<h2>Oppgave 2: Fokus på tiltak.</h2>');
    expect(html.match(/<h3>Gruppe \d<\/h3>/g)).toHaveLength(10);
    expect(html).toContain('<h4>Samarbeid ansatte/brukere</h4>');
    expect(html).toContain('<li>Tett oppfølging</li>');
    expect(html).toContain('<li><strong>Humor</strong></li>');
    // The 25 expectations are one numbered list, and again with their outcome.
    const ordered = [...html.matchAll(/<ol>(.*?)<\/ol>/g)].map((m) => m[1]!.match(/<li>/g)!.length);
    expect(ordered.filter((n) => n === 25)).toHaveLength(2);
    expect(html).toContain('<table>');
    const zip = await JSZip.loadAsync(r.bytes);
    const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
    expect(parts.join('\n')).toContain('Løkkeåsveien 2, Sandvika');
    for (const name of NAMES) for (const part of parts) expect(part).not.toContain(name);
    // The document says its language, for spell-checking and screen readers.
    expect(parts.join('\n')).toContain('w:val="nb-NO"');
  });

  it('is a PDF whose text reads back', async () => {
    const r = await fac.raw('GET', `/api/seminars/${seminarId}/report.pdf`);
    expect(r.status).toBe(200);
    expect(r.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tempDir('tavla-pdf-'), 'report.pdf');
    fs.writeFileSync(file, r.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['Dialogseminar', 'Fra brukermedvirkning til partnerskap', 'Løkkeåsveien 2, Sandvika', 'Oppgave 2: Fokus på tiltak.', 'Gruppe 5', 'Samarbeid ansatte/brukere', 'Få formell kompetanse innenfor interessefelt', 'Ble forventningene til dagen oppfylt?', 'Handlingsplan'])
      expect(text).toContain(expected);
    for (const name of NAMES) expect(text).not.toContain(name);
  });

  it('is previewed as blocks, for facilitators of the seminar only', async () => {
    const r = await fac.request('GET', `/api/seminars/${seminarId}/report.json`);
    expect(r.status).toBe(200);
    expect(r.json.blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Dialogseminar' });
    const other = new FacilitatorHttp(server.url);
    other.cookie = fac.cookie;
    await fac.request('POST', `/api/seminars/${seminarId}/facilitators`, { name: 'Leni', password: 'et-annet-passord' });
    const stranger = new FacilitatorHttp(server.url);
    for (const route of ['report.json', 'report.md', 'report.docx', 'report.pdf', 'export.json']) expect((await stranger.request('GET', `/api/seminars/${seminarId}/${route}`)).status).toBe(404);
    const leni = new FacilitatorHttp(server.url);
    expect((await leni.request('POST', '/api/auth/login', { name: 'Leni', password: 'et-annet-passord' })).status).toBe(200);
    expect((await leni.request('GET', `/api/seminars/${seminarId}/report.json`)).status).toBe(200);
  });
});

describe('the whole seminar as JSON', () => {
  it('exports an imported seminar as the very same bytes, again and again', async () => {
    const first = await fac.raw('GET', `/api/seminars/${seminarId}/export.json`);
    expect(first.headers.get('content-disposition')).toBe('attachment; filename=2009-10-30-dialogseminar.json');
    expect(first.bytes.toString()).toBe(DEMO);
    const again = await fac.raw('POST', '/api/seminars/import', first.bytes.toString());
    expect(again.status).toBe(201);
    const second = await fac.raw('GET', `/api/seminars/${JSON.parse(again.bytes.toString()).id}/export.json`);
    expect(second.bytes.toString()).toBe(DEMO);
  });

  it('makes a seminar that is live: a phone joins with the new code and sees its table', async () => {
    const phone = await join(server.url, joinCode, 'Nykommer', 'r1');
    const client = new TestClient(server.url, seminarId, { token: phone.token });
    await client.connect();
    await eventually(() => expect(client.state.seminar?.title).toBe('Dialogseminar'));
    expect(client.state.seminar?.joinCode).toBe(joinCode);
    expect(client.state.tasks).toHaveLength(2);
    client.disconnect();
  });

  it('refuses malformed, truncated, wrong-version and inconsistent files, and stores nothing', async () => {
    const before = (await fac.request('GET', '/api/seminars')).json.seminars.length;
    const file = JSON.parse(DEMO);
    const cases: [string, RegExp][] = [
      [DEMO.slice(0, 5000), /not valid JSON/],
      ['{"format": "tavla-seminar", "version": 1,', /not valid JSON/],
      [JSON.stringify({ ...file, version: 2 }), /version 2; this server reads version 1/],
      [JSON.stringify({ ...file, format: 'something-else' }), /not a Tavla seminar file/],
      [JSON.stringify({ ...file, notes: [...file.notes, { ...file.notes[0], id: '00000000-0000-4000-8000-00000000beef', taskId: '00000000-0000-4000-8000-00000000dead' }] }), /notes\.173\.taskId: no task has the id/],
      [JSON.stringify({ ...file, participants: [{ ...file.participants[0], token: 'x'.repeat(40) }] }), /participants\.0: /],
      ['[1, 2, 3]', /not a Tavla seminar file/],
    ];
    for (const [body, message] of cases) {
      const r = await fac.raw('POST', '/api/seminars/import', body);
      expect(r.status, body.slice(0, 60)).toBe(400);
      expect(JSON.parse(r.bytes.toString()).error.message).toMatch(message);
    }
    expect((await fac.request('GET', '/api/seminars')).json.seminars.length).toBe(before);
    const anonymous = await fetch(`${server.url}/api/seminars/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DEMO });
    expect(anonymous.status).toBe(401);
  });

  it('imports the demo seminar with one click', async () => {
    const r = await fac.request('POST', '/api/seminars/demo', {});
    expect(r.status).toBe(201);
    expect((await fac.raw('GET', `/api/seminars/${r.json.id}/report.md`)).bytes.toString()).toBe(EXPECTED_MD);
  });
});

describe('the command line', () => {
  const cli = (dataDir: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, TAVLA_DATA_DIR: dataDir }, encoding: 'utf8' });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  it('imports, lists, exports and reports seminars in a data folder, and refuses a bad file', () => {
    const dataDir = tempDir('tavla-cli-');
    expect(cli(dataDir, 'demo')).toMatchObject({ status: 1, err: expect.stringMatching(/no facilitator account yet/) });
    const store = openSqliteStore(dataDir);
    store.createFacilitator({ id: crypto.randomUUID(), name: 'Erik', passwordHash: 'not used here' });
    store.close();

    const imported = cli(dataDir, 'import', 'server/demo/seed-seminar.json', '--owner', 'Erik');
    expect(imported.status, imported.err).toBe(0);
    const code = imported.out.match(/join code ([A-Z0-9]{6})/)![1]!;
    expect(cli(dataDir, 'list').out).toMatch(new RegExp(`${code}  2009-10-30  Dialogseminar  \\(Erik\\)`));

    const file = path.join(dataDir, 'backup.json');
    expect(cli(dataDir, 'export', code, file).status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(DEMO);
    expect(cli(dataDir, 'report', code, 'md').out).toBe(EXPECTED_MD);

    fs.writeFileSync(file, DEMO.slice(0, 1000));
    const refused = cli(dataDir, 'import', file);
    expect(refused.status).toBe(1);
    expect(refused.err).toMatch(/not imported: the file is not valid JSON/);
    expect(cli(dataDir, 'list').out.trim().split('\n')).toHaveLength(1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);
});
