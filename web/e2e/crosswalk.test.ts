/**
 * End-to-end: a new framework version in Chromium. The province previews a 2025 framework
 * workbook derived from 2024 and sees the real diff (maxima changed, a criterion renumbered,
 * split, added, dropped — not every line "added"); with 2024 and 2025 results on the two
 * frameworks, the unit's dashboard and criteria tree say which component's maximum changed and
 * that it is compared in percent. Its own server (fresh demo database): it imports data.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseDocument, parseFramework } from '../../src/core/index.ts';
import { frameworkTables } from '../../src/io/export/framework.ts';
import { writeTables } from '../../src/io/index.ts';
import { crosswalkResults, FRAMEWORK_2024_ID, framework2025Text } from '../../src/io/testCrosswalk.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS as shots } from './browser.ts';
import { browserSuite } from './suite.ts';

describe('a framework crosswalk in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function open(path: string, user: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }

  test('the import screen previews a derived framework workbook against 2024: changed maxima, renumbered, split, new and dropped criteria', async () => {
    const page = await open('#/data', 'admin');
    await page.waitForSelector('#upload-kind');
    await page.selectOption('#upload-kind', 'framework');
    const bytes = await writeTables(frameworkTables(parseFramework(framework2025Text())), { format: 'xlsx' });
    await page.setInputFiles('#upload-file', {
      name: 'bo-tieu-chi-2025.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes),
    });
    await page.click('text=Kiểm tra (chạy thử)');
    const preview = page.locator('[data-testid=import-report]');
    await preview.waitFor();
    const text = (await preview.textContent())!;
    assert.match(text, new RegExp(`so với bộ tiêu chí ${FRAMEWORK_2024_ID}`));
    const counts = /thêm (\d+), sửa (\d+), xóa (\d+) giá trị/.exec(text);
    assert.ok(counts && Number(counts[1]) < 10, `a real diff, not every line added: ${counts?.[0]}`);
    const row = async (code: string, change: string) =>
      (await preview.locator(`tr[data-code="${code}"][data-change="${change}"]`).allTextContents()).join(' | ');
    assert.match(await row('1', 'changed'), /Tiêu chí \(điểm tối đa\).*13,5 → 14,5/);
    assert.match(await row('2', 'changed'), /5 → 4/);
    assert.match(await row('1.7', 'changed'), /tách thành.*1\.7 → 1\.7, 1\.8/);
    assert.match(await row('4.4', 'changed'), /đổi mã.*4\.3 → 4\.4/);
    assert.match(await row('3.7', 'added'), /Số hóa hồ sơ/);
    assert.match(await row('2.3', 'removed'), /Xử lý văn bản trái pháp luật/);
    assert.equal(await preview.locator('tr[data-code="3.1"]').count(), 0, 'an unchanged criterion is not listed');
    assert.match(text, /Bộ tiêu chí \(năm\)2024 → 2025/, 'a year is not a decimal');
    assert.match(text, /\(tiêu chí bỏ\)— → 2\.3/);
    await page.screenshot({ path: join(shots, 'crosswalk-import-preview.png'), fullPage: true });
  });

  test("the dashboard and the tree say a component's maximum changed and compare it in percent; dropped criteria are listed", async () => {
    // The 2025 framework and results on both versions, imported as the province does.
    const admin = await suite.server.login('admin');
    const documents = [
      { name: 'framework-2025.yaml', data: parseDocument(framework2025Text()) },
      ...crosswalkResults(['tam-duong', 'than-uyen', 'sin-ho'], { decision: '{year}/QĐ-THU', date2024: '2025-05-15', date2025: '2026-05-15' }).map(
        (data, i) => ({ name: `results-${i}.yaml`, data }),
      ),
    ];
    const imported = await suite.server.request('POST', '/api/import', { documents }, admin);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));

    const page = await open('#/unit/tam-duong?year=2025', 'admin');
    const first = page.locator('table.components tr[data-code="1"] [data-testid=change-note]');
    await first.waitFor();
    assert.equal(await first.getAttribute('data-change'), 'maxChanged');
    assert.equal((await first.textContent())!.trim(), '† điểm tối đa đổi từ 13,5 thành 14,5: so sánh theo tỷ lệ % điểm tối đa');
    // Compared in percent: 77,78% → 79,31%.
    assert.match((await page.locator('table.components tr[data-code="1"]').textContent())!, /\+1,53/);
    assert.equal(await page.locator('table.components tr[data-code="3"] [data-testid=change-note]').count(), 0, 'the same component has no note');
    assert.match((await page.locator('[data-testid=dropped-nodes]').textContent())!, /2\.3\. Xử lý văn bản trái pháp luật.*1,00/);
    await page.screenshot({ path: join(shots, 'crosswalk-dashboard.png'), fullPage: true });

    await page.click('table.components tr[data-code="1"] a');
    const split = page.locator('table.tree tr[data-code="1.8"] [data-testid=change-note]');
    await split.waitFor();
    assert.match((await split.textContent())!, /tách từ 1\.7 \(2 điểm\) của năm 2024/);
  });
});
