/**
 * What a screen in Vietnamese must never show: zod's own validation lines (in either language)
 * or English words of a refusal — one pattern for every browser suite (issue 19).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Raw validation text (zod's, in either language) or English where the screen is Vietnamese. */
export const RAW =
  /Quá nhỏ|Quá lớn|mong đợi|Too small|Too big|expected|received|Invalid|Required|NaN|undefined|\[object Object\]|\bmust\b|\bis taken\b|\bmissing\b|\bat least\b/;

/** Fails when the screen's content (`main`) shows raw validation or English text. */
export async function noRawText(page: Page, what: string): Promise<void> {
  const text = (await page.textContent('main')) ?? '';
  assert.doesNotMatch(text, RAW, what);
}
