import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeUnit, buildDataset, type Dataset } from '../core/index.ts';
import { abbreviationOf, buildReport, documentHeader } from './build.ts';
import { toMarkdown } from './markdown.ts';

/**
 * A province's departments scored on a framework that is not PAR INDEX: 3-decimal scores, 18
 * points, no survey part, its own nouns. Figures are made up for the test.
 */
function departments(extra: { framework?: Record<string, unknown>; units?: Record<string, unknown>[] } = {}): Dataset {
  const framework = {
    kind: 'framework',
    id: 'dx-so-2025',
    name: 'Bộ chỉ số đánh giá chuyển đổi số các sở, ban, ngành tỉnh Lai Châu năm 2025',
    level: 'department',
    year: 2025,
    index: { name: 'Chỉ số chuyển đổi số', shortName: 'DTI', nameEn: 'Digital Transformation Index' },
    totalPoints: 18,
    settings: { precision: 3 },
    components: [
      { code: '1', name: 'Chuyển đổi nhận thức', maxPoints: 9 },
      { code: '2', name: 'Dữ liệu số', maxPoints: 9 },
    ],
    ...extra.framework,
  };
  const units = {
    kind: 'units',
    province: { id: 'lai-chau', name: 'Lai Châu', seat: 'Lai Châu', body: 'UBND TỈNH LAI CHÂU' },
    units: [
      { id: 'so-tu-phap', name: 'Sở Tư pháp', level: 'department', type: 'sở' },
      { id: 'so-y-te', name: 'Sở Y tế', level: 'department', type: 'sở' },
      { id: 'so-khdt', name: 'Sở Kế hoạch và Đầu tư', level: 'department', type: 'sở' },
      {
        id: 'cong-ty-nuoc',
        name: 'Công ty Cổ phần Nước sạch',
        level: 'department',
        type: 'công ty',
        document: { parentBody: null, abbreviation: 'CTN', signerTitle: 'TỔNG GIÁM ĐỐC' },
      },
      ...(extra.units ?? []),
    ],
  };
  const results = {
    kind: 'results',
    year: 2025,
    framework: 'dx-so-2025',
    units: [
      { unit: 'so-tu-phap', scores: { '1': 7.875, '2': 7.878 } },
      { unit: 'so-y-te', scores: { '1': 8.753, '2': 7 } },
      { unit: 'so-khdt', scores: { '1': 6.859, '2': 6 }, published: { total: '12,869' } },
      { unit: 'cong-ty-nuoc', scores: { '1': 5.5, '2': 5.25 } },
    ],
  };
  return buildDataset([
    { file: 'framework.yaml', data: framework },
    { file: 'units.yaml', data: units },
    { file: 'results.yaml', data: results },
  ]);
}

test('a department’s report on a non-PAR, 3-decimal framework: its header, its words, its figures and its tie', () => {
  const dataset = departments();
  const doc = buildReport(dataset, 'so-tu-phap', 2025);
  const md = toMarkdown(doc);
  // Header (Phụ lục I): the province's body above the department, BC-STP, the province's seat as the place.
  assert.deepEqual(doc.issuer, { parent: ['UBND TỈNH LAI CHÂU'], body: ['SỞ TƯ PHÁP'] });
  assert.equal(doc.number.text, 'Số:      /BC-STP');
  assert.equal(doc.placeDate.text, 'Lai Châu, ngày      tháng      năm 2026');
  assert.equal(doc.signature.position.text, 'GIÁM ĐỐC');
  assert.equal(doc.signature.authority, undefined);
  // Its own words, never PAR INDEX; the level's nouns; no "năm năm".
  assert.equal(
    doc.title[0]!.text,
    'Phân tích Chỉ số chuyển đổi số (DTI) năm 2025; nhiệm vụ và giải pháp nâng cao Chỉ số DTI năm 2026 của Sở\u00a0Tư\u00a0pháp',
  );
  assert.doesNotMatch(md, /PAR|cải cách hành chính|huyện|năm năm/);
  assert.match(md, /## I\. PHÂN TÍCH CHỈ SỐ CHUYỂN ĐỔI SỐ \(DTI\) NĂM 2025/);
  assert.match(md, /## II\. NHIỆM VỤ VÀ GIẢI PHÁP NÂNG CAO CHỈ SỐ DTI/);
  assert.match(md, /\\\* Biểu so sánh theo từng lĩnh vực năm 2025\n/);
  // Precision 3: 15,753 in sentences and tables, maxima 9,000; a tie on the total said as one.
  assert.match(md, /Năm 2025, Chỉ số DTI của sở đạt 15,753 điểm, cùng xếp hạng thứ 1\/4 với Sở Y tế\./);
  assert.match(md, /Chỉ số DTI Sở Tư pháp năm 2025 đạt 15,753 điểm, cùng xếp hạng thứ 1\/4 với Sở Y tế\./);
  assert.match(md, /\| 1 \| Chuyển đổi nhận thức \| 7,875\/9,000 \|/);
  assert.match(md, /Đạt 7,875\/9 điểm \(bằng 87,5%\)/);
  // No survey part: no survey column nor appraisal column, only the index and the rank among departments.
  assert.match(md, /\| Năm \| Chỉ số DTI \| Xếp hạng \(4 sở, ban, ngành\) \|\n\|---\|---\|---\|\n\| 2025 \| 15,753 \| 1 \|/);
  assert.doesNotMatch(md, /điều tra xã hội học|Điểm đánh giá cấp tỉnh/);
  assert.equal(doc.fileName, 'bao-cao-dti-2025-so-tu-phap');
});

test('the rank among the level’s nouns when not tied: "xếp vị trí thứ 3/4 sở, ban, ngành"', () => {
  const md = toMarkdown(buildReport(departments(), 'so-khdt', 2025));
  assert.match(md, /Chỉ số DTI của sở đạt 12,859 điểm, xếp vị trí thứ 3\/4 sở, ban, ngành\./);
  assert.match(md, /\*\*UBND TỈNH LAI CHÂU\*\*|UBND TỈNH LAI CHÂU \/ \*\*SỞ KẾ HOẠCH VÀ ĐẦU TƯ\*\*/);
  assert.match(md, /Số:\s+\/BC-SKHĐT/);
});

test('a company has no parent body; its own document data (abbreviation, signer) is used', () => {
  const doc = buildReport(departments(), 'cong-ty-nuoc', 2025);
  assert.deepEqual(doc.issuer, { parent: [], body: ['CÔNG TY CỔ PHẦN NƯỚC SẠCH'] });
  assert.equal(doc.number.text, 'Số:      /BC-CTN');
  assert.equal(doc.signature.position.text, 'TỔNG GIÁM ĐỐC');
  assert.match(doc.placeDate.text, /^Lai Châu, ngày/);
});

test('a framework without `index` is named from its own name, and its levelNames are the nouns', () => {
  const dataset = departments({
    framework: { index: undefined, levelNames: { singular: { vi: 'cơ quan', en: 'agency' }, plural: { vi: 'cơ quan, đơn vị', en: 'agencies' } } },
  });
  const md = toMarkdown(buildReport(dataset, 'so-khdt', 2025));
  assert.match(md, /Năm 2025, Chỉ số đánh giá chuyển đổi số của sở đạt 12,859 điểm, xếp vị trí thứ 3\/4 cơ quan, đơn vị\./);
  assert.doesNotMatch(md, /PAR|DTI/);
});

test('document data: the unit’s own issuing body, parent body, abbreviation and place win over the defaults', () => {
  const dataset = departments({
    units: [
      {
        id: 'so-noi-vu',
        name: 'Sở Nội vụ',
        level: 'department',
        document: { issuingBody: 'SỞ NỘI VỤ TỈNH LAI CHÂU', parentBody: 'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU', abbreviation: 'SNV', place: 'TP. Lai Châu' },
      },
    ],
  });
  const unit = dataset.units.get('so-noi-vu')!;
  assert.deepEqual(documentHeader(dataset, unit), {
    issuer: { parent: ['ỦY BAN NHÂN DÂN TỈNH LAI CHÂU'], body: ['SỞ NỘI VỤ TỈNH LAI CHÂU'] },
    abbreviation: 'SNV',
    place: 'TP. Lai Châu',
    signature: { position: 'GIÁM ĐỐC' },
  });
  assert.equal(abbreviationOf('Sở Tư pháp'), 'STP');
  assert.equal(abbreviationOf('Sở Kế hoạch và Đầu tư'), 'SKHĐT');
  // Without a seat, the province's name; never the unit's name.
  const bare = buildDataset([
    { file: 'u.yaml', data: { kind: 'units', province: { id: 'x', name: 'Điện Biên' }, units: [{ id: 'so-tc', name: 'Sở Tài chính', level: 'department' }] } },
  ]);
  assert.deepEqual(documentHeader(bare, bare.units.get('so-tc')!), {
    issuer: { parent: ['UBND TỈNH ĐIỆN BIÊN'], body: ['SỞ TÀI CHÍNH'] },
    abbreviation: 'STC',
    place: 'Điện Biên',
    signature: { position: 'GIÁM ĐỐC' },
  });
  assert.equal(analyzeUnit(dataset, 'so-tu-phap', 2025).tiedWith[0]!.id, 'so-y-te');
});

test('the checker names a published total by the framework’s index, not PAR INDEX', () => {
  const findings = analyzeUnit(departments(), 'so-khdt', 2025).findings.filter((f) => f.id.startsWith('published.total'));
  assert.ok(findings.length > 0);
  assert.match(findings[0]!.message.vi, /^Chỉ số DTI/);
  assert.match(findings[0]!.message.en, /^DTI/);
  for (const f of findings) assert.doesNotMatch(`${f.message.vi} ${f.message.en}`, /PAR/);
});

test('the illustrative note says whose figures are illustrative: the unit’s own (second demo) or only its peers’ (seed)', async () => {
  const { loadDataset } = await import('../io/dataFolder.ts');
  const { fileURLToPath } = await import('node:url');
  const own = loadDataset([fileURLToPath(new URL('../../data/demo/lai-chau-so-nganh', import.meta.url))]);
  const ownText = toMarkdown(buildReport(own, 'so-tu-phap', 2024));
  assert.match(ownText, /Lưu ý: số liệu của đơn vị trong báo cáo này là số liệu minh họa/);
  assert.doesNotMatch(ownText, /của các đơn vị so sánh/);
  const seed = loadDataset();
  assert.match(toMarkdown(buildReport(seed, 'tam-duong', 2023)), /Lưu ý: báo cáo có dùng số liệu minh họa \(không phải số liệu thật\) của các đơn vị so sánh/);
});
