import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nextYearFramework } from '../io/testFiles.ts';
import { run } from './testing.ts';

test('analyze --format json prints the documented keys with exact decimal texts', async () => {
  const { code, out } = await run('analyze', '--unit', 'tam duong', '--year', '2023', '--format', 'json');
  assert.equal(code, 0);
  const json = JSON.parse(out);
  for (const key of ['unit', 'year', 'total', 'appraisal', 'survey', 'rank', 'of', 'previous', 'components', 'deductions', 'findings'])
    assert.ok(key in json, key);
  assert.equal(json.total, '78.119875');
  assert.deepEqual(json.previous, { year: 2022, total: '72.07', appraisal: '48.04', survey: '24.03', rank: 3, of: 8 });
  const c4 = json.components.find((c: { code: string }) => c.code === '4');
  assert.deepEqual(
    { code: c4.code, max: c4.max, score: c4.score, percent: c4.percent, previousScore: c4.previousScore, rank: c4.rank },
    { code: '4', max: '7.5', score: '7.409775', percent: '98.797', previousScore: '6.5', rank: 4 },
  );
  for (const key of ['name', 'previousPercent', 'deltaPercentagePoints']) assert.ok(key in c4, key);
  assert.deepEqual(Object.keys(json.deductions[0]).slice(0, 1), ['criterion']);
  assert.ok(json.deductions.every((d: { points: string; reason: string }) => /^-?\d+(\.\d+)?$/.test(d.points) && d.reason.length > 0));
});

test('analyze as a table shows Vietnamese figures; --lang en switches language', async () => {
  const vi = await run('analyze', '--unit', 'Tam Đường', '--year', '2023');
  assert.match(vi.out, /Tổng điểm: 78,12\/100/);
  assert.match(vi.out, /Hạng 4\/8/);
  assert.match(vi.out, /giảm 1 hạng/);
  const en = await run('--lang', 'en', 'analyze', '--unit', 'tam-duong', '--year', '2023');
  assert.match(en.out, /Total: 78\.12\/100/);
});

test('rank lists ties with a shared rank and marks illustrative figures', async () => {
  const { code, out } = await run('rank', '--year', '2023', '--component', '2');
  assert.equal(code, 0);
  const lines = out.split('\n').filter((l) => /^\s+1\s/.test(l));
  assert.equal(lines.length, 3, out);
  assert.match(out, /minh họa/);
  const json = JSON.parse((await run('rank', '--year', '2023', '--format', 'json')).out);
  assert.deepEqual(
    json[0].rows.slice(0, 4).map((r: { unit: string; rank: number }) => [r.unit, r.rank]),
    [
      ['lai-chau-city', 1],
      ['than-uyen', 2],
      ['tan-uyen', 3],
      ['tam-duong', 4],
    ],
  );
  // Points as exact decimal text, as in the API (CHANGELOG: Unreleased).
  for (const row of json[0].rows) {
    assert.match(row.score, /^\d+(\.\d+)?$/);
    assert.match(row.max, /^\d+(\.\d+)?$/);
    assert.match(row.percent, /^\d+(\.\d+)?$/);
  }
  // The core's percent of the applicable maximum, exact: 78.119875 of 100.
  assert.equal(json[0].rows.find((r: { unit: string }) => r.unit === 'tam-duong').percent, '78.119875');
});

test('rank names a level as people say it (cấp xã, commune level), never by its id', async () => {
  const vi = await run('rank', '--year', '2023', '--level', 'commune');
  assert.equal(vi.code, 4);
  assert.match(vi.err, /^--year: không có kết quả năm 2023 ở cấp xã; các cấp có kết quả năm 2023: district \(cấp huyện\)$/);
  const en = await run('--lang', 'en', 'rank', '--year', '2023', '--level', 'commune');
  assert.match(en.err, /^--year: no results for 2023 at commune level;/);
  // Levels are data: a province's own level is a slug, and one without results says which levels have some.
  const own = await run('rank', '--year', '2023', '--level', 'khu-kinh-te');
  assert.equal(own.code, 4);
  assert.match(own.err, /ở cấp khu-kinh-te; các cấp có kết quả năm 2023: district/);
  const years = await run('rank', '--year', '2030', '--level', 'commune');
  assert.match(years.err, /các năm có kết quả: 2022, 2023$/);
  const bad = await run('rank', '--year', '2023', '--level', 'Huyện');
  assert.equal(bad.code, 2);
  assert.match(
    bad.err,
    /^--level là một cấp viết chữ thường không dấu, vd. province \(cấp tỉnh\), ministry .*district \(cấp huyện\), commune \(cấp xã\); không phải "Huyện"/,
  );
});

test("check exits 1 when a printed figure contradicts the data (the seed's 2.6)", async () => {
  const { code, out } = await run('check', '--unit', 'tam-duong', '--year', '2023');
  assert.equal(code, 1);
  assert.match(out, /giảm 1,49%/);
  assert.equal((await run('check', '--unit', 'tam-duong', '--year', '2022')).code, 0);
});

test('check --year checks every unit of the year: exit 1 when any unit has an error, 0 when none; --level and --group narrow it', async () => {
  const year = await run('check', '--year', '2023');
  assert.equal(year.code, 1);
  assert.equal(year.out.match(/^\S.* \([a-z-]+\)$/gm)?.length, 8, 'each of the 8 units under its name');
  assert.match(year.out, /^Tam Đường \(tam-duong\)\nKiểm tra nhất quán: 1 lỗi/m);
  assert.match(year.out, /giảm 1,49%/);
  assert.match(year.out, /Năm 2023: đã kiểm tra 8 đơn vị, 1 đơn vị có lỗi: Tam Đường$/);
  const clean = await run('--lang', 'en', 'check', '--year', '2022', '--level', 'district', '--group', 'lai-chau-district');
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.out, /2022: 8 units checked, none with errors$/);
  const json = JSON.parse((await run('check', '--year', '2023', '--format', 'json')).out);
  assert.deepEqual(
    json.units.filter((u: { errors: number }) => u.errors > 0).map((u: { unit: string }) => u.unit),
    ['tam-duong'],
  );
  const group = await run('check', '--year', '2023', '--group', 'khoi-1');
  assert.equal(group.code, 4);
  assert.match(group.err, /--group: năm 2023 không có nhóm đơn vị «khoi-1» \(có: lai-chau-district\)/);
  assert.equal((await run('check', '--year', '2023', '--level', 'commune')).code, 4);
  assert.equal((await run('check', '--year', '2023', '--unit', 'tam-duong', '--level', 'district')).code, 2);
  assert.equal((await run('check')).code, 2, 'the year is still required');
});

test('exit codes: 2 for usage, 3 for invalid data, 4 for unknown unit or year', async () => {
  assert.equal((await run('analyze', '--year', '2023')).code, 2);
  assert.equal((await run('bogus')).code, 2);
  assert.equal((await run('analyze', '--unit', 'tam-duong', '--year', 'abc')).code, 2, 'a malformed option is a usage error');
  assert.equal((await run('rank', '--year', '2023', '--component', '9')).code, 4);
  assert.equal((await run('rank', '--year', '2030')).code, 4);
  const unknown = await run('analyze', '--unit', 'Hà Nội', '--year', '2023');
  assert.equal(unknown.code, 4);
  assert.match(unknown.err, /không tìm thấy đơn vị "Hà Nội"/);
  assert.equal((await run('analyze', '--unit', 'tam-duong', '--year', '2019')).code, 4);
});

test('validate accepts the shipped data and explains a broken framework file by node', async () => {
  const ok = await run('validate', 'frameworks', 'data/demo');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /lai-chau-district-2023/);
  const dir = mkdtempSync(join(tmpdir(), 'parindex-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    'kind: framework\nid: bad\nname: X\nlevel: district\nyear: 2024\ncomponents:\n  - { code: "1", name: A, maxPoints: 100, children: [{ code: "1.1", name: B, maxPoints: 90 }] }\n',
  );
  const bad = await run('validate', file);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /bad\.yaml › tiêu chí 1 ›.*90.*khác 100/);
});

test('the parindex bin runs on the Node of node_modules, as npx starts it', () => {
  const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'check', '--unit', 'tam-duong', '--year', '2023'], { encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /giảm 1,49%/);
});

test('the parindex bin runs from a shell with the system Node', () => {
  const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
  const result = spawnSync('/usr/bin/env', ['node', bin, 'rank', '--year', '2022'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `/usr/local/bin:/usr/bin:/bin` },
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Tam Đường/);
});

test("usage errors speak the user's language and show the usage", async () => {
  const missing = await run('analyze', '--year', '2023');
  assert.match(missing.err, /^thiếu --unit \(mã hoặc tên đơn vị/);
  assert.doesNotMatch(missing.err, /tam-duong|Tam Đường/, 'the example names no unit of the demo');
  assert.match(missing.err, /Cách dùng: parindex analyze --unit/);
  assert.match((await run('--lang', 'en', 'analyze', '--year', '2023')).err, /^--unit is required/);
  assert.match((await run('analyze', '--unit', 'tam-duong', '--year', '2023', '--bogus')).err, /^không có tùy chọn --bogus/);
  assert.match((await run('analyze', '--unit', 'tam-duong', '--year')).err, /^tùy chọn --year cần một giá trị/);
  assert.match((await run('rank')).err, /^thiếu --year/);
  assert.match((await run('validate')).err, /^cần ít nhất một tệp hoặc thư mục/);
  assert.match((await run('rank', '--year', '2023', '--component', '9')).err, /^--component: không có chỉ số thành phần 9 .*\(có: 1, 2, 3, 4, 5, 6, 7, 8\)/);
});

test('every command answers --help with its summary and usage (exit 0)', async () => {
  const help = await run('analyze', '--help');
  assert.equal(help.code, 0);
  assert.equal(
    help.out,
    'Phân tích kết quả của một đơn vị trong một năm\nCách dùng: parindex analyze --unit <id|tên> --year <năm> [--format table|json] [--data <thư mục> | --database]',
  );
  assert.match((await run('--lang', 'en', 'rank', '-h')).out, /^Ranking of units by total or by one component\nUsage: parindex rank/);
  for (const read of ['analyze', 'rank', 'report', 'plan', 'whatif', 'robustness', 'check', 'template', 'export']) {
    assert.match((await run(read, '--help')).out, /\[--data <thư mục> \| --database\]|\[--database\]/, `${read} reads the server's database too`);
  }
});

test('units by id or name with or without diacritics; a partial name gets suggestions', async () => {
  for (const unit of ['tam-duong', 'Tam Đường', 'tam duong', 'TAM ĐƯỜNG', 'UBND huyện Tam Đường']) {
    assert.match((await run('analyze', '--unit', unit, '--year', '2023')).out, /^UBND huyện Tam Đường/, unit);
  }
  const partial = await run('analyze', '--unit', 'tam', '--year', '2023');
  assert.equal(partial.code, 4);
  assert.match(partial.err, /không tìm thấy đơn vị "tam"; có phải: Tam Đường \(tam-duong\)\?/);
});

test('history across the 2025 reform stays readable: a successor commune points back to Tam Đường', async () => {
  const successor = await run('analyze', '--unit', 'Bản Bo', '--year', '2023');
  assert.equal(successor.code, 4);
  assert.equal(successor.err, '--year: Bản Bo không có kết quả năm 2023 (đơn vị có từ 01/07/2025; kế thừa Tam Đường; chưa có kết quả năm nào)');
  assert.match((await run('analyze', '--unit', 'tam-duong', '--year', '2025')).err, /các năm có kết quả: 2022, 2023/);
  assert.match((await run('analyze', '--unit', 'tam-duong', '--year', '2022')).out, /Tổng điểm: 72,07\/100/, 'the abolished district still analyses');
});

test('without a previous year the table has no empty comparison columns', async () => {
  const { out } = await run('analyze', '--unit', 'tam-duong', '--year', '2022');
  assert.doesNotMatch(out, /% 2021|± điểm %/);
  assert.match((await run('analyze', '--unit', 'tam-duong', '--year', '2023')).out, /% 2022 +± điểm %/);
});

test('check --format json gives each finding with its printed and computed figures as exact decimal texts', async () => {
  const { code, out } = await run('check', '--unit', 'tam-duong', '--year', '2023', '--format', 'json');
  assert.equal(code, 1);
  const findings = JSON.parse(out);
  const truncated = findings.find((f: { id: string }) => f.id === 'claim.percent:Biểu so sánh %, dòng 1');
  assert.deepEqual([truncated.severity, truncated.printed, truncated.computed], ['rounding', '60.51', '60.518518518519']);
});

// A new year's framework written by hand from docs/data-formats.md: every rule type, bonus and
// penalty with caps, a survey split with rescaling when there is no survey, dense ties, classification.
const communeFramework = `kind: framework
id: xa-thu-2026
name: Bộ tiêu chí thử cấp xã năm 2026
level: commune
year: 2026
settings:
  tieRule: dense
  withoutSurvey: { mode: rescale, to: 100 }
  split: { appraisal: 70, survey: 30 }
  classification:
    - { label: Xuất sắc, atLeastPercent: 90 }
    - { label: Tốt, atLeastPercent: 80 }
    - { label: Khá, atLeastPercent: 70 }
components:
  - code: "1"
    name: Công tác chỉ đạo, điều hành
    maxPoints: 20
    source: appraisal
    children:
      - { code: "1.1", name: Ban hành kế hoạch, maxPoints: 5, rule: { type: manual } }
      - { code: "1.2", name: Có kế hoạch tuyên truyền, maxPoints: 3, rule: { type: boolean } }
      - { code: "1.3", name: Báo cáo đúng hạn, maxPoints: 4, rule: { type: deadline, pointsPerLate: 1 } }
      - { code: "1.4", name: Kết quả kiểm tra, maxPoints: 4, rule: { type: grades, grades: { tot: 4, dat: 2, chuaDat: 0 } } }
      - { code: "1.5", name: Kỷ luật cán bộ, maxPoints: 4, rule: { type: perOccurrence, pointsEach: 1 } }
  - code: "2"
    name: Thủ tục hành chính
    maxPoints: 50
    source: appraisal
    children:
      - { code: "2.1", name: Hồ sơ đúng hạn, maxPoints: 20, rule: { type: ratio } }
      - { code: "2.2", name: Hồ sơ trực tuyến, maxPoints: 20, rule: { type: ratio, targetPercent: 80 } }
      - { code: "2.3", name: Số hóa hồ sơ, maxPoints: 10, rule: { type: bands, bands: [{ atLeast: 100, points: 10 }, { atLeast: 80, points: 5 }] } }
  - code: "3"
    name: Mức độ hài lòng
    maxPoints: 30
    source: survey
    children:
      - { code: "3.1", name: Hài lòng về thái độ phục vụ, maxPoints: 30, rule: { type: surveyAnswers, options: { A: 100, B: 60, C: 20, D: 0 } } }
  - { code: "4", name: Sáng kiến, kind: bonus, cap: 2, maxPoints: 2, rule: { type: manual } }
  - { code: "5", name: Vi phạm, kind: penalty, cap: 5, maxPoints: 5, rule: { type: perOccurrence, pointsEach: 1 } }
`;

const communeUnits = `kind: units
province: { id: thu, name: Tỉnh thử }
units:
  - { id: xa-a, name: Xã Á, fullName: UBND xã Á, level: commune }
  - { id: xa-b, name: Xã Bê, fullName: UBND xã Bê, level: commune }
  - { id: xa-c, name: Xã Xê, fullName: UBND xã Xê, level: commune }
`;

const communeResults = `kind: results
year: 2026
framework: xa-thu-2026
units:
  - unit: xa-a
    scores: { "1.1": 5, "4": 2 }
    indicators:
      "1.2": { achieved: true }
      "1.3": { items: [{ name: Quý I, due: 2026-03-15, sent: 2026-03-16 }, { name: 6 tháng, due: 2026-06-15, sent: 2026-06-10 }] }
      "1.4": { grade: tot }
      "1.5": { count: 1 }
      "2.1": { numerator: 90, denominator: 100 }
      "2.2": { numerator: 60, denominator: 100 }
      "2.3": { value: 85 }
      "3.1": { answers: { A: 10, B: 5, C: 5 } }
      "5": { count: 2 }
    deductions:
      - { criterion: "1.5", points: 1, reason: Một công chức bị kỷ luật }
  - unit: xa-b
    scores: { "1.1": 4, "4": 1.5 }
    indicators:
      "1.2": { achieved: false }
      "1.3": { items: [] }
      "1.4": { grade: dat }
      "1.5": { count: 0 }
      "2.1": { numerator: 100, denominator: 100 }
      "2.2": { numerator: 90, denominator: 100 }
      "2.3": { numerator: 100, denominator: 100 }
      "3.1": { answers: { A: 20 } }
      "5": { count: 0 }
  - unit: xa-c
    scores: { "1.1": 5 }
    indicators:
      "1.2": { achieved: true }
      "1.3": { items: [] }
      "1.4": { grade: dat }
      "1.5": { count: 0 }
      "2.1": { numerator: 0, denominator: 0 }
      "2.2": { numerator: 80, denominator: 100 }
      "2.3": { value: 100 }
      "5": { count: 0 }
`;

function communeFolder(results = communeResults): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-commune-'));
  writeFileSync(join(dir, 'framework.yaml'), communeFramework);
  writeFileSync(join(dir, 'units.yaml'), communeUnits);
  writeFileSync(join(dir, 'results.yaml'), results);
  return dir;
}

test('a hand-written commune framework with every rule type validates, analyses and ranks', async () => {
  const dir = communeFolder();
  const validated = await run('validate', dir);
  assert.equal(validated.code, 0, validated.err);
  // Xã Á: 18 + 38 + 21 = 77, bonus +2, penalty 2 violations × 1 = −2 → 77; 77% → Khá.
  const a = await run('analyze', '--data', dir, '--unit', 'xa a', '--year', '2026');
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /Tổng điểm: 77,00\/100 · Thẩm định 56,00 · Điều tra XHH 21,00 · Hạng 3\/3 · Xếp loại Khá/);
  assert.match(a.out, /4 +Sáng kiến \(điểm thưởng\) +\+2 +2/);
  assert.match(a.out, /5 +Vi phạm \(điểm trừ\) +-2 +5/);
  assert.match(a.out, /Không phát hiện điểm bất nhất/, 'the rules explain every lost point');
  const json = JSON.parse((await run('analyze', '--data', dir, '--unit', 'xa-a', '--year', '2026', '--format', 'json')).out);
  assert.deepEqual(
    json.components.map((c: { score: string }) => c.score),
    ['18', '38', '21'],
  );
  assert.deepEqual(
    json.adjustments.map((x: { code: string; applied: string }) => [x.code, x.applied]),
    [
      ['4', '2'],
      ['5', '-2'],
    ],
  );
  // Xã Xê has no survey: its 68 appraisal points are rescaled to 68 × 100 / 70 = 97,142857 and it ranks first.
  const c = await run('analyze', '--data', dir, '--unit', 'xa-c', '--year', '2026');
  assert.match(
    c.out,
    /Tổng điểm: 68,00\/100 \(không có điều tra XHH: quy đổi 97,14\/100 để xếp hạng\) · Thẩm định 68,00 · Điều tra XHH — · Hạng 1\/3 · Xếp loại Xuất sắc/,
  );
  assert.match(c.out, /3 +Mức độ hài lòng +— +30 +— +chưa xếp hạng/);
  const ranking = await run('rank', '--data', dir, '--year', '2026');
  assert.match(ranking.out, /1 +Xã Xê † +97,142857 +97,14%\n +2 +Xã Bê +95,5/);
  assert.match(ranking.out, /† không có điều tra xã hội học/);
  // Dense ties: Bê and Xê share 1 on component 2, Á is 2nd (not 3rd).
  const byComponent = JSON.parse((await run('rank', '--data', dir, '--year', '2026', '--component', '2', '--format', 'json')).out);
  assert.deepEqual(
    byComponent[0].rows.map((r: { unit: string; rank: number }) => [r.unit, r.rank]),
    [
      ['xa-b', 1],
      ['xa-c', 1],
      ['xa-a', 2],
    ],
  );
  assert.equal((await run('check', '--data', dir, '--unit', 'xa-a', '--year', '2026')).code, 0);
  const year = await run('check', '--data', dir, '--year', '2026', '--level', 'commune');
  assert.equal(year.code, 0, year.out);
  assert.match(year.out, /Năm 2026: đã kiểm tra 3 đơn vị, không đơn vị nào có lỗi$/);
});

test('a wrong results file for that framework is explained by file, unit, criterion and field, in both languages', async () => {
  const dir = communeFolder(
    communeResults
      .replace('scores: { "1.1": 4, "4": 1.5 }', 'scores: { "1.1": 6, "4": 1.5 }')
      .replace(
        '"1.4": { grade: dat }\n      "1.5": { count: 0 }\n      "2.1": { numerator: 0',
        '"1.4": { grade: gioi }\n      "1.5": { count: 0 }\n      "2.1": { numerator: 0',
      ),
  );
  const vi = await run('validate', dir);
  assert.equal(vi.code, 3);
  assert.match(vi.err, /results\.yaml › đơn vị xa-b › tiêu chí 1\.1 › units\.1\.scores\.1\.1: điểm 6 vượt điểm tối đa 5 của tiêu chí 1\.1/);
  assert.match(vi.err, /results\.yaml › đơn vị xa-c › tiêu chí 1\.4 › .*"gioi" không có trong tot, dat, chuaDat/);
  const en = await run('--lang', 'en', 'validate', dir);
  assert.match(en.err, /results\.yaml › unit xa-c › criterion 1\.4 › .*grade "gioi" is not one of tot, dat, chuaDat/);
});

test('analyze of a unit whose survey part came before its appraisal part says which part the total waits for', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-survey-first-'));
  writeFileSync(
    join(folder, 'results.yaml'),
    'kind: results\nyear: 2023\nframework: lai-chau-district-2023\nunits:\n  - unit: tam-duong\n    scores: { "1": 9.52, "2": 5, "3": 13.4753, "4": 7.409775, "5": 5.5, "6": 2.5371, "7": 10.8734, "8": { survey: 22.3 } }\n',
  );
  const units = fileURLToPath(new URL('../../data/demo/lai-chau/units.yaml', import.meta.url));
  const table = await run('analyze', '--data', units, '--data', folder, '--unit', 'tam duong', '--year', '2023');
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /Tổng điểm: —\/100 · Thẩm định — · Điều tra XHH 22,30/);
  assert.match(table.out, /Chưa tính được tổng điểm: 8 \(Tác động của cải cách hành chính[^)]*\) chưa có điểm thẩm định\./);
  const json = JSON.parse((await run('analyze', '--data', units, '--data', folder, '--unit', 'tam duong', '--year', '2023', '--format', 'json')).out);
  assert.equal(json.total, null);
  assert.equal(json.survey, '22.3');
  assert.deepEqual(
    json.missingParts.map((m: { code: string; missing: string }) => [m.code, m.missing]),
    [['8', 'appraisal']],
  );
});

test('validate warns (and passes) when a deadline criterion has a report never sent and the results have no reference date', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-unsent-'));
  const file = join(folder, 'results.yaml');
  const unit = '  - unit: tam-duong\n    indicators:\n      "1.2.1": { items: [{ name: Báo cáo quý I, due: 2023-03-15 }] }\n';
  writeFileSync(file, `kind: results\nyear: 2023\nframework: lai-chau-district-2023\nunits:\n${unit}`);
  const bare = await run('validate', file);
  assert.equal(bare.code, 0);
  assert.match(
    bare.err,
    /⚠ .*tiêu chí 1\.2\.1 › units\.0\.indicators\.1\.2\.1\.items\.0\.sent: báo cáo «Báo cáo quý I» \(hạn 15\/03\/2023\) chưa có ngày gửi, mà kết quả chưa có ngày đánh giá hay ngày công bố/,
  );
  writeFileSync(file, `kind: results\nyear: 2023\nframework: lai-chau-district-2023\nassessedOn: 2024-03-31\nunits:\n${unit}`);
  const dated = await run('validate', file);
  assert.equal(dated.code, 0);
  assert.doesNotMatch(dated.err, /⚠/);
});

test("schema plan is the loader's own schema: every field of the demo plan is in it, and a plan's criteria and tracked values are checked by validate against its framework", async () => {
  const schema = await run('schema', 'plan');
  assert.equal(schema.code, 0);
  const json = JSON.parse(schema.out);
  assert.deepEqual(json.required, ['kind', 'unit', 'year']);
  const period = new RegExp(json.properties.tracking.items.properties.values.items.properties.period.pattern);
  assert.ok(period.test('2024-Q1') && period.test('2024-03') && !period.test('2024-13'));
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const planPath = fileURLToPath(new URL('../../data/demo/lai-chau/plans/tam-duong-2024.yaml', import.meta.url));
  const demo = parse(readFileSync(planPath, 'utf8'));
  // Every key the demo plan writes is a property of the schema at that place (the schema is closed: additionalProperties false).
  const walk = (value: unknown, node: { properties?: Record<string, unknown>; items?: unknown; additionalProperties?: boolean }, at: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, node.items as typeof node, `${at}.${i}`));
    if (value === null || typeof value !== 'object') return;
    assert.equal(node.additionalProperties, false, at);
    for (const [key, v] of Object.entries(value)) {
      assert.ok(node.properties && key in node.properties, `${at}.${key} is not in the schema`);
      walk(v, node.properties[key] as typeof node, `${at}.${key}`);
    }
  };
  walk(demo, json, 'plan');
  const folder = mkdtempSync(join(tmpdir(), 'parindex-plan-'));
  const file = join(folder, 'plan.yaml');
  writeFileSync(
    file,
    'kind: plan\nunit: tam-duong\nyear: 2024\ntasks: [{ id: a, title: Việc, department: Phòng Nội vụ, criteria: ["9.9"] }]\ntracking: [{ criterion: "7.3.7", values: [{ period: 2024-Q1, numerator: 900, denominator: 760 }] }]\n',
  );
  const bad = await run('validate', file);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /tasks\.0\.criteria\.0: bộ tiêu chí lai-chau-district-2024 không có tiêu chí 9\.9/);
  assert.match(bad.err, /tracking\.0\.values\.0\.numerator: tử số 900 lớn hơn mẫu số 760/);
  assert.equal((await run('validate', planPath)).code, 0);
});

test('plan show names the task to relink when the framework of the plan’s year has dropped a criterion it names', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-relink-'));
  const { stringify } = await import('yaml');
  const framework = nextYearFramework({ without: '1.7' });
  writeFileSync(join(folder, 'bo-tieu-chi-2025.yaml'), stringify(framework.data));
  const task = { id: 'kenh-tuong-tac', title: 'Mở kênh tương tác trực tuyến', department: 'Văn phòng HĐND-UBND huyện', criteria: ['1.7'] };
  writeFileSync(join(folder, 'ke-hoach-2025.yaml'), stringify({ kind: 'plan', unit: 'tam-duong', year: 2025, basedOn: 2023, tasks: [task] }));
  const demo = fileURLToPath(new URL('../../data/demo/lai-chau', import.meta.url));
  const shown = await run('plan', 'show', '--data', demo, '--data', folder, '--unit', 'tam-duong', '--year', '2025');
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.err, /Cần gắn lại: Nhiệm vụ «Mở kênh tương tác trực tuyến»: bộ tiêu chí lai-chau-district-2025 không có tiêu chí 1\.7/);
  assert.match(shown.out, /kenh-tuong-tac/);
});
