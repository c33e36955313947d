/**
 * Builds the browser app (web/ → web/dist) when it is missing or older than its sources, so
 * that `npm start` on a fresh clone serves the app. `--force` always builds. `--reuse <folder>`
 * first takes that installation's build when it was built from the same sources (an upgrade
 * that does not change the app: deploy/install.sh).
 */
import { ensureWebBuilt, reuseWebBuild } from '../src/server/webBuild.ts';

const reuseAt = process.argv.indexOf('--reuse');
const from = reuseAt >= 0 ? process.argv[reuseAt + 1] : undefined;
if (from && reuseWebBuild(from)) {
  console.error(`web/dist taken from ${from} (same sources)`);
  process.exit(0);
}
const built = await ensureWebBuilt({ force: process.argv.includes('--force'), log: (line) => console.error(line) });
if (!built) console.error('web/dist is up to date');
