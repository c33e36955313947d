import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lockFolder } from './folderLock.ts';
import { openPglite } from './pglite.ts';

const root = mkdtempSync(join(tmpdir(), 'parindex-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('an embedded database folder is opened by one process at a time; the second gets a clear refusal', async () => {
  const folder = join(root, 'pglite');
  // The server holds the folder (opening a real file-backed PGlite takes ~20 s here: the lock is taken the same way).
  const server = lockFolder(folder);
  await assert.rejects(
    openPglite(folder),
    (e: { code: string; message: string }) => e.code === 'store.locked' && /đang được một tiến trình khác dùng/.test(e.message),
  );
  server.release();
  assert.equal(existsSync(`${folder}.lock`), false, 'releasing removes the lock file');
  lockFolder(folder).release();
});

test('a lock held by a live process of this machine is respected; one left by a crashed process is taken over', async () => {
  const folder = join(root, 'other');
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: child.pid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
    assert.throws(() => lockFolder(folder), { code: 'store.locked' });
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const lock = lockFolder(folder);
  lock.release();
  assert.equal(existsSync(`${folder}.lock`), false);
});
