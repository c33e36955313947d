/**
 * Where evidence bytes live: content-addressed by SHA-256 (the same file uploaded twice is
 * stored once; a name can never reach the file system). Behind a small interface so that a
 * province may put them elsewhere (object storage) later.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface EvidenceFiles {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
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
      await mkdir(join(folder, sha256.slice(0, 2)), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, target);
      return sha256;
    },
    get: (sha256) => readFile(pathOf(sha256)),
  };
}
