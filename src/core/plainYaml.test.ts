import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
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
