/**
 * One of each: decimals are read by core/decimal.ts, dates by core/dates.ts, diacritics folded by
 * core/text.ts. This test fails when another parser of the kind appears in the source (tests
 * excepted), so the next one calls the core's instead of growing beside it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src', 'web/src', 'scripts'];

const KINDS: { what: string; home: string; patterns: RegExp[]; allowed?: Record<string, string> }[] = [
  {
    what: 'a decimal parser',
    home: 'src/core/decimal.ts',
    patterns: [
      // "9,52" → Number("9.52"): the comma swapped to make a double.
      /Number\(.*replace\(\s*(?:','|\/,\/g?)\s*,\s*'\.'\s*\)/,
      // A regex that takes either mark ([.,]), or groups thousands ((?:\.\d{3}) or (?:,\d{3})).
      /\[\.,\]|\[,\.\]|\(\?:(?:\\\.|,)\\d\{3\}\)/,
    ],
    allowed: {
      'src/io/import/framework.ts': 'finds the number inside a sentence ("thang 100"); readDecimal reads it',
      'src/io/csv/write.ts': 'writes a percent without grouping: formatting, not reading',
    },
  },
  {
    what: 'a date parser (d/m/yyyy)',
    home: 'src/core/dates.ts',
    patterns: [/\(\\d\{1,2\}\)\\?[/[]/],
  },
  {
    what: 'a diacritic folder',
    home: 'src/core/text.ts',
    patterns: [/normalize\(\s*['"]NF(?:K)?D['"]\s*\)/, /\\p\{M\}|\\u0300-\\u036f/],
  },
];

function sources(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name))),
  );
}

for (const { what, home, patterns, allowed = {} } of KINDS) {
  test(`${what} lives in ${home} only`, () => {
    const found: string[] = [];
    for (const file of sources()) {
      if (file === home || file in allowed) continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (patterns.some((p) => p.test(line))) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    assert.deepEqual(found, [], `call ${home} instead`);
  });
}
