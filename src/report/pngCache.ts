/**
 * A chart's PNG kept on disk by the SHA-256 of everything that draws it (the SVG, the width, the
 * font files, the rasteriser's build): a report whose figures have not changed since its last run
 * gets the same image without starting resvg's WebAssembly (about 0,3 s CPU of a unit's DOCX from
 * the command line, issue 19.6). The key is the content, so a changed score, label or font draws
 * anew and a stale image is never read. Beside the parsed documents (src/io/parseCache.ts):
 * PARINDEX_CACHE_DIR (default node_modules/.cache/parindex), in its `charts` folder; an empty value
 * turns it off. A folder that cannot be written is no error: the chart is drawn as without a cache.
 * Every chart of a changed figure is a new image: the folder keeps the last KEEP drawn, so that a
 * long-running server does not fill its disk.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolder, pruneOldest } from '../io/fileCache.ts';

/** Images kept: a province's units for a few years and revisions, some tens of MB at most. */
export const KEEP = 1000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The last 12 bytes of every PNG: the empty IEND chunk and its CRC. */
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** A whole PNG: its signature first and its end chunk last (a cut file is drawn again). */
const whole = (bytes: Uint8Array) =>
  bytes.length > PNG_SIGNATURE.length + IEND.length &&
  PNG_SIGNATURE.every((b, i) => bytes[i] === b) &&
  IEND.every((b, i) => bytes[bytes.length - IEND.length + i] === b);

/** Removes the images drawn longest ago beyond `keep`. */
export function prune(dir: string, keep = KEEP): void {
  pruneOldest(dir, '.png', keep);
}

/** The PNG `draw()` makes from what `key` names, or the one it made before from the same. */
export async function cachedPng(key: readonly (string | number)[], draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const dir = cacheFolder('charts');
  if (!dir) return draw();
  const file = join(dir, `${createHash('sha256').update(JSON.stringify(key)).digest('hex')}.png`);
  try {
    const kept = new Uint8Array(readFileSync(file));
    if (whole(kept)) return kept;
  } catch {
    // Not kept yet (or unreadable): draw, then keep it.
  }
  const png = await draw();
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, png);
    renameSync(temporary, file);
    prune(dir);
  } catch {
    // A read-only checkout: no cache, same image.
  }
  return png;
}
