import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport, chartLabel, issuerOf } from './build.ts';
import { docxParts, paragraphsWithRuns } from './docxText.ts';
import { toDocx } from './docx.ts';
import { toMarkdown } from './markdown.ts';

const dataset = loadDataset();

test('a unit without report data gets every free part marked, never invented (Than Uyên 2023)', async () => {
  const doc = buildReport(dataset, 'than-uyen', 2023);
  const markdown = toMarkdown(doc);
  for (const what of [
    'phần mở đầu',
    'nhận xét của đơn vị về chỉ số thành phần 1',
    'nguyên nhân các chỉ số tăng',
    'nguyên nhân các chỉ số giảm',
    'nhiệm vụ, giải pháp năm 2024',
    'nơi nhận',
    'họ tên người ký',
  ]) {
    assert.ok(markdown.includes(`[Chưa có nội dung: ${what}`), what);
  }
  // Nothing of Tam Đường's own texts leaks in, and no recipients are made up ("Như trên" needs a "Kính gửi").
  for (const foreign of ['Phòng Nội vụ', '32/32', 'Như trên', '729/BC-UBND']) assert.ok(!markdown.includes(foreign), foreign);
  // What the data does say is there: the figures, the criteria the framework lists, the closing formula from the title.
  assert.match(markdown, /Đạt 10,75\/13,5 điểm \(bằng 79,63%\)/);
  assert.match(markdown, /Chỉ số thành phần được đánh giá qua 7 tiêu chí: Mức độ hoàn thành Kế hoạch CCHC/);
  assert.match(
    markdown,
    /Trên đây là Báo cáo phân tích Chỉ số cải cách hành chính \(PAR INDEX\) năm 2023; nhiệm vụ và giải pháp nâng cao Chỉ số PAR INDEX năm 2024 của UBND huyện Than Uyên\.\/\./,
  );
  // A draft's number and day are left blank for the clerk, marked.
  assert.equal(doc.number.text, 'Số:      /BC-UBND');
  assert.ok(doc.number.missing && doc.placeDate.missing);
  // A people's committee signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (Phụ lục I); the signer's name is left to fill.
  assert.equal(doc.signature.authority, 'TM. ỦY BAN NHÂN DÂN');
  assert.equal(doc.signature.position.text, 'CHỦ TỊCH');
  assert.ok(doc.signature.signer.missing);
  assert.equal(doc.placeDate.text, 'Than Uyên, ngày      tháng      năm 2024');
  // In the DOCX every marked part is highlighted, so it cannot be signed unnoticed.
  const runs = paragraphsWithRuns((await docxParts(await toDocx(doc))).get('word/document.xml')!).flatMap((p) => p.runs);
  const marked = runs.filter((r) => r.text.startsWith('[Chưa có nội dung'));
  assert.ok(marked.length >= 7);
  assert.ok(marked.every((r) => r.highlight === 'yellow' && r.italic));
});

test('the issuing body: "ỦY BAN NHÂN DÂN" and its place are one bold name; a department has its parent body above it', () => {
  assert.deepEqual(issuerOf(['ỦY BAN NHÂN DÂN', 'HUYỆN TAM ĐƯỜNG']), { parent: [], body: ['ỦY BAN NHÂN DÂN', 'HUYỆN TAM ĐƯỜNG'] });
  assert.deepEqual(issuerOf(['UBND TỈNH LAI CHÂU', 'SỞ NỘI VỤ']), { parent: ['UBND TỈNH LAI CHÂU'], body: ['SỞ NỘI VỤ'] });
  assert.deepEqual(issuerOf(['ỦY BAN NHÂN DÂN', 'TỈNH LAI CHÂU', 'SỞ NỘI VỤ']), { parent: ['ỦY BAN NHÂN DÂN', 'TỈNH LAI CHÂU'], body: ['SỞ NỘI VỤ'] });
  assert.deepEqual(issuerOf(['SỞ NỘI VỤ']), { parent: [], body: ['SỞ NỘI VỤ'] });
  assert.deepEqual(buildReport(dataset, 'than-uyen', 2023).issuer, { parent: [], body: ['ỦY BAN NHÂN DÂN', 'HUYỆN THAN UYÊN'] });
});

test('a city is written "thành phố Lai Châu", never "thành phố TP. Lai Châu"', () => {
  const markdown = toMarkdown(buildReport(dataset, 'lai-chau-city', 2023));
  assert.match(markdown, /Chỉ số PAR INDEX thành phố Lai Châu năm 2023 đạt/);
  assert.doesNotMatch(markdown, /thành phố TP\./);
});

test('chart labels shorten component names with the usual abbreviations', () => {
  assert.equal(chartLabel('Công tác chỉ đạo, điều hành cải cách hành chính'), 'Công tác chỉ đạo, điều hành CCHC');
  assert.equal(chartLabel('Cải cách thủ tục hành chính'), 'TTHC');
  assert.equal(chartLabel('Cải cách tài chính công'), 'Tài chính công');
  assert.equal(
    chartLabel('Tác động của cải cách hành chính đến người dân, tổ chức và các chỉ tiêu phát triển kinh tế - xã hội'),
    'Tác động của CCHC đến người dân, tổ chức và các chỉ tiêu phát triển KT-XH',
  );
});
