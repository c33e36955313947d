import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { readPlainYaml } from './plainYaml.ts';

const root = new URL('../..', import.meta.url).pathname;
const library = (text: string) => parse(text, { uniqueKeys: true, maxAliasCount: 100 });

test('every YAML document in the repository reads as the YAML library reads it, the shipped data without the library', () => {
  const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  assert.ok(files.length > 10);
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const plain = readPlainYaml(text);
    if (/^(frameworks|data)\//.test(file)) assert.notEqual(plain, undefined, `${file} is read by the quick reader`);
    if (plain !== undefined) assert.deepStrictEqual(plain, library(text), file);
  }
});

/** Texts inside the subset: the same value as the library's. */
const SAME = [
  'a: 1\nb: -2\nc: 0.50\nd: 1.25\ne: text with spaces\nf: 2024-07-05\ng: 08-NQ/TU\nh: 6.2.1',
  'a: ~\nb: null\nc: true\nd: False\ne:\nf: "q: \\"x\\" \\u00e9\\n"\ng: \'it\'\'s\'',
  '# comment\nlist:\n  - a\n  - "b" # after\n  -\n    c: 1\n  - d: 2\n    e: [1, 2.5, x y]\n  - { k: v, n: 3, q: "a, b", l: [a, { z: 1 }] }\nother: []',
  'key:\n- a\n- b\nnext: {}\n"1": one\n2: two',
  'a:\n  b:\n    c: x #c\n  d: y\n',
  'x: a#b\ny: -5abc\nz: "#"\n',
];

/** Texts outside it (or wrong): undefined, for the library to read or refuse. */
const OTHER = [
  'a: &x 1\nb: *x',
  'a: |\n  text',
  'a: >\n  text',
  'a: plain\n  continued',
  'a: 1\na: 2',
  'a: "open',
  'a: !!str 1',
  'a: 0x1f',
  'a: 1e3',
  'a: .inf',
  'a: -0',
  'a: 12345678901234567890',
  '---\na: 1',
  'a:\tb',
  'a: 1\r\nb: 2',
  '? complex\n: key',
  'just a scalar',
  '__proto__: 1',
  'a: b: c',
  'a: [1, 2',
  'a: [1, 2,]',
  'a: "x" trailing',
  '  indented: 1',
  'a:\n    b: 1\n  c: 2',
  'a: "\\x41"',
  '- a\n- - b\n',
];

test('inside the subset the quick reader gives the library’s value', () => {
  for (const text of SAME) {
    const plain = readPlainYaml(text);
    assert.notEqual(plain, undefined, text);
    assert.deepStrictEqual(plain, library(text), text);
  }
});

test('outside the subset the quick reader gives way to the library', () => {
  for (const text of OTHER) assert.equal(readPlainYaml(text), undefined, text);
});

/** Scalars people type that YAML reads in more than one way: numbers, dates, words, indicators. */
const TRICKY = fc.constantFrom(
  '1.50',
  '007',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '-0',
  '+1',
  '1_000',
  'yes',
  'No',
  'on',
  '~',
  'null',
  'True',
  'NaN',
  '.inf',
  '2025-01-01',
  '12:30',
  '6.2.1',
  '08-NQ/TU',
  'a: b',
  'a #b',
  '#x',
  '- x',
  '[x]',
  '{x}',
  '"q"',
  "'s'",
  'x,y',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '%',
  '@',
  '`',
  '',
  ' lead',
  'trail ',
  'Tam Đường',
  'đạt 78,12 điểm',
  '\\',
  'a\tb',
  'a\nb',
  '__proto__',
);
const KEY = fc.oneof(
  fc.constantFrom('id', 'name', 'maxPoints', 'points', 'rule', 'children', 'ten_don_vi', '1', '2', 'yes', 'a b', '__proto__', ''),
  fc.string({ maxLength: 6 }),
);
const LEAF = fc.oneof(
  TRICKY,
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const VALUE = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, LEAF, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(KEY, tie('value'), { maxKeys: 4 }),
})).value;

test('whatever the quick reader accepts, it reads as the library does (documents written every way the library writes them)', () => {
  fc.assert(
    fc.property(
      VALUE,
      fc.constantFrom<'block' | 'flow'>('block', 'flow'),
      fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      (value, style, quoting) => {
        const text = stringify(value, { collectionStyle: style, defaultStringType: quoting as 'PLAIN' });
        const plain = readPlainYaml(text);
        if (plain !== undefined) assert.deepStrictEqual(plain, library(text), text);
      },
    ),
    { numRuns: 3000 },
  );
});

test('whatever the quick reader accepts of texts put together line by line, it reads as the library does', () => {
  const line = fc.tuple(
    fc.constantFrom('', '  ', '    ', '- ', '  - '),
    KEY,
    fc.constantFrom(': ', ':', ' : ', ''),
    fc.oneof(TRICKY, fc.string({ maxLength: 8 })),
  );
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
      const text = lines.map(([indent, key, colon, value]) => `${indent}${key}${colon}${value}`).join('\n');
      let expected: unknown;
      try {
        expected = library(text);
      } catch {
        expected = 'the library refuses it';
      }
      const plain = readPlainYaml(text);
      if (plain !== undefined) assert.deepStrictEqual(plain, expected, JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});
