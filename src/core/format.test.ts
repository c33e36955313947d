import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countInEnglish, formatDate, formatMegabytes, formatNumber, formatOfficialDate, formatPercent, formatPoints, formatPointsInEnglish } from './format.ts';
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

test('dates read dd/mm/yyyy in English too, as the app’s date fields take them, never ISO', () => {
  assert.equal(formatDate('2025-03-31', 'en'), '31/03/2025');
  assert.equal(formatDate('2025-03-31', 'vi'), '31/03/2025');
});

test('English counts take the singular only for one: 1 point, 0.5 points, 1 day, 2 days', () => {
  assert.equal(formatPointsInEnglish(parsePoints('1')), '1 point');
  assert.equal(formatPointsInEnglish(parsePoints('0,5')), '0.5 points');
  assert.equal(formatPointsInEnglish(parsePoints('1,000001')), '1.000001 points');
  assert.equal(formatPointsInEnglish(parsePoints('0')), '0 points');
  assert.equal(formatPointsInEnglish(parsePoints('1,004'), { decimals: 2, trimZeros: true }), '1 point', 'the noun follows the figure shown');
  assert.equal(formatPointsInEnglish(parsePoints('1'), { decimals: 2 }), '1.00 points');
  assert.equal(countInEnglish(1, 'day'), '1 day');
  assert.equal(countInEnglish(-1, 'day'), '-1 day');
  assert.equal(countInEnglish(2, 'day'), '2 days');
  assert.equal(countInEnglish(1n, 'answer'), '1 answer');
  assert.equal(countInEnglish(1200, 'answer'), '1,200 answers');
  assert.equal(countInEnglish(3, 'criterion', 'criteria'), '3 criteria');
});

test('a size in MB: a limit rounded down, a file’s size up, never shown on the wrong side of each other', () => {
  const MIB = 1024 * 1024;
  assert.equal(formatMegabytes(20 * MIB, { of: 'limit' }), '20');
  assert.equal(formatMegabytes(60_000, { of: 'limit' }), '0,05');
  assert.equal(formatMegabytes(60_000, { of: 'size', locale: 'en' }), '0.06');
  assert.equal(formatMegabytes(20 * MIB + 1, { of: 'size' }), '20,01', 'a byte over the limit is not «20 MB»');
  assert.equal(formatMegabytes(20 * MIB - 1, { of: 'limit' }), '19,99');
});

test('a double JavaScript prints in exponent form is formatted, not thrown on', () => {
  assert.equal(formatNumber(1e-7), '0');
  assert.equal(formatNumber(1e-7, { decimals: 7 }), '0,0000001');
  assert.equal(formatNumber(-2.5e-7, { decimals: 7, locale: 'en' }), '-0.0000003');
  assert.equal(formatNumber(1.5e21), '1.500.000.000.000.000.000.000');
  assert.equal(formatNumber(0.1 + 0.2, { decimals: 2 }), '0,30');
  assert.throws(() => formatNumber(Number.NaN), RangeError);
});
