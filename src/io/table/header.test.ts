import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerKey } from './cells.ts';
import { findHeader } from './header.ts';
import type { CellValue } from './types.ts';

const isUnit = (key: string) => key === 'don vi' || key === 'ten don vi';

test('a header under title lines, with a group label merged over columns and a label merged down', () => {
  const rows: CellValue[][] = [
    ['KẾT QUẢ CHỈ SỐ CCHC NĂM 2023'],
    [],
    ['STT', 'Tên đơn vị', 'Điểm các chỉ số thành phần', null, null, 'Tổng điểm', 'Xếp hạng'],
    [null, null, 1, 2, 'Chỉ số 8', null, null],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
    [1, 'Tam Đường', 9.52, 5, 23.8, 78.12, 4],
  ];
  const header = findHeader({ name: 'Sheet1', rows }, isUnit)!;
  assert.equal(header.top, 2);
  assert.equal(header.dataStart, 5);
  assert.deepEqual(
    header.columns.map((c) => c.path),
    [
      ['STT'],
      ['Tên đơn vị'],
      ['Điểm các chỉ số thành phần', '1'],
      ['Điểm các chỉ số thành phần', '2'],
      ['Điểm các chỉ số thành phần', 'Chỉ số 8'],
      ['Tổng điểm'],
      ['Xếp hạng'],
    ],
  );
});

test('a row of maxima under the header is kept apart, and CSV labels joined by " | " are split again', () => {
  const rows: CellValue[][] = [
    ['STT', 'Đơn vị', '8. Tác động | Thẩm định', '8. Tác động | Điều tra XHH'],
    ['Điểm tối đa', null, '33', null],
    ['1', 'Tam Đường', '1,5043', '22,3'],
  ];
  const header = findHeader({ name: 'x', rows }, isUnit, { maxRow: true })!;
  assert.equal(header.maxRow?.index, 1);
  assert.equal(header.dataStart, 2);
  assert.deepEqual(header.columns[2]!.path, ['8. Tác động', 'Thẩm định']);
});

test('no header: undefined, so the importer can say which column it looked for', () => {
  assert.equal(
    findHeader(
      {
        name: 'x',
        rows: [
          ['a', 'b'],
          [1, 2],
        ],
      },
      isUnit,
    ),
    undefined,
  );
  assert.equal(headerKey('Điểm tối đa (%)'), 'diem toi da phan tram');
});
