import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../../core/index.ts';
import { decimalMarkOf, readBoolean, readCode, readDate, readDecimal, readPairs, readPrintedFigure, readQuantity } from './values.ts';

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
    (e: unknown) =>
      e instanceof ParError &&
      e.code === 'import.notANumber' &&
      /không phải là số/.test(e.issues[0]!.message.vi) &&
      /is not a number/.test(e.issues[0]!.message.en),
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
  assert.throws(
    () => readCode('I'),
    (e: unknown) => e instanceof ParError && e.code === 'import.code',
  );
});

test('dates: Excel dates, dd/mm/yyyy, ISO; impossible dates are refused', () => {
  assert.equal(readDate(new Date(Date.UTC(2023, 4, 26))), '2023-05-26');
  assert.equal(readDate('26/5/2023'), '2023-05-26');
  assert.equal(readDate('2024-01-11'), '2024-01-11');
  assert.equal(readDate(45072), '2023-05-26');
  assert.throws(
    () => readDate('31/02/2023'),
    (e: unknown) => e instanceof ParError && e.code === 'import.notADate',
  );
});

test('yes/no in Vietnamese and lists of levels', () => {
  assert.equal(readBoolean('Có'), true);
  assert.equal(readBoolean('không'), false);
  assert.equal(readBoolean('Đạt'), true);
  assert.throws(() => readBoolean('có lẽ'), ParError);
  assert.deepEqual(readPairs('100: 0,5; ≥50 → 0,25\n0 = 0'), [
    ['100', '0,5'],
    ['50', '0,25'],
    ['0', '0'],
  ]);
});

const column = (...values: (string | number | null)[]) => values.map((value, i) => ({ value, cell: `L${i + 3}` }));

test('a column decides its decimal mark from all its cells: "15.753" is 15,753 beside "14.201", and 1,978 beside "0,889"', () => {
  assert.equal(decimalMarkOf(column('15.753', '14.201', '9.870', '12'), 'points').mark, '.');
  assert.equal(readDecimal('15.753', '.'), 15.753);
  assert.equal(decimalMarkOf(column('1,978', '0,889', '2'), 'points').mark, ',');
  assert.equal(readDecimal('1,978', ','), 1.978);
  // Cells each sure of their own mark are read as each says: nothing depends on the column.
  assert.deepEqual(decimalMarkOf(column('9,52', '9.5', '13,4753'), 'points'), { conflicts: [] });
  assert.equal(readDecimal('9.5', ','), 9.5);
  // The project's own CSV export with "," between fields: dot decimals, grouping never written.
  assert.deepEqual(decimalMarkOf(column('78.119875', '74.15', '1.500', 70), 'points'), { mark: '.', conflicts: [] });
  assert.equal(readDecimal('1.500', '.'), 1.5);
  // Counts: "1.000" a rank in a sheet of dot decimals is 1; alone, Vietnamese grouping (1000).
  assert.equal(decimalMarkOf(column('1.000', '2', '3'), 'count', '.').mark, '.');
  assert.equal(readQuantity('1.000', '.'), 1);
  assert.equal(decimalMarkOf(column('1.000', '2'), 'count').mark, undefined);
  assert.equal(readQuantity('1.000'), 1000);
  assert.equal(decimalMarkOf(column('1.339', '2,5'), 'count').conflicts.length, 0, 'a count column of comma decimals groups thousands with dots');
});

test('a column whose cells contradict each other is refused at the cell, saying both readings, in both languages', () => {
  const both = decimalMarkOf(column('15.753', '14,201', '15,753'), 'points');
  assert.deepEqual(
    both.conflicts.map((c) => c.index),
    [1, 2],
  );
  assert.equal(
    both.conflicts[0]!.message.vi,
    'cột này viết «15.753» (ô L3) bằng dấu chấm nhưng ô này viết bằng dấu phẩy: không rõ «14,201» là 14,201 hay 14201; hãy viết cả cột cùng một kiểu',
  );
  assert.equal(
    both.conflicts[0]!.message.en,
    'this column writes "15.753" (cell L3) with a dot but this cell with a comma: "14,201" may be 14.201 or 14201; write the whole column one way',
  );
  const grouped = decimalMarkOf(column('1,5', '1.234'), 'points');
  assert.equal(grouped.mark, ',');
  assert.equal(grouped.conflicts[0]!.index, 1);
  assert.equal(
    grouped.conflicts[0]!.message.vi,
    'cột này viết số thập phân bằng dấu phẩy (ô L3 «1,5») nên «1.234» sẽ là 1234 điểm: nếu là 1,234 điểm, hãy viết «1,234»',
  );
  const mixed = decimalMarkOf(column('9,52', '9.52', '15.753'), 'points');
  assert.equal(mixed.conflicts.length, 1);
  assert.match(
    mixed.conflicts[0]!.message.vi,
    /lúc bằng dấu phẩy \(ô L3 «9,52»\), lúc bằng dấu chấm \(ô L4 «9\.52»\) nên không rõ «15\.753» là 15,753 hay 15753/,
  );
  assert.equal(decimalMarkOf(column('1.000', '1,000'), 'count', '.').conflicts.length, 1, 'a rank of 1 or of 1000: not guessed');
});

test('a printed figure keeps its text where the core reads it alike, else is given with a decimal comma, its decimals kept', () => {
  assert.equal(readPrintedFigure('78,12'), '78,12');
  assert.equal(readPrintedFigure('22.3', '.'), '22.3');
  assert.equal(readPrintedFigure('15.753', '.'), '15,753');
  assert.equal(readPrintedFigure('15.750', '.'), '15,750');
  assert.equal(readPrintedFigure('81.333%', '.'), '81,333%');
  assert.equal(readPrintedFigure('1,339.5', '.'), '1339,5');
  assert.equal(readPrintedFigure('15,753', ','), '15,753');
  assert.equal(readPrintedFigure(15.753), 15.753);
  assert.equal(readPrintedFigure(''), undefined);
});
