import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { docxParts, paragraphsWithRuns, type DocxParagraph } from './docxText.ts';
import { toDocx } from './docx.ts';

const MM = 56.7;
const parts = toDocx(buildReport(loadDataset(), 'tam-duong', 2023)).then(docxParts);
const body = async () => paragraphsWithRuns((await parts).get('word/document.xml')!);
const find = (paragraphs: DocxParagraph[], text: string) => {
  const p = paragraphs.find((x) => x.text === text);
  assert.ok(p, `no paragraph "${text}"`);
  return p;
};
const attribute = (xml: string, tag: string, name: string) => Number(new RegExp(`<w:${tag}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1]);

test('page: A4 with the margins of Nghị định 30/2020 (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm)', async () => {
  const xml = (await parts).get('word/document.xml')!;
  const section = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(xml)![0];
  assert.equal(attribute(section, 'pgSz', 'w'), 11906);
  assert.equal(attribute(section, 'pgSz', 'h'), 16838);
  const within = (name: string, from: number, to: number) => {
    const value = attribute(section, 'pgMar', name);
    assert.ok(value >= Math.floor(from * MM) && value <= Math.ceil(to * MM), `${name} margin ${value / MM} mm`);
  };
  within('top', 20, 25);
  within('bottom', 20, 25);
  within('left', 30, 35);
  within('right', 15, 20);
});

test('page numbers: centred in the top margin from page 2, none on page 1', async () => {
  const all = await parts;
  const xml = all.get('word/document.xml')!;
  assert.match(xml, /<w:titlePg\/>/);
  const target = (type: string) => new RegExp(`<w:headerReference w:type="${type}" r:id="(rId\\d+)"`).exec(xml)![1];
  const rels = all.get('word/_rels/document.xml.rels')!;
  const headerOf = (id: string) =>
    all.get(`word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]}`)!;
  const main = headerOf(target('default')!);
  assert.match(main, /<w:instrText[^>]*>PAGE<\/w:instrText>/);
  assert.match(main, /<w:jc w:val="center"\/>/);
  assert.doesNotMatch(headerOf(target('first')!), /PAGE/);
});

test('fonts: Times New Roman everywhere, body 14 pt, Vietnamese language', async () => {
  const styles = (await parts).get('word/styles.xml')!;
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
  assert.match(defaults, /w:ascii="Times New Roman"/);
  assert.match(defaults, /<w:sz w:val="28"\/>/);
  assert.match(defaults, /<w:lang w:val="vi-VN"/);
  const runs = (await body()).flatMap((p) => p.runs).filter((r) => r.text.trim());
  assert.ok(
    runs.every((r) => r.font === 'Times New Roman'),
    'a run in another font',
  );
  const paragraph = find(
    await body(),
    'Năm 2023, Chỉ số PAR INDEX của huyện đạt 78,12 điểm, xếp vị trí thứ 4/8 huyện, thành phố, giảm 1 hạng so với năm 2022.',
  );
  assert.equal(paragraph.runs[0]!.size, 28);
  // Justified, first line indented 1–1.27 cm, at least 6 pt after, line spacing between single and 1.5.
  assert.match(paragraph.properties, /<w:jc w:val="both"\/>/);
  const indent = attribute(paragraph.properties, 'ind', 'firstLine');
  assert.ok(indent >= 567 && indent <= 720, `first line ${indent}`);
  assert.ok(attribute(paragraph.properties, 'spacing', 'after') >= 120);
  const line = attribute(paragraph.properties, 'spacing', 'line');
  assert.ok(line >= 240 && line <= 360, `line ${line}`);
});

test('header: issuing body bold upper case 13 pt with a short line under it, number, national name and motto, place and date in italics', async () => {
  const paragraphs = await body();
  for (const line of ['ỦY BAN NHÂN DÂN', 'HUYỆN TAM ĐƯỜNG']) {
    const run = find(paragraphs, line).runs[0]!;
    assert.ok(run.bold && run.size === 26, `${line} ${JSON.stringify(run)}`);
  }
  const under = paragraphs[paragraphs.findIndex((p) => p.text === 'HUYỆN TAM ĐƯỜNG') + 1]!;
  assert.match(under.properties, /<w:pBdr><w:bottom w:val="single"/);
  assert.ok(
    attribute(under.properties, 'ind', 'left') > 0 && attribute(under.properties, 'ind', 'left') === attribute(under.properties, 'ind', 'right'),
    'a short, centred line',
  );
  const number = find(paragraphs, 'Số: 729/BC-UBND').runs[0]!;
  assert.ok(!number.bold && !number.italic && number.size === 26);
  const nation = find(paragraphs, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').runs[0]!;
  assert.ok(nation.bold && nation.size! >= 24 && nation.size! <= 26);
  const motto = find(paragraphs, 'Độc lập - Tự do - Hạnh phúc').runs[0]!;
  assert.ok(motto.bold && motto.underline && motto.size! >= 26 && motto.size! <= 28);
  const date = find(paragraphs, 'Tam Đường, ngày 05 tháng 7 năm 2024').runs[0]!;
  assert.ok(date.italic && !date.bold);
  // The number sits under the issuing body (left), the date under the motto (right).
  const xml = (await parts).get('word/document.xml')!;
  const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
  const [left, right] = [...firstTable.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
  assert.ok(left!.includes('Số: 729/BC-UBND') && left!.includes('HUYỆN TAM ĐƯỜNG'));
  assert.ok(right!.includes('Độc lập - Tự do - Hạnh phúc') && right!.includes('ngày 05 tháng 7 năm 2024'));
});

test('document type and summary line bold and centred with a short line under it; "Nơi nhận:" bold italic 12 pt, its list 11 pt; the signature bold', async () => {
  const paragraphs = await body();
  const type = find(paragraphs, 'BÁO CÁO');
  assert.ok(type.runs[0]!.bold && /<w:jc w:val="center"\/>/.test(type.properties));
  const title = paragraphs[paragraphs.indexOf(type) + 1]!;
  assert.ok(
    title.text.startsWith('Phân tích Chỉ số cải cách hành chính (PAR INDEX) năm 2023') &&
      title.runs[0]!.bold &&
      /<w:jc w:val="center"\/>/.test(title.properties),
  );
  // A short centred line under the summary line.
  const rule = paragraphs[paragraphs.indexOf(title) + 1]!;
  assert.match(rule.properties, /<w:pBdr><w:bottom w:val="single"/);
  assert.ok(attribute(rule.properties, 'ind', 'left') > 2000 && attribute(rule.properties, 'ind', 'left') === attribute(rule.properties, 'ind', 'right'));
  const label = find(paragraphs, 'Nơi nhận:').runs[0]!;
  assert.ok(label.bold && label.italic && label.size === 24);
  const list = find(paragraphs, '- Lãnh đạo UBND huyện;').runs[0]!;
  assert.ok(!list.bold && !list.italic && list.size === 22);
  find(paragraphs, '- Lưu: VT.');
  const authority = find(paragraphs, 'TM. ỦY BAN NHÂN DÂN').runs[0]!;
  assert.ok(authority.bold && authority.size === 28);
  // "Nơi nhận" and the signature share one row that never splits over two pages.
  const xml = (await parts).get('word/document.xml')!;
  const lastTable = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].at(-1)![0];
  assert.ok(lastTable.includes('Nơi nhận:') && lastTable.includes('TM. ỦY BAN NHÂN DÂN'));
  assert.match(lastTable, /<w:cantSplit\/>/);
  const closing = paragraphs.find((p) => p.text.startsWith('Trên đây là'))!;
  assert.match(closing.properties, /<w:keepNext\/>/, 'the closing sentence keeps with the signature');
});

test('the chart is embedded as a PNG image', async () => {
  const all = await parts;
  assert.match(all.get('word/document.xml')!, /<w:drawing>[\s\S]*?<a:blip r:embed="/);
  assert.match(all.get('[Content_Types].xml')!, /Extension="png"/);
});

test('headings use Word’s Heading 1–3 styles (the navigation pane), restyled as the decree’s text: Times New Roman 14 pt bold, black', async () => {
  const all = await parts;
  const paragraphs = await body();
  const style = (text: string) => /<w:pStyle w:val="([^"]+)"\/>/.exec(find(paragraphs, text).properties)?.[1];
  assert.equal(style('I. PHÂN TÍCH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM 2023'), 'Heading1');
  assert.equal(style('2. Kết quả Chỉ số PAR INDEX năm 2023 theo từng lĩnh vực đánh giá'), 'Heading2');
  assert.equal(style('2.1. Chỉ số thành phần công tác chỉ đạo, điều hành cải cách hành chính'), 'Heading3');
  const styles = all.get('word/styles.xml')!;
  for (const id of ['Heading1', 'Heading2', 'Heading3']) {
    const definition = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
    assert.match(definition, /w:ascii="Times New Roman"/, id);
    assert.match(definition, /<w:color w:val="000000"\/>/, id);
    assert.match(definition, /<w:sz w:val="28"\/>/, id);
  }
});

test('the title keeps the unit’s name on one line (non-breaking spaces), and the chart paragraph keeps with its caption', async () => {
  const paragraphs = await body();
  const title = paragraphs.find((p) => p.text.startsWith('Phân tích Chỉ số'))!;
  assert.ok(title.text.endsWith('UBND huyện Tam\u00a0Đường'), title.text);
  const xml = (await parts).get('word/document.xml')!;
  const chart = /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:drawing>/.exec(xml)![0];
  assert.match(chart, /<w:keepNext\/>/);
});
