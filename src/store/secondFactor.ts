/**
 * The second factor of a login (TOTP, RFC 6238, with otpauth): after the password, a challenge
 * (users.ts `login`) is answered with a code from the person's authenticator app, or with one of
 * the account's one-time recovery codes; an account whose role the province requires a second
 * factor for and that has none sets it up in the same step (the secret shown once, confirmed by a
 * first code). A code is accepted once (its time step is kept); five wrong answers end the
 * challenge; every step is audited. Secrets are stored sealed (secretBox.ts), bound to the account.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { issue, ParError } from '../core/index.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { isSealed, open, seal } from './secretBox.ts';
import { createChallenge, openSession, tokenHash, type Session } from './users.ts';
import type { Shaped } from './tables.ts';

const MAX_ATTEMPTS = 5;
const RECOVERY_CODES = 10;

type ChallengeRow = Pick<Shaped<'login_challenges', { purpose: 'verify' | 'enroll' }>, 'user_id' | 'purpose' | 'pending_secret' | 'attempts' | 'bearer'> &
  Pick<Shaped<'users', { recovery_codes: string[] }>, 'username' | 'totp_secret' | 'totp_last_step' | 'recovery_codes'>;

const expired = () =>
  new ParError(
    issue(
      'auth.challengeExpired',
      { vi: 'phiên đăng nhập đã hết hạn hoặc không còn dùng được: hãy đăng nhập lại', en: 'the sign-in has expired or was used: sign in again' },
      { field: 'challenge' },
    ),
  );
const wrongCode = (left: number) =>
  new ParError(
    issue(
      'auth.wrongCode',
      {
        vi: `mã xác thực không đúng hoặc đã dùng${left > 0 ? ` (còn ${left} lần thử)` : ''}`,
        en: `the code is wrong or was already used${left > 0 ? ` (${left} tries left)` : ''}`,
      },
      { field: 'code' },
    ),
  );

async function challengeRow(tx: Queryable, challenge: string): Promise<ChallengeRow> {
  const [row] = await tx.query<ChallengeRow>(
    `SELECT c.user_id, c.purpose, c.pending_secret, c.attempts, c.bearer, u.username, u.totp_secret, u.totp_last_step, u.recovery_codes
     FROM login_challenges c JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1 AND c.expires_at > now() AND NOT u.disabled FOR UPDATE OF c`,
    [tokenHash(challenge)],
  );
  if (!row) throw expired();
  return row;
}

/** What a sealed secret is bound to: its account (a secret copied to another row does not open). */
const context = (userId: bigint | string) => `totp/${userId}`;

const totpOf = (secret: string, issuer: string, label: string) =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
const hashCode = (code: string) =>
  createHash('sha256')
    .update(code.replace(/[^a-z0-9]/gi, '').toLowerCase())
    .digest('hex');

/** For an account setting its second factor up: the secret (kept on the challenge until confirmed) and its otpauth:// address for a QR code. */
export async function enrollment(db: Database, challenge: string, issuer: string): Promise<{ secret: string; uri: string }> {
  return db.transaction(async (tx) => {
    const row = await challengeRow(tx, challenge);
    if (row.purpose !== 'enroll') throw expired();
    const secret = row.pending_secret ? open(row.pending_secret, context(row.user_id)) : new Secret({ size: 20 }).base32;
    if (!row.pending_secret)
      await tx.query('UPDATE login_challenges SET pending_secret = $2 WHERE token_hash = $1', [tokenHash(challenge), seal(secret, context(row.user_id))]);
    return { secret, uri: totpOf(secret, issuer, row.username).toString() };
  });
}

export interface SecondFactorResult {
  session: Session;
  bearer: boolean;
  /** Given once, when the second factor was just set up: each opens one login without the app. */
  recoveryCodes?: string[];
}

/** Answers a challenge with a code (or a recovery code): the session, or the reason it is refused. */
export async function completeLogin(db: Database, challenge: string, code: string, issuer: string, now = Date.now()): Promise<SecondFactorResult> {
  const outcome = await db.transaction(async (tx) => {
    const row = await challengeRow(tx, challenge);
    const stored = row.purpose === 'enroll' ? row.pending_secret : row.totp_secret;
    if (!stored) throw expired();
    const secret = open(stored, context(row.user_id));
    // A plaintext secret of before encryption (left by a start without the sweep): sealed now.
    if (row.purpose === 'verify' && !isSealed(stored))
      await tx.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [row.user_id, seal(secret, context(row.user_id))]);
    const digits = code.replace(/\s/g, '');
    const delta = /^\d{6}$/.test(digits) ? totpOf(secret, issuer, row.username).validate({ token: digits, timestamp: now, window: 1 }) : null;
    const step = delta === null ? undefined : BigInt(Math.floor(now / 30_000) + delta);
    const fresh = step !== undefined && (row.totp_last_step === null || step > BigInt(row.totp_last_step));
    const recovery = row.purpose === 'verify' && !fresh ? row.recovery_codes.indexOf(hashCode(code)) : -1;
    if (!fresh && recovery < 0) {
      const attempts = row.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) await tx.query('DELETE FROM login_challenges WHERE token_hash = $1', [tokenHash(challenge)]);
      else await tx.query('UPDATE login_challenges SET attempts = $2 WHERE token_hash = $1', [tokenHash(challenge), attempts]);
      await appendAudit(tx, { actorId: String(row.user_id), action: 'auth.wrongCode', subject: `user/${row.username}` });
      return { refused: wrongCode(MAX_ATTEMPTS - attempts) };
    }
    await tx.query('DELETE FROM login_challenges WHERE token_hash = $1', [tokenHash(challenge)]);
    let recoveryCodes: string[] | undefined;
    if (row.purpose === 'enroll') {
      recoveryCodes = Array.from({ length: RECOVERY_CODES }, () =>
        randomBytes(6)
          .toString('hex')
          .replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'),
      );
      await tx.query('UPDATE users SET totp_secret = $2, totp_enabled_at = now(), totp_last_step = $3, recovery_codes = $4 WHERE id = $1', [
        row.user_id,
        seal(secret, context(row.user_id)),
        String(step),
        JSON.stringify(recoveryCodes.map(hashCode)),
      ]);
      await appendAudit(tx, { actorId: String(row.user_id), action: 'auth.secondFactorOn', subject: `user/${row.username}` });
    } else if (fresh) {
      await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [row.user_id, String(step)]);
    } else {
      const left = row.recovery_codes.filter((_, i) => i !== recovery);
      await tx.query('UPDATE users SET recovery_codes = $2 WHERE id = $1', [row.user_id, JSON.stringify(left)]);
      await appendAudit(tx, { actorId: String(row.user_id), action: 'auth.recoveryCode', subject: `user/${row.username}`, after: { left: left.length } });
    }
    const session = await openSession(tx, { id: row.user_id, username: row.username });
    return { result: { session, bearer: row.bearer, ...(recoveryCodes && { recoveryCodes }) } };
  });
  // A wrong code is counted (committed) before it is refused.
  if ('refused' in outcome) throw outcome.refused;
  return outcome.result;
}

/** A signed-in person turns the second factor on themselves: a challenge to set it up with (answered as at login). */
export async function startEnrollment(db: Database, userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ totp_enabled_at: Date | null }>('SELECT totp_enabled_at FROM users WHERE id = $1', [userId]);
    if (row?.totp_enabled_at)
      throw new ParError(
        issue('secondFactor.inUse', { vi: 'tài khoản đã bật xác thực hai yếu tố', en: 'the account already has a second factor' }, { field: 'secondFactor' }),
      );
    return createChallenge(tx, userId, 'enroll', false);
  });
}

/**
 * Seals the TOTP secrets stored in plaintext (accounts that enrolled before encryption, migration
 * 019); a set-up still waiting with a plaintext secret is dropped (it is 5 minutes long: sign in
 * again). Run by the server at start, after its key is set; returns how many it sealed.
 */
export async function sealPlainSecrets(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: bigint; totp_secret: string }>(
      "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%' FOR UPDATE",
    );
    for (const row of rows) await tx.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [row.id, seal(row.totp_secret, context(row.id))]);
    await tx.query("DELETE FROM login_challenges WHERE pending_secret IS NOT NULL AND pending_secret NOT LIKE 'v1:%'");
    if (rows.length)
      await appendAudit(tx, { actorId: 'system', action: 'auth.secretsSealed', subject: 'users/totp', after: { accounts: rows.map((r) => String(r.id)) } });
    return rows.length;
  });
}
