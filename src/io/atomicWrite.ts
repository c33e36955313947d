/**
 * Writes a file all at once: to a temporary file beside it, then renamed over the target, so
 * that a reader never sees half a file and a failure leaves the old file as it was.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A name of its own for the temporary file beside `path` (hidden, this process's, random). */
const temporaryBeside = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a file piece by piece (a long export never held whole), with the same promise as
 * `writeFileAtomic`: the target appears whole or not at all.
 */
export async function writePiecesAtomic(path: string, pieces: AsyncIterable<Uint8Array | string>): Promise<void> {
  const temporary = temporaryBeside(path);
  const file = await open(temporary, 'wx');
  try {
    for await (const piece of pieces) await (typeof piece === 'string' ? file.write(piece) : file.write(piece));
    await file.close();
    renameSync(temporary, path);
  } catch (error) {
    await file.close().catch(() => {});
    rmSync(temporary, { force: true });
    throw error;
  }
}
