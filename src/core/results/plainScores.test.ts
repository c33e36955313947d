/**
 * Plain scores (a criterion code to a finite number) are read without the schema's record and
 * unions (issue 16.7): the set read is the one the schema would give, and anything else in a
 * unit's scores is still read and refused by the schema, with its field and unit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedProvince } from '../../io/generatedProvince.ts';
import { ParError } from '../errors.ts';
import { readFramework } from '../framework/index.ts';
import { readResults } from './index.ts';

const province = generatedProvince({ units: 3, criteria: 16, year: 2030 });
const framework = readFramework(province.framework);
const byId = (id: string) => (id === framework.id ? framework : undefined);
type Doc = { units: { unit: string; scores: Record<string, unknown> }[] };
const copy = () => structuredClone(province.results) as unknown as Doc;

test('plain scores read as the schema reads the same scores written as texts', () => {
  const plain = copy();
  const texts = copy();
  for (const unit of texts.units) for (const code of Object.keys(unit.scores)) unit.scores[code] = String(unit.scores[code]);
  const a = readResults(plain, byId, 'a.json');
  const b = readResults(texts, byId, 'a.json');
  assert.deepEqual(a, b);
  assert.equal(a.units[0]!.scores.size, 16);
  // The document read is left as it was.
  assert.deepEqual(plain, copy());
});

test('a score that is not plain is still refused by the schema, with its field and unit', () => {
  for (const [code, value] of [
    ['1.1', Number.POSITIVE_INFINITY],
    ['1.1', Number.NaN],
    ['1.1', true],
    ['x', 0.5],
    ['1.1', { total: 0.5, extra: 1 }],
  ] as const) {
    const doc = copy();
    doc.units[1]!.scores[code] = value;
    assert.throws(
      () => readResults(doc, byId, 'a.json'),
      (error: unknown) =>
        error instanceof ParError && error.issues.length > 0 && error.issues.every((i) => i.unit === 'xa-2' && i.field?.startsWith('units.1.scores')),
      `${code}: ${String(value)}`,
    );
  }
});
