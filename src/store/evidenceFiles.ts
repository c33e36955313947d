/**
 * Where evidence bytes live: content-addressed by SHA-256 (the same file uploaded twice is
 * stored once; a name can never reach the file system). Behind a small interface so that a
 * province may put them elsewhere (object storage) later.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface EvidenceFiles {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
}

async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return; // a folder cannot be opened there; NTFS journals names
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function folderEvidenceFiles(folder: string): EvidenceFiles {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(folder, sha256.slice(0, 2), sha256);
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      if (await stat(target).catch(() => undefined)) return sha256;
      const created = await mkdir(join(folder, sha256.slice(0, 2)), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      // On disk before the commit that names it: synced, renamed, the folder synced.
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
      await syncFolder(join(folder, sha256.slice(0, 2)));
      if (created) await syncFolder(folder);
      return sha256;
    },
    get: (sha256) => readFile(pathOf(sha256)),
  };
}
