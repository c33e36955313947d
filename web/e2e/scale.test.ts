/**
 * End-to-end at national scale (issue 16): 4,000 communes over two years beside the demo — the
 * province view a page at a time (search without diacritics, server-side sort, a heat map band
 * drilled into, back from a unit to the same place), a commune's dashboard with its neighbours,
 * and a province-wide results file previewed with its summary per unit, filtered and downloaded.
 * The set is stored once for the suite; timings are printed (the budgets are `npm run bench`'s).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildDataset, readResults } from '../../src/core/index.ts';
import { storeGeneratedHistory } from '../../src/io/generatedHistory.ts';
import { exportTables, writeTables } from '../../src/io/index.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS as shots } from './browser.ts';
import { installProbes, longTasks, seenAt, timedClick } from './probes.ts';
import { browserSuite } from './suite.ts';

const UNITS = 4000;
const YEAR = 2030;
const GROUP = 'generated-commune';
const PROVINCE = `#/province?year=${YEAR}&level=commune&group=${GROUP}`;

describe('4,000 units in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  let province: Awaited<ReturnType<typeof storeGeneratedHistory>>;
  before(async () => {
    province = await storeGeneratedHistory(suite.server.store, { units: UNITS, criteria: 8, year: YEAR });
    // The figures computed once, as a running server has them after its first reader.
    assert.equal((await suite.server.request('GET', `/api/results/summary?year=${YEAR}&level=commune&group=${GROUP}`)).status, 200);
  });

  async function open(path: string, user?: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    if (user) await suite.signIn(context, user);
    await installProbes(page, { table: 'table.ranking tbody tr', total: '[data-testid=total]' });
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }
  const firstUnit = (page: Page) => page.getAttribute('table.ranking tbody tr:first-child', 'data-unit');

  test('the province view: a page of 50 rows, searched, sorted on the server, a rank band opened, and back from a unit to the same rows', async () => {
    const page = await open(PROVINCE);
    const visible = await seenAt(page, 'table');
    assert.equal(await page.locator('table.ranking tbody tr').count(), 50);
    assert.match((await page.textContent('[data-testid=page-range]'))!, /1–50 \/ 4\.000 đơn vị/);
    const elements = await page.evaluate(() => (globalThis as any).document.querySelectorAll('*').length);
    assert.ok(elements < 5000, `${elements} elements in the page`);
    // Sorted by total on the server: the first row becomes the highest total.
    const sorted = await timedClick(
      page,
      'table.ranking thead th:nth-child(3) button',
      () =>
        (globalThis as any).document.querySelector('table.ranking')?.getAttribute('aria-busy') !== 'true' &&
        (globalThis as any).document.querySelector('table.ranking th[aria-sort=descending]') !== null,
    );
    const top = await suite.server.request('GET', `/api/results/rows?year=${YEAR}&level=commune&group=${GROUP}&sort=total&down=true&limit=1`);
    await page.waitForFunction(
      (id) => (globalThis as any).document.querySelector('table.ranking tbody tr:first-child')?.getAttribute('data-unit') === id,
      top.body.rows[0].unit.id,
    );
    // A page that takes a moment is dimmed while it comes (one that comes at once is not): held here until seen dimmed.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/results\/rows\?.*sort=name/, async (route) => {
      await held;
      await route.continue();
    });
    const dimmed = (value: string) =>
      page.waitForFunction(
        (v) =>
          (globalThis as any).getComputedStyle((globalThis as any).document.querySelector('table.ranking tbody')).opacity === v &&
          ((globalThis as any).document.querySelector('table.ranking').getAttribute('aria-busy') === 'true') === (v !== '1'),
        value,
      );
    await page.click('table.ranking thead th:nth-child(2) button');
    await dimmed('0.6');
    release();
    await dimmed('1');
    await page.unroute(/\/api\/results\/rows\?.*sort=name/);
    // Search without diacritics.
    await page.fill('input[name=q]', 'xa thu 1234');
    await page.locator('table.ranking tbody tr[data-unit=xa-1234]').waitFor();
    assert.ok((await page.locator('table.ranking tbody tr').count()) < 20);
    assert.match(await page.evaluate(() => (globalThis as any).location.hash), /q=xa%20thu%201234/);
    await page.fill('input[name=q]', '');
    // The heat map by rank band: a line opens those ranks in the table.
    await page.click('[data-testid=heat-deciles] tr[data-from="401"] button');
    await page.locator('[data-testid=rank-range]').waitFor();
    await page.waitForFunction(() =>
      [...(globalThis as any).document.querySelectorAll('table.ranking tbody tr td:first-child')].every((td: any) => {
        const r = parseInt(td.textContent, 10);
        return r >= 401 && r <= 800;
      }),
    );
    // The trend: the group's median and band, a ticked unit drawn on top.
    await page.locator('table.ranking tbody tr:first-child input.pick').check();
    await page.locator('[data-testid=trend-median]').waitFor();
    await page.locator('.chart svg').first().waitFor();
    const tasks = await longTasks(page);
    await page.screenshot({ path: join(shots, 'province-4000.png') });
    // To a unit and back: the same rows, where the reader was.
    await page.click('button:has-text("Sau ›")');
    await page.waitForFunction(
      () =>
        /^51–100 /.test((globalThis as any).document.querySelector('[data-testid=page-range]')?.textContent ?? '') &&
        (globalThis as any).document.querySelector('table.ranking')?.getAttribute('aria-busy') !== 'true',
    );
    const unit = (await firstUnit(page))!;
    // A scroll and, before the browser's next frame fires its scroll event, a click in the page where
    // the reader is (Playwright's own click would scroll the link into view first): the position
    // kept is the one the reader left, however late that event comes.
    const y = await page.evaluate(() => {
      const window = globalThis as any;
      window.scrollTo(0, 900);
      const at = window.scrollY;
      window.document.querySelector('table.ranking tbody tr:first-child a').click();
      return at;
    });
    assert.ok(y > 0, `the page scrolled (${y})`);
    // The dashboard's total: each row of the ranking being left has a [data-testid=total] too.
    await page.locator('article.dashboard [data-testid=total]').waitFor();
    const backAt = Date.now();
    await page.goBack();
    await page.waitForFunction(
      (id) => (globalThis as any).document.querySelector('table.ranking tbody tr:first-child')?.getAttribute('data-unit') === id,
      unit,
    );
    const backMs = Date.now() - backAt;
    // Where the reader was (components/keptScroll.ts): the position is put back once the page is tall enough again.
    await page.waitForFunction((at) => Math.abs((globalThis as any).scrollY - at) <= 2, y);
    const backY = await page.evaluate(() => (globalThis as any).scrollY);
    console.log(
      `# province at ${UNITS}: table visible ${Math.round(visible)} ms, sort ${Math.round(sorted.drawn)} ms (${Math.round(sorted.seen)} ms as the test saw it), back ${backMs} ms (scroll ${y} → ${backY}), longest task ${Math.round(Math.max(0, ...tasks))} ms (${tasks.length} over 50 ms), ${elements} elements`,
    );
    await page.context().close();
  });

  test('a commune’s dashboard shows its neighbours and the group’s summary, not 4,000 peers', async () => {
    const page = await open(`#/unit/xa-2167?year=${YEAR}`);
    await seenAt(page, 'total');
    await page.locator('table.peers tr.self').waitFor();
    const rows = await page.locator('table.peers tbody tr:not(.gap)').count();
    assert.ok(rows <= 14, `${rows} peers listed`);
    assert.match((await page.textContent('[data-testid=peer-summary]'))!, /Cả nhóm 4\.000 đơn vị: tổng điểm trung vị/);
    assert.equal((await page.locator('table.peers tr.gap').count()) >= 1, true);
    await page.screenshot({ path: join(shots, 'dashboard-4000.png'), fullPage: true });
    await page.context().close();
  });

  test('a province-wide results file: previewed with its changes per unit, a unit opened, the whole list downloaded', async () => {
    // A cycle of the next year, open, and a file giving every commune its scores.
    const next = { ...province.framework, id: `${GROUP}-${YEAR + 1}`, year: YEAR + 1 };
    await suite.server.store.importDocuments([{ file: 'framework', data: next }], (await import('../../src/workflow/policy.ts')).SYSTEM);
    const admin = await suite.server.login('admin');
    const opened = await suite.server.request('POST', '/api/cycles', { year: YEAR + 1, framework: next.id }, admin);
    assert.equal(opened.status, 201, JSON.stringify(opened.body).slice(0, 300));
    const base = buildDataset([
      { file: 'framework', data: next },
      { file: 'units', data: province.units },
    ]);
    const results = readResults({ ...province.results, year: YEAR + 1, framework: next.id }, (id) => base.frameworks.get(id));
    const xlsx = await writeTables(exportTables({ ...base, results: [results] }, { what: 'results', year: YEAR + 1 }), { format: 'xlsx' });

    const page = await open('#/data', 'admin');
    await page.waitForSelector('#data-upload', { timeout: 90_000 });
    await page.selectOption('#upload-kind', 'results');
    await page.selectOption('#upload-year', String(YEAR + 1));
    await page.setInputFiles('#upload-file', {
      name: 'ket-qua-4000.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(xlsx),
    });
    await page.click('text=Kiểm tra (chạy thử)');
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 120_000 });
    // Each score once: 8 per commune (the communes are already in the open cycle).
    assert.match((await report.textContent())!, /thêm 32\.000, sửa 0, xóa 0 giá trị ở 4\.000 đơn vị/);
    await page.locator('[data-testid=change-summary] tbody tr').first().waitFor();
    assert.equal(await page.locator('[data-testid=change-summary] tbody tr').count(), 20);
    await page.click('[data-testid=change-summary] th button:has-text("Đơn vị")');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid=change-summary] tbody tr')?.getAttribute('data-key') === 'xa-1');
    await page.click('[data-testid=change-summary] tbody tr[data-key=xa-1] button');
    // The unit's rows, not an empty list while they load (every() of no rows is true).
    await page.waitForFunction(() => {
      const rows = [...(globalThis as any).document.querySelectorAll('[data-testid=change-list] tbody tr')];
      return rows.length > 0 && rows.every((tr: any) => tr.getAttribute('data-unit') === 'xa-1');
    });
    assert.equal(await page.locator('[data-testid=change-list] tbody tr').count(), 8);
    // By criterion: 4,000 changes each.
    await page.click('button:has-text("Theo tiêu chí")');
    await page.click('[data-testid=filter-unit]');
    // The row may first show the counts of the unit filter being cleared: wait for the whole file's.
    await page.waitForFunction(() =>
      /4\.000/.test((globalThis as any).document.querySelector('[data-testid=change-summary] tbody tr[data-key="1.1"]')?.textContent ?? ''),
    );
    assert.match((await page.textContent('[data-testid=change-summary] tbody tr[data-key="1.1"]'))!, /4\.000/);
    const csv = await page.request.get(`${suite.server.url}${await page.getAttribute('[data-testid=changes-csv]', 'href')}`);
    assert.equal(csv.status(), 200);
    assert.equal((await csv.text()).trim().split(/\r?\n/).length, 32_001);
    await page.screenshot({ path: join(shots, 'import-review-4000.png'), fullPage: true });
    await page.context().close();
  });
});
