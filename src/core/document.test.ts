import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from './document.ts';
import { ParError } from './errors.ts';

/** Aliases of aliases, six deep: 9^6 values from a few hundred bytes. */
const ALIAS_BOMB = [
  'a: &a [1,1,1,1,1,1,1,1,1]',
  ...'bcdef'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`),
].join('\n');

test('a YAML alias bomb is a refused document with its own code, not a crash', () => {
  assert.throws(
    () => parseDocument(ALIAS_BOMB, 'bom.yaml'),
    (error: unknown) =>
      error instanceof ParError &&
      error.code === 'document.aliases' &&
      error.issues[0]!.file === 'bom.yaml' &&
      /tham chiếu YAML/.test(error.issues[0]!.message.vi),
  );
});

test('a few aliases within the limit still read', () => {
  assert.deepEqual(parseDocument('a: &a [1, 2]\nb: *a\n'), { a: [1, 2], b: [1, 2] });
});

test('a large JSON document is read as JSON: the same values as the YAML reader, a repeated key still refused', () => {
  const pad = ' '.repeat(70_000);
  const value = {
    kind: 'results',
    units: [
      { unit: 'a\\"b', scores: { '1.1': 0.123456, '1.2': '7.5' } },
      { unit: 'c', scores: {} },
    ],
    note: null,
  };
  assert.deepEqual(parseDocument(JSON.stringify(value) + pad), value);
  assert.throws(() => parseDocument(`{"a": {"x": 1}, "a": 2}${pad}`), ParError);
  assert.throws(() => parseDocument(`{"c\\u0041": 1, "cA": 2}${pad}`), ParError);
  assert.deepEqual(parseDocument(`{"a": {"x": 1}, "b": {"x": 2}}${pad}`), { a: { x: 1 }, b: { x: 2 } });
});
