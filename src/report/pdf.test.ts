import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { toDocx } from './docx.ts';
import { docxToPdfMany } from './pdf.ts';

const available = (tool: string, ...args: string[]) => !spawnSync(tool, args, { encoding: 'utf8' }).error;

test('the DOCX opens in LibreOffice: a batch becomes PDFs in one run, A4, page numbers from page 2, first page rendered to PNG', {
  timeout: 300_000,
}, async (t) => {
  if (!available('soffice', '--version') || !available('pdftotext', '-v')) {
    if (process.env.PARINDEX_REQUIRE_TOOLS === '1') assert.fail('LibreOffice (soffice) and poppler (pdftotext, pdftoppm) are required here');
    return t.skip('LibreOffice or poppler is not installed');
  }
  const dataset = loadDataset();
  const [tamDuong, thanUyen] = await docxToPdfMany([
    await toDocx(buildReport(dataset, 'tam-duong', 2023)),
    await toDocx(buildReport(dataset, 'than-uyen', 2023)),
  ]);
  const folder = mkdtempSync(join(tmpdir(), 'parindex-report-'));
  try {
    const file = join(folder, 'r.pdf');
    writeFileSync(file, tamDuong!);
    writeFileSync(join(folder, 'other.pdf'), thanUyen!);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    assert.ok(pages >= 5, `${pages} pages`);
    const page = (n: number, pdf = file) => spawnSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).stdout;
    const first = page(1);
    for (const text of [
      'ỦY BAN NHÂN DÂN',
      'HUYỆN TAM ĐƯỜNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 729/BC-UBND',
      'BÁO CÁO',
      '78,12',
    ])
      assert.ok(first.includes(text), text);
    // Page numbers: none on page 1, "2" alone at the top of page 2, the last page numbered too.
    const firstLine = (text: string) =>
      text
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean);
    assert.doesNotMatch(firstLine(first)!, /^\d+$/);
    assert.equal(firstLine(page(2)), '2');
    assert.equal(firstLine(page(pages)), String(pages));
    // The signature never stands alone on a page: the closing sentence comes with it.
    assert.match(page(pages), /Trên đây là[\s\S]*Nơi nhận:[\s\S]*TM\. ỦY BAN NHÂN DÂN/);
    assert.match(page(1, join(folder, 'other.pdf')), /HUYỆN THAN UYÊN/);
    // The chart follows the tables on their page instead of moving on and leaving half a page blank; its caption is with it.
    const pageOf = (needle: string) => Array.from({ length: pages }, (_, i) => i + 1).find((n) => page(n).replace(/\s+/g, ' ').includes(needle));
    assert.equal(pageOf('Biểu đồ: tỷ lệ điểm đạt'), pageOf('Mức tăng/giảm là hiệu của hai tỷ lệ'));
    // The unit's name is never split across lines in the title.
    const title = first.slice(first.indexOf('BÁO CÁO'), first.indexOf('Lưu ý'));
    assert.match(title, /Tam Đường/);
    assert.doesNotMatch(title, /Tam\s*\n\s*Đường/);
    const png = spawnSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(folder, 'page')]);
    assert.equal(png.status, 0);
    const image = readFileSync(join(folder, 'page.png'));
    assert.equal(image.subarray(1, 4).toString(), 'PNG');
    // 60 dpi A4: about 496 × 702 pixels (poppler rounds the width up).
    assert.ok(Math.abs(image.readUInt32BE(16) - 496) <= 1 && Math.abs(image.readUInt32BE(20) - 702) <= 1);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
