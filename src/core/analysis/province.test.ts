import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { formatPercent, formatPoints } from '../format.ts';
import { analyzeProvince, provinceToJson, trendOf } from './index.ts';

const dataset = loadDataset();

test('the province view ranks every unit of the level with its component percentages and ranks', () => {
  const view = analyzeProvince(dataset, 2023, 'district');
  assert.equal(view.units.length, 8);
  assert.equal(view.of, 8);
  assert.deepEqual(view.units.slice(0, 4).map((u) => [u.unit.id, u.rank]), [['lai-chau-city', 1], ['than-uyen', 2], ['tan-uyen', 3], ['tam-duong', 4]]);
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
  assert.equal(json.units[3]!.total, 78.119875);
});

test('a unit trend lists its totals and ranks from the oldest year', () => {
  const trend = trendOf(dataset, 'tam-duong');
  assert.deepEqual(trend.map((p) => [p.year, p.rank, p.of]), [[2022, 3, 8], [2023, 4, 8]]);
});

test('a year without results is a clear error', () => {
  assert.throws(() => analyzeProvince(dataset, 2019), /2019/);
});
