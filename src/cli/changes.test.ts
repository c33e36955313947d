import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countChanges, foldScoreParts, type Change } from '../core/index.ts';
import { renderChanges } from './changes.ts';

test('changes read in the reader’s language: decimal commas, parts named in Vietnamese, a single-source score on one line', () => {
  const changes = [
    { change: 'changed' as const, unitId: 'than-uyen', item: 'score', code: '1', part: 'total', before: '10.75', after: '10.8' },
    { change: 'changed' as const, unitId: 'than-uyen', item: 'score', code: '1', part: 'appraisal', before: '10.75', after: '10.8' },
    { change: 'added' as const, unitId: 'tam-duong', item: 'score', code: '8', part: 'total', after: '23.8043' },
    { change: 'added' as const, unitId: 'tam-duong', item: 'score', code: '8', part: 'appraisal', after: '1.5043' },
    { change: 'added' as const, unitId: 'tam-duong', item: 'score', code: '8', part: 'survey', after: '22.3' },
    { change: 'removed' as const, unitId: 'tam-duong', item: 'deduction', code: '1.4', before: '−0.5: hạn chế về hình thức tuyên truyền' },
    { change: 'added' as const, unitId: 'tam-duong', item: 'published', part: 'total', after: '78,12' },
  ];
  assert.equal(
    renderChanges(changes, 'vi'),
    [
      'Thay đổi: 4 thêm, 1 sửa, 1 xóa',
      '  ~ than-uyen · điểm · 1: 10,75 → 10,8',
      '  + tam-duong · điểm · 8 · tổng: 23,8043',
      '  + tam-duong · điểm · 8 · thẩm định: 1,5043',
      '  + tam-duong · điểm · 8 · điều tra XHH: 22,3',
      '  − tam-duong · điểm trừ · 1.4: −0,5: hạn chế về hình thức tuyên truyền',
      '  + tam-duong · số liệu công bố · tổng: 78,12',
    ].join('\n'),
  );
  assert.match(renderChanges(changes, 'en'), /~ than-uyen · score · 1: 10\.75 → 10\.8\n {2}\+ tam-duong · score · 8 · total: 23\.8043/);
  // In English, words too (the screen's and the change file's, core/changeWords.ts), not the file's field names.
  assert.match(renderChanges(changes, 'en'), /\+ tam-duong · published figure · total: 78,12/);
});

test('plan changes read in Vietnamese: tracked values by period and field, report dates as dates', () => {
  const text = renderChanges(
    [
      { change: 'added', unitId: 'tam-duong', item: 'tracking', code: '7.3.6', part: '2024-12.numerator', after: '40' },
      { change: 'added', unitId: 'tam-duong', item: 'report', code: 'bao-cao-2024-12-15', part: 'sent', after: '2024-12-13' },
      { change: 'added', item: 'assessedOn', after: '2024-03-31' },
    ],
    'vi',
  );
  assert.match(text, /\+ tam-duong · theo dõi chỉ tiêu · 7\.3\.6 · 2024-12, tử số: 40/);
  assert.match(text, /\+ tam-duong · báo cáo · bao-cao-2024-12-15 · ngày gửi: 13\/12\/2024/);
  assert.match(text, /\+ ngày đánh giá: 31\/03\/2024/);
});

test('a single-source score folds to one line whatever the order of its changes; a total both parts repeat stays three lines', () => {
  const text = renderChanges(
    [
      { change: 'added', unitId: 'sin-ho', item: 'score', code: '8.1', part: 'survey', after: '2' },
      { change: 'added', unitId: 'sin-ho', item: 'score', code: '8.1', part: 'total', after: '2' },
      { change: 'added', unitId: 'sin-ho', item: 'score', code: '8', part: 'total', after: '0' },
      { change: 'added', unitId: 'sin-ho', item: 'score', code: '8', part: 'appraisal', after: '0' },
      { change: 'added', unitId: 'sin-ho', item: 'score', code: '8', part: 'survey', after: '0' },
    ],
    'vi',
  );
  assert.equal(
    text,
    [
      'Thay đổi: 4 thêm, 0 sửa, 0 xóa',
      '  + sin-ho · điểm · 8.1: 2',
      '  + sin-ho · điểm · 8 · tổng: 0',
      '  + sin-ho · điểm · 8 · thẩm định: 0',
      '  + sin-ho · điểm · 8 · điều tra XHH: 0',
    ].join('\n'),
  );
});

test('a long list: the lines and counts of folding the whole list, whatever the limit cuts', () => {
  // A mixed criterion (total, appraisal, survey) beside single-source ones (total and one part), over many units.
  const changes: Change[] = [{ change: 'added', item: 'publication', part: 'date', after: '2030-01-01' }];
  for (let u = 0; u < 40; u++) {
    const unitId = `u${u}`;
    changes.push({ change: 'added', unitId, item: 'unit' });
    changes.push({ change: 'added', unitId, item: 'score', code: '1', part: 'total', after: '3' });
    changes.push({ change: 'added', unitId, item: 'score', code: '1', part: 'appraisal', after: '1' });
    changes.push({ change: 'added', unitId, item: 'score', code: '1', part: 'survey', after: '2' });
    changes.push({ change: 'added', unitId, item: 'score', code: '2', part: 'total', after: '4' });
    changes.push({ change: 'added', unitId, item: 'score', code: '2', part: 'appraisal', after: '4' });
    changes.push({ change: u % 2 ? 'changed' : 'removed', unitId, item: 'score', code: '3', part: 'total', before: '1', ...(u % 2 && { after: '2' }) });
  }
  const reference = (all: Change[], limit: number) => {
    const folded = foldScoreParts(all);
    const counts = countChanges(folded);
    return { head: `Thay đổi: ${counts.added} thêm, ${counts.changed} sửa, ${counts.removed} xóa`, lines: folded.length, more: folded.length - limit };
  };
  for (const limit of [1, 2, 3, 5, 7, 11, 50, 200, Infinity]) {
    const text = renderChanges(changes, 'vi', limit);
    const ref = reference(changes, limit);
    const lines = text.split('\n');
    assert.equal(lines[0], ref.head, `limit ${limit}`);
    const whole = renderChanges(changes, 'vi', Infinity).split('\n');
    assert.deepEqual(lines.slice(1, 1 + Math.min(limit, ref.lines)), whole.slice(1, 1 + Math.min(limit, ref.lines)), `limit ${limit}: the first lines`);
    assert.equal(whole.length, 1 + ref.lines);
    if (ref.more > 0) assert.equal(lines.at(-1), `  … và ${ref.more} thay đổi khác (--all để xem hết)`, `limit ${limit}`);
    else assert.equal(lines.length, 1 + ref.lines);
  }
});
