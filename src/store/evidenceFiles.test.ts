import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderEvidenceFiles } from './evidenceFiles.ts';

test('evidence bytes are stored once per content, under their hash, and read back (synced before the commit)', async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'parindex-evidence-')), 'evidence');
  try {
    const files = folderEvidenceFiles(folder);
    const bytes = new TextEncoder().encode('%PDF-1.4 biên bản');
    const sha = await files.put(bytes);
    assert.equal(await files.put(bytes), sha);
    assert.deepEqual(new Uint8Array(await files.get(sha)), bytes);
    assert.deepEqual(readdirSync(join(folder, sha.slice(0, 2))), [sha], 'no temporary file left');
  } finally {
    rmSync(join(folder, '..'), { recursive: true, force: true });
  }
});
