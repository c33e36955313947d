/**
 * Issue 19: every problem of a form listed at once, each at its field, in Vietnamese words —
 * never zod's text nor English — on the administration forms: creating a user, a framework
 * file checked before import. Waits for the states it asserts, never for a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

/** Raw validation text (zod's, in either language) or English where the screen is Vietnamese. */
const RAW =
  /Quá nhỏ|Quá lớn|mong đợi|Too small|Too big|expected|received|Invalid|Required|NaN|undefined|\[object Object\]|\bmust\b|\bis taken\b|\bmissing\b|\bat least\b/;

describe('every problem of a form at once, at its field', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function admin(): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'admin');
    await page.goto(`${suite.server.url}/#/admin`);
    return page;
  }
  const noRawText = async (page: Page, what: string) => assert.doesNotMatch((await page.textContent('main'))!, RAW, what);

  test('creating a user: a wrong username, a blank name, no unit and a short password, all said at once at their fields', async () => {
    const page = await admin();
    const form = page.locator('form.new-user');
    await form.waitFor();
    await form.locator('input[name=username]').fill('Ab');
    await form.locator('input[name=displayName]').fill(' ');
    await form.locator('input[name=password]').fill('ngan');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error').nth(3).waitFor();
    const at = async (selector: string) =>
      (await form
        .locator('.field', { has: page.locator(selector) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('input[name=username]'), /chữ thường/);
    assert.match(await at('input[name=displayName]'), /không được để trống/);
    assert.match(await at('select[name=unitId]'), /phải thuộc một đơn vị/);
    assert.match(await at('input[name=password]'), /tối thiểu 10 ký tự/);
    assert.equal(await form.locator('p.error').count(), 0, 'no list apart from the fields');
    await noRawText(page, 'create user');
    // The taken username and the rest, once the format is right: again together.
    await form.locator('input[name=username]').fill('tamduong');
    await form.locator('input[name=displayName]').fill('Cán bộ mới');
    await form.locator('select[name=unitId]').selectOption('tam-duong');
    await form.locator('input[name=password]').fill('mat-khau-du-dai-2026');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'tên đăng nhập tamduong đã có' }).waitFor();
    await noRawText(page, 'create user, taken');
    await page.context().close();
  });

  test('a framework file with six problems: all listed at once with their place, nothing written', async () => {
    const page = await admin();
    const yaml =
      'kind: framework\nid: Sai Ma\nname: ""\nyear: 1990\ntotalPoints: 10\ncomponents:\n  - code: "1"\n    name: A\n    maxPoints: abc\n  - code: "2"\n    maxPoints: 5\n';
    await page.locator('#framework-text').fill(yaml);
    await page.locator('#admin-frameworks button', { hasText: 'Kiểm tra' }).click();
    const report = page.locator('[data-testid=validation-report]');
    await report.waitFor();
    assert.match((await report.textContent())!, /Không hợp lệ: 6 lỗi\. Chưa có gì được ghi\./);
    const places = await report.locator('tbody tr td:first-child').allTextContents();
    assert.deepEqual(places.slice(0, 4), ['id', 'name', 'level', 'year']);
    assert.ok(places.includes('1 › components.0.maxPoints'), places.join(' | '));
    await noRawText(page, 'framework import');
    await page.context().close();
  });
});
