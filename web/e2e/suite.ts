/**
 * What every browser suite needs: the built app, the real server on the embedded database with
 * the demo, one Chromium for the whole suite, and the screenshot folder; closed after the suite.
 */
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../src/server/testing.ts';
import { ensureWebBuilt } from '../../src/server/webBuild.ts';
import { testEngines } from '../../src/store/testing.ts';
import { SCREENSHOTS, launchChromium } from './browser.ts';

/** Call inside a `describe`: the returned object holds the server and the browser once `before` has run. */
export function browserSuite(): { server: TestServer; browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser };
  before(async () => {
    await ensureWebBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    suite.server = await startTestServer(testEngines()[0]!);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
