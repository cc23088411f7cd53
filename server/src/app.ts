import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { parse as parseCookie } from 'cookie';
import type { Server } from 'socket.io';
import type { Config } from './config.js';
import { Hub } from './hub.js';
import { authRoutes } from './auth.js';
import { seminarRoutes } from './routes.js';
import { reportRoutes } from './reportRoutes.js';
import { ReportWriters } from './report/writers.js';
import { IMPORT_BODY_LIMIT } from './exchange.js';
import { attachSync } from './sync.js';
import { originAllowed } from './origin.js';
import { sendError } from './errors.js';
import { rateLimits } from './rateLimits.js';
import { startRetention } from './retention.js';
import type { Store } from './store/store.js';

/** How long an idle keep-alive connection is kept open (ms): longer than a proxy's 60 s. */
const KEEP_ALIVE_MS = 65_000;

export interface App {
  httpServer: http.Server;
  io: Server;
  hub: Hub;
  log: Logger;
  /** Start listening; resolves with the port actually bound (useful with port 0). */
  listen: () => Promise<number>;
  /** Stop taking connections, close sockets, then the store. */
  close: () => Promise<void>;
}

/** Build the whole server around a store: HTTP routes, static client, and the socket layer. */
export function createApp(config: Config, store: Store): App {
  const log = pino({ level: config.logLevel });
  const hub = new Hub(store, config.participantsPerSeminar, config.commitDelayMs, (err) => log.error({ err }, 'storing events failed'));
  const app = express();
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Served over plain http on a venue LAN as often as over https: no HSTS, no forced upgrade.
      strictTransportSecurity: false,
    }),
  );

  const api = express.Router();
  // A whole seminar file may be large: only its import route reads a bigger body.
  api.use('/seminars/import', express.json({ limit: IMPORT_BODY_LIMIT }));
  api.use(express.json({ limit: '64kb' }));
  api.use((req, _res, next) => {
    req.cookies = parseCookie(req.headers.cookie ?? '');
    next();
  });
  // CSRF: a state-changing request must be JSON (a cross-site form cannot send that without a
  // preflight) and come from our own origin when a browser says where it comes from.
  api.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins)) return sendError(res, 403, 'forbidden', 'cross-site request refused');
    if (req.headers['content-type'] && !req.is('application/json')) return sendError(res, 415, 'invalid', 'send JSON');
    next();
  });
  const limits = rateLimits({ joins: config.joinsPerMinute, logins: config.loginsPerMinute });
  api.use(['/auth/login', '/auth/setup'], limits.login);
  api.use('/join', limits.join);
  api.use('/auth', authRoutes(store));
  const writers = new ReportWriters();
  api.use(reportRoutes(hub, writers));
  api.use(seminarRoutes(hub, () => joinBaseUrl(config, boundPort)));
  api.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  api.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'invalid', 'body: not valid JSON');
    if (err.type === 'entity.too.large') return sendError(res, 413, 'limit', 'body: too large');
    log.error({ err }, 'request failed');
    sendError(res, 500, 'server_error', 'something went wrong on the server');
  });
  app.use('/api', api);

  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    const index = path.join(config.clientDir, 'index.html');
    app.use(express.static(config.clientDir, { index: false, maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => res.type('text').send('Tavla server is running, but the client is not built. Run `npm run build`.'));
  }

  // Health is answered before Express: a probe every few seconds from a load balancer (or every
  // 100 ms from the benchmark) should cost the event loop next to nothing, and a JSON answer with
  // no page behind it needs none of the page headers. With TAVLA_METRICS=1 (the benchmark sets
  // it) health also reports event-loop lag.
  const lag = process.env.TAVLA_METRICS === '1' ? monitorEventLoopDelay({ resolution: 10 }) : null;
  lag?.enable();
  const health = (res: http.ServerResponse) => {
    const body = JSON.stringify(lag ? { ok: true, loopLagP99Ms: lag.percentile(99) / 1e6 } : { ok: true });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const httpServer = http.createServer((req, res) => {
    const healthz = req.url === '/healthz' || req.url?.startsWith('/healthz?');
    if (healthz && (req.method === 'GET' || req.method === 'HEAD')) return health(res);
    app(req, res);
  });
  // An idle keep-alive connection stays open longer than a reverse proxy keeps its own to us
  // (nginx's and most load balancers' 60 s), so the server never closes one just as the proxy
  // sends a request on it (a 502 for someone). Node's 5 s default is shorter than any of theirs.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1000;
  const io = attachSync(httpServer, hub, { allowedOrigins: config.allowedOrigins, commandsPerSecond: config.commandsPerSecond, payloadBytes: config.payloadBytes, idleSeminarMs: config.idleSeminarMs, log });
  let boundPort = config.port;
  const stopRetention = startRetention(hub, config.retentionDays, log);

  return {
    httpServer,
    io,
    hub,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const addr = httpServer.address();
          boundPort = typeof addr === 'object' && addr ? addr.port : config.port;
          resolve(boundPort);
        });
      }),
    close: async () => {
      stopRetention();
      lag?.disable();
      await io.close(); // closes the http server too
      await writers.close();
      hub.flush(); // commands applied but not yet written
      store.close();
    },
  };
}

/** The address phones on the same network use: the configured one, or this machine's LAN address. */
export function joinBaseUrl(config: Config, port: number): string {
  return config.publicUrl ?? `http://${lanAddresses()[0] ?? 'localhost'}:${port}`;
}

export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}
