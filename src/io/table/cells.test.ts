import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placedAt } from './cells.ts';

test('a cell’s place in a message: a long header and a long value are cut with «…», line breaks of a merged header read as spaces', () => {
  const header = 'Chỉ số thành phần 7: Xây dựng và phát triển\nChính quyền điện tử, Chính quyền số (điểm thẩm định)';
  const located = placedAt(
    { code: 'import.notANumber', message: { vi: 'không phải số', en: 'not a number' } },
    { sheet: 'Kết quả', row: 5, column: 3, header, value: 'x'.repeat(100) },
  ).message;
  assert.equal(located.vi, `không phải số (ô D5, cột «Chỉ số thành phần 7: Xây dựng và phát triển Chính quyền điệ…», giá trị «${'x'.repeat(79)}…»)`);
  assert.match(located.en, /^not a number \(cell D5, column "Chỉ số thành phần 7: .{38}…", value "x{79}…"\)$/);
});
