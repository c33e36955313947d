import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from './testing.ts';

/** A department-level index that is not PAR INDEX: 18 points, 3 decimals, no survey; two departments tied at 15,753 (figures made up). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-dti-'));
  writeFileSync(
    join(dir, 'framework.yaml'),
    `kind: framework
id: dti-so-2025
name: Bộ chỉ số đánh giá chuyển đổi số các sở, ban, ngành năm 2025
level: department
year: 2025
index: { name: Chỉ số chuyển đổi số, shortName: DTI, nameEn: Digital Transformation Index }
totalPoints: 18
settings: { precision: 3 }
components:
  - { code: "1", name: Chuyển đổi nhận thức, maxPoints: 9 }
  - { code: "2", name: Dữ liệu số, maxPoints: 9 }
`,
  );
  writeFileSync(
    join(dir, 'units.yaml'),
    `kind: units
province: { id: tinh-x, name: Tỉnh X, seat: Thành phố X }
units:
  - { id: so-tu-phap, name: Sở Tư pháp, level: department }
  - { id: so-y-te, name: Sở Y tế, level: department }
  - { id: so-tai-chinh, name: Sở Tài chính, level: department }
`,
  );
  writeFileSync(
    join(dir, 'results.yaml'),
    `kind: results
year: 2025
framework: dti-so-2025
units:
  - { unit: so-tu-phap, scores: { "1": 7.875, "2": 7.878 } }
  - { unit: so-y-te, scores: { "1": 8.753, "2": 7 } }
  - { unit: so-tai-chinh, scores: { "1": 6.5, "2": 6.25 } }
`,
  );
  return dir;
}

test('analyze says a tie on the total and shows the framework’s precision and maximum, in its words', async () => {
  const data = folder();
  const vi = await run('analyze', '--unit', 'so-tu-phap', '--year', '2025', '--data', data);
  assert.equal(vi.code, 0, vi.err);
  assert.match(vi.out, /^Sở Tư pháp — Chỉ số chuyển đổi số \(DTI\) năm 2025/);
  assert.match(vi.out, /Tổng điểm: 15,753\/18 · Hạng 1\/3, cùng hạng với Sở Y tế/);
  assert.doesNotMatch(vi.out, /PAR|Điều tra XHH|\/100/);
  const other = await run('analyze', '--unit', 'so-tai-chinh', '--year', '2025', '--data', data);
  assert.match(other.out, /Tổng điểm: 12,750\/18 · Hạng 3\/3(\s|$)/m);
  const en = await run('--lang', 'en', 'analyze', '--unit', 'so-y-te', '--year', '2025', '--data', data);
  assert.match(en.out, /^Sở Y tế — Digital Transformation Index \(DTI\) 2025/);
  assert.match(en.out, /Total: 15\.753\/18 · Rank 1\/3, tied with Sở Tư pháp/);
  const json = JSON.parse((await run('analyze', '--unit', 'so-tu-phap', '--year', '2025', '--format', 'json', '--data', data)).out);
  assert.equal(json.precision, 3);
  assert.equal(json.max, '18');
  assert.deepEqual(json.tiedWith, ['so-y-te']);
  assert.deepEqual(json.index.vi, { name: 'Chỉ số chuyển đổi số', shortName: 'DTI', label: 'Chỉ số chuyển đổi số (DTI)', phrase: 'Chỉ số DTI' });
  assert.deepEqual(json.levelNames.plural, { vi: 'sở, ban, ngành', en: 'departments' });
});

test('rank titles the table with the framework’s index and shows its precision', async () => {
  const { code, out } = await run('rank', '--year', '2025', '--data', folder());
  assert.equal(code, 0);
  assert.match(out, /^Xếp hạng Chỉ số chuyển đổi số \(DTI\) năm 2025/);
  assert.match(out, /Sở Tài chính\s+12,750/);
  assert.doesNotMatch(out, /PAR|CCHC/);
});

test('the seed still reads as PAR INDEX with two decimals', async () => {
  const vi = await run('analyze', '--unit', 'tam-duong', '--year', '2023');
  assert.match(vi.out, /^UBND huyện Tam Đường — Chỉ số cải cách hành chính \(PAR INDEX\) năm 2023/);
  assert.match(
    vi.out,
    /Tổng điểm: 78,12\/100 · Thẩm định 55,82 · Điều tra XHH 22,30 · Hạng 4\/8 ·|Tổng điểm: 78,12\/100 · Thẩm định 55,82 · Điều tra XHH 22,30 · Hạng 4\/8$/m,
  );
  const json = JSON.parse((await run('analyze', '--unit', 'tam-duong', '--year', '2023', '--format', 'json')).out);
  assert.equal(json.index.vi.phrase, 'Chỉ số PAR INDEX');
  assert.equal(json.precision, 2);
});
