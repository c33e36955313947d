/**
 * The second factor in Chromium, where the province requires it for administrators: the first
 * sign-in sets it up (QR code and secret, a first code, the recovery codes shown once), the next
 * one asks for a code — at laptop and phone width.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { TEST_PASSWORD } from '../../src/server/testing.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite, noPageScroll } from './suite.ts';

const codeAt = (secret: string, timestamp: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

describe('the second factor in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite({ secondFactor: { required: ['admin'], issuer: 'Sở Nội vụ' } });
  let secret: string;

  async function passwordStep(width: number) {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/#/login?next=${encodeURIComponent('#/admin')}`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=second-factor]');
    return page;
  }

  test('the first sign-in sets the second factor up and shows the recovery codes once', async () => {
    const page = await passwordStep(390);
    await page.waitForSelector('.qr svg');
    secret = (await page.textContent('[data-testid=totp-secret]'))!;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await noPageScroll(page, 'the set-up screen on a phone');
    await page.fill('input[name=code]', '000000');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    assert.match((await page.textContent('[role=alert]'))!, /mã xác thực không đúng hoặc đã dùng/);
    await page.fill('input[name=code]', codeAt(secret, Date.now()));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=recovery-codes]');
    assert.equal(await page.locator('ul.codes li').count(), 10);
    await page.click('text=Đã cất các mã, tiếp tục');
    await page.waitForSelector('tr[data-user=admin]');
    await page.context().close();
  });

  test('the next sign-in asks for a code, with no QR code', async () => {
    const page = await passwordStep(1280);
    assert.equal(await page.locator('.qr').count(), 0);
    await page.fill('input[name=code]', codeAt(secret, Date.now() + 30_000));
    await page.click('button[type=submit]');
    await page.waitForSelector('tr[data-user=admin]');
    assert.equal(await page.getAttribute('.user', 'data-role'), 'admin');
    await page.context().close();
  });
});
