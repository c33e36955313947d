/**
 * End-to-end: the «Nhập / xuất dữ liệu» screen in Chromium, as the province and a visitor use it:
 * a template downloaded, filled (by exceljs, as an officer would in Excel), previewed with its
 * changes, imported and seen on the unit's file; a broken file refused at its cell with nothing
 * written; exports downloaded. Its own server (fresh demo database): the import changes data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS as shots, VIETNAMESE } from './browser.ts';
import { browserSuite, noPageScroll, waitForValue } from './suite.ts';

const DRAFT = 'lai-chau-district-2024';

describe('import and export in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  /** A fresh browser session at `path`, logged in through the API once per user (the server allows 20 logins a minute per address). */
  async function open(path: string, user?: string, width = 1280, locale: 'vi' | 'en' = 'vi'): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    if (locale === 'en') await page.addInitScript(() => localStorage.setItem('parindex.locale', 'en'));
    // One login per user for the whole run, each screen a fresh browser context with that session.
    if (user) await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }
  /** Clicks a download link and returns the file's name and bytes. */
  async function download(page: Page, link: string) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(link)]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  }

  test('the province downloads a results template, previews and imports a filled one, sees the new figure; a score above the maximum is refused at its cell and nothing changes', async () => {
    const page = await open('#/data', 'admin');
    await page.click('header.top nav >> text=Nhập / xuất dữ liệu');
    await page.waitForSelector('#data-templates');
    assert.match((await page.textContent('#data-upload'))!, /tối đa 20 MB/);
    await page.selectOption('#template-kind', 'results');
    await waitForValue(page, '#template-framework', DRAFT);
    assert.equal(await page.inputValue('#template-framework'), DRAFT);
    await page.selectOption('#template-detail', 'criteria');
    const template = await download(page, '#data-templates >> text=Tải mẫu .xlsx');
    assert.equal(template.name, 'mau-results-2024.xlsx');

    // Fill criterion 1.7 of Tam Đường as an officer would (a decimal comma, as typed in Vietnamese Excel).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kết quả')!;
    let column = 0;
    let maxRow = 0;
    let unitRow = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        if (!column && /^1\.7\.? /.test(String(cell.value))) column = c;
      });
      if (row.getCell(1).value === 'Điểm tối đa') maxRow = n;
      if (row.getCell(2).value === 'tam-duong') unitRow = n;
    });
    assert.ok(column && maxRow && unitRow, 'the template has criterion 1.7, its maximum and Tam Đường');
    const max = Number(sheet.getRow(maxRow).getCell(column).value);
    sheet.getRow(unitRow).getCell(column).value = '1,5';
    const file = (name: string, bytes: ArrayBuffer) => ({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes),
    });

    await page.selectOption('#upload-kind', 'results');
    await waitForValue(page, '#upload-year', '2024');
    assert.equal(await page.inputValue('#upload-year'), '2024');
    await page.setInputFiles('#upload-file', file('ket-qua-2024.xlsx', await workbook.xlsx.writeBuffer()));
    assert.equal(await page.isDisabled('#data-upload >> button:text-is("Nhập")'), true, 'nothing to import before the check');
    await page.click('text=Kiểm tra (chạy thử)');
    const preview = page.locator('[data-testid=import-report]');
    await preview.waitFor();
    assert.match((await preview.textContent())!, /Tệp hợp lệ\. Nếu nhập sẽ:.*thêm 1, sửa 0, xóa 0/);
    const row = preview.locator('tr[data-unit="tam-duong"][data-code="1.7"]').first();
    assert.match((await row.textContent())!, /Tam Đường.*1\.7.*Điểm.*— → 1,5/);
    await page.screenshot({ path: join(shots, 'import-preview.png'), fullPage: true });
    // Still nothing stored: the preview is a dry run.
    const stored = async () =>
      (
        (await (await page.request.get(`${suite.server.url}/api/cycles/${DRAFT}/units/tam-duong/scores`)).json()) as {
          code: string;
          final: { total: string } | null;
        }[]
      ).find((s) => s.code === '1.7')?.final?.total;
    assert.equal(await stored(), undefined);

    await page.click('#data-upload >> button:text-is("Nhập")');
    await page.waitForSelector('[data-testid=import-report] >> text=Đã nhập (một giao dịch):');
    assert.equal(await stored(), '1.5');
    // The new figure where the unit's file shows it.
    await page.click('[data-testid=import-report] >> a:text-is("Tam Đường")');
    // The unit's own table: the import report's row carries the same code until the page changes.
    const criterion = page.locator('table.assess tr[data-code="1.7"]');
    await criterion.waitFor();
    assert.match((await criterion.locator('td').last().textContent())!, /^1,5$/);

    // A score above the maximum: the problem at its sheet, row and column, and nothing written.
    await page.goto(`${suite.server.url}/#/data`);
    await page.waitForSelector('#upload-kind');
    await page.selectOption('#upload-kind', 'results');
    sheet.getRow(unitRow).getCell(column).value = max + 1;
    await page.setInputFiles('#upload-file', file('ket-qua-sai.xlsx', await workbook.xlsx.writeBuffer()));
    await page.click('text=Kiểm tra (chạy thử)');
    const problems = page.locator('[data-testid=import-problems]');
    await problems.waitFor();
    assert.match((await problems.textContent())!, /Tệp chưa nhập được\. 1 lỗi\. Chưa có gì được ghi\./);
    const letter = sheet.getRow(unitRow).getCell(column).address.replace(/\d+/, '');
    const cells = await problems.locator(`tr[data-cell="Kết quả!${letter}${unitRow}"] td`).allTextContents();
    assert.equal(cells[0], 'Kết quả');
    assert.equal(cells[1], String(unitRow));
    assert.match(cells[2]!, new RegExp(`^${letter} — 1\\.7\\.? `));
    assert.equal(cells[3], String(max + 1));
    assert.match(cells[4]!, /vượt điểm tối đa/);
    assert.equal(await page.isDisabled('#data-upload >> button:text-is("Nhập")'), true);
    assert.equal(await stored(), '1.5');
    await page.screenshot({ path: join(shots, 'import-problems.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await noPageScroll(page, 'import / export');
    await page.screenshot({ path: join(shots, 'import-problems-phone.png'), fullPage: true });
    // A CSV file (the template's main table, «;» and decimal commas as Vietnamese Excel saves it), on the phone.
    const csv = (await (await page.request.get(`${suite.server.url}/api/templates?kind=results&framework=${DRAFT}&year=2024&format=csv`)).text()).replace(
      ';than-uyen;Than Uyên;;',
      ';than-uyen;Than Uyên;9,5;',
    );
    await page.setInputFiles('#upload-file', { name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('text=Kiểm tra (chạy thử)');
    const fromCsv = page.locator('[data-testid=import-report] tr[data-unit="than-uyen"][data-code="1"]').first();
    await fromCsv.waitFor();
    assert.match((await fromCsv.textContent())!, /Than Uyên.*— → 9,5/);
    await noPageScroll(page, 'import preview, phone');
    await page.context().close();
  });

  test('a visitor exports published results and is offered no import; a unit editor imports and exports its own plan only, and a plan that does not exist is said at its link', async () => {
    const page = await open('#/data', undefined, 390);
    await page.waitForSelector('#data-export');
    assert.equal(await page.isVisible('#data-upload'), false);
    assert.deepEqual(await page.$$eval('#export-year option', (options) => options.map((o) => (o as any).value)), ['2023', '2022']);
    const ranking = await download(page, 'tr[data-export="ranking"] >> text=.csv');
    assert.equal(ranking.name, 'ranking-2023.csv');
    assert.match(ranking.bytes.toString('utf8'), /^\uFEFFXếp hạng;Mã đơn vị;Đơn vị;Tổng điểm/);
    assert.match(ranking.bytes.toString('utf8'), /\n4;tam-duong;Tam Đường;78,119875;/);
    // From the keyboard: the link takes the focus and Enter downloads.
    await page.focus('tr[data-export="results"] >> text=.xlsx');
    const [results] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(results.suggestedFilename(), 'results-2023.xlsx');
    await noPageScroll(page, 'export, phone');
    await page.context().close();

    const editor = await open('#/data', 'tamduong');
    await editor.waitForSelector('#upload-kind');
    assert.deepEqual(await editor.$$eval('#upload-kind option', (options) => options.map((o) => (o as any).value)), ['plan']);
    assert.equal(await editor.textContent('#upload-unit'), 'Tam Đường');
    assert.equal(await editor.textContent('#export-plan-unit'), 'Tam Đường');
    const plan = await download(editor, 'tr[data-export="plan"] >> text=.xlsx');
    assert.equal(plan.name, 'plan-2024.xlsx');
    // The exported plan imports back as it is: valid, nothing to change, nothing to import.
    await editor.setInputFiles('#upload-file', { name: plan.name, mimeType: 'application/octet-stream', buffer: plan.bytes });
    await editor.click('text=Kiểm tra (chạy thử)');
    await editor.waitForSelector('[data-testid=import-report] >> text=Tệp hợp lệ nhưng không thay đổi gì so với số liệu đã lưu.');
    assert.equal(await editor.isDisabled('#data-upload >> button:text-is("Nhập")'), true);
    // A plan that does not exist: the server's refusal next to the link, no file of JSON saved.
    await editor.selectOption('#export-plan-year', '2023');
    await editor.click('tr[data-export="plan"] >> text=.xlsx');
    await editor.locator('tr[data-export="plan"] [role=alert]', { hasText: 'không có kế hoạch' }).waitFor();
    assert.equal(await editor.textContent('tr[data-export="plan"] [role=alert]'), 'không có kế hoạch năm 2023 của Tam Đường');
    await editor.screenshot({ path: join(shots, 'export.png'), fullPage: true });
    await editor.context().close();
  });

  test('in English the screen’s own words are English and a refused file’s problems are in English at their cell', async () => {
    const page = await open('#/data', 'admin', 1280, 'en');
    await page.waitForSelector('#data-upload');
    const own = await page.$$eval('#main h1, #main h2, #main label, #main button, #main thead th, #main .muted, #main tbody th', (elements) =>
      elements.map((e) => e.textContent ?? ''),
    );
    const vietnamese = own.filter((text) => VIETNAMESE.test(text));
    assert.deepEqual(vietnamese, []);
    assert.ok(own.includes('Import an Excel / CSV file'));
    // The province's whole audit trail, as CSV with decimal points in English.
    const audit = await download(page, 'tr[data-export="audit"] >> text=.csv');
    assert.equal(audit.name, 'nhat-ky.csv');
    assert.ok(audit.bytes.toString('utf8').split('\n').length > 10, 'the trail has the demo’s entries');
    const template = await page.request.get(`${suite.server.url}/api/templates?kind=survey&framework=${DRAFT}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Điều tra XHH')!;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'than-uyen') row.getCell(4).value = 'nhiều';
    });
    await page.selectOption('#upload-kind', 'survey');
    await page.setInputFiles('#upload-file', {
      name: 'survey.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await page.click('text=Check (dry run)');
    const problems = page.locator('[data-testid=import-problems]');
    await problems.waitFor();
    assert.deepEqual(await problems.locator('thead th').allTextContents(), ['Sheet', 'Row', 'Column', 'Value', 'Why']);
    const cells = await problems.locator('tbody tr').first().locator('td').allTextContents();
    assert.equal(cells[0], 'Điều tra XHH');
    assert.equal(cells[3], 'nhiều');
    assert.match(cells[4]!, /is not a number/);
    await page.context().close();
  });
});
