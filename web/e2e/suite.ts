/**
 * What every browser suite needs: the built app, the real server on the embedded database with
 * the demo, one Chromium for the whole suite, and the screenshot folder; closed after the suite.
 */
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src/server/testing.ts';
import { ensureWebBuilt } from '../../src/server/webBuild.ts';
import { testEngines } from '../../src/store/testing.ts';
import { SCREENSHOTS, launchChromium } from './browser.ts';

interface BrowserSuite {
  server: TestServer;
  browser: Browser;
  /** Logs `user` in through the API once for the whole suite (the server allows 20 logins a minute per address) and gives `context` that session. */
  signIn(context: BrowserContext, user: string): Promise<void>;
}

/** Call inside a `describe`: the returned object holds the server and the browser once `before` has run. */
export function browserSuite(options: Parameters<typeof startTestServer>[1] = {}): BrowserSuite {
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();
  const suite = {
    async signIn(context: BrowserContext, user: string) {
      const known = sessions.get(user);
      if (known) return context.addCookies(known);
      assert.equal((await context.request.post(`${suite.server.url}/api/session`, { data: { username: user, password: TEST_PASSWORD } })).status(), 200);
      sessions.set(user, await context.cookies());
    },
  } as BrowserSuite;
  before(async () => {
    await ensureWebBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    suite.server = await startTestServer(testEngines()[0]!, options);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * Fails when the page scrolls sideways (a phone-width screen must fit). Right after a viewport
 * change the charts are still laid out for the old width (on a loaded machine the page measured
 * 699 px at 390 px), so this waits for the page to fit — the state it asserts — and fails with
 * the widths it last saw when it never does.
 */
export async function noPageScroll(page: Page, what: string): Promise<void> {
  const widths = () => page.evaluate(() => [(globalThis as any).document.documentElement.scrollWidth, (globalThis as any).innerWidth] as const);
  try {
    await page.waitForFunction(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).innerWidth, undefined, {
      timeout: 15_000,
    });
  } catch {
    const [scroll, width] = await widths();
    assert.ok(scroll <= width, `${what}: the page scrolls sideways (${scroll} > ${width})`);
  }
}

/**
 * Waits until `locator` matches exactly `n` elements — the state a test then asserts — rather
 * than counting once right after an action (a filter or a sort re-renders on the next frame, later
 * on a loaded machine). Fails with the count it last saw.
 */
export async function waitForCount(locator: Locator, n: number, what: string, timeout = 15_000): Promise<void> {
  try {
    if (n > 0) await locator.nth(n - 1).waitFor({ state: 'attached', timeout });
    await locator.nth(n).waitFor({ state: 'detached', timeout });
  } catch {
    assert.equal(await locator.count(), n, what);
  }
}

/** Waits until the form field `selector` holds `value` (a value set by the page after an action), failing with what it holds. */
export async function waitForValue(page: Page, selector: string, value: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(([s, v]) => (globalThis as any).document.querySelector(s)?.value === v, [selector, value] as const, { timeout });
  } catch {
    assert.equal(await page.inputValue(selector), value, selector);
  }
}
