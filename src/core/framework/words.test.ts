import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { frameworkDocument, indexPhrase, indexWords, levelNouns, neutralIndexName, parseFramework, readFramework, reportTitle } from './index.ts';

const shipped = (name: string) => readFileSync(new URL(`../../../frameworks/lai-chau/${name}`, import.meta.url), 'utf8');

const departments = `kind: framework
id: dx-so-2025
name: Bộ chỉ số đánh giá chuyển đổi số của các sở, ban, ngành tỉnh X năm 2025
level: department
year: 2025
totalPoints: 18
settings: { precision: 3 }
components:
  - { code: "1", name: Hạ tầng số, maxPoints: 9 }
  - { code: "2", name: Dữ liệu số, maxPoints: 9 }
`;

test('a framework that names its index is written in its words (the Lai Châu frameworks: PAR INDEX)', () => {
  const f = parseFramework(shipped('district-2023.yaml'));
  assert.deepEqual(indexWords(f), {
    name: 'Chỉ số cải cách hành chính',
    shortName: 'PAR INDEX',
    label: 'Chỉ số cải cách hành chính (PAR INDEX)',
    phrase: 'Chỉ số PAR INDEX',
  });
  assert.equal(indexWords(f, 'en').label, 'Public Administration Reform Index (PAR INDEX)');
  assert.deepEqual(indexPhrase(f), { vi: 'Chỉ số PAR INDEX', en: 'PAR INDEX' });
  assert.equal(
    reportTitle(f, 2023, 'UBND huyện Than Uyên'),
    'Phân tích Chỉ số cải cách hành chính (PAR INDEX) năm 2023; nhiệm vụ và giải pháp nâng cao Chỉ số PAR INDEX năm 2024 của UBND huyện Than Uyên',
  );
  assert.equal(f.settings.precision, 2);
});

test('a framework without `index` gets neutral words from its own name, never PAR INDEX', () => {
  const f = parseFramework(departments);
  const w = indexWords(f);
  assert.deepEqual(w, { name: 'Chỉ số đánh giá chuyển đổi số', label: 'Chỉ số đánh giá chuyển đổi số', phrase: 'Chỉ số đánh giá chuyển đổi số' });
  assert.equal(
    reportTitle(f, 2025, 'Sở Tư pháp'),
    'Phân tích Chỉ số đánh giá chuyển đổi số năm 2025; nhiệm vụ và giải pháp nâng cao Chỉ số đánh giá chuyển đổi số năm 2026 của Sở Tư pháp',
  );
  assert.equal(neutralIndexName('Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND các huyện, thành phố tỉnh Lai Châu'), 'Chỉ số cải cách hành chính');
  assert.equal(neutralIndexName('Bộ tiêu chí đánh giá chỉ số chuyển đổi số (DTI) các xã'), 'Chỉ số chuyển đổi số');
  assert.equal(neutralIndexName('Đánh giá chất lượng giải quyết thủ tục hành chính'), 'Đánh giá chất lượng giải quyết thủ tục hành chính');
  for (const locale of ['vi', 'en'] as const) assert.doesNotMatch(JSON.stringify(indexWords(f, locale)), /PAR/);
});

test('unit nouns come from the level, and a framework’s levelNames override them', () => {
  assert.deepEqual(levelNouns({ level: 'district' }).plural, { vi: 'huyện, thành phố', en: 'districts' });
  assert.deepEqual(levelNouns({ level: 'department' }).plural, { vi: 'sở, ban, ngành', en: 'departments' });
  assert.deepEqual(levelNouns({ level: 'commune' }).singular, { vi: 'xã', en: 'commune' });
  assert.equal(levelNouns({ level: 'province' as never }).plural.vi, 'tỉnh, thành phố');
  assert.equal(levelNouns({ level: 'ministry' as never }).singular.en, 'ministry');
  assert.equal(levelNouns({ level: 'ban-quan-ly' as never }).plural.vi, 'đơn vị');
  const own = parseFramework(
    `${departments.replace('totalPoints: 18', 'levelNames:\n  singular: { vi: cơ quan, en: agency }\n  plural: { vi: "cơ quan, đơn vị", en: agencies }\ntotalPoints: 18')}`,
  );
  assert.deepEqual(levelNouns(own), { singular: { vi: 'cơ quan', en: 'agency' }, plural: { vi: 'cơ quan, đơn vị', en: 'agencies' } });
});

test('index, levelNames and precision go through the framework document and back', () => {
  const text = departments.replace(
    'totalPoints: 18',
    'index: { name: Chỉ số chuyển đổi số, shortName: DTI, nameEn: Digital Transformation Index }\nlevelNames:\n  singular: { vi: sở, en: department }\n  plural: { vi: "sở, ban, ngành", en: departments }\ntotalPoints: 18',
  );
  const f = parseFramework(text);
  assert.equal(f.settings.precision, 3);
  assert.equal(indexWords(f).phrase, 'Chỉ số DTI');
  assert.equal(indexWords(f, 'en').phrase, 'DTI');
  const doc = frameworkDocument(f);
  assert.deepEqual(doc.index, { name: 'Chỉ số chuyển đổi số', shortName: 'DTI', nameEn: 'Digital Transformation Index' });
  assert.equal(doc.settings?.precision, 3);
  assert.deepEqual(frameworkDocument(readFramework(doc)), doc);
});
