/**
 * Reminders in Chromium: the province sets the cycle's dates on its screen, the unit's officer
 * sees them on the self-assessment, the scheduler runs, the header counts the unread notices,
 * the notices page lists them and marks them read, and the officer chooses e-mail with a bad
 * address refused at its field, in Vietnamese.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createScheduler } from '../../src/server/scheduler.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite, noPageScroll } from './suite.ts';

const CYCLE = 'lai-chau-district-2024';

describe('reminders in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  async function open(path: string, user: string, width = 1280): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }

  test('the province sets the dates (a wrong one refused at its field); the unit sees them on its file', async () => {
    const page = await open('#/admin', 'admin');
    await page.click(`tr[data-cycle="${CYCLE}"] button.link`);
    const self = page.locator(`input[id="${CYCLE}-selfAssessmentDue"]`);
    await self.fill('31/02/2025');
    await page.click('text=Lưu các mốc thời gian');
    await page.waitForSelector(`input[id="${CYCLE}-selfAssessmentDue"][aria-invalid=true]`);
    assert.match((await page.textContent('[data-testid=deadlines] .field-error'))!, /Ngày dạng dd\/mm\/yyyy/);
    await self.fill('15/01/2025');
    await page.fill(`input[id="${CYCLE}-appraisalDue"]`, '10/01/2025');
    await page.click('text=Lưu các mốc thời gian');
    // The server's refusal, at the field it is about.
    await page.waitForSelector(`input[id="${CYCLE}-appraisalDue"][aria-invalid=true]`);
    assert.match((await page.textContent('[data-testid=deadlines] .field-error'))!, /phải sau hạn nộp kết quả tự đánh giá/);
    await page.fill(`input[id="${CYCLE}-appraisalDue"]`, '28/02/2025');
    await page.click('text=Lưu các mốc thời gian');
    await page.waitForSelector('[data-testid=deadlines] .ok');

    const unit = await open(`#/assess/${CYCLE}/tam-duong`, 'tamduong');
    await unit.waitForSelector('[data-testid=deadlines] p');
    assert.equal(await unit.textContent('[data-testid=deadlines] p'), 'Hạn nộp kết quả tự đánh giá: 15/01/2025 · Hạn hoàn thành thẩm định: 28/02/2025');
  });

  test('after the scheduler runs, the header counts the unread notices; the page lists and marks them read; settings refuse a bad address', async () => {
    const scheduler = createScheduler({ store: suite.server.store });
    await scheduler.tick(Date.parse('2025-01-14T03:00:00Z'));
    await scheduler.stop();
    const page = await open('#/', 'tamduong');
    await page.waitForSelector('[data-testid=unread] .count');
    const count = Number(/\((\d+)\)/.exec((await page.textContent('[data-testid=unread]'))!)![1]);
    assert.ok(count >= 1);
    await page.click('[data-testid=unread]');
    await page.waitForSelector('ul.notifications li.unread');
    assert.match(
      (await page.textContent('ul.notifications'))!,
      /Hạn nộp kết quả tự đánh giá của Tam Đường, kỳ đánh giá năm 2024, đến hạn ngày mai, 15\/01\/2025/,
    );
    await page.click('text=Đánh dấu tất cả đã đọc');
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('ul.notifications li.unread'));
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('[data-testid=unread] .count'));

    await page.fill('#notify-email', 'khong-phai-thu');
    await page.selectOption('select[name=channel-cycleDeadline]', 'both');
    // The browser's own check of type=email is off for this test: the server's refusal is what is shown.
    await page.$eval('[data-testid=notify-settings]', (form: any) => (form.noValidate = true));
    await page.click('[data-testid=notify-settings] button[type=submit]');
    await page.waitForSelector('#notify-email[aria-invalid=true]');
    assert.match((await page.textContent('[data-testid=notify-settings] .field-error'))!, /địa chỉ thư điện tử không đúng dạng/);
    await page.fill('#notify-email', 'tamduong@example.gov.vn');
    await page.click('[data-testid=notify-settings] button[type=submit]');
    await page.waitForSelector('[data-testid=notify-settings] .ok');
    await page.setViewportSize({ width: 390, height: 844 });
    await noPageScroll(page, 'the notices page on a phone');
  });
});
