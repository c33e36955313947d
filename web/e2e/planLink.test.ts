/**
 * End-to-end (issue 19): a dashboard leads nobody to a dead end. The unit's plan is linked only
 * for those who may read it (readPlan in src/workflow/policy.ts); a visitor or another unit's
 * staff is told why not — never sent to a page saying the plan does not exist. The same for the
 * evidence and scoring history under a criterion (readAssessment): said, not an error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { decide, type Actor } from '../../src/workflow/policy.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { browserSuite } from './suite.ts';

const UNIT = 'tam-duong';
const DASHBOARD = `#/unit/${UNIT}?year=2023`;

/** The demo's users (src/server/demo.ts) as the policy sees them; null: a visitor. */
const VIEWERS: { user: string | null; actor: Actor }[] = [
  { user: null, actor: { userId: 'anonymous', role: 'public' } },
  { user: 'thanuyen', actor: { userId: 'thanuyen', role: 'unitEditor', unitId: 'than-uyen' } },
  { user: 'tamduong-view', actor: { userId: 'tamduong-view', role: 'unitViewer', unitId: UNIT } },
  { user: 'tamduong', actor: { userId: 'tamduong', role: 'unitEditor', unitId: UNIT } },
  { user: 'appraiser', actor: { userId: 'appraiser', role: 'appraiser' } },
  { user: 'admin', actor: { userId: 'admin', role: 'admin' } },
];

describe('dashboard links in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function dashboard(user: string | null): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    if (user) await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/${DASHBOARD}`);
    await page.locator('[data-testid=total]').waitFor();
    // The session known: either the link or the reason is there.
    await page.locator(`p.links a[href^="#/plan/${UNIT}"], [data-testid=plan-closed]`).first().waitFor();
    return page;
  }

  test('the plan is linked exactly for those who may read it; the others are told why', async () => {
    for (const { user, actor } of VIEWERS) {
      const page = await dashboard(user);
      const may = decide(actor, 'readPlan', { unitId: UNIT }).allowed;
      const links = await page.locator(`a[href^="#/plan/${UNIT}"]`).count();
      assert.equal(links > 0, may, `${user ?? 'visitor'}: a link to the plan`);
      if (!may) {
        const reason = (await page.textContent('[data-testid=plan-closed]'))!;
        assert.match(reason, /Kế hoạch năm 2024 là tài liệu làm việc của đơn vị: chỉ cán bộ đơn vị, quản trị và hội đồng thẩm định xem được/);
        // A visitor may sign in (staff of the unit then read it); another unit's staff is signed in already.
        assert.equal(await page.locator('[data-testid=plan-closed] a[href^="#/login"]').count(), user === null ? 1 : 0, `${user ?? 'visitor'}: sign-in link`);
      }
      await page.context().close();
    }
  });

  test('under a criterion, the evidence and history are shown to those who may read the file; the others are told why', async () => {
    for (const { user, actor } of VIEWERS) {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
      const page = await context.newPage();
      page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
      if (user) await suite.signIn(context, user);
      await page.goto(`${suite.server.url}/#/tree/${UNIT}?year=2023&open=6.2.2`);
      const detail = page.locator('.detail[aria-label^="6.2.2"]');
      await detail.waitFor();
      const may = decide(actor, 'readAssessment', { unitId: UNIT, state: 'published' }).allowed;
      if (may) {
        await detail.locator('h3', { hasText: 'Lịch sử thay đổi' }).waitFor();
        assert.equal(await detail.locator('[data-testid=file-closed]').count(), 0, `${user}: no refusal`);
      } else {
        const reason = (await detail.locator('[data-testid=file-closed]').textContent())!;
        assert.match(reason, /chỉ cán bộ đơn vị, quản trị và hội đồng thẩm định xem được/);
        assert.equal(await detail.locator('.error').count(), 0, `${user ?? 'visitor'}: no error in the criterion's detail`);
      }
      await context.close();
    }
  });

  test('the unit’s viewer follows the link to the plan, not to «không có kế hoạch»', async () => {
    const page = await dashboard('tamduong-view');
    await page.click(`p.links a[href^="#/plan/${UNIT}"]`);
    await page.locator('h1', { hasText: 'Kế hoạch nâng cao chỉ số' }).waitFor();
    assert.equal(await page.locator('text=không có kế hoạch').count(), 0);
    await page.locator('[data-testid=read-only]').waitFor();
    await page.context().close();
  });
});
