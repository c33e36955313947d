/**
 * One registry of error codes (errorCodes.ts): `issue()` and `Issue.code` take only registered
 * codes (a type error otherwise); this test also reads the source for codes written as text and
 * fails on one not registered, and holds each code's status.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES, isErrorCode, statusOfCode } from './errorCodes.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CODE = String.raw`'([a-z]\w*(?:\.\w+)+)'`;
/** Where a code is written: the first argument of an issue maker, a `code:` property or comparison, either side of a ternary choosing one. */
const PLACES = [
  new RegExp(String.raw`\b(?:issue|refuse|fail|cellIssue|add|planTarget)\(\s*${CODE}`, 'g'),
  new RegExp(String.raw`\bcode(?:\s*:|\s*===|\s*!==)\s*${CODE}`, 'g'),
  new RegExp(String.raw`\?\s*${CODE}\s*:\s*${CODE}`, 'g'),
  new RegExp(String.raw`\b(?:issue|cellIssue)\(\s*[^,()]*\?\s*${CODE}\s*:\s*${CODE}`, 'g'),
];

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

test('every error code written in src/ is registered', () => {
  const missing: string[] = [];
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const place of PLACES) {
      for (const m of text.matchAll(place)) {
        for (const code of m.slice(1)) {
          // A ternary's sides are codes only when one of them is.
          if (code && place === PLACES[2] && !m.slice(1).some((c) => c && Object.hasOwn(ERROR_CODES, c))) continue;
          if (code && !isErrorCode(code)) missing.push(`${relative(ROOT, file)}: ${code}`);
        }
      }
    }
  }
  assert.deepEqual(missing, [], 'register these codes in src/core/errorCodes.ts with their status');
});

test('codes are area.problem and their statuses say what kind of refusal they are', () => {
  for (const code of Object.keys(ERROR_CODES)) assert.match(code, /^[a-z][a-zA-Z]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/);
  for (const [code, status] of Object.entries(ERROR_CODES)) {
    if (code.endsWith('.notFound')) assert.equal(status, 404, code);
    if (code.startsWith('auth.forbidden')) assert.equal(status, 403, code);
  }
  assert.equal(statusOfCode('store.conflict'), 409);
  assert.equal(statusOfCode('workflow.illegalTransition'), 409);
  assert.equal(statusOfCode('evidence.tooLarge'), 413);
  assert.equal(statusOfCode('evidence.type'), 415);
  assert.equal(statusOfCode('auth.rateLimited'), 429);
  assert.equal(statusOfCode('auth.invalidLogin'), 401);
  assert.equal(statusOfCode('store.locked'), 503);
  assert.equal(statusOfCode('schema.too_small'), 422);
  assert.equal(statusOfCode('http.415'), 415);
  assert.equal(statusOfCode('results.aboveMax'), 422);
});
