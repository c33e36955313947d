/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), as the e2e tests and
 * the web bench use it; playwright gives each launch a fresh temporary profile.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.PARINDEX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
