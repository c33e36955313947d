/** Who is logged in (null: the public), loaded once and after login/logout. */
import { api, setCsrfToken } from './api.ts';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'appraiser' | 'unitEditor' | 'unitViewer';
  unitId?: string | null;
}

/** The server answers a visitor with { user: null } (not an error), so public pages log nothing. */
export async function loadSession(): Promise<SessionUser | null> {
  try {
    const session = await api<{ user: SessionUser | null; csrfToken?: string }>('GET', '/api/session');
    setCsrfToken(session.user ? session.csrfToken : undefined);
    return session.user;
  } catch {
    setCsrfToken(undefined);
    return null;
  }
}

export async function logIn(username: string, password: string): Promise<SessionUser> {
  const session = await api<{ user: SessionUser; csrfToken: string }>('POST', '/api/session', { username, password });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function logOut(): Promise<void> {
  await api('DELETE', '/api/session');
  setCsrfToken(undefined);
}
