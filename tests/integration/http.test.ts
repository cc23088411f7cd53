import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilitatorHttp, startServer, type Running } from '../harness.js';

/** What the HTTP side promises a browser: headers, cookies, and no cross-site writes. */
let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.stop());

describe('HTTP', () => {
  it('sends a CSP of its own origin only, with no inline script', async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('answers health checks with JSON that is never cached', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${server.url}/healthz?probe=lb`)).json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).not.toBe(200);
  });

  it('keeps an idle keep-alive connection open longer than a proxy keeps its own', async () => {
    // A reverse proxy reuses its connections to us for up to 60 s idle (nginx, most load
    // balancers): were the server to close one first, a request sent on it as it closes fails.
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let heard = '';
    socket.on('data', (d) => (heard += d));
    const ask = async () => {
      heard = '';
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      for (let i = 0; i < 100 && !heard.includes('{"ok":true}'); i++) await new Promise((r) => setTimeout(r, 20));
      return heard;
    };
    const first = await ask();
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    const timeout = Number(/keep-alive: timeout=(\d+)/i.exec(first)?.[1]);
    expect(timeout).toBeGreaterThan(60);
    // Past Node's own default (5 s), the same connection still answers.
    await new Promise((r) => setTimeout(r, 6000));
    expect(socket.destroyed).toBe(false);
    expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  }, 15_000);

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const res = await fetch(`${server.url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Erik', password: 'hemmelig-passord' }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tavla_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a state-changing request from another site, even with the cookie', async () => {
    const http = new FacilitatorHttp(server.url);
    await http.request('POST', '/api/auth/login', { name: 'Erik', password: 'hemmelig-passord' });
    const forged = await fetch(`${server.url}/api/seminars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: http.cookie, origin: 'http://evil.example' },
      body: JSON.stringify({ title: 'Kapret', date: '2026-11-22', language: 'nb', roles: ['x'], task: { title: 'x' } }),
    });
    expect(forged.status).toBe(403);
    const form = await fetch(`${server.url}/api/seminars`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: http.cookie }, body: 'title=Kapret' });
    expect(form.status).toBe(415);
    expect((await http.request('GET', '/api/seminars')).json.seminars).toEqual([]);
  });
});
