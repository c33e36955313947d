/**
 * Issue 19: every problem of a form listed at once, each at its field, in Vietnamese words —
 * never zod's text nor English — on the administration forms: creating a user, a framework
 * file checked before import, the what-if form. The server's lookups (a taken username, a criterion
 * the framework lacks) come in the same answer as the form's other problems. Waits for the states it asserts, never for a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { noRawText } from './rawText.ts';
import { browserSuite } from './suite.ts';

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
    // A taken username beside the form's other problems: the server's lookup in the same answer,
    // one submit, each at its field.
    await form.locator('input[name=username]').fill('tamduong');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'tên đăng nhập tamduong đã có' }).waitFor();
    assert.match(await at('input[name=displayName]'), /không được để trống/);
    assert.match(await at('select[name=unitId]'), /phải thuộc một đơn vị/);
    assert.match(await at('input[name=password]'), /tối thiểu 10 ký tự/);
    await noRawText(page, 'create user, taken');
    await page.context().close();
  });

  test('the what-if form: a criterion the framework lacks and a value that is not a number, both said at once at their fields', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'tamduong');
    await page.goto(`${suite.server.url}/#/plan/tam-duong?year=2024`);
    const form = page.locator('form.whatif');
    await form.waitFor();
    await form.locator('input[name=whatif-code]').fill('9.9.9');
    await form.locator('input[name=whatif-value]').fill('hai');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error').nth(1).waitFor();
    const at = async (name: string) =>
      (await form
        .locator('.field', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('whatif-code'), /bộ tiêu chí không có mã 9\.9\.9/);
    assert.match(await at('whatif-value'), /số điểm, vd\. 9,52/);
    assert.equal(await form.locator('p.error').count(), 0, 'no list apart from the fields');
    await noRawText(page, 'what-if');
    await context.close();
  });

  test('the plan’s indicator tracking: an unknown criterion, a wrong period and a value that is not a number, all at once at their fields', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'tamduong');
    await page.goto(`${suite.server.url}/#/plan/tam-duong?year=2024`);
    // The form that starts tracking another criterion: the criterion and the period go in the request's path.
    const form = page.locator('form.track', { has: page.locator('input[name=track-criterion]') });
    await form.locator('input[name=track-criterion]').waitFor();
    const at = async (name: string) =>
      (await form
        .locator('.field', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    await form.locator('input[name=track-criterion]').fill('9.9.9');
    await form.locator('input[name=period]').fill('2024-13');
    await form.locator('input[name=numerator]').fill('năm');
    await form.locator('input[name=denominator]').fill('-1');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error').nth(3).waitFor();
    assert.match(await at('track-criterion'), /không có tiêu chí 9\.9\.9/);
    assert.match(await at('period'), /kỳ dạng 2024-03 hoặc 2024-Q1/);
    assert.match(await at('numerator'), /phải là một số/);
    assert.match(await at('denominator'), /phải là một số/);
    await noRawText(page, 'indicator tracking');
    // A period of another year beside a criterion scored by hand: both said in one answer.
    await form.locator('input[name=track-criterion]').fill('1.4');
    await form.locator('input[name=period]').fill('2023-09');
    await form.locator('input[name=numerator]').fill('5');
    await form.locator('input[name=denominator]').fill('10');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'không thuộc năm kế hoạch 2024' }).waitFor();
    assert.match(await at('track-criterion'), /không chấm theo chỉ tiêu/);
    assert.equal(
      await form
        .locator('.field', { has: page.locator('input[name=numerator]') })
        .locator('.field-error')
        .count(),
      0,
      'the values are fine',
    );
    // Left empty: said at the fields without a request path to ask.
    await form.locator('input[name=track-criterion]').fill('');
    await form.locator('input[name=period]').fill('');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'Nhập mã tiêu chí' }).waitFor();
    assert.match(await at('period'), /Nhập kỳ của năm 2024/);
    await noRawText(page, 'indicator tracking, empty');
    await context.close();
  });

  test('publishing a cycle: a blank decision number, a future date and units not ready at the preview; reasons at their rows at the confirmation', async () => {
    const page = await admin();
    const form = page.locator('tr[data-cycle=lai-chau-district-2024] form.publish');
    await form.waitFor();
    const at = async (name: string) =>
      (await form
        .locator('label', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    await form.locator('input[name=date]').fill('01/01/2999');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'chưa thẩm định xong' }).waitFor();
    assert.match(await at('decision'), /phải ghi số quyết định công bố/);
    assert.match(await at('date'), /ngày quyết định 01\/01\/2999 chưa đến/);
    assert.equal(await form.locator('[data-testid=publish-preview]').count(), 0);
    await noRawText(page, 'publish, preview');
    // A date that does not read, said by the page, with the server's problems in the same submit.
    await form.locator('input[name=decision]').fill('99/QĐ-UBND');
    await form.locator('input[name=date]').fill('31/02/2025');
    await form.locator('button[type=submit]').click();
    await form
      .locator('label', { has: page.locator('input[name=date]') })
      .locator('.field-error', { hasText: 'dd/mm/yyyy' })
      .waitFor();
    await form.locator('.field-error', { hasText: 'chưa thẩm định xong' }).waitFor();
    assert.equal(
      await form
        .locator('label', { has: page.locator('input[name=decision]') })
        .locator('.field-error')
        .count(),
      0,
    );
    // Every unit through appraisal: the preview; the confirmation says each unit left without a reason at its row.
    await suite.server.store.db.query("UPDATE unit_results SET state = 'appraised' WHERE cycle_id = $1 AND state <> 'published'", ['lai-chau-district-2024']);
    await form.locator('input[name=date]').fill('15/05/2025');
    await form.locator('button[type=submit]').click();
    const preview = form.locator('[data-testid=publish-preview]');
    await preview.waitFor();
    const unknown = preview.locator('input[name^=exclude-]');
    const blank = (await unknown.count()) - 1;
    assert.ok(blank >= 1, 'units without a total');
    await unknown.first().fill('Chưa đủ hồ sơ');
    await preview.locator('button[data-confirm=publish]').click();
    await preview
      .locator('.field-error')
      .nth(blank - 1)
      .waitFor();
    assert.equal(await preview.locator('.field-error').count(), blank, 'one problem at each row left without a reason');
    assert.match((await preview.locator('.field-error').first().textContent())!, /phải có lý do/);
    await noRawText(page, 'publish, confirmation');
    await page.context().close();
  });

  test('a cycle’s dates: one that does not read and one outside the cycle’s years, both said at once at their fields', async () => {
    const page = await admin();
    const cycle = 'lai-chau-district-2024';
    await page.click(`tr[data-cycle="${cycle}"] button.link`);
    const input = (kind: string) => page.locator(`input[id="${cycle}-${kind}"]`);
    await input('selfAssessmentDue').fill('31/02/2025');
    await input('appraisalDue').fill('01/01/2029');
    await page.click('text=Lưu các mốc thời gian');
    await page.waitForSelector(`input[id="${cycle}-appraisalDue"][aria-invalid=true]`);
    const at = async (kind: string) =>
      (await page
        .locator('[data-testid=deadlines] .field', { has: input(kind) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('selfAssessmentDue'), /Ngày dạng dd\/mm\/yyyy/);
    assert.match(await at('appraisalDue'), /nằm ngoài năm 2024 và năm 2025/);
    await noRawText(page, 'cycle dates');
    await page.context().close();
  });

  test('the council record: a blank number, a date that does not read, two members and more approvals than members, all at once', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'appraiser');
    await page.goto(`${suite.server.url}/#/council/lai-chau-district-2024`);
    const form = page.locator('article.council form').first();
    await form.locator('input[name=meetingOn]').waitFor();
    await form.locator('input[name=meetingOn]').fill('31/02/2025');
    await form.locator('input[name=memberName]').fill('Thành viên 1');
    await form.locator('button', { hasText: 'Thêm thành viên' }).click();
    await form.locator('input[name=memberName]').nth(1).fill('Thành viên 2');
    await form.locator('input[name=approve]').fill('5');
    await form.locator('button[type=submit]', { hasText: 'Ghi biên bản hội đồng' }).click();
    await form.locator('.field-error', { hasText: 'ít nhất 3 thành viên' }).waitFor();
    const at = async (name: string) =>
      (await form
        .locator('.field', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('decision'), /phải ghi số, ký hiệu biên bản/);
    assert.match(await at('meetingOn'), /Ngày dạng dd\/mm\/yyyy/);
    await form.locator('.field-error', { hasText: 'số tán thành phải từ 0 đến 2' }).waitFor();
    assert.equal(await form.locator('p.error').count(), 0, 'no list apart from the fields');
    await noRawText(page, 'council record');
    await context.close();
  });

  test('adding a unit: an id already taken, a blank name and a date that does not read, all at once at their fields', async () => {
    const page = await admin();
    const form = page.locator('#admin-units form.new-unit');
    await form.waitFor();
    await form.locator('input[name=id]').fill('tam-duong');
    await form.locator('input[name=validFrom]').fill('31/02/2025');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'mã đơn vị tam-duong đã có' }).waitFor();
    const at = async (name: string) =>
      (await form
        .locator('.field', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('name'), /không được để trống|thiếu/);
    assert.equal(await at('validFrom'), 'Ngày dạng dd/mm/yyyy, vd. 01/07/2025');
    assert.equal(await form.locator('p.error').count(), 0, 'no list apart from the fields');
    await noRawText(page, 'add a unit');
    await page.context().close();
  });

  test('adding a report to the calendar: a blank name, a date that does not read and a criterion the framework lacks, at once', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, 'tamduong');
    await page.goto(`${suite.server.url}/#/plan/tam-duong?year=2024`);
    const form = page.locator('form.add-report');
    await form.waitFor();
    await form.locator('input[name=report-due]').fill('32/11/2024');
    await form.locator('input[name=report-criterion]').fill('9.9');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: 'không có tiêu chí 9.9' }).waitFor();
    const at = async (name: string) =>
      (await form
        .locator('.field', { has: page.locator(`input[name=${name}]`) })
        .locator('.field-error')
        .textContent())!;
    assert.match(await at('report-name'), /tên báo cáo \(không để trống\)/);
    assert.match(await at('report-due'), /dd\/mm\/yyyy/);
    await noRawText(page, 'add a report');
    await context.close();
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
