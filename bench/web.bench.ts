/**
 * Issue 5's budget: the main JS bundle gzipped (≤ 300 KB; the lazily loaded chart chunk is
 * reported apart) and the dashboard's first meaningful paint — navigation start to the total
 * score on screen — on the demo data in Debian's Chromium (≤ 1 s), median of 7 fresh loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoDocuments } from '../src/io/dataFolder.ts';
import { buildApp } from '../src/server/app.ts';
import { ensureWebBuilt, webDist } from '../src/server/webBuild.ts';
import { createStore, openDatabase } from '../src/store/index.ts';
import { SYSTEM } from '../src/workflow/policy.ts';
import { launchChromium } from '../web/e2e/browser.ts';
import { line, median, ms } from './measure.ts';

await ensureWebBuilt();
const assets = join(webDist, 'assets');
const gz = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
const files = readdirSync(assets);
const entry = readFileSync(join(webDist, 'index.html'), 'utf8');
const main = files.filter((f) => entry.includes(f));
const lazy = files.filter((f) => !entry.includes(f) && f.endsWith('.js'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
line('web.bundle.main.gzip', `${kb(main.reduce((s, f) => s + gz(f), 0))} (${main.join(', ')})`, '≤ 300 KB');
line('web.bundle.charts.gzip', `${kb(lazy.reduce((s, f) => s + gz(f), 0))} (loaded when a chart is shown)`);

const store = createStore(await openDatabase({}));
await store.importDocuments(demoDocuments(), SYSTEM);
const app = buildApp({ store });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
try {
  const samples: number[] = [];
  for (let i = 0; i < 8; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/#/unit/tam-duong?year=2023`);
    await page.waitForSelector('[data-testid=total]');
    const paint = await page.evaluate(() => performance.now());
    if (i > 0) samples.push(paint); // the first load warms the server's figure cache
    await context.close();
  }
  line('web.dashboard.firstMeaningfulPaint', `${ms(median(samples))} (median of ${samples.length})`, '≤ 1000 ms');
} finally {
  await browser.close();
  await app.close();
  await store.close();
}
