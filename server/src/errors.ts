import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ErrorCode } from '@tavla/shared';

export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * Parse a JSON body with its schema (zod or zod/mini), or answer 400 naming the first problem and
 * return null.
 */
export function parseBody<S extends z.core.$ZodType>(schema: S, req: Request, res: Response): z.output<S> | null {
  const parsed = z.safeParse(schema, req.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  sendError(res, 400, 'invalid', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  return null;
}
