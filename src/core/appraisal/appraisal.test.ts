import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../errors.ts';
import { checkCouncil, councilOutcome } from './council.ts';
import { checkDocumentMeta, documentFlags, documentSearchKey, queryWords, yearPeriod } from './documents.ts';

const meta = { number: '1593 / BC-UBND', issuedOn: '2023-12-29', issuer: ' UBND huyện Tam Đường ', summary: 'Báo cáo kết quả cải cách hành chính năm 2023' };

test('a document number is number/symbol as written on paper; the date cannot be in the future; issuer and summary are required', () => {
  assert.deepEqual(checkDocumentMeta(meta, '2024-06-01'), { ...meta, number: '1593/BC-UBND', issuer: 'UBND huyện Tam Đường' });
  for (const number of ['05/2023/TT-BNV', '12a/KH-UBND', '4762/QĐ-UBND']) assert.equal(checkDocumentMeta({ ...meta, number }, '2024-06-01').number, number);
  try {
    checkDocumentMeta({ number: 'báo cáo', issuedOn: '2025-01-01', issuer: '', summary: 'x' }, '2024-06-01');
    assert.fail('refused');
  } catch (error) {
    assert.ok(error instanceof ParError);
    assert.deepEqual(
      error.issues.map((i) => i.code),
      ['document.number', 'document.futureDate', 'document.issuer', 'document.summary'],
    );
  }
});

test('a document dated outside the assessment period is flagged, not refused', () => {
  assert.deepEqual(documentFlags(meta, yearPeriod(2023), 'c'), []);
  const [flag] = documentFlags(meta, yearPeriod(2024), 'lai-chau-2024');
  assert.equal(flag!.code, 'document.outsidePeriod');
  assert.match(flag!.message.vi, /ban hành ngày 29\/12\/2023, ngoài kỳ đánh giá 01\/01\/2024–31\/12\/2024/);
});

test('search reads number and words without diacritics', () => {
  const key = documentSearchKey(checkDocumentMeta(meta, '2024-06-01'), 'bao-cao.pdf');
  for (const query of ['1593/BC-UBND', 'cai cach hanh chinh', 'Tam Đường', 'bc ubnd'])
    assert.ok(
      queryWords(query).every((w) => key.includes(` ${w}`)),
      query,
    );
  assert.ok(!queryWords('ke hoach').every((w) => key.includes(` ${w}`)));
});

test('the council approves by more than half of all its members, item by item or as a whole', () => {
  const members = Array.from({ length: 7 }, (_, i) => ({ name: `Thành viên ${i + 1}` }));
  const whole = councilOutcome({
    decision: 'Biên bản số 12/BB-HĐTĐ',
    meetingOn: '2025-03-10',
    members,
    scope: 'whole',
    items: [{ subject: 'Toàn bộ', approve: 5 }],
  });
  assert.equal(whole.approved, true);
  assert.match(whole.summary.vi, /họp ngày 10\/03\/2025: 5\/7 \(71,4%\) thành viên tán thành — thông qua/);
  const even = Array.from({ length: 8 }, (_, i) => ({ name: `TV ${i}` }));
  assert.equal(
    councilOutcome({ decision: 'BB', meetingOn: '2025-03-10', members: even, scope: 'whole', items: [{ subject: 'Toàn bộ', approve: 4 }] }).approved,
    false,
    'half is not more than half',
  );
  const items = councilOutcome({
    decision: 'BB',
    meetingOn: '2025-03-10',
    members,
    scope: 'items',
    items: [
      { subject: 'Tam Đường', approve: 7 },
      { subject: 'Than Uyên', approve: 3 },
    ],
  });
  assert.deepEqual(
    items.items.map((i) => i.approved),
    [true, false],
  );
  assert.equal(items.approved, false);
  assert.throws(
    () => checkCouncil({ decision: 'BB', meetingOn: '2025-03-10', members, scope: 'whole', items: [{ subject: 'Toàn bộ', approve: 8 }] }),
    /council.votes|số tán thành/,
  );
});
