/** Sealed secrets: AES-256-GCM round trip, bound to their context and key, legacy plaintext read as is. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { deriveKey, isSealed, open, seal, useSecretKey } from './secretBox.ts';

test('a sealed secret opens with its key and context only, and never shows the plaintext', () => {
  const master = randomBytes(32);
  useSecretKey(deriveKey(master, 'totp-secret'));
  const sealed = seal('JBSWY3DPEHPK3PXP', 'totp/7');
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(seal('JBSWY3DPEHPK3PXP', 'totp/7'), sealed, 'a fresh nonce each time');
  assert.equal(open(sealed, 'totp/7'), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => open(sealed, 'totp/8'), 'copied to another account, it does not open');
  const tampered = `${sealed.slice(0, -4)}AAAA`;
  assert.throws(() => open(tampered, 'totp/7'));
  assert.equal(open('JBSWY3DPEHPK3PXP', 'totp/7'), 'JBSWY3DPEHPK3PXP', 'a legacy plaintext is read as it is');
  useSecretKey(deriveKey(randomBytes(32), 'totp-secret'));
  assert.throws(() => open(sealed, 'totp/7'), 'another key does not open it');
  assert.notDeepEqual(deriveKey(master, 'totp-secret'), deriveKey(master, 'other'), 'labels give distinct keys');
  assert.notDeepEqual(deriveKey(master, 'totp-secret'), master);
  useSecretKey(undefined);
  assert.throws(() => seal('x', 'totp/1'), /no secret key/);
});
