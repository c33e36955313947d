/**
 * End-to-end: the real server (embedded database, demo data) serving the built app to
 * Debian's Chromium. Screenshots of the main screens go to test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../src/io/dataFolder.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src/server/testing.ts';
import { ensureWebBuilt } from '../../src/server/webBuild.ts';
import { testEngines } from '../../src/store/testing.ts';
import { CHROMIUM, launchChromium } from './browser.ts';

const shots = join(projectRoot, 'test-output', 'screenshots');
const available = existsSync(CHROMIUM);
if (!available && process.env.PARINDEX_REQUIRE_TOOLS === '1') throw new Error(`Chromium is required at ${CHROMIUM}`);

describe('the web app in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    await ensureWebBuilt();
    mkdirSync(shots, { recursive: true });
    server = await startTestServer(testEngines()[0]!);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, user?: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    if (user) {
      await page.goto(`${server.url}/#/login`);
      await page.fill('input[name=username]', user);
      await page.fill('input[name=password]', TEST_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('.user');
    }
    await page.goto(`${server.url}/${path}`);
    return page;
  }

  test('the public dashboard shows Tam Đường 2023: 78,12 points, rank 4/8, the change, the split, ties and deductions', async () => {
    const page = await open('#/unit/tam-duong?year=2023');
    await page.waitForSelector('[data-testid=total]');
    assert.equal(await page.textContent('[data-testid=total]'), '78,12');
    assert.equal(await page.textContent('[data-testid=rank]'), '4/8');
    assert.match((await page.textContent('[data-testid=change]'))!, /\+6,05/);
    assert.match((await page.textContent('.cards'))!, /55,82 \/ 22,30/);
    assert.match((await page.textContent('body'))!, /giảm 1 hạng \(3 → 4\)/);
    assert.match((await page.textContent('body'))!, /cùng hạng/);
    assert.match((await page.textContent('body'))!, /trong năm 2023 không có đơn vị SNCL nào tăng mức độ tự chủ/);
    await page.waitForSelector('.chart svg');
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'dashboard-phone.png') });
    await page.context().close();
  });

  test('drilling into component 6 shows criterion 6.2.2 with its 1,5-point deduction and reason; search ignores accents', async () => {
    const page = await open('#/unit/tam-duong?year=2023');
    await page.click('text=6. Cải cách tài chính công');
    const row = page.locator('tr[data-code="6.2.2"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /−1,5/);
    assert.match((await row.textContent())!, /không có đơn vị SNCL nào tăng mức độ tự chủ/);
    await page.screenshot({ path: join(shots, 'criteria.png'), fullPage: true });
    await page.fill('input[type=search]', 'tai chinh');
    await page.waitForSelector('tr[data-code="6"]');
    const codes = await page.$$eval('table.tree tbody tr', (rows) => rows.map((r) => r.getAttribute('data-code')));
    assert.ok(codes.includes('6') && !codes.includes('2'), codes.join(','));
    await page.context().close();
  });

  test('the province view ranks all 8 units, sorts by a component and shows the heat map', async () => {
    const page = await open('#/province?year=2023&level=district');
    await page.waitForSelector('table.ranking tbody tr');
    assert.equal(await page.locator('table.ranking tbody tr').count(), 8);
    assert.match((await page.textContent('table.ranking tbody tr:first-child td:first-child'))!, /^1/);
    await page.click('table.ranking th button:has-text("Xếp hạng")');
    assert.match((await page.textContent('table.ranking tbody tr:first-child td:first-child'))!, /^8/);
    assert.ok((await page.locator('td.heat').count()) === 64);
    await page.click('button:has-text("Mô phỏng")');
    await page.locator('[data-testid=robustness] tbody tr').nth(7).waitFor();
    await page.screenshot({ path: join(shots, 'province.png'), fullPage: true });
    await page.context().close();
  });

  test('each role logs in and sees its name', async () => {
    for (const [user, name] of [['admin', 'Sở Nội vụ'], ['appraiser', 'Hội đồng thẩm định'], ['tamduong', 'Văn phòng HĐND và UBND huyện Tam Đường'], ['tamduong-view', 'Lãnh đạo UBND huyện Tam Đường']]) {
      const page = await open('#/', user);
      assert.match((await page.textContent('.user'))!, new RegExp(name!));
      await page.context().close();
    }
  });

  test('a unit self-assesses with a live rule and submits, the appraiser lowers a score with a reason, the province publishes', async () => {
    const cycle = '#/assess/lai-chau-district-2024/tam-duong';
    const unit = await open(cycle, 'tamduong');
    const row = unit.locator('tr[data-code="7.3.6"]');
    await row.waitFor();
    await row.locator('input[aria-label="7.3.6 tử số"]').fill('46');
    await row.locator('input[aria-label="7.3.6 mẫu số"]').fill('46');
    await row.locator('.computed').waitFor();
    assert.match((await row.locator('.computed').textContent())!, /1,00/);
    await row.locator('.computed button').click();
    await row.locator('textarea[name=comment]').fill('46/46 thủ tục có thanh toán trực tuyến');
    await row.locator('button', { hasText: 'Lưu' }).click();
    await row.locator('text=Đã lưu').waitFor();
    // A self score above the maximum gets its message next to the field.
    const other = unit.locator('tr[data-code="7.3.7"]');
    await other.locator('input[name=self]').fill('9');
    await other.locator('button', { hasText: 'Lưu' }).click();
    await other.locator('.field-error').waitFor();
    assert.match((await other.locator('.field-error').textContent())!, /0 đến 0,5/);
    await other.locator('input[name=self]').fill('');
    await unit.click('button[data-transition=submit]');
    await unit.waitForSelector('.badge[data-state=submitted]');
    await unit.screenshot({ path: join(shots, 'self-assessment.png'), fullPage: true });
    await unit.context().close();

    const appraiser = await open(cycle, 'appraiser');
    await appraiser.click('button[data-transition=startAppraisal]');
    await appraiser.waitForSelector('.badge[data-state=underAppraisal]');
    const appraised = appraiser.locator('tr[data-code="7.3.6"]');
    assert.match((await appraised.textContent())!, /Tự chấm: 1/);
    await appraised.locator('input[name=appraised]').fill('0,5');
    await appraised.locator('button', { hasText: 'Lưu' }).click();
    await appraised.locator('text=Đã lưu').waitFor();
    await appraiser.click('button[data-transition=completeAppraisal]');
    await appraiser.waitForSelector('.actions .error');
    assert.match((await appraiser.textContent('.actions .error'))!, /phải ghi lý do/);
    await appraised.locator('textarea[name=reason]').fill('Chỉ 23/46 thủ tục phát sinh thanh toán trực tuyến');
    await appraised.locator('button', { hasText: 'Lưu' }).click();
    await appraised.locator('text=Đã lưu').waitFor();
    await appraiser.click('button[data-transition=completeAppraisal]');
    await appraiser.waitForSelector('.badge[data-state=appraised]');
    await appraiser.screenshot({ path: join(shots, 'appraisal.png'), fullPage: true });
    await appraiser.context().close();

    const admin = await open(cycle, 'admin');
    await admin.click('button[data-transition=publish]');
    await admin.waitForSelector('.badge[data-state=published]');
    await admin.context().close();
  });

  test('planning: a task created from a deduction and marked done moves the projection', async () => {
    const page = await open('#/plan/tam-duong?year=2024', 'tamduong');
    await page.waitForSelector('[data-testid=projected]');
    assert.equal(await page.textContent('[data-testid=projected]'), '78,12');
    await page.click('button[data-create="1.7"]');
    const task = page.locator('tr[data-task="khac-phuc-1-7"]');
    await task.waitFor();
    await task.locator('select').selectOption('done');
    await page.locator('[data-testid=projected]', { hasText: '80,12' }).waitFor();
    assert.match((await page.textContent('body'))!, /Sắp đến hạn|Quá hạn|Sắp tới/);
    await page.fill('input[name=whatif-value]', '46/46');
    await page.click('form.card button[type=submit]');
    await page.waitForSelector('[data-testid=whatif]');
    assert.match((await page.textContent('[data-testid=whatif]'))!, /78,12 → 78,90/);
    await page.screenshot({ path: join(shots, 'plan.png'), fullPage: true });
    await page.context().close();
  });

  test('a unit user cannot open another unit’s draft', async () => {
    const page = await open('#/assess/lai-chau-district-2024/than-uyen', 'tamduong');
    await page.waitForSelector('[role=alert]');
    assert.match((await page.textContent('[role=alert]'))!, /đơn vị mình/);
    await page.context().close();
  });

  test('the administrator sees users, cycles, units with their end dates, and checks a framework file', async () => {
    const page = await open('#/admin', 'admin');
    await page.waitForSelector('text=tamduong-view');
    assert.match((await page.textContent('body'))!, /30\/06\/2025/);
    await page.fill('textarea[aria-label=YAML]', 'kind: framework\nid: thu\n');
    await page.click('button:has-text("Kiểm tra")');
    await page.waitForSelector('ul.error li');
    await page.screenshot({ path: join(shots, 'admin.png'), fullPage: true });
    await page.context().close();
  });
});
