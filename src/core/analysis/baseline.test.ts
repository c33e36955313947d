/**
 * Baselines across the 2025 reform (data/reform-2025 over the demo's 2022–2023 district results):
 * a split commune compared with its predecessor district, a merger with its predecessors combined,
 * ranks never compared across peer sets, the rule from the framework or the province, and the
 * trend followed back through the lineage with its break.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset, reformFolders } from '../../io/dataFolder.ts';
import type { Dataset } from '../dataset.ts';
import { analysisToJson, analyzeUnit, checkConsistency, resolveBaseline, trendOf } from './index.ts';

const dataset = loadDataset(reformFolders);
const withRule = (rule: 'none' | 'predecessor' | 'mean' | 'weighted' | undefined): Dataset => ({
  ...dataset,
  provinces: dataset.provinces.map((p) => {
    const { baseline: _, ...rest } = p;
    return rule ? { ...rest, baseline: rule } : rest;
  }),
});

test('a split commune is compared with its predecessor district, said in words, and its ranks are not compared', () => {
  const a = analyzeUnit(dataset, 'Bản Bo', 2025);
  assert.equal(a.baseline!.kind, 'predecessor');
  assert.equal(a.baseline!.words.vi, 'so với huyện Tam Đường (đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024)');
  assert.equal(a.baseline!.rankComparable, false);
  assert.equal(a.baseline!.levelChanged, true);
  assert.equal(a.baseline!.frameworkChanged, true);
  assert.equal(a.rankChange, undefined, 'a rank among 8 districts is not one among 4 communes');
  assert.deepEqual([a.rank, a.of, a.previous!.rank, a.previous!.of], [2, 4, 4, 8]);
  const json = analysisToJson(a);
  assert.equal(json.totalChange!.points, '4.07');
  assert.equal(json.baseline!.units[0]!.unit, 'tam-duong');
  assert.equal(json.baseline!.units[0]!.link, 'split');
  // The components compared on the predecessor's: none for the component the new framework added.
  assert.equal(json.components.find((c) => c.code === '9')!.previousScore, null);
});

test('a merger gets its predecessors combined, weighted by the recorded population shares', () => {
  const a = analyzeUnit(dataset, 'khun-ha', 2025);
  const b = a.baseline!;
  assert.equal(b.kind, 'combined');
  assert.equal(b.combination, 'population');
  assert.deepEqual(
    b.units.map((u) => [u.unitId, u.weight, u.rank, u.of]),
    [
      ['tam-duong', 0.7, 4, 8],
      ['phong-tho', 0.3, 5, 8],
    ],
  );
  assert.equal(analysisToJson(a).previous!.total, '77.966', '0,7 × 79,43 + 0,3 × 74,55');
  // The shares as the API sends them: decimal text.
  assert.deepEqual(
    analysisToJson(a).baseline!.units.map((u) => u.weight),
    ['0.7', '0.3'],
  );
  assert.equal(a.previous!.rank, undefined, 'a combined baseline has no rank');
  assert.match(
    b.words.vi,
    /^so với bình quân gia quyền theo dân số của huyện Tam Đường \(70%\) và huyện Phong Thổ \(30%\) \(các đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024\)$/,
  );
  assert.equal(analysisToJson(a).components.find((c) => c.code === '2')!.previousScore, '4.425');
});

test('the rule: mean, a single predecessor only, none — from the province, the framework first', () => {
  assert.equal(resolveBaseline(withRule('mean'), 'khun-ha', 2025).combination, 'mean');
  assert.equal(resolveBaseline(withRule(undefined), 'khun-ha', 2025).ruleFrom, 'default');
  const single = resolveBaseline(withRule('predecessor'), 'khun-ha', 2025);
  assert.equal(single.kind, 'none');
  assert.match(single.words.vi, /^không có kết quả năm 2024 để so sánh \(có 2 đơn vị tiền thân/);
  assert.equal(resolveBaseline(withRule('predecessor'), 'ban-bo', 2025).kind, 'predecessor');
  const none = analyzeUnit(withRule('none'), 'ban-bo', 2025);
  assert.equal(none.baseline!.kind, 'none');
  assert.equal(none.previous, undefined);
  assert.equal(none.totalChange, undefined);
  const framework = dataset.frameworks.get('lai-chau-commune-2025')!;
  const byFramework: Dataset = {
    ...dataset,
    frameworks: new Map([...dataset.frameworks, [framework.id, { ...framework, settings: { ...framework.settings, baseline: 'none' } }]]),
  };
  const b = resolveBaseline(byFramework, 'ban-bo', 2025);
  assert.deepEqual([b.kind, b.ruleFrom], ['none', 'framework']);
});

test("a unit's own previous result is its baseline, ranks compared within the same peers", () => {
  const a = analyzeUnit(dataset, 'tam-duong', 2024);
  assert.deepEqual([a.baseline!.kind, a.baseline!.words.vi, a.baseline!.rankComparable], ['own', 'so với năm 2023', true]);
  assert.deepEqual(a.rankChange, { places: 0, direction: 'unchanged' });
});

test('the trend follows the lineage back through the predecessor, and marks the break', () => {
  const trend = trendOf(dataset, 'ban-bo');
  assert.deepEqual(
    trend.map((p) => [p.year, p.rank, p.of, p.lineage?.kind ?? 'own']),
    [
      [2022, 3, 8, 'predecessor'],
      [2023, 4, 8, 'predecessor'],
      [2024, 4, 8, 'predecessor'],
      [2025, 2, 4, 'own'],
    ],
  );
  assert.match(trend[3]!.breakBefore!.vi, /^từ năm 2025: kết quả của chính đơn vị; các năm trước là của đơn vị tiền thân huyện Tam Đường \(cấp huyện\)$/);
  const merged = trendOf(dataset, 'khun-ha');
  assert.deepEqual(
    merged.map((p) => [p.year, p.lineage?.kind ?? 'own', p.rank]),
    [
      [2022, 'combined', undefined],
      [2023, 'combined', undefined],
      [2024, 'combined', undefined],
      [2025, 'own', 3],
    ],
  );
});

test('the checker says the baseline, and flags a text comparing ranks across peer sets', () => {
  const a = analyzeUnit(dataset, 'ban-bo', 2025);
  const info = a.findings.find((f) => f.id === 'baseline.lineage')!;
  assert.equal(info.severity, 'info');
  assert.match(info.message.vi, /^Mức so sánh: so với huyện Tam Đường/);
  const claims = [{ where: 'I.1', about: 'rankChange' as const, year: 2025, text: 'tăng 2 hạng', tiedWith: [], behind: [] }];
  const findings = checkConsistency(a, { unitId: 'ban-bo', year: 2025, claims } as never);
  assert.equal(findings.find((f) => f.id === 'baseline.rankPeers:I.1')?.severity, 'warning');
  assert.equal(
    analyzeUnit(dataset, 'tam-duong', 2024).findings.some((f) => f.id.startsWith('baseline.')),
    false,
  );
});
