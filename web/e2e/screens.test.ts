/**
 * Issue 19, done when: every screen of the app, as each role sees it, at a laptop's and a phone's
 * width — photographed full-page to test-output/screenshots/<role>/<screen>-<width>.png and checked
 * on each: no raw validation or English text in Vietnamese, a <title> of its own, nothing cut
 * sideways on a phone, no error on the console. The screens are the router's (web/src/main.tsx):
 * a screen the router gains and this list lacks fails the first test. One browser, a context per
 * role; waits for each screen to have settled, never for a time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/io/dataFolder.ts';
import { CHROMIUM, CHROMIUM_AVAILABLE as available, SCREENSHOTS } from './browser.ts';
import { noRawText } from './rawText.ts';
import { browserSuite, noPageScroll } from './suite.ts';

const CYCLE = 'lai-chau-district-2024';

/** Every screen: its file name, its address, and the router's first path segment it shows ('' = home). */
const SCREENS = [
  { name: 'trang-chu', path: '#/', page: '' },
  { name: 'dang-nhap', path: '#/login', page: 'login' },
  { name: 'xep-hang-tinh', path: '#/province?year=2023', page: 'province' },
  { name: 'bang-dieu-khien', path: '#/unit/tam-duong?year=2023', page: 'unit' },
  { name: 'cay-tieu-chi', path: '#/tree/tam-duong?year=2023', page: 'tree' },
  { name: 'tu-cham', path: `#/assess/${CYCLE}/tam-duong`, page: 'assess' },
  { name: 'tham-dinh', path: '#/appraisal', page: 'appraisal' },
  { name: 'tham-dinh-ky', path: `#/appraisal/${CYCLE}`, page: 'appraisal' },
  { name: 'giai-trinh', path: `#/explain/${CYCLE}/tam-duong`, page: 'explain' },
  { name: 'hoi-dong', path: `#/council/${CYCLE}`, page: 'council' },
  { name: 'ke-hoach', path: '#/plan/tam-duong?year=2024', page: 'plan' },
  { name: 'khao-sat', path: `#/survey/${CYCLE}`, page: 'survey' },
  { name: 'khao-sat-giay', path: `#/survey/${CYCLE}/paper`, page: 'survey' },
  { name: 'quan-tri', path: '#/admin', page: 'admin' },
  { name: 'nhap-xuat', path: '#/data', page: 'data' },
  { name: 'thong-bao', path: '#/notifications', page: 'notifications' },
] as const;

/** The demo's people, one per role (the council's members sign in as appraisers); none = a visitor. */
const ROLES = [
  { role: 'so-noi-vu', user: 'admin' },
  { role: 'tham-dinh', user: 'appraiser' },
  { role: 'can-bo-don-vi', user: 'tamduong' },
  { role: 'lanh-dao-don-vi', user: 'tamduong-view' },
  { role: 'khach', user: undefined },
] as const;

const WIDTHS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** A refused request the screen itself explains (log in first, not yours to see): logged by Chromium, not a fault. */
const REFUSED = /Failed to load resource: the server responded with a status of (401|403|404)/;

/**
 * Remembers what the screen on show has in <main> before the next address: a new hash is drawn on
 * a later task, so until then the screen being left has its heading and nothing loading, and
 * `settled` would take it for the next one. Another screen is another component: its elements are new.
 */
async function leaving(page: Page): Promise<void> {
  await page.evaluate(() => {
    const main = (globalThis as any).document.querySelector('main');
    (globalThis as any).leftScreen = new WeakSet(main ? [...main.children] : []);
  });
}

/** Until the screen has its content, or says why not: a heading or an alert, nothing still loading, and nothing of the screen left. */
async function settled(page: Page, what: string): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        const main = (globalThis as any).document.querySelector('main');
        if (!main || main.querySelector('.loading, [aria-busy=true]')) return false;
        const left = (globalThis as any).leftScreen as WeakSet<object> | undefined;
        if (left && [...main.children].some((e) => left.has(e))) return false;
        return !!main.querySelector('h1, [role=alert]');
      },
      undefined,
      { timeout: 30_000 },
    );
  } catch {
    assert.fail(`${what} never settled (no heading or alert, or still loading): ${(await page.textContent('main'))?.slice(0, 300)}`);
  }
}

describe('every screen, every role, both widths', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const suite = browserSuite();

  test('the list of screens is the router’s', () => {
    const router = readFileSync(join(projectRoot, 'web', 'src', 'main.tsx'), 'utf8');
    const pages = new Set([...router.matchAll(/page === '([a-z-]+)'/g)].map((m) => m[1]!));
    const listed = new Set<string>(SCREENS.map((s) => s.page));
    for (const page of pages) assert.ok(listed.has(page), `the router's screen "${page}" is not photographed (add it to SCREENS)`);
    for (const page of listed) assert.ok(page === '' || pages.has(page), `"${page}" is no screen of the router`);
  });

  for (const { role, user } of ROLES) {
    test(`${role}: every screen at ${WIDTHS.map((w) => w.width).join(' and ')} px`, async () => {
      const started = process.cpuUsage();
      const context = await suite.browser.newContext({ viewport: WIDTHS[0], locale: 'vi-VN' });
      if (user) await suite.signIn(context, user);
      const page = await context.newPage();
      // The page's own CPU time (Chromium's renderer), beside this process's (test and server).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const problems: string[] = [];
      let screen = '';
      page.on('pageerror', (error) => problems.push(`${screen}: page error ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !REFUSED.test(message.text())) problems.push(`${screen}: console ${message.text()}`);
      });
      const folder = join(SCREENSHOTS, role);
      mkdirSync(folder, { recursive: true });
      const titles = new Map<string, string>();
      // Every screen is seen even when one fails: the test then lists all that are wrong.
      for (const { name, path } of SCREENS) {
        screen = name;
        try {
          await page.setViewportSize(WIDTHS[0]);
          await leaving(page);
          await page.goto(`${suite.server.url}/${path}`);
          await settled(page, `${role} ${name}`);
          for (const width of WIDTHS) {
            await page.setViewportSize(width);
            if (width.name === 'phone') await noPageScroll(page, `${role} ${name}`);
            await settled(page, `${role} ${name} ${width.name}`);
            await noRawText(page, `${role} ${name} ${width.name}`);
            await page.screenshot({ path: join(folder, `${name}-${width.name}.png`), fullPage: true });
          }
          // A screen with its content is named by its own title; one that refuses says why and the way on.
          const refused = await page.locator('main .failure, main [role=alert] a[href^="#/login"]').count();
          const title = await page.title();
          if (refused) {
            assert.ok(await page.locator('main a[href="#/"], main a[href^="#/login"]').count(), `${role} ${name}: a refusal with no way on`);
          } else {
            const same = [...titles].find(([, t]) => t === title);
            assert.ok(!same, `${role}: "${name}" has the title of "${same?.[0]}": ${title}`);
            titles.set(name, title);
          }
        } catch (error) {
          problems.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      const { metrics } = await cdp.send('Performance.getMetrics');
      const pageCpu = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      await context.close();
      const cpu = process.cpuUsage(started);
      console.log(
        `${role}: ${SCREENS.length} screens × ${WIDTHS.length} widths — CPU: test and server ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, page ${(pageCpu * 1000).toFixed(0)} ms`,
      );
      assert.deepEqual(problems, [], `${role}: screens with problems`);
    });
  }
});
