/**
 * Accounts and sessions. Passwords are scrypt hashes; five wrong passwords in a row lock the
 * account for 15 minutes; a session is a random token of which only the SHA-256 is stored,
 * with its own CSRF token, created anew at every login (no session fixation).
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ParError, issue, type Issue } from '../core/index.ts';
import { bilingual, parseWith } from '../core/validation.ts';
import { authorize, type Actor, type Role } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError, notFound } from './errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { RowOf, Shaped } from './tables.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Exclude<Role, 'public'>;
  unitId?: string;
  disabled: boolean;
  /** The row's version: a change naming an older one is refused (409) with the current user. */
  version: number;
}

type Row = Pick<Shaped<'users', { role: User['role'] }>, 'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'disabled' | 'version'>;

const user = (r: Row): User => ({
  id: String(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  ...(r.unit_id && { unitId: r.unit_id }),
  disabled: r.disabled,
  version: r.version,
});

export function actorOf(u: User): Actor {
  return { userId: u.id, role: u.role, ...(u.unitId && { unitId: u.unitId }) };
}

export const newUserInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
        error: bilingual({ vi: '3–64 ký tự: chữ thường, số, . _ -', en: '3–64 characters: lower-case letters, digits, . _ -' }),
      }),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(['admin', 'appraiser', 'unitEditor', 'unitViewer']),
    unitId: z.string().max(120).optional(),
    password: z
      .string()
      .min(10, { error: bilingual({ vi: 'mật khẩu tối thiểu 10 ký tự', en: 'at least 10 characters' }) })
      .max(200),
  })
  .strict()
  // Said with the other problems of the form, not after them: checked even when other fields are wrong.
  .refine((v) => (v.role === 'unitEditor' || v.role === 'unitViewer') === (typeof v.unitId === 'string' && v.unitId !== ''), {
    path: ['unitId'],
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    error: bilingual({
      vi: 'cán bộ đơn vị phải thuộc một đơn vị; vai trò khác thì không',
      en: 'unit editors and viewers belong to a unit; other roles do not',
    }),
  });

export type NewUser = z.input<typeof newUserInput>;

/**
 * What only the stored users and units can tell about a new account: its username taken, its
 * unit unknown. Looked up on the raw form too (an invalid one), so the answer to one submit lists
 * these beside the form's other problems.
 */
export async function newUserLookups(db: Queryable, input: unknown): Promise<Issue[]> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems: Issue[] = [];
  const unitId = typeof raw.unitId === 'string' && raw.unitId !== '' ? raw.unitId : undefined;
  if (unitId && !(await db.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length) {
    problems.push(issue('user.unknownUnit', { vi: `không có đơn vị ${unitId}`, en: `no unit ${unitId}` }, { field: 'unitId' }));
  }
  const username = newUserInput.shape.username.safeParse(raw.username);
  if (username.success && (await db.query('SELECT 1 FROM users WHERE username = $1', [username.data])).length) {
    problems.push(issue('user.duplicate', { vi: `tên đăng nhập ${username.data} đã có`, en: `username ${username.data} is taken` }, { field: 'username' }));
  }
  return problems;
}

export async function createUser(db: Database, input: NewUser, actor: Actor): Promise<User> {
  authorize(actor, 'manageUsers');
  const value = parseWith(newUserInput, input, { file: 'body' });
  const unitRole = value.role === 'unitEditor' || value.role === 'unitViewer';
  if (unitRole !== (value.unitId !== undefined)) {
    throw new ParError(
      issue(
        'user.unit',
        { vi: 'cán bộ đơn vị phải thuộc một đơn vị; vai trò khác thì không', en: 'unit editors and viewers belong to a unit; other roles do not' },
        { field: 'unitId' },
      ),
    );
  }
  const hash = await hashPassword(value.password);
  return db.transaction(async (tx) => {
    // Both said at once: the form shows each at its field.
    const problems = await newUserLookups(tx, value);
    if (problems.length) throw new ParError(problems);
    const [row] = await tx.query<Row>(
      'INSERT INTO users (username, display_name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id, username, display_name, role, unit_id, disabled, version',
      [value.username, value.displayName, value.role, value.unitId ?? null, hash],
    );
    const created = user(row!);
    await appendAudit(tx, { actorId: actor.userId, action: 'user.create', subject: `user/${created.username}`, after: created });
    return created;
  });
}

export const userChangeInput = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: z.enum(['admin', 'appraiser', 'unitEditor', 'unitViewer']).optional(),
    unitId: z.string().max(120).nullable().optional(),
    disabled: z.boolean().optional(),
    /** The version the administrator read (optional: when given, a stale one gets 409). */
    version: z.number().int().min(1).optional(),
    /** A new password set by the administrator (a reset); also lifts a lock-out. */
    password: z
      .string()
      .min(10, { error: bilingual({ vi: 'mật khẩu tối thiểu 10 ký tự', en: 'at least 10 characters' }) })
      .max(200)
      .optional(),
  })
  .strict();

export type UserChange = z.input<typeof userChangeInput>;

/**
 * The administrator changes an account: name, role and unit, disabled or not, a new password.
 * Disabling or resetting the password ends the user's sessions; an administrator cannot
 * disable or demote themselves (the province would lose its last way in).
 */
export async function updateUser(db: Database, id: string, input: UserChange, actor: Actor): Promise<User> {
  authorize(actor, 'manageUsers');
  const change = parseWith(userChangeInput, input, { file: 'body' });
  const hash = change.password === undefined ? undefined : await hashPassword(change.password);
  return db.transaction(async (tx) => {
    const [row] = /^\d+$/.test(id)
      ? await tx.query<Row>('SELECT id, username, display_name, role, unit_id, disabled, version FROM users WHERE id = $1 FOR UPDATE', [id])
      : [];
    if (!row) throw notFound({ vi: `không có người dùng ${id}`, en: `no user ${id}` }, 'user');
    const before = user(row);
    if (change.version !== undefined && change.version !== before.version) {
      throw new ConflictError(
        { vi: 'người dùng này vừa được người khác sửa: hãy tải lại rồi sửa tiếp', en: 'this user was just changed by someone else: reload and edit again' },
        before,
      );
    }
    const role = change.role ?? before.role;
    const unitRole = role === 'unitEditor' || role === 'unitViewer';
    const unitId = change.unitId === undefined ? (unitRole ? before.unitId : undefined) : (change.unitId ?? undefined);
    if (unitRole !== (unitId !== undefined)) {
      throw new ParError(
        issue(
          'user.unit',
          { vi: 'cán bộ đơn vị phải thuộc một đơn vị; vai trò khác thì không', en: 'unit editors and viewers belong to a unit; other roles do not' },
          { field: 'unitId' },
        ),
      );
    }
    if (unitId && !(await tx.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length) {
      throw new ParError(issue('user.unknownUnit', { vi: `không có đơn vị ${unitId}`, en: `no unit ${unitId}` }, { field: 'unitId' }));
    }
    if (before.id === actor.userId && (change.disabled === true || role !== 'admin')) {
      throw new ParError(
        issue(
          'user.self',
          { vi: 'không thể tự khoá hoặc tự bỏ quyền quản trị của chính mình', en: 'you cannot disable your own account or remove your own administrator role' },
          { field: change.disabled ? 'disabled' : 'role' },
        ),
      );
    }
    const [updated] = await tx.query<Row>(
      `UPDATE users SET display_name = $2, role = $3, unit_id = $4, disabled = $5, version = version + 1
         ${hash ? ', password_hash = $6, failed_logins = 0, locked_until = NULL' : ''}
       WHERE id = $1 RETURNING id, username, display_name, role, unit_id, disabled, version`,
      [row.id, change.displayName ?? before.displayName, role, unitId ?? null, change.disabled ?? before.disabled, ...(hash ? [hash] : [])],
    );
    if (hash || change.disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [row.id]);
    const after = user(updated!);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'user.update',
      subject: `user/${after.username}`,
      before,
      after: { ...after, ...(hash && { passwordReset: true }) },
    });
    return after;
  });
}

export async function listUsers(q: Queryable): Promise<User[]> {
  return (await q.query<Row>('SELECT id, username, display_name, role, unit_id, disabled, version FROM users ORDER BY role, username')).map(user);
}

export interface Session {
  token: string;
  csrfToken: string;
  user: User;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/**
 * One answer for every refused login — wrong password, unknown name, disabled or locked account —
 * so that neither the status, the message nor the time (one scrypt check on every path) tells
 * an attacker which usernames exist or which account is locked.
 */
const invalidLogin = () =>
  new ParError(
    issue(
      'auth.invalidLogin',
      {
        vi: `tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khoá (sau ${MAX_FAILED_LOGINS} lần nhập sai, khoá ${LOCK_MINUTES} phút)`,
        en: `wrong username or password, or the account is locked (${LOCK_MINUTES} minutes after ${MAX_FAILED_LOGINS} wrong passwords)`,
      },
      { field: 'password' },
    ),
  );
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks the password and opens a new session; counts failures and locks the account. */
/** One account (no secrets), or undefined. */
export async function userById(q: Queryable, id: string): Promise<User | undefined> {
  const [row] = /^\d+$/.test(id)
    ? await q.query<Row>('SELECT id, username, display_name, role, unit_id, disabled, version FROM users WHERE id = $1', [id])
    : [];
  return row && user(row);
}

/** What a password login answers when the account has a second factor, or must set one up (`secondFactor.ts`). */
export interface SecondFactorNeeded {
  secondFactor: 'verify' | 'enroll';
  challenge: string;
}

export interface LoginOptions {
  /** Roles that must sign in with a second factor (PARINDEX_REQUIRE_TOTP). */
  requireSecondFactor?: readonly string[];
  /** The session is for an API client (a bearer token), not a browser. */
  bearer?: boolean;
}

export async function login(db: Database, username: string, password: string, options: LoginOptions = {}): Promise<Session | SecondFactorNeeded> {
  const [row] = await db.query<Row & { password_hash: string; failed_logins: number; locked_until: Date | null; totp_enabled_at: Date | null }>(
    'SELECT id, username, display_name, role, unit_id, disabled, version, password_hash, failed_logins, locked_until, totp_enabled_at FROM users WHERE username = $1',
    [username.trim().toLowerCase()],
  );
  const matches = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row) throw invalidLogin();
  const locked = row.locked_until !== null && row.locked_until.getTime() > Date.now();
  if (locked) {
    await db.transaction((tx) => appendAudit(tx, { actorId: String(row.id), action: 'auth.failedLogin', subject: `user/${row.username}` }));
    throw invalidLogin();
  }
  if (row.disabled || !matches) {
    await db.transaction(async (tx) => {
      const failures = row.failed_logins + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      await tx.query(
        `UPDATE users SET failed_logins = $2, locked_until = ${lock ? `now() + interval '${LOCK_MINUTES} minutes'` : 'locked_until'} WHERE id = $1`,
        [row.id, lock ? 0 : failures],
      );
      await appendAudit(tx, { actorId: String(row.id), action: lock ? 'auth.locked' : 'auth.failedLogin', subject: `user/${row.username}` });
    });
    throw invalidLogin();
  }
  // The password is right: a second factor first where the account has one or its role must.
  const required = options.requireSecondFactor?.includes(row.role) ?? false;
  if (row.totp_enabled_at !== null || required) {
    return db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
      const purpose = row.totp_enabled_at !== null ? 'verify' : 'enroll';
      const challenge = await createChallenge(tx, String(row.id), purpose, options.bearer ?? false);
      await appendAudit(tx, { actorId: String(row.id), action: 'auth.password', subject: `user/${row.username}`, after: { secondFactor: purpose } });
      return { secondFactor: purpose, challenge };
    });
  }
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]);
    return openSession(tx, row);
  });
}

/** A new session for an account that has proved who it is (password, and the second factor where needed); audited. */
export async function openSession(tx: Queryable, row: { id: bigint | string; username: string }): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await tx.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_HOURS} hours')`, [
    tokenHash(token),
    row.id,
    csrfToken,
  ]);
  await tx.query('DELETE FROM sessions WHERE expires_at < now()');
  await appendAudit(tx, { actorId: String(row.id), action: 'auth.login', subject: `user/${row.username}` });
  const [found] = await tx.query<Row>('SELECT id, username, display_name, role, unit_id, disabled, version FROM users WHERE id = $1', [row.id]);
  return { token, csrfToken, user: user(found!) };
}

/** A single-use challenge for the second step of a login, valid 5 minutes; only its hash is stored. */
export async function createChallenge(tx: Queryable, userId: string, purpose: 'verify' | 'enroll', bearer: boolean): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  await tx.query('DELETE FROM login_challenges WHERE expires_at < now() OR user_id = $1', [userId]);
  await tx.query("INSERT INTO login_challenges (token_hash, user_id, purpose, bearer, expires_at) VALUES ($1, $2, $3, $4, now() + interval '5 minutes')", [
    tokenHash(challenge),
    userId,
    purpose,
    bearer,
  ]);
  return challenge;
}

export { tokenHash };

export async function sessionOf(q: Queryable, token: string): Promise<{ user: User; csrfToken: string } | undefined> {
  const [row] = await q.query<Row & Pick<RowOf<'sessions'>, 'csrf_token'>>(
    `SELECT u.id, u.username, u.display_name, u.role, u.unit_id, u.disabled, u.version, s.csrf_token
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash(token)],
  );
  return row && { user: user(row), csrfToken: row.csrf_token };
}

/** Ends a session (logging out, or the one a browser came with when it logs in again); audited. */
export async function logout(db: Database, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [ended] = await tx.query<Pick<RowOf<'users'>, 'id' | 'username'>>(
      'DELETE FROM sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id RETURNING u.id, u.username',
      [tokenHash(token)],
    );
    if (ended) await appendAudit(tx, { actorId: String(ended.id), action: 'auth.logout', subject: `user/${ended.username}` });
  });
}
