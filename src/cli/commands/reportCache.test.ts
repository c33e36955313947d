import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { docxParagraphs } from '../../report/docxText.ts';
import { chartsDrawnInWorker } from '../../report/chartWorker.ts';
import { run } from '../testing.ts';

const province = fileURLToPath(new URL('../../../data/demo/lai-chau', import.meta.url));

/** The report's text and its chart image. */
async function docxOf(file: string): Promise<{ text: string; chart: Uint8Array }> {
  const bytes = readFileSync(file);
  const media = Object.entries(unzipSync(bytes)).filter(([name]) => name.startsWith('word/media/') && name.endsWith('.png'));
  assert.equal(media.length, 1);
  return { text: (await docxParagraphs(bytes)).join('\n'), chart: media[0]![1] };
}

test('a changed score shows in the next DOCX, its chart drawn anew rather than read from the cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-report-cache-'));
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = join(dir, 'cache');
  try {
    const data = join(dir, 'data');
    cpSync(province, data, { recursive: true });
    const report = async (name: string) => {
      const out = join(dir, name);
      const result = await run('report', '--data', data, '--unit', 'tam-duong', '--year', '2023', '--format', 'docx', '--out', out);
      assert.equal(result.code, 0, result.err);
      return docxOf(out);
    };
    const drawn = chartsDrawnInWorker();
    const first = await report('1.docx');
    assert.match(first.text, /Đạt 9,52\/13,5 điểm/);
    assert.equal(chartsDrawnInWorker(), drawn + 1, 'a dataset not kept: the chart drawn in its own thread');
    const again = await report('2.docx');
    assert.deepEqual(again.chart, first.chart, 'unchanged figures: the same image');
    assert.equal(readdirSync(join(dir, 'cache', 'charts')).length, 1, 'drawn once');
    assert.equal(chartsDrawnInWorker(), drawn + 1);

    const results = join(data, 'results', 'district-2023.yaml');
    const yaml = readFileSync(results, 'utf8');
    assert.ok(yaml.includes('"1": 9.52\n'));
    writeFileSync(results, yaml.replace('"1": 9.52\n', '"1": 8.52\n'));
    const changed = await report('3.docx');
    assert.match(changed.text, /Đạt 8,52\/13,5 điểm/);
    assert.doesNotMatch(changed.text, /Đạt 9,52\/13,5 điểm/);
    assert.notDeepEqual(changed.chart, first.chart, 'the chart shows the changed score');
    assert.equal(readdirSync(join(dir, 'cache', 'charts')).length, 2);
  } finally {
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
