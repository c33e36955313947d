/** Decimal texts rounded on their digits: the same text as the exact fraction gives, for every case. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber, roundDecimalText } from './format.ts';
import { fromDecimalText, toFixedString } from './fraction.ts';

const exact = (text: string, decimals: number) => toFixedString(fromDecimalText(text), decimals, 'halfUp');

test('a decimal text rounds half up on its digits exactly as its fraction does', () => {
  const cases = [
    '0',
    '5',
    '-5',
    '72.24',
    '72.245',
    '72.2449',
    '9.995',
    '99.5',
    '-99.5',
    '-0.004',
    '-0.005',
    '0.0049',
    '007.50',
    '3.625',
    '100',
    '12.3456789',
    '-0.5',
  ];
  for (const text of cases)
    for (const decimals of [0, 1, 2, 3, 6]) assert.equal(roundDecimalText(text, decimals), exact(text, decimals), `${text} to ${decimals}`);
  // Random texts: signs, carries through nines, leading zeros, more and fewer digits than asked.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const digit = () => (next() < 0.3 ? '9' : next() < 0.2 ? '0' : next() < 0.2 ? '5' : String(Math.floor(next() * 10)));
  for (let i = 0; i < 20_000; i++) {
    const whole = Array.from({ length: 1 + Math.floor(next() * 4) }, digit).join('');
    const frac = Array.from({ length: Math.floor(next() * 8) }, digit).join('');
    const text = `${next() < 0.3 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
    const decimals = Math.floor(next() * 5);
    assert.equal(roundDecimalText(text, decimals), exact(text, decimals), `${text} to ${decimals}`);
  }
  assert.equal(roundDecimalText('9,5', 0), undefined);
  assert.equal(roundDecimalText('1e3', 0), undefined);
});

test('formatNumber writes a decimal text as before: grouped, signed, trimmed, in both languages', () => {
  assert.equal(formatNumber('1234567.895', { decimals: 2 }), '1.234.567,90');
  assert.equal(formatNumber('1234567.895', { decimals: 2, locale: 'en' }), '1,234,567.90');
  assert.equal(formatNumber('-0.004', { decimals: 2, signed: true }), '0,00');
  assert.equal(formatNumber('4.5', { decimals: 2, trimZeros: true }), '4,5');
  assert.equal(formatNumber('2.5', { decimals: 0, mode: 'halfEven' }), '2');
  assert.equal(formatNumber('3.625', { decimals: 2 }), '3,63');
});
