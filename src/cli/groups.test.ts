import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { groupedDocuments, GROUPED_YEAR, LONG_GROUP_NAME } from '../io/testGroups.ts';
import { run } from './testing.ts';

/** The grouped year as a data folder (JSON is YAML). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-groups-'));
  for (const d of groupedDocuments()) writeFileSync(join(dir, d.file), JSON.stringify(d.data));
  return dir;
}
const data = folder();
const Y = String(GROUPED_YEAR);

test('rank: a year of several groups prints one table per group, headed by its name; --group keeps one, --group "*" ranks nationally', async () => {
  const all = await run('rank', '--year', Y, '--data', data);
  assert.equal(all.code, 0, all.err);
  const headings = all.out.split('\n').filter((l) => l.startsWith('Xếp hạng'));
  assert.equal(headings.length, 3, all.out);
  assert.match(headings[0]!, / — Khối sở, ban, ngành 1$/);
  assert.ok(headings[1]!.endsWith(` — ${LONG_GROUP_NAME}`));
  assert.match(headings[2]!, / — Tỉnh B — cấp sở, ban, ngành$/);
  const one = await run('rank', '--year', Y, '--group', 'so-khoi-2', '--level', 'department', '--data', data);
  assert.equal(one.code, 0, one.err);
  assert.equal(one.out.split('\n').filter((l) => l.startsWith('Xếp hạng')).length, 1);
  assert.match(one.out, /Công an tỉnh/);
  assert.doesNotMatch(one.out, /Sở Tư pháp/);
  const en = JSON.parse((await run('--lang', 'en', 'rank', '--year', Y, '--group', 'so-khoi-1', '--format', 'json', '--data', data)).out);
  assert.deepEqual([en[0].group, en[0].groupName, en[0].groupNameEn, en[0].level], ['so-khoi-1', 'Khối sở, ban, ngành 1', 'Departments group 1', 'department']);
  assert.deepEqual(
    en[0].rows.map((r: { unit: string; rank: number }) => [r.unit, r.rank]),
    [
      ['so-tu-phap', 1],
      ['so-noi-vu', 2],
      ['so-y-te', 3],
    ],
  );
  const national = JSON.parse((await run('rank', '--year', Y, '--group', '*', '--format', 'json', '--data', data)).out);
  assert.equal(national.length, 1);
  assert.equal(national[0].groupName, 'Toàn quốc — cấp sở, ban, ngành');
  assert.equal(national[0].rows.length, 7);
  const unknown = await run('rank', '--year', Y, '--group', 'khoi-9', '--data', data);
  assert.equal(unknown.code, 4);
  assert.match(unknown.err, /^--group: năm 2021 không có kết quả của nhóm khoi-9; các nhóm có kết quả: so-khoi-1 \(Khối sở, ban, ngành 1\)/);
});

test('analyze says the unit’s group; export --group writes that group only', async () => {
  const a = await run('analyze', '--unit', 'thue-tinh', '--year', Y, '--data', data);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, new RegExp(`Nhóm xếp hạng: ${LONG_GROUP_NAME.replace(/[[\]/]/g, '\\$&')} \\(2 đơn vị\\)`));
  const json = JSON.parse((await run('analyze', '--unit', 'thue-tinh', '--year', Y, '--format', 'json', '--data', data)).out);
  assert.equal(json.group.id, 'so-khoi-2');
  const out = join(data, 'xep-hang.csv');
  const exported = await run('export', '--what', 'ranking', '--year', Y, '--group', 'so-khoi-1', '--out', out, '--data', data);
  assert.equal(exported.code, 0, exported.err);
  const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
  assert.equal(lines.length, 4);
  assert.ok(
    lines.slice(1).every((l) => l.endsWith(';so-khoi-1;Khối sở, ban, ngành 1')),
    lines.join('\n'),
  );
});
