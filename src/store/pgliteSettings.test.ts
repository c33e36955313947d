/**
 * The server's PostgreSQL settings for the embedded engine (SERVER_PGLITE_SETTINGS: a small buffer
 * pool, issue 16.7) reach PostgreSQL in a folder, with the engine in its worker thread or in the
 * caller's; without them PGlite keeps its own.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPglite, SERVER_PGLITE_SETTINGS } from './pglite.ts';

const shown = async (thread: 'worker' | 'main', settings?: readonly string[]) => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-settings-'));
  try {
    const db = await openPglite(join(folder, 'pglite'), { thread, ...(settings && { settings }) });
    try {
      const [row] = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      return row!.shared_buffers;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

test("the server's settings reach the engine in either thread; PGlite's own otherwise", async () => {
  assert.deepEqual(SERVER_PGLITE_SETTINGS, ['shared_buffers=16MB']);
  assert.equal(await shown('worker', SERVER_PGLITE_SETTINGS), '16MB');
  assert.equal(await shown('main', SERVER_PGLITE_SETTINGS), '16MB');
  assert.equal(await shown('worker'), '128MB');
});
