/**
 * End-to-end (issue 18): the appraisal as provinces run it, in Chromium at laptop and phone
 * width — the unit's explanation form with a document attached, the agency's worklist and its
 * answer form, the council lead closing the rounds, and the council record decided 5 of 7. The
 * setup (agencies, assignments, calendar, preliminary scores) goes through the API.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { todayInVietnam } from '../../src/store/clock.ts';
import { completeSelfAssessment } from '../../src/store/testing.ts';
import { completeSelfAssessmentByApi, TEST_PASSWORD } from '../../src/server/testing.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS } from './browser.ts';
import { guidePicture } from './guideShots.ts';
import { browserSuite, noPageScroll } from './suite.ts';

const CYCLE = 'lai-chau-district-2024';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PDF = (n: number) => Buffer.from(`%PDF-1.4\n% e2e ${n}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('appraisal by agencies, explanations and the council in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();
  const contexts: BrowserContext[] = [];
  async function open(user: string, size: { width: number; height: number }, path: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: size, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/#${path}`);
    return page;
  }

  test('units explain, agencies answer, the lead closes the rounds, the council decides — at laptop and phone width', async () => {
    const server = suite.server;
    const as: Record<string, Record<string, string>> = {};
    for (const user of ['admin', 'appraiser', 'tamduong', 'thanuyen']) as[user] = await server.login(user);
    const call = async (method: string, path: string, body: unknown, who: string, status = 200) => {
      const response = await server.request(method, path, body, as[who]);
      assert.equal(response.status, status, `${method} ${path}: ${JSON.stringify(response.body).slice(0, 300)}`);
      return response.body;
    };
    const today = todayInVietnam();
    for (const [agency, name, user, code] of [
      ['so-tu-phap', 'Sở Tư pháp', 'stp-canbo', '2'],
      ['so-tai-chinh', 'Sở Tài chính', 'stc-canbo', '6'],
      ['so-khcn', 'Sở Khoa học và Công nghệ', 'skhcn-canbo', '7'],
    ] as const) {
      await call('POST', '/api/users', { username: user, displayName: `Cán bộ ${name}`, role: 'appraiser', password: TEST_PASSWORD }, 'admin', 201);
      await call('PUT', `/api/appraisal/agencies/${agency}`, { name, users: [user] }, 'admin');
      as[user] = await server.login(user);
      void code;
    }
    await call(
      'PUT',
      `/api/cycles/${CYCLE}/appraisal/assignments`,
      {
        assignments: [
          { code: '2', agency: 'so-tu-phap' },
          { code: '6', agency: 'so-tai-chinh' },
          { code: '7', agency: 'so-khcn' },
        ],
      },
      'admin',
    );
    await call(
      'PUT',
      `/api/cycles/${CYCLE}/appraisal/settings`,
      {
        process: 'twoRound',
        preliminaryFrom: dayAfter(today, 1),
        rounds: [
          { from: today, to: dayAfter(today, 7) },
          { from: today, to: dayAfter(today, 14) },
        ],
        councilRequired: true,
        version: 0,
      },
      'admin',
    );
    const all = (await server.store.db.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1', [CYCLE])).map((r) => r.unit_id);
    for (const [unit, editor] of [
      ['tam-duong', 'tamduong'],
      ['than-uyen', 'thanuyen'],
    ] as const) {
      await completeSelfAssessmentByApi(server, CYCLE, unit, as[editor]!);
      await call('POST', `/api/cycles/${CYCLE}/units/${unit}/transitions`, { transition: 'submit' }, editor);
    }
    for (const unit of all.filter((u) => u !== 'tam-duong' && u !== 'than-uyen')) {
      await completeSelfAssessment(server.store.db, CYCLE, unit);
      await server.store.db.query("UPDATE unit_results SET state = 'submitted' WHERE cycle_id = $1 AND unit_id = $2", [CYCLE, unit]);
    }
    for (const unit of all) await call('POST', `/api/cycles/${CYCLE}/units/${unit}/transitions`, { transition: 'startAppraisal' }, 'appraiser');
    const version = async (unit: string, code: string) =>
      (
        await server.store.db.query<{ version: number }>('SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3', [CYCLE, unit, code])
      )[0]!.version;
    for (const unit of ['tam-duong', 'than-uyen']) {
      for (const [code, user, points] of [
        ['2', 'stp-canbo', '3.5'],
        ['6', 'stc-canbo', '5'],
        ['7', 'skhcn-canbo', '10'],
      ] as const) {
        await call(
          'PUT',
          `/api/cycles/${CYCLE}/units/${unit}/scores/${code}`,
          { version: await version(unit, code), appraised: points, reason: 'Thẩm định sơ bộ: thiếu văn bản kiểm chứng' },
          user,
        );
      }
    }

    // The agency's worklist at laptop width, before the preliminary scores are sent.
    const worklist = await open('stp-canbo', LAPTOP, `/appraisal/${CYCLE}`);
    await worklist.locator('h1', { hasText: 'Sở Tư pháp' }).waitFor();
    assert.match((await worklist.locator('[data-testid=progress]').first().textContent())!, /Đã thẩm định 2\/8/);
    assert.equal(await worklist.locator('[data-testid=worklist] tbody tr').count(), 8, 'criterion 2 of every unit past its submission');

    // The unit, before the day: told when the preliminary scores come.
    const early = await open('tamduong', LAPTOP, `/explain/${CYCLE}/tam-duong`);
    await early.locator('[data-testid=calendar]', { hasText: 'được gửi đơn vị từ ngày' }).waitFor();
    await call(
      'PUT',
      `/api/cycles/${CYCLE}/appraisal/settings`,
      {
        process: 'twoRound',
        preliminaryFrom: today,
        rounds: [
          { from: today, to: dayAfter(today, 7) },
          { from: today, to: dayAfter(today, 14) },
        ],
        councilRequired: true,
        version: 1,
      },
      'admin',
    );

    // Laptop: Tam Đường explains criterion 2 with a document dated outside the period (flagged).
    await early.reload();
    const row = early.locator('li[data-code="2"]');
    await row.locator('[data-testid=appraised]', { hasText: '3,5' }).waitFor();
    await row.locator('button', { hasText: 'Đính kèm văn bản' }).click();
    await row.locator('input[type=file]').setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: PDF(1) });
    await row.locator('input[name=number]').fill('sai số hiệu');
    await row.locator('input[name=date]').fill('29/12/2023');
    await row.locator('input[name=issuer]').fill('UBND huyện Tam Đường');
    await row.locator('textarea[name=summary]').fill('Báo cáo theo dõi thi hành pháp luật năm 2023');
    await row.locator('button', { hasText: 'Lưu văn bản' }).click();
    await row.locator('.field-error', { hasText: 'không đúng dạng' }).waitFor();
    await row.locator('input[name=number]').fill('1593/BC-UBND');
    await row.locator('button', { hasText: 'Lưu văn bản' }).click();
    await row.locator('.documents li', { hasText: '1593/BC-UBND' }).waitFor();
    assert.match((await row.locator('.documents').textContent())!, /ngoài kỳ đánh giá/);
    await row.locator('textarea[name=explanation]').fill('Đơn vị đã ban hành báo cáo theo dõi thi hành pháp luật đúng hạn');
    await row.locator('button', { hasText: 'Gửi giải trình' }).click();
    await row.locator('.explanation', { hasText: 'Giải trình vòng 1' }).waitFor();
    await early.screenshot({ path: join(SCREENSHOTS, 'appraisal-explain.png'), fullPage: true });
    await guidePicture(early, 'don-vi-giai-trinh');

    // Phone: Than Uyên explains criterion 6; the form fits the width.
    const phone = await open('thanuyen', PHONE, `/explain/${CYCLE}/than-uyen`);
    const six = phone.locator('li[data-code="6"]');
    await six.locator('textarea[name=explanation]').fill('Đơn vị đã nộp báo cáo quyết toán đúng thời hạn');
    await noPageScroll(phone, 'explanation form at phone width');
    await six.locator('button', { hasText: 'Gửi giải trình' }).click();
    await six.locator('.explanation', { hasText: 'Chờ cơ quan thẩm định trả lời' }).waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'appraisal-explain-phone.png'), fullPage: true });
    // The rest of round 1 through the API: each unit explains its three criteria.
    for (const [unit, editor, codes] of [
      ['tam-duong', 'tamduong', ['6', '7']],
      ['than-uyen', 'thanuyen', ['2', '7']],
    ] as const) {
      for (const code of codes)
        await call('PUT', `/api/cycles/${CYCLE}/units/${unit}/explanations/${code}`, { text: `Giải trình tiêu chí ${code}`, version: 0 }, editor);
    }

    // Laptop: the justice department accepts Tam Đường's explanation with a new score.
    await worklist.reload();
    const justice = worklist.locator('tr[data-unit="tam-duong"][data-code="2"]');
    await justice.locator('button', { hasText: 'Trả lời' }).click();
    const form = worklist.locator('[data-testid=answer-form]');
    await form.locator('input[value=accepted]').check();
    await form.locator('input[name=points]').fill('4,5');
    await form.locator('button', { hasText: 'Gửi trả lời' }).click();
    await form.locator('.field-error', { hasText: 'lý do' }).waitFor();
    await form.locator('textarea[name=reason]').fill('Chấp nhận: báo cáo đúng hạn, trừ 0,5 điểm vì thiếu phụ lục');
    await form.locator('button', { hasText: 'Gửi trả lời' }).click();
    await justice.locator('.badge', { hasText: 'Đã chấp nhận' }).waitFor();
    await worklist.screenshot({ path: join(SCREENSHOTS, 'appraisal-worklist.png'), fullPage: true });
    await guidePicture(worklist, 'co-quan-danh-sach');

    // Phone: the finance department keeps Than Uyên's score, with its reason.
    const finance = await open('stc-canbo', PHONE, `/appraisal/${CYCLE}`);
    const kept = finance.locator('tr[data-unit="than-uyen"][data-code="6"]');
    await kept.locator('button', { hasText: 'Trả lời' }).click();
    await finance.locator('[data-testid=answer-form] textarea[name=reason]').fill('Báo cáo quyết toán nộp sau thời hạn: giữ nguyên');
    await noPageScroll(finance, 'answer form at phone width');
    await finance.locator('[data-testid=answer-form] button', { hasText: 'Gửi trả lời' }).click();
    await kept.locator('.badge', { hasText: 'Giữ nguyên' }).waitFor();
    await finance.screenshot({ path: join(SCREENSHOTS, 'appraisal-worklist-phone.png'), fullPage: true });
    await guidePicture(finance, 'co-quan-dien-thoai');
    // The other answers through the API: one accepted, two kept for each unit.
    const explanationVersion = async (unit: string, code: string) =>
      (
        await server.store.db.query<{ version: number }>('SELECT version FROM explanations WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 AND round = 1', [
          CYCLE,
          unit,
          code,
        ])
      )[0]!.version;
    await call(
      'PUT',
      `/api/cycles/${CYCLE}/units/than-uyen/explanations/2/answer`,
      { outcome: 'accepted', points: '4.5', reason: 'Chấp nhận', version: await explanationVersion('than-uyen', '2') },
      'stp-canbo',
    );
    await call(
      'PUT',
      `/api/cycles/${CYCLE}/units/tam-duong/explanations/6/answer`,
      { outcome: 'kept', reason: 'Giữ nguyên', version: await explanationVersion('tam-duong', '6') },
      'stc-canbo',
    );
    for (const unit of ['tam-duong', 'than-uyen'])
      await call(
        'PUT',
        `/api/cycles/${CYCLE}/units/${unit}/explanations/7/answer`,
        { outcome: 'kept', reason: 'Giữ nguyên', version: await explanationVersion(unit, '7') },
        'skhcn-canbo',
      );

    // The unit reads the answer on its form.
    await early.reload();
    await early.locator('li[data-code="2"] [data-testid=answer]', { hasText: 'Chấp nhận — điểm mới 4,5' }).waitFor();

    // The council lead closes round 1, then round 2, from the overall progress.
    const lead = await open('appraiser', LAPTOP, `/appraisal/${CYCLE}`);
    await lead.locator('button', { hasText: 'Kết thúc vòng giải trình 1' }).click();
    await lead.locator('button', { hasText: 'Kết thúc vòng giải trình 2' }).click();
    await lead.locator('[data-testid=round]', { hasText: 'Hai vòng giải trình đã kết thúc' }).waitFor();
    // The lead completes Tam Đường's appraisal from the progress table; the others through the API.
    const tamDuong = lead.locator('tr', { has: lead.locator('a[href$="/tam-duong"]') });
    await tamDuong.locator('button', { hasText: 'Hoàn thành thẩm định' }).click();
    await tamDuong.locator('.badge', { hasText: 'Đã thẩm định' }).waitFor();
    await lead.screenshot({ path: join(SCREENSHOTS, 'appraisal-progress.png'), fullPage: true });
    await guidePicture(lead, 'hoi-dong-tien-do');
    for (const unit of all.filter((u) => u !== 'tam-duong'))
      await call('POST', `/api/cycles/${CYCLE}/units/${unit}/transitions`, { transition: 'completeAppraisal' }, 'appraiser');

    // Phone: the council record, 7 members, 5 approving, minutes attached.
    const council = await open('appraiser', PHONE, `/council/${CYCLE}`);
    await council.locator('input[name=decision]').fill('Biên bản số 12/BB-HĐTĐ');
    await council.locator('input[name=meetingOn]').fill(today.split('-').reverse().join('/'));
    for (let i = 0; i < 7; i++) {
      if (i > 0) await council.locator('button', { hasText: 'Thêm thành viên' }).click();
      await council
        .locator('input[name=memberName]')
        .nth(i)
        .fill(`Thành viên ${i + 1}`);
      await council
        .locator('input[name=memberTitle]')
        .nth(i)
        .fill(i === 0 ? 'Chủ tịch Hội đồng' : 'Uỷ viên');
    }
    await council.locator('input[name=approve]').fill('5');
    await council.locator('input[type=file]').setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: PDF(7) });
    await council.locator('input[name=number]').fill('12/BB-HĐTĐ');
    await council.locator('input[name=date]').fill(today.split('-').reverse().join('/'));
    await council.locator('input[name=issuer]').fill('Hội đồng thẩm định Chỉ số CCHC tỉnh');
    await council.locator('textarea[name=summary]').fill('Biên bản họp Hội đồng thẩm định kết quả năm 2024');
    await council.locator('button', { hasText: 'Lưu văn bản' }).click();
    await council.locator('[data-testid=minutes]').waitFor();
    await noPageScroll(council, 'council record at phone width');
    await council.locator('button', { hasText: 'Ghi biên bản hội đồng' }).click();
    await council.locator('[data-testid=council-outcome]', { hasText: '5/7 (71,4%) thành viên tán thành — thông qua' }).waitFor();
    await council.screenshot({ path: join(SCREENSHOTS, 'appraisal-council-phone.png'), fullPage: true });
    // Laptop: the same record.
    await council.setViewportSize(LAPTOP);
    await council.screenshot({ path: join(SCREENSHOTS, 'appraisal-council.png'), fullPage: true });
    await guidePicture(council, 'hoi-dong-bien-ban');

    // The province publishes citing the council; the audit chain verifies.
    const published = await call('POST', `/api/cycles/${CYCLE}/publications`, { decision: '120/QĐ-UBND', date: today }, 'admin', 201);
    assert.equal(published.council.decision, 'Biên bản số 12/BB-HĐTĐ');
    assert.equal((await call('GET', '/api/audit/verify', undefined, 'admin')).valid, true);
    for (const context of contexts) await context.close();
  });
});
