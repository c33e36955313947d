import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFramework } from '../core/index.ts';
import { distributions, parseQuestionnaire } from '../core/survey/index.ts';
import { docxParagraphs } from './docxText.ts';
import { toDocx } from './docx.ts';
import { docxToPdfMany } from './pdf.ts';
import { surveyDocument } from './survey.ts';

const root = new URL('../../', import.meta.url);
const framework = parseFramework(readFileSync(new URL('frameworks/lai-chau/district-2024.yaml', root), 'utf8'));
const questionnaire = parseQuestionnaire(readFileSync(new URL('data/demo/surveys/lai-chau-district-2024.yaml', root), 'utf8'), framework);
const available = (tool: string, ...args: string[]) => !spawnSync(tool, args, { encoding: 'utf8' }).error;

// Seven people answer q3 (A four times, B twice, C once); two officials q5.
const responses = [
  ...['A', 'A', 'A', 'A', 'B', 'B', 'C'].map((q3, i) => ({ group: 'nguoi-dan', answers: { q1: 4, q2: 1 + (i % 5), q3 } })),
  { group: 'cong-chuc', answers: { q5: 4, q6: 5, q7: 'A' } },
  { group: 'cong-chuc', answers: { q5: 2, q6: 3, q7: 'B' } },
];
const input = {
  questionnaire,
  unitNames: new Map([['don-vi-a', 'Huyện Thử Nghiệm']]),
  distributions: distributions(questionnaire, responses),
  points: [
    {
      unit: 'don-vi-a',
      code: '8.3',
      points: '2.142857',
      maxPoints: '3',
      valid: 7,
      explanation: { vi: '8.3: 71,4% đánh giá hài lòng trở lên trên 7 phiếu hợp lệ → 2,14/3 điểm' },
    },
  ],
  sample: [
    { unit: 'don-vi-a', group: 'nguoi-dan', planned: 10, valid: 7, excluded: 1 },
    { unit: 'don-vi-a', group: 'cong-chuc', planned: 2, valid: 2, excluded: 0 },
  ],
  issuer: ['UBND TỈNH THỬ NGHIỆM'],
  place: 'Thử Nghiệm',
  year: 2024,
  precision: 2,
  fileName: 'bao-cao-dieu-tra',
};

test('the survey report as DOCX: the sample against the plan, each question’s distribution by group with a chart, each unit’s points explained', async () => {
  const doc = surveyDocument(input);
  // A chart for every question with options that someone answered.
  const answered = new Set(input.distributions.filter((d) => d.answered > 0).map((d) => d.question));
  assert.equal(doc.body.filter((b) => b.kind === 'chart').length, questionnaire.questions.filter((q) => q.options.length && answered.has(q.id)).length);
  const text = (await docxParagraphs(await toDocx(doc))).join('\n');
  assert.match(text, /Tổng số phiếu hợp lệ là 9 phiếu trên 12 phiếu theo kế hoạch \(đạt 75%\); 1 phiếu bị loại/);
  assert.match(text, /1\/2 nhóm đối tượng của các đơn vị đạt đủ số phiếu theo kế hoạch/);
  // q3 among the seven people: A 4 (57,14%), B 2 (28,57%), C 1 (14,29%).
  assert.match(text, /^4 \(57,14%\)$/m);
  assert.match(text, /^2 \(28,57%\)$/m);
  assert.match(text, /^1 \(14,29%\)$/m);
  assert.match(text, /Người dân|người dân/i);
  assert.match(text, /^2,14$/m);
  assert.match(text, /8\.3: 71,4% đánh giá hài lòng trở lên trên 7 phiếu hợp lệ → 2,14\/3 điểm/);
  assert.match(text, /minh họa/);
});

test('the survey report’s DOCX opens in LibreOffice with its figures', { timeout: 300_000 }, async (t) => {
  if (!available('soffice', '--version') || !available('pdftotext', '-v')) {
    if (process.env.PARINDEX_REQUIRE_TOOLS === '1') assert.fail('LibreOffice (soffice) and poppler (pdftotext) are required here');
    return t.skip('LibreOffice or poppler is not installed');
  }
  const [pdf] = await docxToPdfMany([await toDocx(surveyDocument(input))]);
  const folder = mkdtempSync(join(tmpdir(), 'parindex-survey-report-'));
  try {
    const file = join(folder, 'survey.pdf');
    writeFileSync(file, pdf!);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const figure of ['UBND TỈNH THỬ NGHIỆM', 'BÁO CÁO', 'MẪU KHẢO SÁT', '4 (57,14%)', 'Huyện Thử Nghiệm', '2,14', '→ 2,14/3 điểm', 'Biểu đồ 1'])
      assert.ok(text.includes(figure), figure);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
