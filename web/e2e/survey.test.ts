/**
 * End-to-end, at phone width: a respondent answers the public survey form (no account, no
 * script, the data-protection notes on the page), and the province's staff key in paper forms
 * with the keyboard only, with the double-entry check catching a typing that differs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS as shots } from './browser.ts';
import { noRawText } from './rawText.ts';
import { browserSuite, noPageScroll } from './suite.ts';

const CYCLE = 'lai-chau-district-2024';
const SURVEY = `/api/cycles/${CYCLE}/survey`;
const PHONE = { width: 390, height: 844 };

describe('the survey in Chromium at phone width', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  let token = '';

  test('the province opens the demo questionnaire and a link', async () => {
    const admin = await suite.server.login('admin');
    const yaml = readFileSync(new URL('../../data/demo/surveys/lai-chau-district-2024.yaml', import.meta.url), 'utf8');
    const designed = await suite.server.request('PUT', SURVEY, yaml, { ...admin, 'content-type': 'application/yaml' });
    assert.equal(designed.status, 200, JSON.stringify(designed.body));
    assert.equal((await suite.server.request('POST', `${SURVEY}/state`, { state: 'open', version: designed.body.version }, admin)).status, 200);
    const link = await suite.server.request('POST', `${SURVEY}/links`, { unit: 'tam-duong', group: 'nguoi-dan', singleUse: false }, admin);
    token = link.body.tokens[0];
  });

  test('a respondent answers on a phone: problems listed first and at their question, then thanks', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => ['script', 'stylesheet', 'image', 'font'].includes(r.resourceType()) && scripts.push(r.url()));
    await page.goto(`${suite.server.url}/khao-sat/${token}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await page.locator('h1').innerText(), /Phiếu khảo sát/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByText('Bảo vệ dữ liệu cá nhân').waitFor();
    await page.getByText('Thời gian lưu trữ:').waitFor();
    await noPageScroll(page, 'the public form');
    await page.screenshot({ path: join(shots, 'survey-form-phone.png'), fullPage: true });
    // Only the first question answered: the form comes back with the others named.
    await page.getByLabel('5 — Rất hài lòng').first().check();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /câu cần xem lại/);
    assert.ok(await page.getByLabel('5 — Rất hài lòng').first().isChecked(), 'the answers given are kept');
    // The questions by their legends: each choice has its label.
    await page
      .getByRole('group', { name: /hướng dẫn đầy đủ/ })
      .getByLabel('4 — Hài lòng')
      .check();
    await page
      .getByRole('group', { name: /trả kết quả/ })
      .getByLabel('Đúng hẹn hoặc sớm hơn hẹn')
      .check();
    await page
      .getByRole('group', { name: /kênh nào/ })
      .getByLabel('Cổng dịch vụ công')
      .check();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByRole('status').filter({ hasText: 'Cảm ơn' }).waitFor();
    assert.deepEqual(scripts, [], 'the form loads nothing but its page: no script, no chart library');
    await context.close();
    const admin = await suite.server.login('admin');
    const monitor = await suite.server.request('GET', `${SURVEY}/monitor`, undefined, admin);
    assert.equal(monitor.body.quotas.find((q: { unit: string; group: string }) => q.unit === 'tam-duong' && q.group === 'nguoi-dan').online, 1);
  });

  test('staff key in paper forms with the keyboard only; a second typing that differs is refused at its question', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await suite.signIn(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/#/survey/${CYCLE}/paper`);
    await page.getByRole('heading', { name: 'Nhập phiếu giấy' }).waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('tam-duong');
    await page.getByLabel('Nhóm đối tượng').selectOption('lanh-dao');
    await page.getByLabel('Số phiếu').focus();
    await page.keyboard.type('LD-01');
    await page.keyboard.press('Enter');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.keyboard.type('a');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // q9, optional: Enter on the last question saves
    await page.getByTestId('paper-status').filter({ hasText: 'Đã lưu phiếu LD-01' }).waitFor();
    // The cursor is back on the form number, already the next one.
    assert.equal(await page.evaluate(() => (globalThis as any).document.activeElement.id), 'paper-form');
    assert.equal(await page.getByLabel('Số phiếu').inputValue(), 'LD-02');
    await noPageScroll(page, 'paper entry');
    // Double entry: the second typing says B where the first said A.
    await page.getByLabel('Nhập hai lần để kiểm tra').check();
    await page.getByLabel('Số phiếu').focus();
    await page.keyboard.press('Enter');
    for (const key of ['5', 'a', '']) {
      if (key) await page.keyboard.type(key);
      await page.keyboard.press('Enter');
    }
    await page.getByText('Lần nhập thứ hai', { exact: true }).waitFor();
    for (const key of ['5', 'b', '']) {
      if (key) await page.keyboard.type(key);
      await page.keyboard.press('Enter');
    }
    await page.getByText('hai lần nhập khác nhau').waitFor();
    await page.screenshot({ path: join(shots, 'survey-paper-phone.png'), fullPage: true });
    await context.close();
    const admin = await suite.server.login('admin');
    const monitor = await suite.server.request('GET', `${SURVEY}/monitor`, undefined, admin);
    assert.equal(
      monitor.body.quotas.find((q: { unit: string; group: string }) => q.unit === 'tam-duong' && q.group === 'lanh-dao').paper,
      1,
      'the refused form was not saved',
    );
  });
  test('a file of paper answers: every problem at its cell at once, in Vietnamese, nothing stored; then checked and imported with progress', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await suite.signIn(context, 'admin');
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${suite.server.url}/#/survey/${CYCLE}`);
    const card = page.locator('section.survey-file');
    await card.waitFor();
    const admin = await suite.server.login('admin');
    const responses = async () => (await suite.server.request('GET', `${SURVEY}/monitor`, undefined, admin)).body.responses as number;
    const before = await responses();
    const header = 'Đơn vị;Nhóm;Số phiếu;q1;q2;q3;q4;q5;q6;q7;q8;q9';
    const file = (name: string, rows: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\r\n'), 'utf8') });
    // Three problems in two rows: an unknown unit, an unknown group, an answer out of its scale.
    await card
      .locator('input[name=survey-file]')
      .setInputFiles(file('phieu-loi.csv', ['khong-co;nhom-la;F-1;4;4;A;;;;;;', 'tam-duong;nguoi-dan;F-2;7;4;A;;;;;;']));
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    assert.match((await problems.locator('p').first().textContent())!, /3 lỗi\. Chưa có gì được ghi\./);
    const cells = await problems.locator('tr[data-cell]').evaluateAll((rows) => rows.map((r) => (r as any).dataset.cell.split('!')[1]));
    assert.deepEqual(cells, ['A2', 'B2', 'D3']);
    await noRawText(page, 'a refused answers file');
    assert.equal(await responses(), before, 'nothing stored on refusal');
    await noPageScroll(page, 'the refused answers file');
    await page.screenshot({ path: join(shots, 'survey-file-problems-phone.png'), fullPage: true });
    // On a slow line the sending shows and can be stopped (the request is held here, not timed): nothing stored.
    let held: { abort(): Promise<void> } | undefined;
    await page.route('**/survey/import**', (route) => {
      held = route;
    });
    await card.locator('input[name=survey-file]').setInputFiles(file('phieu-huy.csv', ['tam-duong;nguoi-dan;H-1;4;4;A;;;;;;']));
    const progress = page.getByTestId('survey-file-progress');
    await progress.waitFor();
    assert.match((await progress.textContent())!, /Đang gửi để kiểm tra «phieu-huy\.csv»/);
    await progress.getByRole('button', { name: 'Hủy gửi' }).click();
    await card.getByText('Đã hủy gửi «phieu-huy.csv»; chưa có gì được ghi.').waitFor();
    await held?.abort().catch(() => undefined);
    await page.unroute('**/survey/import**');
    assert.equal(await responses(), before);
    // A good file: checked first (nothing written), then imported on request.
    await card
      .locator('input[name=survey-file]')
      .setInputFiles(file('phieu.csv', ['tam-duong;nguoi-dan;F-1;4;4;A;;;;;;', 'tam-duong;nguoi-dan;F-2;5;4;B;;;;;;']));
    const result = page.getByTestId('survey-file-result');
    await result.filter({ hasText: 'Hợp lệ: 2 phiếu. Chưa có gì được ghi.' }).waitFor();
    assert.equal(await problems.count(), 0, 'the last refusal is gone');
    assert.equal(await responses(), before);
    await result.getByRole('button', { name: 'Nhập 2 phiếu' }).click();
    await result.filter({ hasText: 'Đã nhập 2 phiếu.' }).waitFor();
    assert.equal(await responses(), before + 2);
    await context.close();
  });

  test('the province watches the responses against the plan, the flags and the distribution', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    await suite.signIn(context, 'admin');
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/#/survey/${CYCLE}`);
    await page.getByTestId('survey-state').filter({ hasText: 'Đang thu phiếu' }).waitFor();
    const quotas = page.getByTestId('survey-quotas');
    await quotas.getByRole('row', { name: /Tam Đường.*Người dân, tổ chức/ }).waitFor();
    await page.getByTestId('survey-distribution').getByRole('row', { name: /q3/ }).first().waitFor();
    await page.getByRole('button', { name: 'Tính điểm (xem trước)' }).click();
    await page
      .getByTestId('survey-points')
      .getByText(/8\.2: .*phiếu hợp lệ/)
      .first()
      .waitFor();
    await noPageScroll(page, 'the survey page');
    await page.screenshot({ path: join(shots, 'survey-monitor-phone.png'), fullPage: true });
    // The report as Word, beside the Excel one.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Báo cáo khảo sát (Word)' }).click()]);
    assert.match(download.suggestedFilename(), /^bao-cao-dieu-tra-xa-hoi-hoc-2024.*\.docx$/);
    await context.close();
  });
});
