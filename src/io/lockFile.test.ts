import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { tryLock, withLock } from './lockFile.ts';

const folder = mkdtempSync(join(tmpdir(), 'parindex-lock-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('jobs under one lock run one at a time, and the lock is gone after each, even a failing one', async () => {
  const lock = join(folder, 'a.lock');
  let running = 0;
  let most = 0;
  const job = (fail: boolean) => async () => {
    most = Math.max(most, ++running);
    await sleep(30);
    running--;
    if (fail) throw new Error('job failed');
    return 'done';
  };
  const results = await Promise.allSettled([false, true, false].map((fail) => withLock(lock, job(fail), { pollMs: 5 })));
  assert.equal(most, 1);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal(existsSync(lock), false);
});

test('a lock left by a process that has died is taken over; a live holder makes the waiter give up after its timeout, saying who', async () => {
  const lock = join(folder, 'b.lock');
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(lock, JSON.stringify({ pid: gone, host: hostname(), since: '2026-01-01T00:00:00Z' }));
  assert.equal(await withLock(lock, async () => 'taken', { timeoutMs: 2000, pollMs: 5 }), 'taken');
  writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
  await assert.rejects(
    withLock(lock, async () => 'never', { timeoutMs: 50, pollMs: 5 }),
    new RegExp(`tiến trình ${process.ppid} vẫn giữ khoá`),
  );
  assert.equal(existsSync(lock), true, 'the holder’s lock is left alone');
});

test('a lock file still empty (its owner is writing it) is respected; an old empty one is a leftover and taken over', () => {
  const lock = join(folder, 'c.lock');
  writeFileSync(lock, '');
  assert.ok('owner' in tryLock(lock));
  const old = new Date(Date.now() - 60_000);
  utimesSync(lock, old, old);
  const taken = tryLock(lock);
  assert.ok('lock' in taken);
  taken.lock.release();
  assert.equal(existsSync(lock), false);
});
