import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { withFolderLock } from './folderLock.ts';

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
  const results = await Promise.allSettled([withFolderLock(lock, job(false), { pollMs: 5 }), withFolderLock(lock, job(true), { pollMs: 5 }), withFolderLock(lock, job(false), { pollMs: 5 })]);
  assert.equal(most, 1);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal(existsSync(lock), false);
});

test('a lock left by a process that has died is taken over', async () => {
  const lock = join(folder, 'b.lock');
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(gone));
  assert.equal(await withFolderLock(lock, async () => 'taken', { timeoutMs: 2000, pollMs: 5 }), 'taken');
});

test('a lock a live process holds makes the waiter give up after its timeout, saying who holds it', async () => {
  const lock = join(folder, 'c.lock');
  mkdirSync(lock);
  writeFileSync(join(lock, 'pid'), String(process.ppid));
  await assert.rejects(withFolderLock(lock, async () => 'never', { timeoutMs: 50, pollMs: 5 }), new RegExp(`tiến trình ${process.ppid} vẫn giữ khoá`));
  assert.equal(existsSync(lock), true, 'the holder’s lock is left alone');
});
