import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chartWorker, stopChartWorker } from '../../report/chartWorker.ts';
import { run } from '../testing.ts';
import { startEarly } from './reportEarly.ts';

const province = fileURLToPath(new URL('../../../data/demo/lai-chau', import.meta.url));

test('report starts the drawing thread for a chart, and stops it when the data is kept since the last report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-report-early-'));
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = join(dir, 'cache');
  try {
    const data = join(dir, 'data');
    cpSync(province, data, { recursive: true });
    const args = (...more: string[]) => ['--data', data, '--unit', 'tam-duong', '--year', '2023', ...more];

    await startEarly(args('--format', 'html'));
    assert.equal(chartWorker(), undefined, 'no chart in HTML: no thread');
    await startEarly(args('--format', 'docx', '--database'));
    assert.equal(chartWorker(), undefined, 'the database is read later: no thread yet');

    await startEarly(args('--format', 'docx'));
    assert.ok(chartWorker(), 'data never reported: the thread runs');
    stopChartWorker();
    assert.equal(chartWorker(), undefined);

    const result = await run('report', ...args('--format', 'docx', '--out', join(dir, 'r.docx')));
    assert.equal(result.code, 0, result.err);
    stopChartWorker();
    await startEarly(args('--format', 'pdf'));
    assert.equal(chartWorker(), undefined, 'the data unchanged since that report: the thread stopped again');
  } finally {
    stopChartWorker();
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
