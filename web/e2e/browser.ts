/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), as the e2e tests and
 * the web bench use it; playwright gives each launch a fresh temporary profile.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../../src/io/dataFolder.ts';

export const CHROMIUM = process.env.PARINDEX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Whether Chromium is here; where CI requires the tools (PARINDEX_REQUIRE_TOOLS=1) its absence fails the run instead of skipping. */
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);
if (!CHROMIUM_AVAILABLE && process.env.PARINDEX_REQUIRE_TOOLS === '1') throw new Error(`Chromium is required at ${CHROMIUM}`);

/** Where the e2e runs save their screenshots (git-ignored). */
export const SCREENSHOTS = join(projectRoot, 'test-output', 'screenshots');

/** A letter only Vietnamese writes: a screen in English must have none in its own words. */
export const VIETNAMESE = /[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/i;
