/**
 * Sign-in through the province's OpenID Connect provider in Chromium: a unit officer whose
 * identity the administrator linked presses "Đăng nhập bằng …" and comes back signed in; an
 * unlinked identity comes back to the sign-in page with the reason. The provider is a real
 * oidc-provider started here (src/server/testOidcProvider.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OidcSettings } from '../../src/server/oidcConfig.ts';
import { CLIENT_ID, CLIENT_SECRET, startTestProvider, type TestProvider } from '../../src/server/testOidcProvider.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

describe('OpenID Connect sign-in in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let provider: TestProvider;
  const options: { oidc?: OidcSettings } = {};
  before(async () => {
    provider = await startTestProvider();
    options.oidc = { issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: 'openid', claim: 'sub', name: 'Cổng định danh tỉnh' };
  });
  const suite = browserSuite(options);
  after(() => provider?.close());
  before(async () => {
    provider.register(`${suite.server.url}/api/session/oidc/callback`);
    const admin = await suite.server.login('admin');
    const users = (await suite.server.request('GET', '/api/users', undefined, admin)).body as { id: string; username: string }[];
    const officer = users.find((u) => u.username === 'tamduong')!;
    assert.equal((await suite.server.request('POST', `/api/users/${officer.id}/identities`, { subject: 'can-bo-tam-duong' }, admin)).status, 201);
  });

  async function pressTheButton(account: string, screen = '#/login') {
    provider.account = account;
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/${screen}`);
    const button = page.locator('[data-testid=oidc-login]');
    assert.equal((await button.textContent())?.trim(), 'Đăng nhập bằng Cổng định danh tỉnh');
    await button.click();
    return page;
  }

  test('a linked unit officer signs in through the provider', async () => {
    const page = await pressTheButton('can-bo-tam-duong');
    await page.waitForSelector('.user[data-role=unitEditor]');
    const session = (await page.evaluate(() => fetch('/api/session').then((r) => r.json()))) as { user: { username: string } };
    assert.equal(session.user.username, 'tamduong');
    await page.context().close();
  });

  test('a sign-in asked for by a screen comes back to that screen', async () => {
    const page = await pressTheButton('can-bo-tam-duong', `#/login?next=${encodeURIComponent('#/plan/tam-duong?year=2024')}`);
    await page.waitForSelector('.user[data-role=unitEditor]');
    await page.waitForFunction(() => (globalThis as any).location.hash === '#/plan/tam-duong?year=2024');
    await page.context().close();
  });

  test('signing out signs out at the provider too, and comes back to the app', async () => {
    const page = await pressTheButton('can-bo-tam-duong');
    await page.waitForSelector('.user[data-role=unitEditor]');
    await page.click('header .who button:not(.lang)');
    // The provider's own page asks to confirm; once confirmed it sends the browser back.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.click('button[name=logout][value=yes]');
    await page.waitForURL((url) => url.href.startsWith(suite.server.url));
    await page.waitForSelector('header .who a[href^="#/login"]');
    assert.equal(await page.locator('.user').count(), 0);
    await page.context().close();
  });

  test('an unlinked identity comes back to the sign-in page with the reason', async () => {
    const page = await pressTheButton('nguoi-la');
    await page.waitForSelector('[role=alert]');
    assert.match((await page.textContent('[role=alert]'))!, /chưa được liên kết với người dùng nào/);
    assert.equal(await page.locator('.user').count(), 0);
    await page.context().close();
  });
});
