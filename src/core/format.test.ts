import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatNumber, formatOfficialDate, formatPercent, formatPoints } from './format.ts';
import { fraction, percentOf } from './fraction.ts';
import { parsePoints } from './points.ts';

test('Vietnamese numbers use a decimal comma and dots between thousands', () => {
  assert.equal(formatPoints(parsePoints('78,119875'), { decimals: 2 }), '78,12');
  assert.equal(formatPercent(percentOf(parsePoints('9,52'), parsePoints('13,5'))!), '70,52%');
  assert.equal(formatNumber(36_370_000), '36.370.000');
  assert.equal(formatNumber(fraction(1339)), '1.339');
  assert.equal(formatNumber(1234.5, { locale: 'en' }), '1,234.5');
});

test('exact points trim trailing zeros; signed figures carry their sign', () => {
  assert.equal(formatPoints(parsePoints('4,50')), '4,5');
  assert.equal(formatPoints(parsePoints('7,409775')), '7,409775');
  assert.equal(formatNumber(fraction(999, 100), { decimals: 2, signed: true }), '+9,99');
  assert.equal(formatNumber(fraction(-125, 10), { decimals: 1, signed: true }), '-12,5');
  assert.equal(formatNumber(fraction(0), { decimals: 2, signed: true }), '0,00');
  assert.equal(formatNumber(fraction(-1, 1000), { decimals: 2 }), '0,00', 'no "-0,00"');
});

test('dates: dd/mm/yyyy, and the official place-date line pads days and January/February', () => {
  assert.equal(formatDate('2024-05-15'), '15/05/2024');
  assert.equal(formatOfficialDate('2024-07-05'), 'ngày 05 tháng 7 năm 2024');
  assert.equal(formatOfficialDate('2024-01-11'), 'ngày 11 tháng 01 năm 2024');
});
