/**
 * Issue 19, forms that keep work safe and the self-assessment offline, in Chromium: a whole
 * component saved at once with each row's result at its field; input saved by itself; edits
 * made with the line down kept as «Chưa đồng bộ» and synced when it returns; a criterion saved
 * by someone else meanwhile shown with both values until the officer chooses; the installable
 * app showing the screen again offline. Waits for the states it asserts, never for a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { noRawText } from './rawText.ts';
import { browserSuite } from './suite.ts';

const DRAFT = 'lai-chau-district-2024';
const SCORES = `/api/cycles/${DRAFT}/units/tam-duong/scores`;

describe('the self-assessment keeps work safe, online and offline', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function open(): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'tamduong');
    await page.goto(`${suite.server.url}/#/assess/${DRAFT}/tam-duong`);
    await page.locator('tr[data-code="1.1"]').waitFor();
    return page;
  }
  const stored = async (page: Page, code: string) =>
    ((await (await page.context().request.get(`${suite.server.url}${SCORES}`)).json()) as { code: string; self: string | null; version: number }[]).find(
      (r) => r.code === code,
    );
  /** Leaves a row as a person does: clicks the page's heading. */
  const leave = (page: Page) => page.click('main h1');

  test('a whole component saved at once: the valid row saved, the wrong one said at its field with its input kept', async () => {
    const page = await open();
    await page.locator('input[name=autosave]').uncheck();
    await page.locator('tr[data-code="1.1"] input[name=self]').fill('0,5');
    await page.locator('tr[data-code="1.2.1"] input[name=self]').fill('9');
    await page.click('[data-testid=save-component-1]');
    const note = page.locator('[data-testid=component-note-1]');
    await note.waitFor();
    assert.match((await note.textContent())!, /Đã lưu 1 tiêu chí; 1 tiêu chí chưa lưu được/);
    await page.locator('tr[data-code="1.1"] >> text=Đã lưu').waitFor();
    const wrong = page.locator('tr[data-code="1.2.1"]');
    assert.match((await wrong.locator('.field-error').textContent())!, /0 đến 0,5/);
    assert.equal(await wrong.locator('input[name=self]').inputValue(), '9', 'the refused input stays to be corrected');
    await noRawText(page, 'the self-assessment after a refused save');
    assert.equal((await stored(page, '1.1'))?.self, '0.5');
    assert.equal((await stored(page, '1.2.1'))?.self ?? null, null, 'nothing of the wrong row written');
    await page.context().close();
  });

  test('input is saved by itself on leaving the row and after a pause in typing', async () => {
    const page = await open();
    assert.ok(await page.locator('input[name=autosave]').isChecked(), 'on by default');
    const row = page.locator('tr[data-code="1.3"]');
    await row.locator('input[name=self]').fill('0,25');
    await leave(page);
    await row.locator('text=Đã lưu').waitFor();
    assert.equal((await stored(page, '1.3'))?.self, '0.25');
    // Typing and stopping, still in the field: saved after the pause.
    const other = page.locator('tr[data-code="1.4"]');
    await other.locator('textarea[name=comment]').fill('Đã ban hành kế hoạch tuyên truyền');
    await other.locator('text=Đã lưu').waitFor();
    await page.context().close();
  });

  test('offline: edits kept as «Chưa đồng bộ», synced when the line returns; a conflict shows both values until the officer chooses', async () => {
    const page = await open();
    const context = page.context();
    // Someone else will save 1.6 while this officer is offline: read its version now.
    const other = await suite.server.login('tamduong');
    await context.setOffline(true);
    const synced = page.locator('tr[data-code="1.5"]');
    await synced.locator('input[name=self]').fill('0,5');
    await leave(page);
    await synced.locator('[data-testid=unsynced]').waitFor();
    assert.equal(await synced.locator('[data-testid=unsynced]').textContent(), ' Chưa đồng bộ');
    const clash = page.locator('tr[data-code="1.6"]');
    await clash.locator('input[name=self]').fill('0,75');
    await leave(page);
    await clash.locator('[data-testid=unsynced]').waitFor();
    const yielded = page.locator('tr[data-code="2.2"]');
    await yielded.locator('input[name=self]').fill('2');
    await leave(page);
    await yielded.locator('[data-testid=unsynced]').waitFor();
    const before = (await suite.server.request('GET', SCORES, undefined, other)).body as { code: string; version: number }[];
    const versionOf = (code: string) => before.find((r) => r.code === code)?.version ?? 0;
    assert.equal((await suite.server.request('PUT', `${SCORES}/1.6`, { version: versionOf('1.6'), self: '0,25' }, other)).status, 200);
    assert.equal((await suite.server.request('PUT', `${SCORES}/2.2`, { version: versionOf('2.2'), self: '1' }, other)).status, 200);

    await context.setOffline(false);
    // A request sent as the line returns may hang and is tried again (offlineQueue.ts): up to a minute.
    await synced.locator('text=Đã lưu').waitFor({ timeout: 60_000 });
    assert.equal(await synced.locator('[data-testid=unsynced]').count(), 0);
    assert.equal((await stored(page, '1.5'))?.self, '0.5');
    const conflict = clash.locator('[data-testid=conflict]');
    await conflict.waitFor();
    assert.equal(await conflict.locator('[data-testid=stored-self]').textContent(), 'Đang lưu: 0,25');
    assert.equal(await conflict.locator('[data-testid=mine-self]').textContent(), 'Của bạn: 0,75');
    assert.equal((await stored(page, '1.6'))?.self, '0.25', 'nothing overwritten before the officer chooses');
    await conflict.locator('button', { hasText: 'Giữ giá trị của tôi' }).click();
    await clash.locator('text=Đã lưu').waitFor();
    assert.equal(await clash.locator('[data-testid=conflict]').count(), 0);
    assert.equal((await stored(page, '1.6'))?.self, '0.75');
    // The other conflict: the officer takes the stored value; the form shows it and nothing waits.
    await yielded.locator('[data-testid=conflict] button', { hasText: 'Dùng giá trị đang lưu' }).click();
    await yielded.locator('[data-testid=conflict]').waitFor({ state: 'detached' });
    assert.equal(await yielded.locator('input[name=self]').inputValue(), '1');
    assert.equal(await yielded.locator('[data-testid=unsynced]').count(), 0);
    assert.equal((await stored(page, '2.2'))?.self, '1');
    assert.equal(await page.evaluate(() => (globalThis as any).localStorage.getItem('parindex.offline-edits')), '[]');
    await context.close();
  });

  test('the installable app: a manifest, a service worker, and the screen again after a reload without a line', async () => {
    const page = await open();
    assert.equal(await page.getAttribute('link[rel=manifest]', 'href'), '/manifest.webmanifest');
    const manifest = await (await page.context().request.get(`${suite.server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    await page.waitForFunction(() => !!(globalThis as any).navigator.serviceWorker.controller);
    // Read once under the worker (it keeps what the screen needs), then without a line.
    await page.reload();
    await page.locator('tr[data-code="1.1"]').waitFor();
    await page.context().setOffline(true);
    await page.locator('tr[data-code="2.1"] input[name=self]').fill('1');
    await leave(page);
    await page.locator('tr[data-code="2.1"] [data-testid=unsynced]').waitFor();
    await page.reload();
    await page.locator('tr[data-code="2.1"]').waitFor();
    assert.equal(await page.locator('tr[data-code="2.1"] input[name=self]').inputValue(), '1', 'the edit kept offline is on the screen again');
    await page.context().setOffline(false);
    await page.locator('tr[data-code="2.1"] >> text=Đã lưu').waitFor();
    await page.context().close();
  });
});
