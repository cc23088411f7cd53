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
