/**
 * A browser request may come from this server's own pages or a configured origin. Requests
 * without an Origin header (curl, native socket clients) carry no ambient browser credentials
 * an attacker could borrow, so they pass here and must still authenticate.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
