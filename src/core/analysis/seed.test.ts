/**
 * The seed report (shared/spec: Báo cáo 729/BC-UBND, Tam Đường 2023) reproduced from the demo
 * data: every figure of its two tables and its I.1 summary, exact where the seed is right,
 * and the consistency checker naming where it rounded oddly or erred.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { formatNumber, formatPercent, formatPoints } from '../format.ts';
import { analyzeUnit } from './index.ts';

const dataset = loadDataset();
const analysis = analyzeUnit(dataset, 'Tam Đường', 2023);
const vi2 = (p: Parameters<typeof formatPoints>[0] | undefined) => formatPoints(p!, { decimals: 2 });

test('I.1: totals 72,07 and 78,12, the appraisal/survey split and ranks 3/8 and 4/8', () => {
  assert.equal(vi2(analysis.total), '78,12');
  assert.equal(formatPoints(analysis.total!), '78,119875');
  assert.equal(vi2(analysis.survey), '22,30');
  assert.equal(formatPoints(analysis.appraisal!), '55,819875', 'the seed prints 55,81: truncated (see findings)');
  assert.equal([analysis.rank, analysis.of].join('/'), '4/8');
  assert.equal(vi2(analysis.previous!.total), '72,07');
  assert.equal(vi2(analysis.previous!.appraisal), '48,04');
  assert.equal(vi2(analysis.previous!.survey), '24,03');
  assert.equal(analysis.previous!.rank, 3);
  assert.equal(vi2(analysis.totalChange!.points), '6,05');
  assert.deepEqual(analysis.rankChange, { places: -1, direction: 'down' });
});

// [code, score 2022, score 2023, % 2022, % 2023, change] as printed in the seed's two tables.
const seedTables: [string, string, string, string, string, string][] = [
  ['1', '8,17', '9,52', '60,51', '70,5', '+9,99'],
  ['2', '4,5', '5', '90', '100', '+10'],
  ['3', '10,5', '13,4753', '77,77', '99,8', '+22,03'],
  ['4', '6,5', '7,409775', '86,67', '98,79', '+12,12'],
  ['5', '6,5', '5,5', '81,25', '68,75', '-12,5'],
  ['6', '2,43', '2,5371', '34,71', '36,2', '+1,49'],
  ['7', '9,44', '10,8734', '75,52', '86,99', '+11,47'],
  ['8', '24,03', '23,8043', '72,82', '72,13', '-0,69'],
];

// Where the seed's own rounding differs from the exact figure (rounded half up at the printed decimals).
const exactWhereSeedDiffers: Record<string, string> = {
  '1:%2022': '60,52',
  '1:change': '+10,00',
  '3:%2022': '77,78',
  '3:change': '+22,04',
  '4:%2023': '98,80',
  '4:change': '+12,13',
  '6:change': '+1,53',
  '8:change': '-0,68',
};

test('the comparison tables: every component score, percentage and change, exact or listed as differing', () => {
  const differences: string[] = [];
  for (const [code, s22, s23, p22, p23, change] of seedTables) {
    const c = analysis.components.find((x) => x.code === code)!;
    assert.equal(formatPoints(c.previousScore!), s22, `score 2022 of ${code}`);
    assert.equal(formatPoints(c.score!), s23, `score 2023 of ${code}`);
    const decimals = (s: string) => (s.split(',')[1] ?? '').length;
    const check = (key: string, printed: string, actual: string) => {
      if (actual === printed) return;
      differences.push(key);
      assert.equal(actual, exactWhereSeedDiffers[key], `${key}: seed ${printed}, exact ${actual}`);
    };
    check(`${code}:%2022`, p22, formatNumber(c.previousPercent!, { decimals: decimals(p22) }));
    check(`${code}:%2023`, p23, formatNumber(c.percent!, { decimals: decimals(p23) }));
    check(`${code}:change`, change, formatNumber(c.deltaPercentagePoints!, { decimals: decimals(change), signed: true }));
    assert.equal(c.max, dataset.frameworks.get('lai-chau-district-2023')!.nodes.get(code)!.maxPoints);
  }
  assert.deepEqual(differences.sort(), Object.keys(exactWhereSeedDiffers).sort());
});

test('component ranks and the units the seed says Tam Đường ties with or trails', () => {
  const ranks = Object.fromEntries(analysis.components.map((c) => [c.code, c.rank]));
  assert.deepEqual(ranks, { '1': 4, '2': 1, '3': 1, '4': 4, '5': 2, '6': 7, '7': 5, '8': 4 });
  const ids = (code: string, key: 'tiedWith' | 'ahead') =>
    analysis.components
      .find((c) => c.code === code)!
      [key].map((u) => u.id)
      .sort();
  assert.deepEqual(ids('1', 'ahead'), ['lai-chau-city', 'tan-uyen', 'than-uyen']);
  assert.deepEqual(ids('2', 'tiedWith'), ['muong-te', 'phong-tho']);
  assert.deepEqual(ids('3', 'tiedWith'), ['lai-chau-city']);
  assert.deepEqual(ids('4', 'ahead'), ['phong-tho', 'sin-ho', 'tan-uyen']);
  assert.deepEqual(ids('5', 'tiedWith'), ['muong-te', 'nam-nhun', 'phong-tho', 'than-uyen']);
  assert.ok(analysis.illustrative, 'the peers are illustrative and the analysis says so');
  assert.ok(analysis.peers.filter((p) => p.unit.id !== 'tam-duong').every((p) => p.unit.illustrative));
});

test('deductions keep their reasons; rule-scored ones agree with the rule (7.3.6: 0,782609 ≈ 0,78)', () => {
  assert.equal(analysis.deductions.length, 16);
  const d = Object.fromEntries(analysis.deductions.map((x) => [x.criterion, x]));
  assert.equal(formatPoints(d['7.3.6']!.computedPoints!), '0,782609');
  assert.equal(formatPoints(d['7.3.7']!.computedPoints!), '0,26242');
  assert.equal(formatPoints(d['8.9']!.computedPoints!), '0,5');
  assert.match(d['6.2.2']!.reason, /không có đơn vị SNCL nào tăng mức độ tự chủ/);
  const c1 = analysis.components[0]!;
  assert.equal(formatPoints(c1.pointsLost!), '3,98');
  assert.equal(formatPoints(c1.unexplainedLoss!), '0,48');
});

test("the checker finds the seed's contradictions and odd roundings", () => {
  const byId = (id: string) => analysis.findings.find((f) => f.id === id);
  const direction = byId('claim.percentChange:I.2.6.direction')!;
  assert.equal(direction.severity, 'error');
  assert.match(direction.message.vi, /giảm 1,49%.*tăng/);
  for (const where of ['Biểu so sánh %, dòng 1', 'Biểu so sánh %, dòng 3', 'Biểu so sánh %, dòng 4']) {
    const f = analysis.findings.find((x) => x.id === `claim.percent:${where}` && x.severity === 'rounding');
    assert.ok(f, where);
    assert.match(f.message.en, /truncated instead of rounded/);
  }
  assert.match(byId('published.split')!.message.vi, /55,81 \+ 22,30 = 78,11/);
  assert.equal(byId('published.split')!.severity, 'rounding');
  assert.equal(byId('claim.percent:I.2.4.againstPrintedScore')!.severity, 'rounding');
  assert.match(byId('claim.percentChange:Biểu so sánh %, dòng 1')!.message.vi, /70,5 − 60,51/);
  assert.equal(analysis.findings.filter((f) => f.severity === 'error').length, 1, 'only the direction in 2.6 is a real error');
  for (const c of ['1', '4', '6', '7', '8']) assert.ok(byId(`data.unexplainedLoss:${c}`), c);
  // 13,5 − 13,4753 = 0,0247 lost, "bị trừ 0,02 điểm": the listed deduction is the loss rounded, nothing is unexplained.
  assert.equal(byId('data.unexplainedLoss:3'), undefined);
  assert.equal(formatPercent(analysis.components[5]!.percent!, { decimals: 4 }), '36,2443%');
  // F13 of the seed data: "tăng 9,99%" is percentage points, said once for the whole report.
  const wording = analysis.findings.filter((f) => f.id === 'claim.percentagePoints');
  assert.equal(wording.length, 1);
  assert.match(wording[0]!.message.vi, /điểm phần trăm/);
  assert.match(wording[0]!.where, /^I\.2\.1; I\.2\.3; .*I\.2\.8$/);
});

test('2022 alone: the split adds up and nothing is flagged for the published figures', () => {
  const earlier = analyzeUnit(dataset, 'tam-duong', 2022);
  assert.equal(vi2(earlier.total), '72,07');
  assert.equal(earlier.rank, 3);
  assert.deepEqual(
    earlier.findings.filter((f) => f.id.startsWith('published')),
    [],
  );
  // 2022 is known per component only: one finding says so, not eight "unexplained" ones.
  assert.deepEqual(
    earlier.findings.map((f) => f.id),
    ['data.componentLevelOnly'],
  );
  assert.match(earlier.findings[0]!.message.vi, /27,93 điểm bị mất ở 8 chỉ số thành phần/);
});
