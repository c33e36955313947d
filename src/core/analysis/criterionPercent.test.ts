/** Each criterion's percent in the analysis JSON: exact decimal text from the core, never a float division in a screen. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { formatNumber } from '../format.ts';
import { fraction } from '../fraction.ts';
import { analysisToJson, analyzeUnit } from './index.ts';

test('every scored criterion carries score / applicable max × 100 as exact decimal text', () => {
  const dataset = loadDataset();
  const json = analysisToJson(analyzeUnit(dataset, 'tam-duong', 2023));
  const criteria = json.components.flatMap((c) => c.criteria);
  assert.ok(criteria.some((k) => k.percent !== null));
  for (const k of criteria) {
    if (k.score === null || k.applicableMax === null || Number(k.applicableMax) === 0) assert.equal(k.percent, null, k.code);
    else {
      assert.match(k.percent!, /^-?\d+(\.\d+)?$/, k.code);
      // Exact: the text times the maximum gives the score back (to the text's 12 decimals at worst).
      assert.ok(Math.abs((Number(k.percent) * Number(k.applicableMax)) / 100 - Number(k.score)) < 1e-9, k.code);
    }
  }
});

test('a percent ending in 5 rounds up as the reports do (0,29 of 8 is 3,63%, not the float 3,62%)', () => {
  assert.equal((0.29 / 8) * 100, 3.6249999999999996);
  assert.equal(formatNumber('3.625', { decimals: 2 }), '3,63');
  assert.equal(formatNumber(fraction(29n * 100n, 800n), { decimals: 2 }), '3,63');
});
