import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeUnit, fraction, formatPercent, percentOf, parsePoints, type Points } from '../core/index.ts';
import { loadDataset } from '../io/dataFolder.ts';
import { docxParagraphs } from './docxText.ts';
import { buildReport, toDocx, toHtml, toMarkdown } from './index.ts';
import { percentChangeWords, pointsChangeWords, rankChangeWords } from './narrative.ts';

// A copy of shared/spec/seed-data.json (the seed report's figures, reasons and tasks), so the test runs from any checkout.
const seed = JSON.parse(readFileSync(new URL('./fixtures/seed-data.json', import.meta.url), 'utf8'));
const dataset = loadDataset();
const fixture = new URL('./fixtures/tam-duong-2023.md', import.meta.url);
const points = (n: number) => parsePoints(n);

test('the Tam Đường 2023 DOCX carries every heading, table row, figure, criterion, reason and task of the seed', async () => {
  const text = (await docxParagraphs(await toDocx(buildReport(dataset, 'tam-duong', 2023)))).join('\n');
  const has = (needle: string, why = needle) => assert.ok(text.includes(needle), `missing: ${why}`);
  for (const heading of ['I. PHÂN TÍCH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM 2023', '1. Tổng hợp kết quả', '2. Kết quả Chỉ số PAR INDEX năm 2023', '3. Nguyên nhân', 'II. NHIỆM VỤ VÀ GIẢI PHÁP']) has(heading);
  for (let i = 1; i <= 8; i++) has(`2.${i}. Chỉ số thành phần`);
  has(seed.causes.increaseHeading);
  has(seed.causes.decreaseHeading);
  for (const t of [...seed.causes.increase, ...seed.causes.decrease]) has(t.slice(0, 80));
  // The header block and the signature.
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 729/BC-UBND', 'Tam Đường, ngày 05 tháng 7 năm 2024', 'BÁO CÁO', seed.report.title, 'Nơi nhận:', seed.report.signature]) has(s);
  for (const r of seed.report.recipients) has(r);
  // Part I.1: the two years, computed; 55,81 was printed truncated (exact 55,819875 → 55,82).
  const rows = text.split('\n');
  assert.ok(rows.includes('2022') && rows.includes('48,04') && rows.includes('24,03') && rows.includes('72,07'));
  assert.ok(rows.includes('2023') && rows.includes('55,82') && rows.includes('22,30') && rows.includes('78,12'));
  const analysis = analyzeUnit(dataset, 'tam-duong', 2023);
  assert.ok(analysis.findings.some((f) => f.message.vi.includes('55,81')), 'the checker lists the printed 55,81');
  // Part I.2: every component's score/max of both years and percent of both years.
  for (const c of seed.components) {
    has(c.name.split(' ')[0]);
    for (const year of ['2022', '2023']) {
      const score = points(c.score[year]);
      assert.ok(rows.some((r) => r.startsWith(`${String(c.score[year]).replace('.', ',')}/`)), `score ${c.code} ${year}`);
      const exact = formatPercent(percentOf(score, points(c.max))!);
      assert.ok(rows.includes(exact), `percent ${c.code} ${year}: ${exact}`);
      if (exact !== `${c.percent[year].toFixed(2).replace('.', ',')}%`) {
        assert.ok(analysis.findings.some((f) => f.component === c.code), `the checker explains the printed ${c.percent[year]}% of ${c.code}`);
      }
    }
  }
  // Every deducted criterion, its points and its reason.
  for (const d of seed.deductions.filter((x: { year: number }) => x.year === 2023)) {
    if (d.criterion !== d.component) has(`Tiêu chí ${d.criterion}`);
    has(`bị trừ ${String(d.points).replace('.', ',')} điểm`, `${d.criterion} points`);
    has(d.reason.slice(0, 60).replace(/^Do /, ''), `${d.criterion} reason`);
  }
  // Part II: every department and every task.
  for (const group of seed.tasks2024) {
    has(group.department);
    for (const task of group.tasks) has(task.slice(0, 100), `${group.department}: ${task.slice(0, 40)}`);
  }
});

test('the generated Markdown matches the golden text snapshot (and the HTML carries the same figures, escaped)', () => {
  const doc = buildReport(dataset, 'tam-duong', 2023);
  const markdown = toMarkdown(doc);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(fixture)) writeFileSync(fixture, markdown);
  assert.equal(markdown, readFileSync(fixture, 'utf8'));
  const html = toHtml(doc);
  for (const figure of ['78,12', '70,52%', '13,4753/13,50', '7,409775/7,50']) assert.ok(html.includes(figure), figure);
  assert.ok(!/<script/i.test(html));
});

test('parts the data does not give are marked, never invented', () => {
  const markdown = toMarkdown(buildReport(dataset, 'than-uyen', 2023));
  assert.match(markdown, /\[Chưa có nội dung: phần mở đầu/);
  assert.match(markdown, /\[Chưa có nội dung: nhiệm vụ, giải pháp năm 2024/);
  assert.match(markdown, /\[Chưa có nội dung: họ tên người ký\]/);
  assert.doesNotMatch(markdown, /Phòng Nội vụ/);
});

test('direction words always follow the sign of the change they describe', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
      const words = percentChangeWords(fraction(n, d));
      return n > 0n ? words.startsWith('tăng ') : n < 0n ? words.startsWith('giảm ') : words.startsWith('giữ nguyên');
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (micro) => {
      const words = pointsChangeWords(micro as Points);
      return micro > 0 ? words.startsWith('tăng ') && !words.includes('-') : micro < 0 ? words.startsWith('giảm ') && !words.includes('-') : words.startsWith('giữ nguyên');
    }),
  );
  assert.equal(rankChangeWords(-1), 'giảm 1 hạng');
  assert.equal(rankChangeWords(2), 'tăng 2 hạng');
});

test('the DOCX opens in LibreOffice and the PDF’s first page renders to an image', { timeout: 180_000 }, async (t) => {
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  if (soffice.error) {
    if (process.env.PARINDEX_REQUIRE_TOOLS === '1') assert.fail('LibreOffice (soffice) is required here');
    return t.skip('LibreOffice is not installed');
  }
  const folder = mkdtempSync(join(tmpdir(), 'parindex-report-'));
  try {
    writeFileSync(join(folder, 'r.docx'), await toDocx(buildReport(dataset, 'tam-duong', 2023)));
    const convert = spawnSync('soffice', [`-env:UserInstallation=file://${join(folder, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', folder, join(folder, 'r.docx')], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(convert.status, 0, convert.stderr);
    const text = spawnSync('pdftotext', ['-l', '1', join(folder, 'r.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text.stdout, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT/);
    assert.match(text.stdout, /78,12/);
    const png = spawnSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', '-singlefile', join(folder, 'r.pdf'), join(folder, 'page')]);
    assert.equal(png.status, 0);
    assert.ok(readFileSync(join(folder, 'page.png')).subarray(1, 4).toString() === 'PNG');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
