import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeUnit, formatNumber, formatPercent, parsePoints, percentOf, roundFraction, subtractFractions } from '../core/index.ts';
import { loadDataset } from '../io/dataFolder.ts';
import { docxParagraphs } from './docxText.ts';
import { buildReport, toDocx, toHtml, toMarkdown } from './index.ts';

// A copy of shared/spec/seed-data.json (the seed report's figures, reasons and tasks), so the test runs from any checkout.
const seed = JSON.parse(readFileSync(new URL('./fixtures/seed-data.json', import.meta.url), 'utf8'));
const dataset = loadDataset();
const fixture = new URL('./fixtures/tam-duong-2023.md', import.meta.url);
const points = (n: number) => parsePoints(n);
/** A seed figure as the report's tables print it: rounded to the framework's precision, two decimals (4,50; 13,48; 7,41). */
const tableFigure = (n: number) => formatNumber(points(n) / 1_000_000, { decimals: 2 });
const percentText = (score: number, max: number) => formatPercent(percentOf(points(score), points(max))!);
const rounded = (score: number, max: number) => roundFraction(percentOf(points(score), points(max))!, 2, 'halfUp');
/** The change column: the difference of the two printed percentages beside it. */
const percentChange = (c: { score: Record<string, number>; max: number }) =>
  formatNumber(subtractFractions(rounded(c.score['2023']!, c.max), rounded(c.score['2022']!, c.max)), { decimals: 2, signed: true });

let docx: Promise<string[]> | undefined;
const docxText = () => (docx ??= toDocx(buildReport(dataset, 'tam-duong', 2023)).then(docxParagraphs));

test('the Tam Đường 2023 DOCX has the seed’s header block, headings, causes, closing, recipients and signature', async () => {
  const paragraphs = await docxText();
  const text = paragraphs.join('\n');
  const has = (needle: string, why = needle) => assert.ok(text.includes(needle), `missing: ${why}`);
  for (const line of [
    'ỦY BAN NHÂN DÂN',
    'HUYỆN TAM ĐƯỜNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 729/BC-UBND',
    'Tam Đường, ngày 05 tháng 7 năm 2024',
    'BÁO CÁO',
    seed.report.title,
    'Nơi nhận:',
    seed.report.signature,
  ]) {
    assert.ok(paragraphs.map((p) => p.replace(/\u00a0/g, ' ')).includes(line), `header or signature line: ${line}`);
  }
  // The unit's name in the title never breaks across lines ("Tam / Đường").
  assert.ok(
    paragraphs.some((p) => p.startsWith('Phân tích') && p.endsWith('UBND huyện Tam\u00a0Đường')),
    'non-breaking space in the title',
  );
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
  for (let i = 1; i <= 8; i++)
    assert.ok(
      paragraphs.some((p) => p.startsWith(`2.${i}. Chỉ số thành phần `)),
      `heading 2.${i}`,
    );
  for (const t of [...seed.causes.increase, ...seed.causes.decrease]) has(t, t.slice(0, 60));
  has(
    `Trên đây là Báo cáo phân tích Chỉ số cải cách hành chính (PAR INDEX) năm 2023; giải pháp nâng cao Chỉ số PAR INDEX năm 2024 của UBND huyện Tam Đường./.`,
  );
  for (const r of seed.report.recipients) assert.ok(paragraphs.includes(`- ${r}`) || paragraphs.includes(`- ${r}.`), `recipient ${r}`);
});

test('the Tam Đường 2023 DOCX has every table row and figure of the seed, computed exactly', async () => {
  const paragraphs = await docxText();
  // Part I.1: the two years' rows, cell by cell, as the decision published them: 55,81 and 78,12 (exact: 55,819875 and 78,119875, which the checker gives).
  const row = (cells: string[]) => paragraphs.some((_, i) => cells.every((c, k) => paragraphs[i + k] === c));
  assert.ok(row(['2022', '48,04', '24,03', '72,07', '3']), 'summary row 2022');
  assert.ok(row(['2023', '55,81', '22,30', '78,12', '4']), 'summary row 2023');
  assert.ok(!paragraphs.some((p) => p.includes('55,819875') || p.includes('78,119875')), 'no exact figure beyond the precision in the signed text');
  // The sentences round for reading, as the seed does.
  assert.ok(paragraphs.includes('Năm 2023, Chỉ số PAR INDEX của huyện đạt 78,12 điểm, xếp vị trí thứ 4/8 huyện, thành phố, giảm 1 hạng so với năm 2022.'));
  const analysis = analyzeUnit(dataset, 'tam-duong', 2023);
  assert.ok(
    analysis.findings.some((f) => f.message.vi.includes('in 55,81, số liệu tính được 55,819875') && f.message.vi.includes('lệch')),
    'the checker gives the printed 55,81, the exact figure and the difference',
  );
  // Part I.2: each component's row of the score table and of the percentage table.
  for (const c of seed.components) {
    const max = formatNumber(c.max, { decimals: 2 });
    const scores = [`${tableFigure(c.score['2022'])}/${max}`, `${tableFigure(c.score['2023'])}/${max}`];
    assert.ok(
      paragraphs.some((p, i) => p === c.code && paragraphs[i + 1]!.length > 5 && scores.every((x, k) => paragraphs[i + 2 + k] === x)),
      `score row ${c.code}: ${scores.join(' ')}`,
    );
    const percents = [percentText(c.score['2022'], c.max), percentText(c.score['2023'], c.max), percentChange(c)];
    assert.ok(
      paragraphs.some((p, i) => p === c.code && percents.every((x, k) => paragraphs[i + 2 + k] === x)),
      `percent row ${c.code}: ${percents.join(' ')}`,
    );
    for (const year of ['2022', '2023']) {
      if (percentText(c.score[year], c.max) !== `${c.percent[year].toFixed(2).replace('.', ',')}%`) {
        assert.ok(
          analysis.findings.some((f) => f.component === c.code),
          `the checker explains the printed ${c.percent[year]}% of ${c.code}`,
        );
      }
    }
  }
});

test('each component’s section states the seed’s score, rank, ties and the units ahead, and the direction of the data', async () => {
  const paragraphs = await docxText();
  for (const [index, c] of seed.components.entries()) {
    const heading = paragraphs.findIndex((p) => p.startsWith(`2.${index + 1}. Chỉ số thành phần `));
    const sentence = paragraphs[heading + 1]!;
    // Prose without trailing zeros: 5/5 điểm (bằng 100%), 9,52/13,5.
    const prose = (n: number) => formatNumber(points(n) / 1_000_000, { decimals: 2, trimZeros: true });
    const percent = formatPercent(percentOf(points(c.score['2023']), points(c.max))!, { trimZeros: true });
    assert.ok(sentence.includes(`${prose(c.score['2023'])}/${prose(c.max)} điểm (bằng ${percent}`), sentence);
    assert.match(sentence, new RegExp(`[Xx]ếp hạng thứ ${c.rank2023}/8`), `${c.code}: ${sentence}`);
    assert.equal(/[Cc]ùng xếp hạng/.test(sentence), Boolean(c.tiedWith?.length), `${c.code}: ${sentence}`);
    for (const name of [...(c.tiedWith ?? []), ...(c.rankedAbove ?? [])]) assert.ok(sentence.includes(name), `${c.code} names ${name}: ${sentence}`);
    // The direction comes from the data, even where the seed wrote the opposite (2.6: "giảm 1,49%" for a rise); the
    // magnitude is the percentage table's column, written with "%" as officials do, without trailing zeros.
    const change = formatNumber(subtractFractions(rounded(c.score['2023']!, c.max), rounded(c.score['2022']!, c.max)), {
      decimals: 2,
      trimZeros: true,
      signed: true,
    });
    assert.ok(
      sentence.includes(`${change.startsWith('-') ? 'giảm' : 'tăng'} ${change.slice(1)}%`) && sentence.includes('so với năm 2022'),
      `${c.code}: ${sentence}`,
    );
  }
  const c6 = paragraphs.find((p) => p.includes('2,54/7 điểm'))!;
  assert.match(c6, /tăng 1,53%/);
  assert.match(c6, /[Xx]ếp hạng thứ 7\/8 huyện, thành phố/);
  // No trailing zeros in the prose: "5/5 điểm (bằng 100%, điểm tối đa)", "tăng 10%".
  assert.ok(paragraphs.some((p) => p.includes('5/5 điểm (bằng 100%, điểm tối đa), tăng 10% so với năm 2022')));
  for (const p of paragraphs.filter((x) => x.length > 80)) assert.doesNotMatch(p, /\d,\d*0(?:%|\/| điểm)/, `a trailing zero in: ${p.slice(0, 100)}`);
  // The eight sections do not all open alike.
  const openings = seed.components.map((_: unknown, i: number) =>
    paragraphs[paragraphs.findIndex((p) => p.startsWith(`2.${i + 1}. Chỉ số thành phần `)) + 1]!.split(' ').slice(0, 3).join(' '),
  );
  assert.ok(new Set(openings).size >= 4, openings.join(' | '));
});

test('the DOCX names every criterion the seed lists and every deducted criterion with its points and full reason', async () => {
  const text = (await docxText()).join('\n');
  for (const c of seed.components)
    for (const name of c.criteria?.named ?? []) assert.ok(text.includes(name.replace(/^\(\d\)\s*/, '')), `${c.code} criterion: ${name}`);
  for (const d of seed.deductions.filter((x: { year: number }) => x.year === 2023)) {
    const reason = d.reason;
    if (d.criterion !== d.component) assert.ok(text.includes(`Tiêu chí ${d.criterion}. `), `criterion ${d.criterion}`);
    const lost = String(d.points).replace('.', ',');
    assert.ok(new RegExp(`(bị trừ|trừ|mất) ${lost} điểm`).test(text), `${d.criterion} points`);
    // The reason in full; after "do" its first letter in lower case.
    assert.ok(text.includes(reason.slice(1)), `${d.criterion} reason`);
  }
  // "vì lý do:" is one wording among several, not the only one.
  const because = (text.match(/vì lý do:/g) ?? []).length;
  assert.ok(because >= 1 && because <= 5, `${because} × "vì lý do:"`);
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
  const htmlText = html
    .replace(/<[^>]+>/g, '\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  const markdown = toMarkdown(doc)
    .replace(/\\([*#>+-])/g, '$1')
    .replace(/\*/g, '');
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
