/**
 * Levels and groups in the browser: a year whose departments are ranked in named groups (and a
 * second province's), beside the demo's district years — the province view's level and group
 * selectors, the address that keeps them, the national ranking, and the dashboard's named peers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { groupedDocuments, GROUPED_YEAR, LONG_GROUP_NAME } from '../../src/io/testGroups.ts';
import { SYSTEM } from '../../src/workflow/policy.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

describe('levels and groups in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function open(path: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }
  const rows = (page: Page) => page.locator('table.ranking tbody tr').count();
  const units = (page: Page) => page.$$eval('table.ranking tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-unit')));
  const heading = async (page: Page, text: RegExp) => {
    await page.waitForFunction((source) => new RegExp(source).test((globalThis as any).document.querySelector('h1')?.textContent ?? ''), text.source);
  };

  test('the province view offers the year’s levels and groups, keeps them in the address, and ranks all groups together on request', async () => {
    await suite.server.store.importDocuments(groupedDocuments(), SYSTEM);
    const page = await open('#/province');
    // The menu's link opens the latest year at a level that has results (the demo's districts), with no selector to offer.
    await heading(page, /Cấp huyện — 2023/);
    assert.equal(await rows(page), 8);
    assert.equal(await page.locator('select[name=group]').count(), 0);
    // Another year: its level and first group, never "no results".
    await page.selectOption('select[name=year]', String(GROUPED_YEAR));
    await heading(page, new RegExp(`Sở, ban, ngành — Khối sở, ban, ngành 1 — ${GROUPED_YEAR}`));
    assert.deepEqual(await units(page), ['so-tu-phap', 'so-noi-vu', 'so-y-te']);
    assert.match((await page.textContent('section.card h2'))!, /Xếp hạng 3 đơn vị — Khối sở, ban, ngành 1/);
    const options = await page.$$eval('select[name=group] option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(options, ['Khối sở, ban, ngành 1 (3)', `${LONG_GROUP_NAME} (2)`, 'Tỉnh B — cấp sở, ban, ngành (2)', 'Tất cả các nhóm (xếp hạng chung)']);
    await page.selectOption('select[name=group]', 'so-khoi-2');
    await heading(page, new RegExp(LONG_GROUP_NAME.replace(/[[\]/]/g, '\\$&')));
    assert.deepEqual(await units(page), ['cong-an-tinh', 'thue-tinh']);
    assert.match(await page.evaluate(() => (globalThis as any).location.hash), /year=2021&level=department&group=so-khoi-2/);
    await page.selectOption('select[name=group]', '*');
    await heading(page, /Toàn quốc — cấp sở, ban, ngành/);
    assert.equal(await rows(page), 7);
    assert.deepEqual((await units(page)).slice(0, 2), ['so-tu-phap', 'b-so-tu-phap']);
    // An address naming a group is honoured; back on the demo's year, its own level and group are shown.
    const direct = await open(`#/province?year=${GROUPED_YEAR}&group=tinh-b-department`);
    await heading(direct, /Tỉnh B — cấp sở, ban, ngành/);
    assert.deepEqual(await units(direct), ['b-so-tu-phap', 'b-so-noi-vu']);
    await direct.selectOption('select[name=year]', '2023');
    await heading(direct, /Cấp huyện — 2023/);
    assert.equal(await rows(direct), 8);
  });

  test('the dashboard’s peers are the unit’s group, named, with a link to its ranking', async () => {
    const page = await open(`#/unit/thue-tinh?year=${GROUPED_YEAR}`);
    await page.waitForSelector('[data-testid=peer-group]');
    assert.equal(await page.textContent('[data-testid=peer-group]'), LONG_GROUP_NAME);
    assert.deepEqual(await page.$$eval('table.peers tbody tr a', (as) => as.map((a) => a.textContent)), ['Công an tỉnh', 'Thuế tỉnh']);
    await page.click('a:has-text("Xem bảng xếp hạng của nhóm")');
    await heading(page, new RegExp(`${LONG_GROUP_NAME.replace(/[[\]/]/g, '\\$&')} — ${GROUPED_YEAR}`));
    assert.equal(await rows(page), 2);
  });
});
