import crypto from 'node:crypto';
import express, { type Router } from 'express';
import {
  CoFacilitatorBody,
  JoinBody,
  SeminarCreateBody,
  groupForNewcomer,
  normaliseJoinCode,
  participantJoined,
  seminarCreated,
  type JoinReply,
  type TableDeviceReply,
  type SeminarPreview,
} from '@tavla/shared';
import type { Hub } from './hub.js';
import { currentFacilitator, seminarRunBy } from './auth.js';
import { parseBody, sendError } from './errors.js';
import { hashPassword, hashToken, unusedJoinCode, newToken } from './secrets.js';

/** Seminars (for facilitators) and joining (for phones). */
export function seminarRoutes(hub: Hub, joinBaseUrl: () => string): Router {
  const store = hub.store;
  const r = express.Router();

  r.get('/config', (_req, res) => {
    res.json({ joinBaseUrl: joinBaseUrl() });
  });

  r.get('/seminars', (req, res) => {
    const fac = currentFacilitator(store, req);
    if (!fac) return sendError(res, 401, 'unauthenticated', 'sign in first');
    res.json({ seminars: store.seminarsOf(fac.id).map(({ ownerId: _o, ...s }) => s) });
  });

  r.post('/seminars', (req, res) => {
    const fac = currentFacilitator(store, req);
    if (!fac) return sendError(res, 401, 'unauthenticated', 'sign in first');
    const body = parseBody(SeminarCreateBody, req, res);
    if (!body) return;
    const id = crypto.randomUUID();
    const joinCode = unusedJoinCode((code) => !!store.seminarByCode(code));
    const first = seminarCreated(body, { seminarId: id, taskId: crypto.randomUUID(), joinCode, roleIds: body.roles.map((_, i) => `r${i + 1}`) });
    store.createSeminar({ id, joinCode, ownerId: fac.id, title: body.title, date: body.date, createdAt: Date.now() }, first);
    res.status(201).json({ id, joinCode });
  });

  // Deleting is at once and for good: events, notes, tokens. Open screens are disconnected.
  r.delete('/seminars/:id', (req, res) => {
    const run = seminarRunBy(store, req, res);
    if (!run) return;
    const { fac, seminar } = run;
    if (seminar.ownerId !== fac.id) return sendError(res, 403, 'forbidden', 'only the facilitator who created the seminar can delete it');
    hub.delete(seminar.id);
    res.status(204).end();
  });

  // Co-facilitators: any facilitator of a seminar can add another facilitator account by its name.
  r.get('/seminars/:id/facilitators', (req, res) => {
    const { seminar } = seminarRunBy(store, req, res) ?? {};
    if (!seminar) return;
    res.json({ facilitators: store.facilitatorsOf(seminar.id).map(({ name, owner }) => ({ name, owner })) });
  });
  r.post('/seminars/:id/facilitators', async (req, res) => {
    const { seminar } = seminarRunBy(store, req, res) ?? {};
    if (!seminar) return;
    const body = parseBody(CoFacilitatorBody, req, res);
    if (!body) return;
    let other = store.facilitatorByName(body.name);
    if (other && body.password) return sendError(res, 409, 'conflict', 'an account with that name exists; add it without a password');
    if (!other && !body.password) return sendError(res, 404, 'not_found', 'no facilitator account has that name; give a first password to create one');
    if (!other) {
      const id = crypto.randomUUID();
      const passwordHash = await hashPassword(body.password!);
      if (!store.facilitatorByName(body.name)) store.createFacilitator({ id, name: body.name, passwordHash });
      other = store.facilitatorByName(body.name)!;
    }
    store.addCoFacilitator(seminar.id, other.id);
    res.status(201).json({ facilitators: store.facilitatorsOf(seminar.id).map(({ name, owner }) => ({ name, owner })) });
  });

  r.get('/seminars/:id/qr.svg', async (req, res) => {
    const { seminar } = seminarRunBy(store, req, res) ?? {};
    if (!seminar) return;
    const svg = await qrSvg(`${joinBaseUrl()}/j/${seminar.joinCode}`);
    res.type('image/svg+xml').set('Cache-Control', 'private, max-age=3600').send(svg);
  });

  // A shared tablet or laptop at a table: the facilitator shows this QR code (or link) to it.
  // The token travels in the URL's fragment, which browsers never send to a server.
  r.post('/seminars/:id/tables/:groupId', async (req, res) => {
    const { seminar } = seminarRunBy(store, req, res) ?? {};
    if (!seminar) return;
    if (!hub.get(seminar.id).state.groups[req.params.groupId]) return sendError(res, 404, 'not_found', 'no such group');
    const token = newToken();
    store.addTableDevice(seminar.id, req.params.groupId, hashToken(token));
    const url = `${joinBaseUrl()}/t/${seminar.id}#table=${token}`;
    const reply: TableDeviceReply = { url, qrSvg: await qrSvg(url) };
    res.status(201).json(reply);
  });

  r.get('/join/:code', (req, res) => {
    const seminar = store.seminarByCode(normaliseJoinCode(req.params.code));
    if (!seminar) return sendError(res, 404, 'not_found', 'no seminar has this code');
    const info = hub.get(seminar.id).state.seminar!;
    const preview: SeminarPreview = { seminarId: seminar.id, title: info.title, language: info.language, roles: info.roles };
    res.json(preview);
  });

  r.post('/join', (req, res) => {
    const body = parseBody(JoinBody, req, res);
    if (!body) return;
    const seminar = store.seminarByCode(normaliseJoinCode(body.code));
    if (!seminar) return sendError(res, 404, 'not_found', 'no seminar has this code');
    const info = hub.get(seminar.id).state.seminar!;
    if (!info.roles.some((role) => role.id === body.roleId)) return sendError(res, 400, 'invalid', 'roleId: not a role of this seminar');
    const participantId = crypto.randomUUID();
    const token = newToken();
    // A latecomer sits down at once: the smallest table that lacks their role.
    const groupId = groupForNewcomer(hub.get(seminar.id).state, body.roleId);
    const joined = hub.join(seminar.id, participantId, hashToken(token), participantJoined({ id: participantId, name: body.name, roleId: body.roleId, groupId, paper: false, scribe: false }));
    if (!joined.ok) return sendError(res, 409, 'limit', 'this seminar is full');
    const reply: JoinReply = { seminarId: seminar.id, participantId, token };
    res.status(201).json(reply);
  });

  return r;
}

/** A QR code as SVG. The writer loads on first use: most of a server's life nobody needs one. */
const qrSvg = async (text: string) => (await import('qrcode')).default.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
