/**
 * Issue 13's "done when": an index that is not PAR INDEX (the second demo: departments, 18
 * points, 3 decimals, two peer groups, bands in points) goes from its Excel files — framework,
 * units, results, as the province fills them — into a running server without touching code,
 * then to the ranking per group and the dashboard in Chromium, a report in its own words with the
 * department's header, the exports per group, and the consistency check on the command line.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { run } from '../../src/cli/testing.ts';
import { loadDataset } from '../../src/io/dataFolder.ts';
import { exportTables, writeTables } from '../../src/io/index.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

const FOLDER = fileURLToPath(new URL('../../data/demo/lai-chau-so-nganh', import.meta.url));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('a second index, from its Excel files to the web, the report, the exports and check', {
  skip: available ? false : `no Chromium at ${CHROMIUM}`,
}, () => {
  const suite = browserSuite();
  const source = loadDataset([FOLDER]);

  async function upload(admin: Record<string, string>, kind: string, bytes: Uint8Array, query = '') {
    const send = (dryRun: boolean) =>
      suite.server.request('POST', `/api/import/file?kind=${kind}&name=${kind}.xlsx${query}&dryRun=${dryRun}`, bytes, { ...admin, 'content-type': XLSX });
    const preview = await send(true);
    assert.equal(preview.status, 200, `${kind} preview: ${JSON.stringify(preview.body).slice(0, 600)}`);
    // A framework is previewed against the one it replaces (the crosswalk): what changes, not all of it as added.
    assert.ok(
      preview.body.counts.added + preview.body.counts.changed > 0,
      `${kind}: the preview lists what the file changes: ${JSON.stringify(preview.body).slice(0, 600)}`,
    );
    const stored = await send(false);
    assert.equal(stored.status, 200, `${kind}: ${JSON.stringify(stored.body).slice(0, 600)}`);
  }

  async function open(path: string, width = 1280): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }

  test('imported from Excel, ranked per group, shown, reported, exported and checked in its own words', async () => {
    const admin = await suite.server.login('admin');
    const file = (what: 'framework' | 'units' | 'results', options: { framework?: string; year?: number; province?: string }) =>
      writeTables(exportTables(source, { what, ...options }), { format: 'xlsx' });
    for (const year of [2023, 2024]) await upload(admin, 'framework', await file('framework', { framework: `lai-chau-phuc-vu-department-${year}` }));
    await upload(admin, 'units', await file('units', { province: 'lai-chau' }));
    for (const year of [2023, 2024])
      await upload(
        admin,
        'results',
        await file('results', { year, level: 'department' } as never),
        `&year=${year}&framework=lai-chau-phuc-vu-department-${year}`,
      );

    // The API ranks each group apart, with the exact figures and the tie.
    const ranking = await suite.server.request('GET', '/api/results?year=2024&level=department&group=khoi-tong-hop');
    assert.equal(ranking.status, 200, JSON.stringify(ranking.body).slice(0, 400));
    const text = JSON.stringify(ranking.body);
    assert.match(text, /so-tu-phap/);
    assert.doesNotMatch(text, /so-y-te/, 'the other group is ranked apart');

    // The province view: the year's level and groups, the figures to three decimals.
    const province = await open('#/province?year=2024&level=department&group=khoi-tong-hop');
    await province
      .waitForFunction(() => /Khối cơ quan tổng hợp/.test((globalThis as any).document.querySelector('h1')?.textContent ?? ''), undefined, { timeout: 15_000 })
      .catch(async (error) => {
        throw new Error(`${error.message}: ${(await province.textContent('main'))?.slice(0, 600)}`);
      });
    await province.waitForSelector('table.ranking tbody tr');
    const rows = await province.$$eval('table.ranking tbody tr', (trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ')));
    assert.equal(rows.length, 6);
    assert.ok(
      rows.slice(0, 2).every((row) => /16,753/.test(row)),
      rows.slice(0, 2).join(' | '),
    );
    const groups = await province.$$eval('select[name=group] option', (os) => os.map((o) => o.textContent ?? ''));
    assert.ok(
      groups.some((g) => g.startsWith('Khối cơ quan chuyên ngành')),
      groups.join(' | '),
    );

    // The dashboard: its own maximum, three decimals, the tie, the band, no PAR wording.
    const dashboard = await open('#/unit/so-tu-phap?year=2024');
    await dashboard
      .waitForFunction(() => /16,753/.test((globalThis as any).document.body.textContent ?? ''), undefined, { timeout: 15_000 })
      .catch(async (error) => {
        throw new Error(`${error.message}: ${(await dashboard.textContent('body'))?.slice(0, 800)}`);
      });
    const body = (await dashboard.textContent('main')) ?? '';
    assert.match(body, /\/ 18(?!\d)/);
    assert.doesNotMatch(body, /\/\s*100\b/);
    assert.match(body, /Sở Tài chính/, 'the unit it ties with is named');
    assert.match(body, /Xuất sắc/);
    assert.doesNotMatch(body, /PAR INDEX|cải cách hành chính|Điều tra XHH/i, 'no PAR wording, no survey split on an index without survey');

    // The report: the department's header under the province's body, its own number and place, its own index.
    const report = await suite.server.request('GET', '/api/units/so-tu-phap/report?year=2024&format=md');
    assert.equal(report.status, 200);
    const md = String(report.body);
    assert.match(md, /UBND TỈNH LAI CHÂU \/ \*\*SỞ TƯ PHÁP\*\*/);
    assert.match(md, /Số: +\/BC-STP/);
    assert.match(md, /\*Lai Châu, ngày/);
    assert.match(md, /Phân tích Chỉ số phục vụ người dân, doanh nghiệp năm 2024/);
    assert.match(md, /cùng xếp hạng thứ 1\/6 với Sở Tài chính/);
    assert.doesNotMatch(md, /PAR INDEX|điều tra xã hội học/);

    // The ranking export: a sheet per group, named after it.
    const exported = await fetch(`${suite.server.url}/api/export?what=ranking&year=2024&level=department&format=xlsx`);
    assert.equal(exported.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await exported.arrayBuffer()) as never);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      ['Khối cơ quan tổng hợp', 'Khối cơ quan chuyên ngành'],
    );

    // The command line checks every published total and band of the year: none differs.
    const checked = await run('check', '--year', '2024', '--data', FOLDER);
    assert.equal(checked.code, 0, checked.out + checked.err);
    assert.match(checked.out, /đã kiểm tra 14 đơn vị, không đơn vị nào có lỗi/);
  });
});
