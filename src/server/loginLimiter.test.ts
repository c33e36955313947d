import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError, issue } from '../core/index.ts';
import { loginLimiter, type LoginAttempt } from './auth.ts';

const wrong = () => Promise.reject(new ParError(issue('auth.invalidLogin', { vi: 'sai mật khẩu', en: 'wrong password' })));
const right = () => Promise.resolve('session');

/** Whether the address is held back: its next attempt is refused with auth.rateLimited before the work runs. */
async function heldBack(attempt: LoginAttempt, address: string): Promise<boolean> {
  let ran = false;
  try {
    await attempt(address, async () => {
      ran = true;
      return 'session';
    });
    return false;
  } catch (error) {
    assert.ok(error instanceof ParError && error.issues[0]?.code === 'auth.rateLimited', String(error));
    assert.equal(ran, false, 'refused before any password is checked');
    return true;
  }
}

test('failed sign-ins are limited per address; sign-ins that succeed are not counted', async () => {
  let now = 0;
  const attempt = loginLimiter(3, { capacity: 100, now: () => now });
  // A whole office behind one address signing in at 8:00.
  for (let i = 0; i < 200; i++) assert.equal(await attempt('192.0.2.10', right), 'session');
  assert.equal(await heldBack(attempt, '192.0.2.10'), false);
  // Guessing from another address: three failures, then refused.
  for (let i = 0; i < 3; i++) await assert.rejects(attempt('198.51.100.7', wrong), { code: 'auth.invalidLogin' });
  assert.equal(await heldBack(attempt, '198.51.100.7'), true);
  assert.equal(await heldBack(attempt, '192.0.2.10'), false, 'each address on its own');
  // A mistake or two in an office is no harm.
  await assert.rejects(attempt('192.0.2.10', wrong));
  await assert.rejects(attempt('192.0.2.10', wrong));
  assert.equal(await attempt('192.0.2.10', right), 'session');
  now = 61_000;
  assert.equal(await heldBack(attempt, '198.51.100.7'), false, 'a new minute opens a new window');
});

test('attempts sent at once count while they run: a burst is bounded, and those that succeed are given back', async () => {
  const attempt = loginLimiter(3, { capacity: 100, now: () => 0 });
  let open!: () => void;
  const pending = new Promise<void>((resolve) => (open = resolve));
  const slow = () => pending.then(() => 'session');
  const burst = Array.from({ length: 10 }, () =>
    attempt('198.51.100.7', slow).then(
      () => 'ran',
      (e: unknown) => (e instanceof ParError ? e.issues[0]!.code : 'other'),
    ),
  );
  open();
  const outcomes = await Promise.all(burst);
  assert.equal(outcomes.filter((o) => o === 'ran').length, 3, outcomes.join(' '));
  assert.equal(outcomes.filter((o) => o === 'auth.rateLimited').length, 7);
  assert.equal(await heldBack(attempt, '198.51.100.7'), false, 'the three that succeeded were given back');
});

test('a limited address stays limited while others spray new addresses past the table’s capacity', async () => {
  let now = 0;
  const attempt = loginLimiter(3, { capacity: 100, now: () => now });
  for (let i = 0; i < 3; i++) await assert.rejects(attempt('198.51.100.7', wrong));
  assert.equal(await heldBack(attempt, '198.51.100.7'), true);
  for (let i = 0; i < 1_000; i++) await assert.rejects(attempt(`203.0.113.${i}`, wrong));
  now = 30_000;
  assert.equal(await heldBack(attempt, '198.51.100.7'), true, 'the spray did not reset the limited address');
  now = 61_000;
  assert.equal(await heldBack(attempt, '198.51.100.7'), false, 'a new minute opens a new window');
});
