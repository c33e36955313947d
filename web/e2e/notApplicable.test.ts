/**
 * End-to-end: a unit's officer marks a criterion «Không áp dụng» with a reason on the assessment
 * screen, is told when the reason is missing, and makes it apply again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

const DRAFT = 'lai-chau-district-2024';

describe('not-applicable criteria in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  test('the unit marks 1.7 «Không áp dụng» with a reason; without one the field says so; it can apply again', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'tamduong');
    await page.goto(`${suite.server.url}/#/assess/${DRAFT}/tam-duong`);
    const row = page.locator('tr[data-code="1.7"]');
    await row.waitFor();
    await row.locator('input[name=notApplicable]').check();
    await row.locator('button', { hasText: 'Ghi không áp dụng' }).click();
    await row.locator('.field-error').waitFor();
    assert.match((await row.locator('.field-error').textContent())!, /phải có lý do/);
    await row.locator('textarea[name=notApplicableReason]').fill('Trong năm không có trường hợp lãnh đạo bị kỷ luật');
    await row.locator('button', { hasText: 'Ghi không áp dụng' }).click();
    await row.locator('.not-applicable').waitFor();
    assert.match((await row.textContent())!, /Không áp dụng: Trong năm không có trường hợp lãnh đạo bị kỷ luật/);
    assert.equal(await row.locator('input[name=self]').count(), 0, 'no score field on a criterion that does not apply');
    await row.locator('button', { hasText: 'Áp dụng lại' }).click();
    await row.locator('input[name=self]').waitFor();
    assert.equal(await row.locator('input[name=notApplicable]').isChecked(), false);
    assert.equal(await row.locator('textarea[name=notApplicableReason]').count(), 0);
    await context.close();
  });
});
