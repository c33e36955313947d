/**
 * Issue 16's screens at national scale and issue 19's slow line, on the 4,000-unit set
 * (io/generatedProvince.ts: 4,000 communes × 2 years) beside the demo: a unit's analysis at 150
 * criteria computed by the core (its size does not depend on the store); the screens with 16
 * criteria stored (what they show does not grow with the criteria: 8 components), in
 * Debian's Chromium against the real server: what the answers weigh, how soon the province
 * view shows its table, its longest main-thread task, a sort, back from a unit; then, with
 * Chromium's network emulation at 400 kbit/s and 400 ms round trip, how soon the dashboard shows
 * its figures and the province view its ranking (a fresh browser: nothing cached).
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { BrowserContext, Page } from 'playwright-core';
import { analysisToJson, analyzeUnit, buildDataset, compactAnalysis, readResults } from '../src/core/index.ts';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { ensureWebBuilt } from '../src/server/webBuild.ts';
import { launchChromium } from '../web/e2e/browser.ts';
import { installProbes, longestTracedTask, longTasks, seenAt, timedClick } from '../web/e2e/probes.ts';
import { line, loadAverage, median, ms } from './measure.ts';

const UNITS = 4000;
const CRITERIA = 150;
/** Criteria of the stored set the screens read (storing 150 takes minutes on a loaded machine). */
const STORED_CRITERIA = 16;
const YEAR = 2030;
const GROUP = 'generated-commune';
const where = `year=${YEAR}&level=commune&group=${GROUP}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

await ensureWebBuilt();

// A unit's analysis at 4,000 units × 150 criteria, from the core (as the route computes it):
// one year, and with the year before compared (each criterion then carries last year's figures).
{
  const province = generatedProvince({ units: UNITS, criteria: CRITERIA, year: YEAR });
  const earlier = { ...province.framework, id: `${province.frameworkId}-${YEAR - 1}`, year: YEAR - 1 };
  const base = buildDataset([
    { file: 'framework', data: province.framework },
    { file: 'framework-earlier', data: earlier },
    { file: 'units', data: province.units },
  ]);
  const read = (document: unknown) => readResults(document, (id) => base.frameworks.get(id));
  const lower = (scores: Record<string, number>, i: number) =>
    Object.fromEntries(Object.entries(scores).map(([code, v]) => [code, Math.round(v * (0.7 + (i % 7) / 25) * 100) / 100]));
  const before = {
    ...province.results,
    year: YEAR - 1,
    framework: earlier.id,
    units: province.results.units.map((u, i) => ({ ...u, scores: lower(u.scores, i) })),
  };
  const full = analysisToJson(analyzeUnit({ ...base, results: [read(province.results)] }, 'xa-2167', YEAR));
  const near = Buffer.byteLength(JSON.stringify(compactAnalysis(full)));
  const compared = Buffer.byteLength(
    JSON.stringify(compactAnalysis(analysisToJson(analyzeUnit({ ...base, results: [read(before), read(province.results)] }, 'xa-2167', YEAR)))),
  );
  line(
    'scale.analysis.near.150criteria',
    `${kb(near)}; ${kb(compared)} with the year before compared (every peer listed: ${kb(Buffer.byteLength(JSON.stringify(full)))})`,
    '≤ 50 KB',
  );
}

// The server in a thread of its own (scaleServer.ts): its event loop not shared with Playwright's.
const server = new Worker(new URL('./scaleServer.ts', import.meta.url), { workerData: { units: UNITS, criteria: STORED_CRITERIA, year: YEAR } });
const { url, stored } = await new Promise<{ url: string; stored: number }>((resolve, reject) => {
  server.once('message', resolve);
  server.once('error', reject);
});
console.error(`# ${UNITS} × ${STORED_CRITERIA} × 2 years stored in ${ms(stored)}, load ${loadAverage()}`);

/** Bytes of an answer: as sent with Brotli, and decoded. */
async function weigh(path: string) {
  const response = await fetch(url + path, { headers: { 'accept-encoding': 'br' } });
  const wire = Number(response.headers.get('content-length'));
  const raw = (await response.arrayBuffer()).byteLength;
  return { wire, raw };
}

/** Bytes a page load moved over the network (CDP: encoded lengths of every response). */
async function counted(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
  return { cdp, bytes: () => bytes };
}

const browser = await launchChromium();
try {
  // The figures computed once, as a running server has them after its first reader.
  for (const path of [`/api/results/summary?${where}`, `/api/results/rows?${where}`, `/api/units/xa-2167/analysis/near?year=${YEAR}`]) await fetch(url + path);
  const rows = await weigh(`/api/results/rows?${where}`);
  line('scale.results.rows.page50', `${kb(rows.raw)} (${kb(rows.wire)} with Brotli)`, '—');
  const full = await weigh(`/api/results?${where}`);
  line('scale.results.whole (the former answer, for comparison)', `${kb(full.raw)} (${kb(full.wire)} with Brotli)`);
  const near = await weigh(`/api/units/xa-2167/analysis/near?year=${YEAR}`);
  const whole = await weigh(`/api/units/xa-2167/analysis?year=${YEAR}`);
  line('scale.analysis.near', `${kb(near.raw)} at ${STORED_CRITERIA} criteria (${kb(near.wire)} with Brotli; every peer: ${kb(whole.raw)})`, '≤ 50 KB');

  const tables: number[] = [];
  const tasks: number[] = [];
  const sorts: number[] = [];
  const sortsSeen: number[] = [];
  const taskCpu: number[] = [];
  const mostCpu: number[] = [];
  const loadCpu: number[] = [];
  const backs: number[] = [];
  const sortCpu: number[] = [];
  const scrolls: boolean[] = [];
  const transfers: number[] = [];
  for (let i = 0; i < 4; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const network = await counted(context, page);
    await network.cdp.send('Performance.enable');
    /** CPU time of the renderer's main thread so far, ms (CDP Performance.getMetrics: ThreadTime): what the page itself spent, apart from waiting for a core. */
    const busy = async () =>
      ((await network.cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find((m) => m.name === 'ThreadTime')!
        .value * 1000;
    await installProbes(page, { table: 'table.ranking tbody tr', total: '[data-testid=total]' });
    // Top-level tasks only (light): each task's wall and thread (CPU) time.
    await browser.startTracing(page, { categories: ['toplevel'] });
    const busyAtStart = await busy();
    await page.goto(`${url}/#/province?${where}`);
    const table = await seenAt(page, 'table');
    await page.locator('.chart svg').first().waitFor();
    await page.locator('[data-testid=trend-median]').waitFor();
    await page.waitForLoadState('networkidle');
    const transfer = network.bytes();
    const busyBefore = await busy();
    const firstCpu = busyBefore - busyAtStart;
    const sort = await timedClick(
      page,
      'table.ranking thead th:nth-child(3) button',
      () =>
        (globalThis as any).document.querySelector('table.ranking')?.getAttribute('aria-busy') !== 'true' &&
        (globalThis as any).document.querySelector('table.ranking th[aria-sort=descending]') !== null,
    );
    const sortBusy = (await busy()) - busyBefore;
    const longest = Math.max(0, ...(await longTasks(page)));
    const traced = longestTracedTask(await browser.stopTracing());
    // Down the table, to a unit, and back: the rows at once and the page where the reader left it.
    await page.evaluate(() => (globalThis as any).scrollTo(0, 900));
    const y = await page.evaluate(() => (globalThis as any).scrollY);
    await page.evaluate(() => (globalThis as any).document.querySelector('table.ranking tbody tr:nth-child(30) a').click());
    await page.locator('[data-testid=total]').waitFor();
    const back = performance.now();
    await page.goBack();
    await page.locator('table.ranking tbody tr').first().waitFor();
    const backMs = performance.now() - back;
    const restored = await page
      .waitForFunction((at) => Math.abs((globalThis as any).scrollY - at) <= 2, y, { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (i > 0) {
      tables.push(table);
      tasks.push(longest);
      sorts.push(sort.drawn);
      sortsSeen.push(sort.seen);
      taskCpu.push(traced.cpu);
      mostCpu.push(traced.mostCpu);
      loadCpu.push(firstCpu);
      sortCpu.push(sortBusy);
      backs.push(backMs);
      scrolls.push(restored);
      transfers.push(transfer);
    }
    await context.close();
  }
  line('scale.province.firstVisit.transfer', `${kb(median(transfers))} (JavaScript, CSS and data, compressed)`, '≤ 500 KB');
  line(
    'scale.province.tableVisible',
    `${ms(median(tables))} (median of ${tables.length}; the page's main thread used ${ms(median(loadCpu))} of CPU from load to charts drawn; load ${loadAverage()})`,
    '≤ 1000 ms',
  );
  line(
    'scale.province.longestTask',
    `${ms(median(tasks))} (median over loads of the longest main-thread task, load to sort; in a trace, the longest used ${ms(median(taskCpu))} of CPU, the most CPU in one task ${ms(median(mostCpu))}; load ${loadAverage()})`,
    '≤ 200 ms',
  );
  line(
    'scale.province.sort',
    `${ms(median(sorts))} (click to the frame where the sorted page is drawn, timed in the page, server-side at ${UNITS}; ${ms(median(sortsSeen))} as the harness saw it, its polling and round trips included; the page's main thread used ${ms(median(sortCpu))} of CPU; load ${loadAverage()})`,
    '≤ 150 ms',
  );
  line('scale.province.back', `${ms(median(backs))} (back from a unit: the table again, from the page's cache)`);
  line('scale.province.back.scroll', `${scrolls.filter(Boolean).length} of ${scrolls.length} back where the reader left the page`, 'all');

  // A slow mountain line: 400 kbit/s each way, 400 ms round trip; a fresh browser each time.
  const slow = async (path: string, probe: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 400,
        downloadThroughput: (400 * 1000) / 8,
        uploadThroughput: (400 * 1000) / 8,
      });
      await installProbes(page, { table: 'table.ranking tbody tr', total: '[data-testid=total]' });
      await page.goto(`${url}/${path}`, { timeout: 120_000 });
      samples.push(await seenAt(page, probe, 120_000));
      await context.close();
    }
    return median(samples);
  };
  line(
    'slow.dashboard.figures',
    `${ms(await slow('#/unit/tam-duong?year=2023', 'total'))} (400 kbit/s, 400 ms round trip, median of 3; load ${loadAverage()})`,
    '≤ 3000 ms',
  );
  line('slow.province.ranking', `${ms(await slow('#/province', 'table'))} (the demo's province view, same line)`, '≤ 4000 ms');
  line('slow.province.ranking.4000', `${ms(await slow(`#/province?${where}`, 'table'))} (${UNITS} units, same line)`, '≤ 4000 ms');
} finally {
  await browser.close();
  server.postMessage('close');
  await once(server, 'message');
  await server.terminate();
}
