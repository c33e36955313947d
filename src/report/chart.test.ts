import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { chartSize, chartSvg, wrapLabel } from './chart.ts';
import { inflateSync } from 'node:zlib';
import { encodePng } from './drawPng.ts';
import { svgToPng } from './raster.ts';
import type { ChartData } from './types.ts';

const chartOf = (unit: string): ChartData => {
  const block = buildReport(loadDataset(), unit, 2023).body.find((b) => b.kind === 'chart');
  assert.ok(block && block.kind === 'chart');
  return block.chart;
};

test('the chart compares this year and last year per component, labelled in Vietnamese', () => {
  const chart = chartOf('tam-duong');
  assert.deepEqual(
    chart.series.map((s) => s.name),
    ['Năm 2022', 'Năm 2023'],
  );
  assert.equal(chart.categories.length, 8);
  assert.equal(chart.categories[0], '1. Công tác chỉ đạo, điều hành CCHC');
  assert.equal(chart.series[1]!.values[0]!.toFixed(4), '70.5185');
  const svg = chartSvg(chart);
  for (const text of ['Năm 2022', 'Năm 2023', 'Tỷ lệ điểm đạt (%)', '6. Tài chính công', '70,5', '36,2']) assert.ok(svg.includes(`>${text}<`), text);
  assert.ok(svg.includes(`height="${chartSize(chart).height}"`));
});

test('long labels wrap on words into at most three lines, an ellipsis marking what is cut', () => {
  assert.deepEqual(wrapLabel('7. Xây dựng và phát triển chính quyền điện tử, chính quyền số', 37), [
    '7. Xây dựng và phát triển chính quyền',
    'điện tử, chính quyền số',
  ]);
  const cut = wrapLabel('một hai ba bốn năm sáu bảy tám chín mười', 8);
  assert.equal(cut.length, 3);
  assert.ok(cut[2]!.endsWith('…'));
  assert.ok(cut.every((l) => l.length <= 8));
});

/** One character drawn alone, as the DOCX's PNG would draw it. */
const glyph = (ch: string) =>
  svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" font-family="Liberation Serif, Times New Roman, DejaVu Serif, serif" font-size="30"><rect width="40" height="40" fill="#fff"/><text x="4" y="32">${ch}</text></svg>`,
    40,
  );

test('every letter of the chart’s Vietnamese labels has a glyph in the rasteriser’s font (no tofu boxes)', async () => {
  const chart = chartOf('tam-duong');
  const letters = [...new Set([...chart.categories, ...chart.series.map((s) => s.name), chart.unit].join('').replace(/[\x00-\x7f]/g, ''))];
  assert.ok(letters.includes('ư') && letters.includes('đ') && letters.includes('ạ'), letters.join(''));
  // A private-use code point no font has: what a missing glyph looks like.
  const none = Buffer.from(await glyph('\ue000'));
  for (const letter of [...letters, 'ơ', 'Ư', 'Đ', 'ễ', 'ỹ']) {
    const drawn = Buffer.from(await glyph(letter));
    assert.ok(!drawn.equals(none), `no glyph for ${letter}`);
  }
  // And the diacritic is drawn: ư is not u.
  assert.ok(!Buffer.from(await glyph('ư')).equals(Buffer.from(await glyph('u'))));
});

test('the PNG encoder writes valid chunks whose pixels decode back unchanged', () => {
  const width = 3;
  const height = 2;
  const rgba = Uint8Array.from([255, 255, 255, 255, 31, 78, 140, 255, 0, 0, 0, 255, 154, 169, 189, 255, 10, 250, 5, 255, 255, 0, 0, 128]);
  const png = Buffer.from(encodePng(rgba, width, height));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  assert.deepEqual(
    chunks.map((c) => c.type),
    ['IHDR', 'IDAT', 'IEND'],
  );
  assert.deepEqual([chunks[0]!.data.readUInt32BE(0), chunks[0]!.data.readUInt32BE(4), ...chunks[0]!.data.subarray(8)], [3, 2, 8, 6, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.data);
  const decoded: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1));
    assert.equal(row[0], 0, 'rows unfiltered');
    decoded.push(...row.subarray(1));
  }
  assert.deepEqual(decoded, [...rgba]);
});
