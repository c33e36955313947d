import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../../core/index.ts';
import { readBoolean, readCode, readDate, readDecimal, readPairs, readQuantity } from './values.ts';

test('decimals read "9,52" and "9.52" alike, with Vietnamese grouping only around a comma or when repeated', () => {
  assert.equal(readDecimal('9,52'), 9.52);
  assert.equal(readDecimal('9.52'), 9.52);
  assert.equal(readDecimal(' 13,4753 '), 13.4753);
  assert.equal(readDecimal('1.339,5'), 1339.5);
  assert.equal(readDecimal('1.234.567'), 1234567);
  assert.equal(readDecimal('62%'), 62);
  assert.equal(readDecimal('−0,5'), -0.5);
  assert.equal(readDecimal(9.520000000000001), 9.52);
  assert.equal(readDecimal('-'), undefined);
  assert.equal(readDecimal(null), undefined);
});

test('quantities read Vietnamese thousands: "1.339" hồ sơ is 1339', () => {
  assert.equal(readQuantity('1.339'), 1339);
  assert.equal(readQuantity('2.818'), 2818);
  assert.equal(readQuantity('10'), 10);
  assert.equal(readQuantity('92,1'), 92.1);
});

test('text in a number cell is refused in both languages', () => {
  assert.throws(
    () => readDecimal('chín phẩy năm'),
    (e: unknown) => e instanceof ParError && e.code === 'import.notANumber' && /không phải là số/.test(e.issues[0]!.message.vi) && /is not a number/.test(e.issues[0]!.message.en),
  );
  assert.throws(() => readDecimal('9,5,2'), ParError);
  assert.throws(() => readDecimal(new Date(0)), ParError);
});

test('codes are read as people write them: "1.2.1.", "Tiêu chí 1.2", a number cell', () => {
  assert.equal(readCode('1.2.1.'), '1.2.1');
  assert.equal(readCode('Tiêu chí 1.2'), '1.2');
  assert.equal(readCode('Chỉ số thành phần 8'), '8');
  assert.equal(readCode(6), '6');
  assert.equal(readCode(' 7.3.6 '), '7.3.6');
  assert.throws(() => readCode('I'), (e: unknown) => e instanceof ParError && e.code === 'import.code');
});

test('dates: Excel dates, dd/mm/yyyy, ISO; impossible dates are refused', () => {
  assert.equal(readDate(new Date(Date.UTC(2023, 4, 26))), '2023-05-26');
  assert.equal(readDate('26/5/2023'), '2023-05-26');
  assert.equal(readDate('2024-01-11'), '2024-01-11');
  assert.equal(readDate(45072), '2023-05-26');
  assert.throws(() => readDate('31/02/2023'), (e: unknown) => e instanceof ParError && e.code === 'import.notADate');
});

test('yes/no in Vietnamese and lists of levels', () => {
  assert.equal(readBoolean('Có'), true);
  assert.equal(readBoolean('không'), false);
  assert.equal(readBoolean('Đạt'), true);
  assert.throws(() => readBoolean('có lẽ'), ParError);
  assert.deepEqual(readPairs('100: 0,5; ≥50 → 0,25\n0 = 0'), [['100', '0,5'], ['50', '0,25'], ['0', '0']]);
});
