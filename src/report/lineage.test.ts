/** The report across the 2025 reform: the baseline said, no predecessor's rank under the commune's peers, the chart's break. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset, reformFolders } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { chartSvg } from './chart.ts';
import type { Block } from './types.ts';

const dataset = loadDataset(reformFolders);
const texts = (blocks: Block[]) => JSON.stringify(blocks);

test('the report of a merged commune says its combined baseline and shows no district rank among communes', () => {
  const report = buildReport(dataset, 'khun-ha', 2025);
  const all = texts(report.body);
  assert.match(all, /Kết quả dùng để so sánh: bình quân gia quyền theo dân số của huyện Tam Đường \(70%\) và huyện Phong Thổ \(30%\)/);
  assert.match(all, /không cùng nhóm xếp hạng/);
  const table = report.body.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header.some((h) => h.startsWith('Xếp hạng')))!;
  assert.deepEqual(table.rows[0], ['2024 (huyện Tam Đường + huyện Phong Thổ, kết hợp)', '77,97', '—']);
  const chart = report.body.find((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart')!;
  assert.equal(chart.chart.series[0]!.lineage, true);
  const svg = chartSvg(chart.chart);
  assert.match(svg, /url\(#lineage-0\)/);
  assert.match(svg, /đơn vị tiền thân, kết hợp/);
});

test("a split commune's predecessor rank keeps its own denominator", () => {
  const report = buildReport(dataset, 'ban-bo', 2025);
  const table = report.body.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header.some((h) => h.startsWith('Xếp hạng')))!;
  assert.deepEqual(table.rows[0], ['2024 (huyện Tam Đường)', '79,43', '4/8 cấp huyện']);
  assert.match(texts(report.body), /so với năm 2024 \(huyện Tam Đường, đơn vị tiền thân\)/);
});
