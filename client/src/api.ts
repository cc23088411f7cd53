import type { ErrorCode } from '@tavla/shared';

/** An error answered by the server (or `network` when it could not be reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }
}

/** JSON over fetch, with the server's `{ error: { code, message } }` turned into an ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'Content-Type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: ErrorCode; message: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'server_error', data?.error?.message ?? res.statusText);
  return data as T;
}
