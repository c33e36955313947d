import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { loadDataset, projectRoot } from '../../io/dataFolder.ts';
import { formatPercent, formatPoints } from '../format.ts';
import { analyzeProvince, provinceToJson, trendOf } from './index.ts';

const dataset = loadDataset();

test('the province view ranks every unit of the level with its component percentages and ranks', () => {
  const view = analyzeProvince(dataset, 2023, 'district');
  assert.equal(view.units.length, 8);
  assert.equal(view.of, 8);
  assert.deepEqual(
    view.units.slice(0, 4).map((u) => [u.unit.id, u.rank]),
    [
      ['lai-chau-city', 1],
      ['than-uyen', 2],
      ['tan-uyen', 3],
      ['tam-duong', 4],
    ],
  );
  const tamDuong = view.units.find((u) => u.unit.id === 'tam-duong')!;
  assert.equal(formatPoints(tamDuong.total!, { decimals: 2 }), '78,12');
  assert.equal(formatPercent(tamDuong.components[5]!.percent!), '36,24%');
  assert.equal(tamDuong.components[5]!.rank, 7);
  assert.ok(view.illustrative);
});

test('component distributions: min, quartiles, median, max and mean of percent of max', () => {
  const view = analyzeProvince(dataset, 2023, 'district');
  const c2 = view.distributions.find((d) => d.code === '2')!;
  assert.equal(c2.count, 8);
  assert.equal(formatPercent(c2.max!), '100,00%');
  assert.equal(formatPercent(c2.min!), '85,00%');
  // 2023 component 2 scores: 5, 5, 5, 4.75, 4.75, 4.5, 4.5, 4.25 → median 4.75 → 95%
  assert.equal(formatPercent(c2.median!), '95,00%');
  assert.equal(formatPercent(c2.mean!), '94,38%');
  const json = provinceToJson(view);
  assert.equal(json.units[3]!.total, '78.119875');
});

test('a unit trend lists its totals and ranks from the oldest year', () => {
  const trend = trendOf(dataset, 'tam-duong');
  assert.deepEqual(
    trend.map((p) => [p.year, p.rank, p.of]),
    [
      [2022, 3, 8],
      [2023, 4, 8],
    ],
  );
});

test('a year without results is a clear error', () => {
  assert.throws(() => analyzeProvince(dataset, 2019), /2019/);
});

test('the province JSON carries the framework’s precision, maximum and words (a 3-decimal, 18-point index)', () => {
  const second = loadDataset([join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh')]);
  const json = provinceToJson(analyzeProvince(second, 2024, 'department', 'khoi-tong-hop'));
  assert.equal(json.precision, 3);
  assert.equal(json.max, '18');
  assert.equal(json.hasSurvey, false);
  assert.equal(json.framework.totalPoints, '18');
  assert.equal(json.index.vi.label, 'Chỉ số phục vụ người dân, doanh nghiệp');
  assert.equal(json.index.en.label, 'Service to Citizens and Businesses Index');
  assert.deepEqual(json.levelNames.plural, { vi: 'sở, ban, ngành', en: 'departments' });
  const first = json.units[0]!;
  assert.equal(first.total, '16.753');
  assert.equal(first.applicableMax, '18');
  assert.deepEqual(
    first.components.map((c) => c.applicableMax),
    ['6', '6', '6'],
  );
  // The seed keeps its two decimals and its PAR INDEX wording.
  const seed = provinceToJson(analyzeProvince(dataset, 2023, 'district'));
  assert.equal(seed.precision, 2);
  assert.equal(seed.max, '100');
  assert.equal(seed.hasSurvey, true);
  assert.equal(seed.index.vi.phrase, 'Chỉ số PAR INDEX');
});
