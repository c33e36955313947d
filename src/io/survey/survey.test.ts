import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type ParError, parseFramework } from '../../core/index.ts';
import { parseQuestionnaire, readQuestionnaire } from '../../core/survey/index.ts';
import { readWorkbook, writeTables } from '../index.ts';
import { placeIssues, questionnaireTables, readQuestionnaireWorkbook } from './questionnaire.ts';
import { readResponses } from './responses.ts';

const framework = parseFramework(readFileSync(new URL('../../../frameworks/lai-chau/district-2024.yaml', import.meta.url), 'utf8'));
const questionnaire = parseQuestionnaire(readFileSync(new URL('../../../data/demo/surveys/lai-chau-district-2024.yaml', import.meta.url), 'utf8'), framework);

test('the questionnaire goes to the Excel template and back unchanged', async () => {
  const bytes = await writeTables(questionnaireTables(questionnaire), { format: 'xlsx' });
  const read = readQuestionnaireWorkbook(await readWorkbook(bytes, { file: 'phieu.xlsx' }));
  assert.deepEqual(readQuestionnaire(read.document, framework), questionnaire);
});

test('a problem in the Excel questionnaire is reported at its cell', async () => {
  const tables = questionnaireTables(questionnaire);
  const criteria = tables[3]!;
  criteria.rows[2]![8] = 'q99';
  const read = readQuestionnaireWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' }), { file: 'phieu.xlsx' }));
  try {
    readQuestionnaire(read.document, framework);
    assert.fail('accepted');
  } catch (error) {
    const placed = placeIssues(error as ParError, read).issues[0]!;
    assert.equal(placed.code, 'questionnaire.unknownQuestion');
    assert.deepEqual([placed.cell?.sheet, placed.cell?.column, placed.cell?.value], ['Tiêu chí', 'I', 'q99']);
    assert.match(placed.message.vi, /không có câu hỏi q99 \(ô I\d+, cột «Câu hỏi», giá trị «q99»\)/);
  }
});

test('answers from a CSV file: units and groups by id or name, problems at their cell', async () => {
  const units = [{ id: 'tam-duong', name: 'Tam Đường' }];
  const csv = (lines: string[]) => readWorkbook(Buffer.from(lines.join('\n')), { file: 'phieu.csv' });
  const rows = readResponses(
    await csv(['Đơn vị;Nhóm;Số phiếu;Ngày;q1;q2;q3;q4', 'Tam Duong;Người dân, tổ chức;7;15/10/2024;5;4;a;A;C'.replace('a;A;C', 'A;"A;C"')]),
    questionnaire,
    units,
  );
  assert.deepEqual(rows, [
    { unit: 'tam-duong', group: 'nguoi-dan', formNumber: '7', collectedOn: '2024-10-15', answers: { q1: 5, q2: 4, q3: 'A', q4: ['A', 'C'] } },
  ]);
  try {
    readResponses(await csv(['Đơn vị;Nhóm;q1;q2;q3', 'Sìn Hồ;nguoi-dan;5;4;A', 'tam-duong;nguoi-dan;5;;Z']), questionnaire, units);
    assert.fail('accepted');
  } catch (error) {
    assert.deepEqual(
      (error as ParError).issues.map((i) => [i.code, i.cell?.row, i.cell?.column]),
      [
        ['survey.unknownUnit', 2, 'A'],
        ['survey.answerRequired', 3, 'D'],
        ['survey.invalidAnswer', 3, 'E'],
      ],
    );
  }
});

test('a collection day is read by the core date reader: no 31/02, and d.m.yyyy is not a day here', async () => {
  const units = [{ id: 'tam-duong', name: 'Tam Đường' }];
  const csv = (day: string) =>
    readWorkbook(Buffer.from(['Đơn vị;Nhóm;Ngày;q1;q2;q3;q4', `tam-duong;nguoi-dan;${day};5;4;A;A`].join('\n')), { file: 'phieu.csv' });
  assert.equal(readResponses(await csv('5/1/2025'), questionnaire, units)[0]!.collectedOn, '2025-01-05');
  assert.equal(readResponses(await csv('2025-01-05'), questionnaire, units)[0]!.collectedOn, '2025-01-05');
  for (const day of ['31/02/2024', '2024-02-31', '5.1.2025']) {
    await assert.rejects(
      async () => readResponses(await csv(day), questionnaire, units),
      (error: ParError) => error.issues.some((i) => i.code === 'survey.date'),
      day,
    );
  }
});
