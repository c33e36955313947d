import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginLimiter } from './auth.ts';

const limited = (check: () => void) => {
  try {
    check();
    return false;
  } catch {
    return true;
  }
};

test('a limited address stays limited while others spray new addresses past the table’s capacity', () => {
  let now = 0;
  const check = loginLimiter(3, { capacity: 100, now: () => now });
  for (let i = 0; i < 3; i++) check('198.51.100.7');
  assert.equal(
    limited(() => check('198.51.100.7')),
    true,
  );
  for (let i = 0; i < 1_000; i++) check(`203.0.113.${i}`);
  now = 30_000;
  assert.equal(
    limited(() => check('198.51.100.7')),
    true,
    'the spray did not reset the limited address',
  );
  now = 61_000;
  assert.equal(
    limited(() => check('198.51.100.7')),
    false,
    'a new minute opens a new window',
  );
});
