/**
 * OpenID Connect sign-ins (server/oidc.ts does the protocol with openid-client): the state kept
 * between the redirect to the provider and its return (single use, 10 minutes), and the local
 * account an identity opens — only one an administrator linked (identityLinks.ts), not disabled,
 * through the second factor where the account has one or its role must. Every outcome audited.
 */
import { issue, ParError } from '../core/index.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './database.ts';
import { open, seal } from './secretBox.ts';
import { createChallenge, openSession, tokenHash, type LoginOptions, type SecondFactorNeeded, type Session } from './users.ts';

export interface OidcStart {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Keeps a sign-in's state until the provider sends the browser back. */
export async function saveOidcStart(db: Database, start: OidcStart): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM oidc_logins WHERE expires_at < now()');
    const hash = tokenHash(start.state);
    await tx.query("INSERT INTO oidc_logins (state_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + interval '10 minutes')", [
      hash,
      start.nonce,
      seal(start.codeVerifier, `oidc/${hash}`),
    ]);
  });
}

export const stateRefused = () =>
  new ParError(
    issue(
      'auth.oidcState',
      {
        vi: 'lượt đăng nhập này đã dùng, đã hết hạn hoặc không do trình duyệt này bắt đầu: hãy đăng nhập lại',
        en: 'this sign-in was already used, has expired or was not started by this browser: sign in again',
      },
      { field: 'state' },
    ),
  );

/** Takes a state once: a second use (a replay) or an unknown or expired one is refused. */
export async function takeOidcStart(db: Database, state: string): Promise<OidcStart> {
  const hash = tokenHash(state);
  const [row] = await db.query<{ nonce: string; code_verifier: string; live: boolean }>(
    'DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING nonce, code_verifier, expires_at > now() AS live',
    [hash],
  );
  if (!row?.live) throw stateRefused();
  return { state, nonce: row.nonce, codeVerifier: open(row.code_verifier, `oidc/${hash}`) };
}

const refusal = (code: 'auth.oidcUnlinked' | 'auth.oidcDisabled', name: string) =>
  new ParError(
    issue(
      code,
      code === 'auth.oidcUnlinked'
        ? {
            vi: `tài khoản ${name} chưa được liên kết với người dùng nào của hệ thống: đề nghị quản trị viên liên kết rồi đăng nhập lại`,
            en: `the account ${name} is not linked to a user of this system: ask the administrator to link it, then sign in again`,
          }
        : { vi: `người dùng liên kết với ${name} đang bị khoá`, en: `the user linked to ${name} is disabled` },
      { field: 'identity' },
    ),
  );

/** The account an identity opens: a session, or a second-factor challenge; refused when unlinked or disabled. */
export async function signInWithIdentity(
  db: Database,
  identity: { issuer: string; subject: string },
  options: LoginOptions = {},
): Promise<Session | SecondFactorNeeded> {
  const outcome = await db.transaction(async (tx) => {
    const subject = `identity/${identity.subject}`;
    const [row] = await tx.query<{ id: bigint; username: string; role: string; disabled: boolean; totp_enabled_at: Date | null }>(
      `SELECT u.id, u.username, u.role, u.disabled, u.totp_enabled_at
       FROM identity_links l JOIN users u ON u.id = l.user_id WHERE l.issuer = $1 AND l.subject = $2`,
      [identity.issuer, identity.subject],
    );
    if (!row || row.disabled) {
      const code = row ? 'auth.oidcDisabled' : 'auth.oidcUnlinked';
      await appendAudit(tx, {
        actorId: row ? String(row.id) : 'public',
        action: 'auth.oidcRefused',
        subject,
        after: { issuer: identity.issuer, reason: code },
      });
      return { refused: refusal(code, identity.subject) };
    }
    const after = { issuer: identity.issuer, subject: identity.subject };
    if (row.totp_enabled_at !== null || (options.requireSecondFactor?.includes(row.role) ?? false)) {
      const purpose = row.totp_enabled_at !== null ? 'verify' : 'enroll';
      const challenge = await createChallenge(tx, String(row.id), purpose, false);
      await appendAudit(tx, { actorId: String(row.id), action: 'auth.oidc', subject: `user/${row.username}`, after: { ...after, secondFactor: purpose } });
      return { result: { secondFactor: purpose, challenge } as SecondFactorNeeded };
    }
    await appendAudit(tx, { actorId: String(row.id), action: 'auth.oidc', subject: `user/${row.username}`, after });
    return { result: await openSession(tx, row) };
  });
  // The refusal is audited (committed) before it is thrown.
  if ('refused' in outcome) throw outcome.refused;
  return outcome.result;
}

/** A sign-in the provider's answer failed (state, token, claim): audited with the reason. */
export async function auditOidcFailure(db: Database, reason: string): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, { actorId: 'public', action: 'auth.oidcFailed', subject: 'identity', after: { reason: reason.slice(0, 300) } }));
}
