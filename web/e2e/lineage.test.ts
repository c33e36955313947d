/**
 * End-to-end across the 2025 reform (data/reform-2025 over the demo): a split commune's dashboard
 * says its baseline and shows the predecessor's rank with its own denominator, the trend follows
 * the lineage with its break on the dashboard and the province view, a merger is compared with its
 * predecessors combined, and the administration imports a lineage table (errors at their cells)
 * and lists the units still without lineage.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { listDocuments, projectRoot, readDocument } from '../../src/io/dataFolder.ts';
import { SYSTEM } from '../../src/workflow/policy.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

const reform = () => listDocuments(join(projectRoot, 'data', 'reform-2025')).map(readDocument);

describe('lineage and baselines in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  let loaded = false;

  async function open(path: string): Promise<{ page: Page; context: BrowserContext }> {
    if (!loaded) {
      await suite.server.store.importDocuments(reform(), SYSTEM);
      loaded = true;
    }
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await suite.signIn(context, 'admin');
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/${path}`);
    return { page, context };
  }

  test('a split commune: the baseline in words, ranks not compared, the trend followed back with its break', async () => {
    const { page, context } = await open('#/unit/ban-bo?year=2025');
    const baseline = page.locator('[data-testid=baseline]');
    await baseline.waitFor();
    assert.match((await baseline.textContent())!, /so với huyện Tam Đường \(đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024\)/);
    assert.match((await page.textContent('[data-testid=baseline-ranks]'))!, /2025: 2\/4; huyện Tam Đường 2024: 4\/8/);
    assert.equal((await page.textContent('[data-testid=rank-change]'))!.trim(), '');
    const note = page.locator('[data-testid=lineage-trend] [data-testid=trend-break]');
    await note.waitFor();
    assert.match((await note.textContent())!, /Nét đứt.*từ năm 2025: kết quả của chính đơn vị; các năm trước là của đơn vị tiền thân huyện Tam Đường/);
    assert.equal(await page.locator('[data-testid=lineage-trend] td[data-lineage=predecessor]').count(), 3);
    // The predecessors' years drawn dashed: the break shows as a change of line style.
    await page.locator('[data-testid=lineage-trend] svg path[stroke-dasharray]').first().waitFor({ state: 'attached' });
    await context.close();
  });

  test('a merged commune is compared with its predecessors combined by population', async () => {
    const { page, context } = await open('#/unit/khun-ha?year=2025');
    const baseline = page.locator('[data-testid=baseline]');
    await baseline.waitFor();
    assert.match((await baseline.textContent())!, /bình quân gia quyền theo dân số của huyện Tam Đường \(70%\) và huyện Phong Thổ \(30%\)/);
    assert.equal(await page.locator('[data-testid=baseline-ranks]').count(), 1);
    await page.locator('[data-testid=lineage-trend] td[data-lineage=combined]').first().waitFor();
    await context.close();
  });

  test('the province view of the communes draws their trend followed back, with the break said', async () => {
    const { page, context } = await open('#/province?year=2025&level=commune');
    const trend = page.locator('[data-testid=province-lineage-trend]');
    await trend.waitFor();
    assert.match((await trend.locator('[data-testid=trend-break]').textContent())!, /Bản Bo: từ năm 2025/);
    assert.equal(await trend.locator('tbody tr').count(), 4);
    await context.close();
  });

  test('the administration imports a lineage table, errors at their cells, and the units without lineage shrink', async () => {
    const { page, context } = await open('#/admin');
    const tools = page.locator('[data-testid=lineage-tools]');
    await tools.locator('[data-testid=unmapped] tr[data-unmapped=than-uyen]').waitFor();
    const upload = (text: string) =>
      tools.locator('input[name=lineageFile]').setInputFiles({ name: 'lien-ket.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await upload('Đơn vị cũ;Đơn vị mới;Ngày hiệu lực\nThan Uyên;Xã Không Có;01/07/2025\n');
    await tools.getByRole('button', { name: 'Xem trước' }).click();
    const errors = tools.locator('[data-testid=lineage-errors]');
    await errors.waitFor();
    assert.match((await errors.textContent())!, /ô B2, cột «Đơn vị mới», giá trị «Xã Không Có»/);
    await upload(
      'Đơn vị cũ;Đơn vị mới;Ngày hiệu lực;Hình thức;Tỷ lệ dân số\nTam Đường;Tả Lèng;01/07/2025;Sáp nhập;50%\nThan Uyên;Tả Lèng;01/07/2025;Sáp nhập;50%\n',
    );
    await tools.getByRole('button', { name: 'Nhập', exact: true }).click();
    await tools.locator('[data-testid=lineage-outcome]').waitFor();
    assert.match((await tools.locator('[data-testid=lineage-outcome]').textContent())!, /Đã nhập: \d+ thay đổi, 2 đơn vị/);
    await tools.locator('[data-testid=unmapped] tr[data-unmapped=than-uyen]').waitFor({ state: 'detached' });
    assert.equal(await tools.locator('[data-testid=unmapped] tr[data-unmapped=tan-uyen]').count(), 1);
    await context.close();
  });
});
