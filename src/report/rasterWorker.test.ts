import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { chartSize, chartSvg } from './chart.ts';
import { chartsDrawnInWorker, startChartWorker } from './chartWorker.ts';
import { prefetchPng, svgToPng } from './raster.ts';

test('a chart drawn in the drawing thread has the bytes of one drawn in this thread, and the process still ends', async () => {
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = '';
  try {
    const block = buildReport(loadDataset(), 'tam-duong', 2023).body.find((b) => b.kind === 'chart');
    assert.ok(block?.kind === 'chart');
    const svg = chartSvg(block.chart);
    const width = Math.round(chartSize(block.chart).width * 1.5);
    const here = await svgToPng(svg, width);
    assert.equal(chartsDrawnInWorker(), 0);
    startChartWorker();
    startChartWorker();
    const [there, again] = await Promise.all([svgToPng(svg, width), svgToPng(svg.replace('#ffffff', '#fefefe'), width)]);
    assert.equal(chartsDrawnInWorker(), 2, 'both drawn by the thread');
    assert.deepEqual(Buffer.from(there), Buffer.from(here));
    assert.ok(!Buffer.from(again).equals(Buffer.from(here)), 'each answer goes to its own request');
    // Asked for ahead, then by the writer: drawn once, without a cache too.
    const third = svg.replace('#ffffff', '#fdfdfd');
    prefetchPng(third, width);
    prefetchPng(third, width);
    assert.equal(chartsDrawnInWorker(), 2, 'not drawn yet: the thread answers later');
    assert.ok(!Buffer.from(await svgToPng(third, width)).equals(Buffer.from(here)));
    assert.equal(chartsDrawnInWorker(), 3, 'drawn once');
  } finally {
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
  }
});
