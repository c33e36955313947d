/**
 * Builds the browser app (web/ → web/dist) when it is missing or older than its sources, so
 * that `npm start` on a fresh clone serves the app. `--force` always builds.
 */
import { ensureWebBuilt } from '../src/server/webBuild.ts';

const built = await ensureWebBuilt({ force: process.argv.includes('--force'), log: (line) => console.error(line) });
if (!built) console.error('web/dist is up to date');
