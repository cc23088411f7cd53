import type { Request, Response, Router } from 'express';
import express from 'express';
import crypto from 'node:crypto';
import { AccountBody, SignInBody } from '@tavla/shared';
import type { SeminarRow, Store } from './store/store.js';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets.js';
import { parseBody, sendError } from './errors.js';

export const SESSION_COOKIE = 'tavla_session';
const SESSION_DAYS = 14;

export function facilitatorFromCookie(store: Store, token: string | undefined): { id: string; name: string } | null {
  return token ? store.facilitatorBySession(hashToken(token), Date.now()) : null;
}

/** The signed-in facilitator of a request, or null. */
export function currentFacilitator(store: Store, req: Request): { id: string; name: string } | null {
  return facilitatorFromCookie(store, req.cookies?.[SESSION_COOKIE]);
}

/**
 * The signed-in facilitator and the seminar named by `:id`, when they run it (owner or
 * co-facilitator). Otherwise a 404 has been sent (no hint that the seminar exists) and it is null.
 */
export function seminarRunBy(store: Store, req: Request, res: Response): { fac: { id: string; name: string }; seminar: SeminarRow } | null {
  const fac = currentFacilitator(store, req);
  const seminar = store.seminarById(String(req.params.id));
  if (fac && seminar && store.mayRun(seminar.id, fac.id)) return { fac, seminar };
  sendError(res, 404, 'not_found', 'no such seminar');
  return null;
}

function startSession(store: Store, req: Request, res: Response, facilitatorId: string) {
  const token = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
  store.createSession(hashToken(token), facilitatorId, expires.getTime());
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, expires, path: '/' });
}

/** First-run setup, sign-in and sign-out of facilitators. */
export function authRoutes(store: Store): Router {
  const r = express.Router();

  r.get('/state', (req, res) => {
    res.json({ needsSetup: store.facilitatorCount() === 0, facilitator: currentFacilitator(store, req) });
  });

  r.post('/setup', async (req, res) => {
    const body = parseBody(AccountBody, req, res);
    if (!body) return;
    if (store.facilitatorCount() > 0) return sendError(res, 409, 'conflict', 'the first account exists already; sign in');
    const id = crypto.randomUUID();
    const passwordHash = await hashPassword(body.password);
    // Checked again after the await: two first visits must not both become the first account.
    if (store.facilitatorCount() > 0) return sendError(res, 409, 'conflict', 'the first account exists already; sign in');
    store.createFacilitator({ id, name: body.name, passwordHash });
    startSession(store, req, res, id);
    res.status(201).json({ facilitator: { id, name: body.name } });
  });

  r.post('/login', async (req, res) => {
    const body = parseBody(SignInBody, req, res);
    if (!body) return;
    const found = store.facilitatorByName(body.name);
    const ok = found ? await verifyPassword(body.password, found.passwordHash) : false;
    if (!found || !ok) return sendError(res, 401, 'unauthenticated', 'wrong name or password');
    startSession(store, req, res, found.id);
    res.json({ facilitator: { id: found.id, name: found.name } });
  });

  r.post('/logout', (req, res) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) store.deleteSession(hashToken(token));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return r;
}
