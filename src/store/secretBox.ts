/**
 * Secrets the server must read back (an account's TOTP secret) are kept encrypted in the
 * database: AES-256-GCM with a key the server holds outside it, derived by HKDF-SHA-256 from the
 * audit key (auditSeal.ts: made on first start, mode 0600, PARINDEX_AUDIT_KEY_FILE) under a label
 * of its own, so one file is kept and backed up, and neither key can be computed from the other.
 * A stored value is `v1:<iv>:<ciphertext>:<tag>` (base64url); the context (e.g. the user's id)
 * is authenticated data: a secret copied onto another row does not open. A value without the
 * prefix is a plaintext secret of before encryption (migration 019): read once, then sealed.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'v1:';
let current: Buffer | undefined;

/** The key for `label` derived from the server's key file (32 bytes). */
export function deriveKey(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `parindex/${label}`, 32));
}

/** The key this process seals secrets with (set at start from the audit key; tests set their own). */
export function useSecretKey(key: Buffer | undefined): void {
  if (key && key.length !== 32) throw new Error('the secret key must be 32 bytes');
  current = key;
}

export function secretKeyInUse(): boolean {
  return current !== undefined;
}

function key(): Buffer {
  if (!current) throw new Error('no secret key: the server sets one from its audit key at start (useSecretKey)');
  return current;
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** Encrypts `plain`, bound to `context` (authenticated, not stored). */
export function seal(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv).setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join(':');
}

/** The plain secret of a stored value (a legacy plaintext is returned as it is); throws when the key or context is wrong. */
export function open(stored: string, context: string): string {
  if (!isSealed(stored)) return stored;
  const [iv, body, tag] = stored
    .slice(PREFIX.length)
    .split(':')
    .map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag) throw new Error('a sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key(), iv).setAAD(Buffer.from(context, 'utf8')).setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
