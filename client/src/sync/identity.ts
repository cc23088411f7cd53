/** A participant's identity on this device: the token issued at join, kept across reloads. */
export interface Identity {
  participantId: string;
  token: string;
}

const key = (seminarId: string) => `tavla:participant:${seminarId}`;

export function loadIdentity(seminarId: string): Identity | null {
  try {
    const raw = localStorage.getItem(key(seminarId));
    const parsed = raw ? (JSON.parse(raw) as Partial<Identity>) : null;
    return parsed && typeof parsed.participantId === 'string' && typeof parsed.token === 'string'
      ? { participantId: parsed.participantId, token: parsed.token }
      : null;
  } catch {
    return null;
  }
}

export function saveIdentity(seminarId: string, identity: Identity): void {
  localStorage.setItem(key(seminarId), JSON.stringify(identity));
}

export function forgetIdentity(seminarId: string): void {
  localStorage.removeItem(key(seminarId));
}

const tableKey = (seminarId: string) => `tavla:table:${seminarId}`;

/**
 * A shared device at a table opens a link whose fragment carries its token (`#table=...`):
 * keep the token on the device and take it out of the address bar.
 */
export function tableTokenFromLink(seminarId: string): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('table');
  try {
    if (fromLink) {
      localStorage.setItem(tableKey(seminarId), fromLink);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return fromLink ?? localStorage.getItem(tableKey(seminarId));
  } catch {
    return fromLink;
  }
}
