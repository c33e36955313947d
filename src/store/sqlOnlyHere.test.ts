/**
 * The store owns SQL: no query call and no SQL statement in the source outside src/store (test
 * files excepted; the HTTP test helper reads a row's version through the store's listing).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src/core', 'src/workflow', 'src/io', 'src/server', 'src/report', 'src/cli', 'web/src', 'scripts'];
const QUERY_CALL = /\.(query|exec|sql)\s*(<[^>]*>)?\s*\(\s*[`'"]/;
const STATEMENT = /[`'"]\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|TRUNCATE|BEGIN|COMMIT)\b/;

test('no SQL outside src/store', () => {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.test.ts')) continue;
      const path = join(entry.parentPath, entry.name);
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (QUERY_CALL.test(line) || STATEMENT.test(line)) found.push(`${relative(ROOT, path)}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
  }
  assert.deepEqual(found, [], 'move these queries into a store function (src/store)');
});
