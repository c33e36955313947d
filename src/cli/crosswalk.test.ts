import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { parseFramework } from '../core/index.ts';
import { frameworkTables } from '../io/export/framework.ts';
import { writeTables } from '../io/index.ts';
import { crosswalkDocuments, framework2025Text } from '../io/testCrosswalk.ts';
import { run } from './testing.ts';

const folder = mkdtempSync(join(tmpdir(), 'parindex-crosswalk-'));
// The 2024 framework is the shipped one (frameworks/, read with every --data folder).
for (const d of crosswalkDocuments().filter((d) => d.file !== 'district-2024.yaml')) writeFileSync(join(folder, d.file), stringify(d.data));
after(() => rmSync(folder, { recursive: true, force: true }));

test('analyze across a framework change lists what the crosswalk says, in both languages', async () => {
  const vi = await run('analyze', '--unit', 'huyen-a', '--year', '2025', '--data', folder);
  assert.equal(vi.code, 0, vi.err);
  assert.match(vi.out, /Bộ tiêu chí khác năm 2024 \(so sánh qua bảng đối chiếu tiêu chí\):/);
  assert.match(vi.out, /\n {2}1 +điểm tối đa đổi từ 13,5 thành 14,5: so sánh theo tỷ lệ % điểm tối đa/);
  assert.match(vi.out, /\n {2}1\.8 +tách từ 1\.7 \(2 điểm\) của năm 2024/);
  assert.match(vi.out, /\n {2}3\.7 +mới, bộ tiêu chí năm 2024 không có/);
  assert.match(vi.out, /\n {2}4\.4 +năm 2024 là 4\.3/);
  assert.match(vi.out, /\n {2}2\.3 +đã bỏ: bộ tiêu chí năm 2025 không còn 2\.3/);
  const en = await run('analyze', '--unit', 'huyen-a', '--year', '2025', '--data', folder, '--lang', 'en');
  assert.match(en.out, /maximum changed from 13\.5 to 14\.5: compared in percent of the maximum/);
  const json = JSON.parse((await run('analyze', '--unit', 'huyen-a', '--year', '2025', '--data', folder, '--format', 'json')).out);
  assert.equal(json.components[0].change, 'maxChanged');
  const validated = await run('validate', 'frameworks', folder);
  assert.equal(validated.code, 0, validated.out + validated.err);
});

test('import --dry-run of a derived framework workbook lists the crosswalk, codes as codes', async () => {
  const file = join(folder, 'bo-tieu-chi-2025.xlsx');
  writeFileSync(file, await writeTables(frameworkTables(parseFramework(framework2025Text())), { format: 'xlsx' }));
  const preview = await run('import', file, '--kind', 'framework', '--dry-run');
  assert.equal(preview.code, 0, preview.err);
  assert.match(preview.out, /~ tiêu chí · 1\.7 · tách thành: 1\.7 → 1\.7, 1\.8/);
  assert.match(preview.out, /~ tiêu chí · 4\.4 · đổi mã: 4\.3 → 4\.4/);
  assert.match(preview.out, /~ tiêu chí · 1 · điểm tối đa: 13,5 → 14,5/);
  assert.match(preview.out, /~ bộ tiêu chí · năm: 2024 → 2025/);
  assert.match(preview.out, /− tiêu chí · 2\.3: Xử lý văn bản/);
});
