/** Who is logged in (null: the public), loaded once and after login/logout. */
import type { LogoutResponse, PasswordResponse, SecondFactorResponse, SessionResponse, SessionUserJson } from '../../src/server/responses.ts';
import { api, setCsrfToken } from './api.ts';

export type SessionUser = SessionUserJson;

/** The server answers a visitor with { user: null } (not an error), so public pages log nothing. */
export async function loadSession(): Promise<SessionUser | null> {
  try {
    const session = await api<SessionResponse>('GET', '/api/session');
    setCsrfToken(session.user && 'csrfToken' in session ? session.csrfToken : undefined);
    return session.user;
  } catch {
    setCsrfToken(undefined);
    return null;
  }
}

/** The password's answer: signed in, or a second step (a code from the authenticator app, or setting one up first). */
export type LoginStep = { user: SessionUser; recoveryCodes?: string[] } | { secondFactor: 'verify' | 'enroll'; challenge: string };

export async function logIn(username: string, password: string): Promise<LoginStep> {
  const answer = await api<PasswordResponse>('POST', '/api/session', {
    username,
    password,
  });
  if ('secondFactor' in answer) return answer;
  setCsrfToken(answer.csrfToken);
  return { user: answer.user };
}

/** The second step: the code (or a recovery code) for the challenge. */
export async function secondFactor(challenge: string, code: string): Promise<{ user: SessionUser; recoveryCodes?: string[] }> {
  const session = await api<SecondFactorResponse>('POST', '/api/session/second-factor', { challenge, code });
  setCsrfToken(session.csrfToken);
  return { user: session.user, ...(session.recoveryCodes && { recoveryCodes: session.recoveryCodes }) };
}

/** Signs out; after a sign-in through the province's provider, the address that signs the browser out there too. */
export async function logOut(): Promise<string | undefined> {
  const answer = await api<LogoutResponse>('DELETE', '/api/session');
  setCsrfToken(undefined);
  return answer.providerLogout;
}
