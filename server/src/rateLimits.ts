import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';

/** Per-address limits on what can be guessed: join codes, and facilitator passwords. */
export function rateLimits(perMinute: { joins: number; logins: number }): { join: RequestHandler; login: RequestHandler } {
  const limited = (limit: number, windowMs: number): RequestHandler =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({ error: { code: 'rate_limited', message: 'too many tries; wait a minute and try again' } });
      },
    });
  return {
    // A whole room may sit behind one venue address: generous for joining, but a guesser of the
    // 31^6 ≈ 887 million codes gets nowhere at 60 a minute.
    join: limited(perMinute.joins, 60_000),
    login: limited(perMinute.logins, 60_000),
  };
}
