/**
 * The consistency checker on a small hand-made province: what it reports, what it does not
 * (losses that rules or rounded deductions explain), and one finding per fact.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { buildDataset } from '../dataset.ts';
import { loadDataset } from '../../io/dataFolder.ts';
import { analysisToJson, analyzeUnit, duplicatedWords } from './index.ts';

const framework = `kind: framework
id: xa-2026
name: Bộ tiêu chí thử cấp xã
level: commune
year: 2026
settings: { tieRule: dense }
components:
  - code: "1"
    name: Chỉ đạo, điều hành
    maxPoints: 10
    children:
      - { code: "1.1", name: Kế hoạch, maxPoints: 4 }
      - { code: "1.2", name: Báo cáo đúng hạn, maxPoints: 2, rule: { type: deadline, pointsPerLate: 1 } }
      - { code: "1.3", name: Hồ sơ đúng hạn, maxPoints: 4, rule: { type: ratio } }
  - { code: "2", name: Thủ tục hành chính, maxPoints: 90 }
`;

const units = `kind: units
province: { id: thu, name: Tỉnh thử }
units:
  - { id: xa-a, name: Xã A, level: commune }
  - { id: xa-b, name: Xã B, level: commune }
  - { id: xa-c, name: Xã C, level: commune }
`;

const results = (year: number, a: Record<string, unknown>) => `kind: results
year: ${year}
framework: xa-2026
units:
  - ${JSON.stringify(a)}
  - { unit: xa-b, scores: { "1": 9, "2": 80 } }
  - { unit: xa-c, scores: { "1": 9, "2": 70 } }
`;

function datasetWith(a: Record<string, unknown>, report?: string) {
  const docs = [framework, units, results(2026, a), ...(report ? [report] : [])].map((text, i) => ({ file: `doc${i}.yaml`, data: parse(text) }));
  return buildDataset(docs);
}

test('points lost on criteria scored by their rule are explained by it, not reported as unexplained', () => {
  // 1.2: one report late (−1), 1.3: 3/4 (−1); 1.1 given 4/4: the 2 points lost are all explained.
  const dataset = datasetWith({
    unit: 'xa-a',
    scores: { '1.1': 4, '2': 90 },
    indicators: { '1.2': { items: [{ name: 'Quý I', due: '2026-03-31', sent: '2026-04-02' }] }, '1.3': { numerator: 3, denominator: 4 } },
  });
  const analysis = analyzeUnit(dataset, 'Xã A', 2026);
  const c1 = analysis.components[0]!;
  assert.equal(c1.ruleLoss, 2_000_000);
  assert.equal(c1.unexplainedLoss, undefined);
  assert.deepEqual(
    analysis.findings.filter((f) => f.component === '1'),
    [],
  );
  // The framework ranks densely: B and C tie first on component 1 with 9, A comes second with 8, not third.
  assert.deepEqual(
    ['xa-b', 'xa-c'].map((u) => analyzeUnit(dataset, u, 2026).components[0]!.rank),
    [1, 1],
  );
  assert.equal(c1.rank, 2);
});

test('a loss nothing explains is reported once, saying what is known', () => {
  const dataset = datasetWith({ unit: 'xa-a', scores: { '1.1': 3, '2': 90 }, indicators: { '1.2': { items: [] }, '1.3': { numerator: 4, denominator: 4 } } });
  const [finding] = analyzeUnit(dataset, 'xa-a', 2026).findings;
  assert.equal(finding!.id, 'data.unexplainedLoss:1');
  assert.equal(finding!.severity, 'info');
  assert.equal(finding!.where, '1', 'without a report the place is the component, not a report section');
  assert.match(finding!.message.vi, /mất 1 điểm; không có điểm trừ nào được nêu; chưa rõ mất ở tiêu chí nào/);
});

test('a deduction listed at 2 decimals explains the loss it rounds (0,0247 lost, "bị trừ 0,02 điểm")', () => {
  const lost = (deduction: string) =>
    analyzeUnit(
      datasetWith({ unit: 'xa-a', scores: { '1': 9.9753, '2': 90 }, deductions: [{ criterion: '1', points: deduction, reason: 'Hồ sơ quá hạn' }] }),
      'xa-a',
      2026,
    ).findings.map((f) => f.id);
  assert.deepEqual(lost('0,02'), []);
  assert.deepEqual(lost('0,01'), ['data.unexplainedLoss:1'], '0,01 is not 0,0247 rounded');
});

test('the same figure printed in the table and in the section is one finding naming both places', () => {
  const report = `kind: report
unit: xa-a
year: 2026
document: { issuer: [UBND XÃ A] }
claims:
  - { where: "Biểu 2, dòng 1", about: percent, component: "1", printed: "89,9" }
  - { where: "I.2.1", about: percent, component: "1", printed: "89,9" }
  - { where: "I.2.1", about: score, component: "1", printed: "9" }
`;
  const analysis = analyzeUnit(datasetWith({ unit: 'xa-a', scores: { '1': 8.996, '2': 90 } }, report), 'xa-a', 2026);
  const percent = analysis.findings.filter((f) => f.id.startsWith('claim.percent:') && !f.id.endsWith('againstPrintedScore'));
  assert.equal(percent.length, 1, analysis.findings.map((f) => `${f.where}: ${f.message.vi}`).join('\n'));
  assert.equal(percent[0]!.where, 'Biểu 2, dòng 1; I.2.1');
  assert.match(percent[0]!.message.vi, /in 89,9, số liệu tính được 89,96 \(làm tròn 90,0\) — bị cắt bớt chữ số thay vì làm tròn/);
  const texts = analysis.findings.map((f) => f.message.vi);
  assert.equal(new Set(texts).size, texts.length, 'no message appears twice');
});

test('the seed: no finding is listed twice, and the decision and the report share the truncated 55,81', () => {
  const analysis = analyzeUnit(loadDataset(), 'tam-duong', 2023);
  const texts = analysis.findings.map((f) => `${f.severity} ${f.message.vi}`);
  assert.equal(new Set(texts).size, texts.length);
  const appraisal = analysis.findings.find((f) => f.id === 'published.appraisal')!;
  assert.equal(appraisal.where, 'Quyết định 684/QĐ-UBND; I.1 (Biểu tổng hợp)');
  assert.match(appraisal.message.vi, /in 55,81, số liệu tính được 55,819875 \(làm tròn 55,82\) — bị cắt bớt chữ số thay vì làm tròn/);
  const change1 = analysis.findings.find((f) => f.id === 'claim.percentChange:Biểu so sánh %, dòng 1')!;
  assert.equal(change1.where, 'Biểu so sánh %, dòng 1; I.2.1');
  assert.match(change1.message.vi, /in \+9,99, số liệu tính được \+10 — số in là hiệu hai tỷ lệ đã làm tròn \(70,5 − 60,51\)/);
  const change8 = analysis.findings.find((f) => f.id === 'claim.percentChange:Biểu so sánh %, dòng 8')!;
  assert.match(change8.message.vi, /in -0,69, số liệu tính được -0,6839 \(làm tròn -0,68\)/, 'a decrease keeps its sign');
  // 2.6: one error for "giảm 1,49%", giving the exact change; the table's +1,49 (not +1,53) is a rounding finding.
  const direction = analysis.findings.filter((f) => f.component === '6' && f.id.includes('percentChange'));
  assert.deepEqual(
    direction.map((f) => [f.id, f.severity]),
    [
      ['claim.percentChange:I.2.6.direction', 'error'],
      ['claim.percentChange:Biểu so sánh %, dòng 6', 'rounding'],
    ],
  );
  assert.match(direction[0]!.message.vi, /"giảm 1,49%" \(giảm\) nhưng số liệu cho thấy tăng \(\+1,53 điểm phần trăm: 34,71% → 36,24%\)/);
  assert.match(direction[1]!.message.vi, /in \+1,49, số liệu tính được \+1,53/);
  const json = analysisToJson(analysis).findings.find((f) => f.id === 'published.appraisal')!;
  assert.deepEqual([json.printed, json.computed], ['55.81', '55.819875']);
});

test('a published band that the framework thresholds do not give is an error naming the unit, the printed and the computed band', () => {
  const banded = framework.replace(
    'settings: { tieRule: dense }',
    'settings: { tieRule: dense, classification: [{ label: Xuất sắc, atLeastPoints: 90 }, { label: Tốt, atLeastPercent: 80 }] }',
  );
  const datasetOf = (classification: string) =>
    buildDataset(
      [banded, units, results(2026, { unit: 'xa-a', scores: { '1': 10, '2': 80 }, published: { classification } })].map((text, i) => ({
        file: `doc${i}.yaml`,
        data: parse(text),
      })),
    );
  // 90 points: exactly at the threshold in points.
  assert.equal(analyzeUnit(datasetOf('Xuất sắc'), 'xa-a', 2026).findings.filter((f) => f.id === 'published.classification').length, 0);
  assert.equal(analyzeUnit(datasetOf('xuất  sắc'), 'xa-a', 2026).findings.filter((f) => f.id === 'published.classification').length, 0);
  const [finding] = analyzeUnit(datasetOf('Tốt'), 'xa-a', 2026).findings.filter((f) => f.id === 'published.classification');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.message.vi, 'Xã A: xếp loại công bố «Tốt», theo ngưỡng xếp loại của bộ tiêu chí và số liệu tính được là «Xuất sắc»');
  assert.equal(finding?.message.en, "Xã A: published band «Tốt», the framework's thresholds on the computed figures give «Xuất sắc»");
});

test('a word written twice in a row in the unit’s texts is a warning naming where and the words around it; intended reduplications are not', () => {
  assert.deepEqual(
    duplicatedWords('Sở Tài chính nhận được được ngày 11/3/2024').map((d) => d.word),
    ['được'],
  );
  assert.deepEqual(
    duplicatedWords('nâng tỷ lệ ký số các các văn bản điện tử').map((d) => d.word),
    ['các'],
  );
  assert.deepEqual(
    duplicatedWords('Các các văn bản').map((d) => d.word),
    ['Các'],
  );
  assert.deepEqual(duplicatedWords('người người thi đua, nhà nhà thi đua; từ từ; 2 2 hồ sơ; được đánh giá'), []);
  assert.deepEqual(duplicatedWords('hoàn thành 100% kế hoạch; hồ sơ, sơ đồ'), []);
  // Typed with decomposed accents (NFD): the same finding, its context cut around the repeated word.
  const typed = 'Theo Kế hoạch số 12/KH-UBND ngày 5 tháng 1, Sở Tài chính đã nhận được được ngày 11/3/2024 hồ sơ đầy đủ';
  assert.deepEqual(duplicatedWords(typed.normalize('NFD')), duplicatedWords(typed));
  assert.match(duplicatedWords(typed)[0]!.context, /nhận được được ngày/);
  const findings = analyzeUnit(loadDataset(), 'tam-duong', 2023).findings.filter((f) => f.id.startsWith('text.duplicateWord'));
  assert.ok(
    findings.some((f) => f.where === 'Tiêu chí 1.2.6' && f.message.vi.includes('«được»') && f.message.vi.includes('nhận được được')),
    JSON.stringify(findings.map((f) => f.message.vi)),
  );
  assert.ok(
    findings.some((f) => f.where.startsWith('II (') && f.message.vi.includes('«các»') && f.message.vi.includes('các các văn bản')),
    JSON.stringify(findings.map((f) => f.message.vi)),
  );
  assert.ok(findings.every((f) => f.severity === 'warning'));
});
