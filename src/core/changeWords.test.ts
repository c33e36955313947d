/**
 * An import's changes in words, one table for the command line, the import screen and the change
 * file: items and parts named in the reader's language, values written as the reader writes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANGE_KINDS, changeItemWord, changePartWords, changeValueText } from './changeWords.ts';

test('items and parts in words; a part an item names its own way; a period or an id kept before its field; an unknown key as it is', () => {
  assert.equal(changeItemWord('published', 'vi'), 'số liệu công bố');
  assert.equal(changeItemWord('published', 'en'), 'published figure');
  assert.equal(changePartWords('appraisal', 'vi', 'score'), 'thẩm định');
  assert.equal(changePartWords('document.signerTitle', 'vi', 'unit'), 'chức danh người ký');
  assert.equal(changePartWords('title', 'vi', 'publication'), 'trích yếu');
  assert.equal(changePartWords('title', 'vi', 'task'), 'tên');
  assert.equal(changePartWords('2024-12.numerator', 'vi', 'tracking'), '2024-12, tử số');
  assert.equal(changePartWords('NV-3.deadline', 'en', 'task'), 'NV-3, deadline');
  assert.equal(changePartWords('NV-3.status', 'vi', 'task'), 'NV-3, trạng thái');
  // A task's department leads it (chủ trì); a criterion's is the one it falls to (phụ trách).
  assert.equal(changePartWords('NV-3.department', 'vi', 'task'), 'NV-3, cơ quan chủ trì');
  assert.equal(changePartWords('department', 'vi', 'node'), 'cơ quan phụ trách');
  assert.equal(changeItemWord('somethingNew', 'vi'), 'somethingNew');
  assert.equal(changePartWords('somethingNew', 'vi'), 'somethingNew');
  assert.deepEqual(CHANGE_KINDS.removed, { vi: 'xóa', en: 'removed' });
});

test('values: exact decimals in the reader’s style, a deduction’s reason kept, dates as dates, codes and years as written, lists and texts without JSON’s marks', () => {
  assert.equal(changeValueText('7.409775', 'vi'), '7,409775');
  assert.equal(changeValueText('7.409775', 'en'), '7.409775');
  assert.equal(changeValueText('1234.5', 'vi'), '1.234,5');
  assert.equal(changeValueText('−0.5: hạn chế về hình thức', 'vi'), '−0,5: hạn chế về hình thức');
  assert.equal(changeValueText('2024-12-13', 'vi'), '13/12/2024');
  assert.equal(changeValueText('1.7', 'vi', 'code'), '1.7');
  assert.equal(changeValueText('2025', 'vi', 'year'), '2025');
  assert.equal(changeValueText('["1.2","1.3"]', 'vi', 'dropped'), '1.2, 1.3');
  assert.equal(changeValueText('"Sở Nội vụ"', 'vi'), 'Sở Nội vụ');
  assert.equal(changeValueText('Sở Nội vụ', 'vi'), 'Sở Nội vụ');
  assert.equal(changeValueText(undefined, 'vi'), '—');
});
