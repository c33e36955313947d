/**
 * End-to-end: the second demo (an 18-point index of the departments, in thousandths, two groups)
 * beside the seed — the province view and the plan show its figures with its own precision
 * (16,753, not 16,75) and name the index in its own words.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { listDocuments, projectRoot, readDocument } from '../../src/io/dataFolder.ts';
import { SYSTEM } from '../../src/workflow/policy.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

const secondDemo = () => listDocuments(join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh')).map(readDocument);

describe('the framework’s precision and words in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  let loaded = false;

  async function open(path: string, user?: string): Promise<{ page: Page; context: BrowserContext }> {
    if (!loaded) {
      await suite.server.store.importDocuments(secondDemo(), SYSTEM);
      loaded = true;
    }
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    if (user) await suite.signIn(context, user);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/${path}`);
    return { page, context };
  }

  test('the province view shows 16,753 and its trend in thousandths, under a heading in the index’s own words', async () => {
    const { page, context } = await open('#/province?year=2024&level=department&group=khoi-tong-hop');
    const total = page.locator('table.ranking tbody tr[data-unit=so-tu-phap] [data-testid=total]');
    await total.waitFor();
    assert.equal((await total.textContent())!.trim(), '16,753');
    assert.equal((await page.textContent('table.ranking tbody tr[data-unit=thanh-tra-tinh] [data-testid=total]'))!.trim(), '15,347');
    // The group's name joins the heading when the year's groups have come (asked beside the figures, they may come after).
    await page.locator('h1', { hasText: 'Khối cơ quan tổng hợp — 2024' }).waitFor();
    const heading = (await page.textContent('h1'))!;
    assert.match(heading, /^Xếp hạng Chỉ số phục vụ người dân, doanh nghiệp — /);
    assert.match(heading, /Khối cơ quan tổng hợp — 2024/);
    assert.match((await page.getAttribute('table.ranking th:has(button:has-text("Tổng điểm"))', 'aria-sort')) ?? '', /^$/);
    assert.match((await page.getAttribute('table.ranking thead button:has-text("Tổng điểm")', 'title'))!, /Tối đa 18,000/);
    // The trend: each year's figures to three decimals.
    await page.locator('[data-testid=trend] tr:has-text("Sở Tư pháp")').waitFor();
    assert.match((await page.textContent('[data-testid=trend] tr:has-text("Sở Tư pháp")'))!, /\d+,\d{3} \(\d\/6\).*16,753 \(1\/6\)/);
    const article = (await page.textContent('article'))!;
    assert.doesNotMatch(article, /PAR|CCHC|16,75(?!\d)/);
    // No survey part: no survey robustness on offer.
    assert.equal(await page.locator('button:has-text("Mô phỏng")').count(), 0);
    await context.close();
  });

  test('the plan shows the department’s recoverable points, projection and what-if in thousandths', async () => {
    const { page, context } = await open('#/plan/so-tu-phap?year=2025', 'admin');
    const lost = page.locator('table.recoverable tr[data-code="2"] td.num');
    await lost.waitFor();
    assert.equal((await lost.textContent())!.trim(), '0,600');
    assert.equal((await page.textContent('[data-testid=projected]'))!.trim(), '16,753');
    await page.fill('input[name=whatif-code]', '2.3');
    await page.fill('input[name=whatif-value]', '2');
    await page.click('form.whatif button[type=submit]');
    await page.locator('[data-testid=whatif]').waitFor();
    assert.match((await page.textContent('[data-testid=whatif]'))!, /16,753 → 17,113/);
    await context.close();
  });
});
