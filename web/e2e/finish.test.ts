/**
 * Issue 19, the screens' finish: each screen's own <title>, an error page with a way back, the
 * assessment form saying what is wrong in words at the field (never zod's or English words in
 * Vietnamese mode), problems that go once fixed, an explanation that follows the rule, and a
 * question before unsaved input is lost. Waits for the states it asserts, never for a time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_AVAILABLE as available } from './browser.ts';
import { noRawText } from './rawText.ts';
import { browserSuite, waitForCount, waitForValue } from './suite.ts';

const DRAFT = 'lai-chau-district-2024';
describe('screens that explain themselves and keep work safe', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  async function open(path: string, user?: string): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    if (user) await suite.signIn(context, user);
    await page.goto(`${suite.server.url}/${path}`);
    return page;
  }

  test('every screen has its own title, from its heading', async () => {
    const page = await open('#/unit/tam-duong?year=2023');
    await page.waitForFunction(() => /Tam Đường/.test((globalThis as any).document.title));
    const dashboard = await page.title();
    assert.match(dashboard, /— Chỉ số CCHC/);
    await noRawText(page, 'dashboard');
    await page.goto(`${suite.server.url}/#/province?year=2023`);
    await page.waitForFunction((before) => (globalThis as any).document.title !== before && (globalThis as any).document.querySelector('main h1'), dashboard);
    const province = await page.title();
    assert.notEqual(province, dashboard);
    assert.ok(province.startsWith((await page.textContent('main h1'))!.replace(/\s+/g, ' ').trim()), province);
    await noRawText(page, 'province');
    await page.context().close();
  });

  test('an error page says what went wrong and gives a way back home', async () => {
    const page = await open('#/unit/khong-co-don-vi-nay?year=2023');
    await page.waitForSelector('.failure [role=alert]');
    const back = page.locator('[data-testid=way-back] a[href="#/"]');
    assert.equal(await back.textContent(), 'Về trang chủ');
    await noRawText(page, 'error page');
    await back.click();
    await page.waitForFunction(() => (globalThis as any).location.hash === '#/');
    await page.context().close();
  });

  test('the assessment form: a wrong score said in words at once, a fixed problem gone, the rule’s explanation kept current, unsaved input not lost without a question', async () => {
    const page = await open(`#/assess/${DRAFT}/tam-duong`, 'tamduong');
    const row = page.locator('tr[data-code="7.3.7"]');
    await row.waitFor();
    await page.waitForFunction(() => /Tam Đường/.test((globalThis as any).document.title));
    // "abc" is refused at once, in words, and cannot be sent.
    await row.locator('input[name=self]').fill('abc');
    await row.locator('.field-error').waitFor();
    assert.equal(await row.locator('.field-error').textContent(), 'Điểm phải là một số không âm, vd. 9,5');
    assert.ok(await row.locator('button', { hasText: 'Lưu' }).isDisabled());
    // Above the maximum: the server's words at the field, in Vietnamese…
    await row.locator('input[name=self]').fill('9');
    await row.locator('button', { hasText: 'Lưu' }).click();
    await row.locator('.field-error').waitFor();
    assert.match((await row.locator('.field-error').textContent())!, /0 đến 0,5/);
    await noRawText(page, 'a refused score');
    // …gone as soon as the value is changed, and the saved row shows no red beside "Đã lưu".
    await row.locator('input[name=self]').fill('0,5');
    await row.locator('.field-error').waitFor({ state: 'detached' });
    await row.locator('button', { hasText: 'Lưu' }).click();
    await row.locator('text=Đã lưu').waitFor();
    assert.equal(await row.locator('.field-error').count(), 0);

    // Input left unsaved needs saving by hand: saving by itself (offline.test.ts) is turned off here.
    await page.locator('input[name=autosave]').uncheck();
    // A rule's points and explanation taken into the form follow the indicator when it changes.
    const rule = page.locator('tr[data-code="1.7"]');
    await rule.locator('input[name=count]').fill('1');
    await rule.locator('.computed').waitFor();
    await rule.locator('.computed button').click();
    await waitForValue(page, 'tr[data-code="1.7"] input[name=self]', '0');
    const firstExplanation = await rule.locator('textarea[name=comment]').inputValue();
    assert.ok(firstExplanation.length > 0);
    assert.equal(await rule.locator('input[name=self]').inputValue(), '0');
    await rule.locator('input[name=count]').fill('0');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('tr[data-code="1.7"] input[name=self]').value === '2');
    const secondExplanation = await rule.locator('textarea[name=comment]').inputValue();
    assert.notEqual(secondExplanation, firstExplanation, 'the explanation follows the new count');

    // Unsaved input: following a link asks first; dismissing keeps the screen and the input.
    // The question is awaited as an event, not assumed to have come by the time the click returns.
    const asking = page.waitForEvent('dialog').then(async (dialog) => {
      const message = dialog.message();
      await dialog.dismiss();
      return message;
    });
    await page.click('header a.brand');
    const asked = await asking;
    assert.match(asked, /chưa lưu/);
    assert.match(await page.evaluate(() => (globalThis as any).location.hash), /#\/assess\//);
    assert.equal(await rule.locator('input[name=self]').inputValue(), '2');

    // The step's problems are listed at their criteria; one fixed by saving goes.
    await rule.locator('button', { hasText: 'Lưu' }).click();
    await rule.locator('text=Đã lưu').waitFor();
    await page.click('button[data-transition=submit]');
    await page.locator('section.actions p.error').waitFor();
    await noRawText(page, 'a refused submission');
    const other = page.locator('tr[data-code="1"]');
    await other.locator('.field-error').first().waitFor();
    await page.context().close();
  });

  test('charts name the components in the framework’s words, give their figures as a table, and read on a phone', async () => {
    const page = await open('#/unit/tam-duong?year=2023');
    await page.waitForSelector('.chart svg');
    await page.waitForFunction(() => /TTHC/.test((globalThis as any).document.querySelector('.chart svg')?.textContent ?? ''));
    await page.goto(`${suite.server.url}/#/province?year=2023`);
    await page.waitForSelector('table.ranking');
    await page.locator('table.ranking thead button', { hasText: '3. TTHC' }).waitFor();
    await waitForCount(page.locator('[data-testid=distribution-table] tbody tr'), 8, 'rows of the distribution table');
    assert.equal(await page.locator('[data-testid=distribution-table] tbody tr').count(), 8);
    assert.equal(await page.isVisible('[data-testid=scroll-hint]'), false, 'no scroll hint on a laptop');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForSelector('[data-testid=scroll-hint]', { state: 'visible' });
    await noRawText(page, 'province on a phone');
    // A criterion with a recorded deduction and no score of its own shows the score it implies, not "—".
    await page.goto(`${suite.server.url}/#/tree/tam-duong?year=2023&open=6`);
    const row = page.locator('tr[data-code="6.2.2"]');
    await row.waitFor();
    assert.notEqual((await row.locator('[data-testid=node-score]').textContent())!.trim(), '—');
    await page.context().close();
  });

  test('evidence: an upload shows its progress and lands at its criterion; the same content again is refused at the field', async () => {
    const page = await open(`#/assess/${DRAFT}/tam-duong`, 'tamduong');
    const row = page.locator('tr[data-code="1.3"]');
    await row.waitFor();
    const pdf = { name: 'bien-ban-kiem-tra.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') };
    await row.locator('input[name=evidence]').setInputFiles(pdf);
    await row.locator('ul.files a', { hasText: 'bien-ban-kiem-tra.pdf' }).waitFor();
    // The same bytes under another name: refused, naming the file already there, at the upload's field.
    await row.locator('input[name=evidence]').setInputFiles({ ...pdf, name: 'chup-lai.pdf' });
    await row.locator('.field-error').waitFor();
    assert.match((await row.locator('.field-error').textContent())!, /đã có tài liệu này \(cùng nội dung với «bien-ban-kiem-tra\.pdf»\)/);
    assert.equal(await row.locator('ul.files li').count(), 1);
    await noRawText(page, 'a refused upload');
    // A slow line: while the upload is held on its way, the row shows its progress and a cancel; cancelling says so and stores nothing.
    let held: (() => void) | undefined;
    await page.route(
      '**/evidence?code=1.4*',
      (route) =>
        new Promise<void>(
          (resolve) =>
            (held = () =>
              void route
                .abort()
                .catch(() => {})
                .finally(resolve)),
        ),
    );
    const slow = page.locator('tr[data-code="1.4"]');
    await slow
      .locator('input[name=evidence]')
      .setInputFiles({ ...pdf, name: 'tuyen-truyen.pdf', buffer: Buffer.concat([pdf.buffer, Buffer.from('% another\n')]) });
    await slow.locator('[data-testid=upload-progress]').waitFor();
    assert.match((await slow.locator('[data-testid=upload-progress]').textContent())!, /Đang tải lên «tuyen-truyen\.pdf»/);
    assert.ok(await slow.locator('button', { hasText: 'Lưu' }).isDisabled(), 'no save while the file is on its way');
    await slow.locator('button', { hasText: 'Hủy tải lên' }).click();
    await slow.locator('.field-error', { hasText: 'Đã hủy tải lên «tuyen-truyen.pdf»' }).waitFor();
    held?.();
    assert.equal(await slow.locator('ul.files li').count(), 0);
    await page.context().close();
  });
});
