/**
 * End-to-end: the province manages its units in the administration screen — adds a commune,
 * finds it by typing its name without diacritics, and ends its validity; the unit's file reads
 * the new dates. Its own server (fresh demo database): the test changes data.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS as shots } from './browser.ts';
import { browserSuite, waitForCount } from './suite.ts';

describe('units administration in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  test('the province adds a unit, finds it without diacritics and ends it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'admin');
    await page.goto(`${suite.server.url}/#/admin`);
    await page.waitForSelector('#admin-units tr[data-unit="tam-duong"]');
    // The screen's own links move to a section without touching the address (the router's).
    await page.click('nav.links >> text=Đơn vị');
    assert.equal(await page.evaluate(() => (globalThis as any).document.activeElement.id), 'admin-units');
    assert.equal(await page.evaluate(() => (globalThis as any).location.hash), '#/admin');

    const form = page.locator('#admin-units form.new-unit');
    await form.locator('input[name="id"]').fill('xa-thu-nghiem');
    await form.locator('input[name="name"]').fill('Xã Thử Nghiệm');
    await form.locator('input[name="fullName"]').fill('UBND xã Thử Nghiệm');
    await form.locator('select[name="level"]').selectOption('commune');
    await form.locator('input[name="validFrom"]').fill('01/07/2025');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('#admin-units form.new-unit >> text=Đã thêm đơn vị.');
    const row = page.locator('#admin-units tr[data-unit="xa-thu-nghiem"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /UBND xã Thử Nghiệm.*Cấp xã.*01\/07\/2025/);

    await page.fill('#unit-search', 'thu nghiem');
    await waitForCount(page.locator('#admin-units tbody tr[data-unit]'), 1, 'units found by the search');
    assert.equal(await page.locator('#admin-units tbody tr[data-unit]').count(), 1);

    await row.locator('button', { hasText: 'Sửa' }).click();
    const edit = page.locator('#admin-units .edit-unit');
    // Who signs the unit's report: written in the form, read back through the API.
    await edit.locator('input[name="signerTitle"]').fill('CHỦ TỊCH');
    await edit.locator('input[name="abbreviation"]').fill('UBND');
    await edit.locator('input[name="noParentBody"]').check();
    await edit.locator('button', { hasText: 'Lưu' }).first().click();
    await page.waitForFunction(
      async () => ((await (await fetch('/api/units/xa-thu-nghiem')).json()) as { document?: { signerTitle?: string } }).document?.signerTitle === 'CHỦ TỊCH',
    );
    assert.deepEqual((await suite.server.request('GET', '/api/units/xa-thu-nghiem')).body.document, {
      abbreviation: 'UBND',
      signerTitle: 'CHỦ TỊCH',
      parentBody: null,
    });
    await edit.locator('input[name="validTo"]').fill('31/12/2026');
    await edit.locator('button', { hasText: 'Kết thúc hiệu lực' }).click();
    await page.waitForFunction(() =>
      (globalThis as any).document.querySelector('#admin-units tr[data-unit="xa-thu-nghiem"]')?.textContent.includes('31/12/2026'),
    );
    await page.screenshot({ path: `${shots}/admin-units.png`, fullPage: true });

    const unit = await suite.server.request('GET', '/api/units/xa-thu-nghiem');
    assert.deepEqual([unit.body.validFrom, unit.body.validTo], ['2025-07-01', '2026-12-31']);
    await context.close();
  });
});
