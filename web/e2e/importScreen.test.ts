import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellIssue } from '../../src/io/table/cells.ts';
import { decide } from '../../src/workflow/policy.ts';
import { problemOf } from '../src/pages/data/problems.ts';
import { importableKinds } from '../src/pages/data/kinds.ts';

test('a cell issue as the importer words it becomes sheet, row, column, header, value and reason, in both languages', () => {
  const issue = cellIssue(
    'results.aboveMax',
    { vi: 'điểm 14,5 vượt điểm tối đa 13,5 của tiêu chí 3', en: 'score 14.5 exceeds the maximum 13.5 of 3' },
    { sheet: 'Kết quả', row: 6, column: 5, header: '3. Cải cách thủ tục hành chính', value: 14.5 },
    { node: '3' },
  );
  assert.deepEqual(problemOf(issue, 'vi'), {
    sheet: 'Kết quả',
    row: 6,
    column: 'F',
    header: '3. Cải cách thủ tục hành chính',
    value: '14.5',
    node: '3',
    reason: 'điểm 14,5 vượt điểm tối đa 13,5 của tiêu chí 3',
  });
  assert.deepEqual(problemOf(issue, 'en'), {
    sheet: 'Kết quả',
    row: 6,
    column: 'F',
    header: '3. Cải cách thủ tục hành chính',
    value: '14.5',
    node: '3',
    reason: 'score 14.5 exceeds the maximum 13.5 of 3',
  });
});

test('a cell without a header or value keeps what it has; a sheet-wide problem names the sheet; any other message is shown whole', () => {
  const bare = cellIssue('import.required', { vi: 'thiếu lý do (xem «Điểm trừ»)', en: 'reason missing' }, { sheet: 'Điểm trừ', row: 12, column: 27 });
  assert.deepEqual(problemOf(bare, 'vi'), { sheet: 'Điểm trừ', row: 12, column: 'AB', reason: 'thiếu lý do (xem «Điểm trừ»)' });
  assert.deepEqual(
    problemOf({ code: 'import.headerMissing', field: 'x', in: 'x.csv', message: { vi: 'trang «x» không có dòng tiêu đề', en: 'no header' } }, 'vi'),
    { sheet: 'x', reason: 'trang «x» không có dòng tiêu đề' },
  );
  assert.deepEqual(problemOf({ code: 'auth.forbidden', field: 'importSurvey', message: { vi: 'Vai trò không được nhập', en: 'may not' } }, 'vi'), {
    reason: 'Vai trò không được nhập',
  });
  assert.deepEqual(problemOf({ code: 'store.immutable', message: { vi: 'kết quả đã công bố (ô F7)', en: 'published' } }, 'vi'), {
    reason: 'kết quả đã công bố (ô F7)',
  });
});

test('the screen offers exactly the imports the policy table allows each role (importSurvey, manageFrameworks, editPlan of its own unit)', () => {
  for (const role of ['admin', 'appraiser', 'unitEditor', 'unitViewer'] as const) {
    const unitId = role.startsWith('unit') ? 'tam-duong' : undefined;
    const actor = { userId: '1', role, ...(unitId && { unitId }) };
    const kinds = importableKinds({ role, unitId });
    const results = decide(actor, 'importSurvey').allowed;
    assert.equal(kinds.includes('results') && kinds.includes('survey') && kinds.includes('indicators'), results, `${role}: results`);
    assert.equal(kinds.includes('framework'), decide(actor, 'manageFrameworks').allowed, `${role}: framework`);
    assert.equal(kinds.includes('plan'), decide(actor, 'editPlan', { unitId: 'tam-duong' }).allowed, `${role}: plan`);
    assert.equal(kinds.includes('units'), decide(actor, 'manageUnits').allowed, `${role}: units`);
  }
  assert.deepEqual(importableKinds(null), []);
});
