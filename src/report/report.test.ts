import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeUnit, formatNumber, formatPercent, parsePoints, percentOf, subtractFractions } from '../core/index.ts';
import { loadDataset } from '../io/dataFolder.ts';
import { docxParagraphs } from './docxText.ts';
import { buildReport, toDocx, toHtml, toMarkdown } from './index.ts';

// A copy of shared/spec/seed-data.json (the seed report's figures, reasons and tasks), so the test runs from any checkout.
const seed = JSON.parse(readFileSync(new URL('./fixtures/seed-data.json', import.meta.url), 'utf8'));
const dataset = loadDataset();
const fixture = new URL('./fixtures/tam-duong-2023.md', import.meta.url);
const points = (n: number) => parsePoints(n);
/** A seed figure as the report's tables print it: exact, at least two decimals (4,50; 13,4753; 7,409775). */
const tableFigure = (n: number) => {
  const [whole, frac = ''] = String(n).split('.');
  return `${whole},${frac.padEnd(2, '0')}`;
};
const percentText = (score: number, max: number) => formatPercent(percentOf(points(score), points(max))!);
const percentChange = (c: { score: Record<string, number>; max: number }) =>
  formatNumber(subtractFractions(percentOf(points(c.score['2023']!), points(c.max))!, percentOf(points(c.score['2022']!), points(c.max))!), { decimals: 2, signed: true });

let docx: Promise<string[]> | undefined;
const docxText = () => (docx ??= toDocx(buildReport(dataset, 'tam-duong', 2023)).then(docxParagraphs));

test('the Tam Đường 2023 DOCX has the seed’s header block, headings, causes, closing, recipients and signature', async () => {
  const paragraphs = await docxText();
  const text = paragraphs.join('\n');
  const has = (needle: string, why = needle) => assert.ok(text.includes(needle), `missing: ${why}`);
  for (const line of ['ỦY BAN NHÂN DÂN', 'HUYỆN TAM ĐƯỜNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 729/BC-UBND', 'Tam Đường, ngày 05 tháng 7 năm 2024', 'BÁO CÁO', seed.report.title, 'Nơi nhận:', seed.report.signature]) {
    assert.ok(paragraphs.includes(line), `header or signature line: ${line}`);
  }
  for (const heading of [
    'I. PHÂN TÍCH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM 2023',
    '1. Tổng hợp kết quả Chỉ số PAR INDEX của huyện Tam Đường năm 2022 và năm 2023',
    '2. Kết quả Chỉ số PAR INDEX năm 2023 theo từng lĩnh vực đánh giá',
    '3. Nguyên nhân các chỉ số tăng, giảm thứ tự xếp hạng',
    seed.causes.increaseHeading,
    seed.causes.decreaseHeading,
    'II. NHIỆM VỤ VÀ GIẢI PHÁP NÂNG CAO CHỈ SỐ PAR INDEX',
  ]) {
    assert.ok(paragraphs.includes(heading), `heading: ${heading}`);
  }
  for (let i = 1; i <= 8; i++) assert.ok(paragraphs.some((p) => p.startsWith(`2.${i}. Chỉ số thành phần `)), `heading 2.${i}`);
  for (const t of [...seed.causes.increase, ...seed.causes.decrease]) has(t, t.slice(0, 60));
  has(`Trên đây là Báo cáo phân tích Chỉ số cải cách hành chính (PAR INDEX) năm 2023; giải pháp nâng cao Chỉ số PAR INDEX năm 2024 của UBND huyện Tam Đường./.`);
  for (const r of seed.report.recipients) assert.ok(paragraphs.includes(`- ${r}`) || paragraphs.includes(`- ${r}.`), `recipient ${r}`);
});

test('the Tam Đường 2023 DOCX has every table row and figure of the seed, computed exactly', async () => {
  const paragraphs = await docxText();
  // Part I.1: the two years' rows, cell by cell, exact: the decision printed 55,81 and 78,12 for 55,819875 and 78,119875.
  const row = (cells: string[]) => paragraphs.some((_, i) => cells.every((c, k) => paragraphs[i + k] === c));
  assert.ok(row(['2022', '48,04', '24,03', '72,07', '3']), 'summary row 2022');
  assert.ok(row(['2023', '55,819875', '22,30', '78,119875', '4']), 'summary row 2023');
  // The sentences round for reading, as the seed does.
  assert.ok(paragraphs.includes('Năm 2023, Chỉ số PAR INDEX của huyện đạt 78,12 điểm, xếp vị trí thứ 4/8 huyện, thành phố, giảm 1 hạng so với năm 2022.'));
  const analysis = analyzeUnit(dataset, 'tam-duong', 2023);
  assert.ok(analysis.findings.some((f) => f.message.vi.includes('55,81')), 'the checker lists the printed 55,81');
  // Part I.2: each component's row of the score table and of the percentage table.
  for (const c of seed.components) {
    const max = formatNumber(c.max, { decimals: 2 });
    const scores = [`${tableFigure(c.score['2022'])}/${max}`, `${tableFigure(c.score['2023'])}/${max}`];
    assert.ok(paragraphs.some((p, i) => p === c.code && paragraphs[i + 1]!.length > 5 && scores.every((x, k) => paragraphs[i + 2 + k] === x)), `score row ${c.code}: ${scores.join(' ')}`);
    const percents = [percentText(c.score['2022'], c.max), percentText(c.score['2023'], c.max), percentChange(c)];
    assert.ok(paragraphs.some((p, i) => p === c.code && percents.every((x, k) => paragraphs[i + 2 + k] === x)), `percent row ${c.code}: ${percents.join(' ')}`);
    for (const year of ['2022', '2023']) {
      if (percentText(c.score[year], c.max) !== `${c.percent[year].toFixed(2).replace('.', ',')}%`) {
        assert.ok(analysis.findings.some((f) => f.component === c.code), `the checker explains the printed ${c.percent[year]}% of ${c.code}`);
      }
    }
  }
});

test('each component’s section states the seed’s score, rank, ties and the units ahead, and the direction of the data', async () => {
  const paragraphs = await docxText();
  for (const [index, c] of seed.components.entries()) {
    const heading = paragraphs.findIndex((p) => p.startsWith(`2.${index + 1}. Chỉ số thành phần `));
    const sentence = paragraphs[heading + 1]!;
    assert.ok(sentence.startsWith(`Đạt ${formatNumber(c.score['2023'], { decimals: 2 })}/${formatNumber(c.max, { decimals: 2 })} điểm (bằng ${percentText(c.score['2023'], c.max)})`), sentence);
    assert.match(sentence, new RegExp(`xếp hạng thứ ${c.rank2023}/8`), `${c.code}: ${sentence}`);
    assert.equal(sentence.includes('cùng xếp hạng'), Boolean(c.tiedWith?.length), `${c.code}: ${sentence}`);
    for (const name of [...(c.tiedWith ?? []), ...(c.rankedAbove ?? [])]) assert.ok(sentence.includes(name), `${c.code} names ${name}: ${sentence}`);
    // The direction comes from the data, even where the seed wrote the opposite (2.6: "giảm 1,49%" for a rise).
    const change = percentChange(c);
    assert.ok(sentence.includes(`${change.startsWith('-') ? 'giảm' : 'tăng'} ${change.slice(1)} điểm phần trăm so với năm 2022`), `${c.code}: ${sentence}`);
  }
  const c6 = paragraphs.find((p) => p.startsWith('Đạt 2,54/7,00'))!;
  assert.match(c6, /tăng 1,53 điểm phần trăm/);
  assert.match(c6, /xếp hạng thứ 7\/8 huyện, thành phố/);
});

test('the DOCX names every criterion the seed lists and every deducted criterion with its points and full reason', async () => {
  const text = (await docxText()).join('\n');
  for (const c of seed.components) for (const name of c.criteria?.named ?? []) assert.ok(text.includes(name.replace(/^\(\d\)\s*/, '')), `${c.code} criterion: ${name}`);
  for (const d of seed.deductions.filter((x: { year: number }) => x.year === 2023)) {
    const reason = d.reason;
    if (d.criterion !== d.component) assert.ok(text.includes(`Tiêu chí ${d.criterion}. `), `criterion ${d.criterion}`);
    assert.ok(text.includes(`(bị trừ ${String(d.points).replace('.', ',')} điểm)`) || text.includes(`bị trừ ${String(d.points).replace('.', ',')} điểm:`), `${d.criterion} points`);
    assert.ok(text.includes(reason), `${d.criterion} reason`);
  }
});

test('part II has every department of the seed, in order, with every task in full', async () => {
  const paragraphs = await docxText();
  let from = paragraphs.indexOf('II. NHIỆM VỤ VÀ GIẢI PHÁP NÂNG CAO CHỈ SỐ PAR INDEX');
  assert.ok(from > 0);
  for (const [index, group] of seed.tasks2024.entries()) {
    const at = paragraphs.indexOf(`${index + 1}. ${group.department}`, from);
    assert.ok(at > from, `department ${group.department}`);
    group.tasks.forEach((task: string, k: number) => assert.equal(paragraphs[at + 1 + k], `- ${task}`, `${group.department}, task ${k + 1}`));
    from = at;
  }
});

test('the generated Markdown matches the golden text snapshot', () => {
  const markdown = toMarkdown(buildReport(dataset, 'tam-duong', 2023));
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(fixture)) writeFileSync(fixture, markdown);
  assert.equal(markdown, readFileSync(fixture, 'utf8'));
});

test('the HTML and the Markdown say everything the DOCX says, and the HTML escapes what the unit wrote', async () => {
  const doc = buildReport(dataset, 'tam-duong', 2023);
  const paragraphs = (await docxParagraphs(await toDocx(doc))).map((p) => p.replace(/^- /, '').trim()).filter(Boolean);
  const html = toHtml(doc);
  const htmlText = html.replace(/<[^>]+>/g, '\n').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  const markdown = toMarkdown(doc).replace(/\\([*#>+-])/g, '$1').replace(/\*/g, '');
  for (const p of paragraphs) {
    assert.ok(htmlText.includes(p), `HTML lacks: ${p.slice(0, 80)}`);
    assert.ok(markdown.includes(p.replace(/\*/g, '')), `Markdown lacks: ${p.slice(0, 80)}`);
  }
  // The chart: the image in the DOCX, SVG labels in the HTML, a table in the Markdown.
  for (const label of ['1. Công tác chỉ đạo, điều hành CCHC', '6. Tài chính công']) {
    assert.ok(html.includes(label), label);
    assert.ok(markdown.includes(`| ${label} |`), label);
  }
  const hostile = { ...doc, body: [{ kind: 'paragraph' as const, runs: [{ text: '<script>alert(1)</script> & "x"' }] }] };
  const escaped = toHtml(hostile);
  assert.ok(!/<script/i.test(escaped));
  assert.match(escaped, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;x&quot;/);
});
