import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupedDocuments, GROUPED_YEAR, LONG_GROUP_NAME } from '../io/testGroups.ts';
import { analyzeProvince, analyzeUnit, buildDataset, groupOf, levelName, NATIONAL_GROUP, ParError, readFramework, readUnits, resultGroups } from './index.ts';

const dataset = () => buildDataset(groupedDocuments());
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ParError) return error.issues;
    throw error;
  }
  assert.fail('expected a refusal');
};

test('a level is any lower-case slug: the known ones have words, a province’s own is named by its slug', () => {
  const units = readUnits({
    kind: 'units',
    province: { id: 'p', name: 'P' },
    units: [
      { id: 'vn', name: 'Tỉnh', level: 'province' },
      { id: 'k', name: 'KKT', level: 'khu-kinh-te' },
    ],
  });
  assert.deepEqual(
    units.units.map((u) => [u.level, u.peerGroup]),
    [
      ['province', 'p-province'],
      ['khu-kinh-te', 'p-khu-kinh-te'],
    ],
  );
  assert.deepEqual(levelName('province'), { vi: 'cấp tỉnh', en: 'province level' });
  assert.deepEqual(levelName('ministry').en, 'ministry level');
  assert.deepEqual(levelName('khu-kinh-te'), { vi: 'cấp khu-kinh-te', en: 'khu-kinh-te level' });
  const framework = groupedDocuments()[0]!.data as Record<string, unknown>;
  assert.equal(readFramework({ ...framework, level: 'province' }).level, 'province');
  const refused = issuesOf(() => readUnits({ kind: 'units', province: { id: 'p', name: 'P' }, units: [{ id: 'x', name: 'X', level: 'Huyện' }] }));
  assert.equal(refused[0]!.field, 'units.0.level');
  assert.match(refused[0]!.message.vi, /chữ thường/);
});

test('a units file names its groups; a unit’s peerGroup must be one of them, and a group id is named once', () => {
  const base = {
    kind: 'units',
    province: { id: 'p', name: 'P' },
    groups: [{ id: 'g1', name: 'Khối 1' }],
    units: [{ id: 'a', name: 'A', level: 'department', peerGroup: 'g1' }],
  };
  assert.deepEqual(readUnits(base).province.groups, [{ id: 'g1', name: 'Khối 1' }]);
  const unknown = issuesOf(() => readUnits({ ...base, units: [{ id: 'a', name: 'A', level: 'department', peerGroup: 'g2' }] }));
  assert.equal(unknown[0]!.code, 'units.unknownGroup');
  assert.equal(unknown[0]!.field, 'units.0.peerGroup');
  const twice = issuesOf(() =>
    readUnits({
      ...base,
      groups: [
        { id: 'g1', name: 'Khối 1' },
        { id: 'g1', name: 'Khối 1 bis' },
      ],
    }),
  );
  assert.equal(twice[0]!.code, 'units.duplicateGroup');
  const across = issuesOf(() =>
    buildDataset([
      { file: 'a.yaml', data: base },
      { file: 'b.yaml', data: { ...base, province: { id: 'q', name: 'Q' }, units: [{ id: 'b', name: 'B', level: 'department', peerGroup: 'g1' }] } },
    ]),
  );
  assert.equal(across[0]!.code, 'dataset.duplicateGroup');
});

test('a year of several groups lists them named, ranks each apart, and refuses to guess which one is meant', () => {
  const d = dataset();
  assert.deepEqual(
    resultGroups(d, GROUPED_YEAR).map((g) => [g.level, g.group, g.name, g.count]),
    [
      ['department', 'so-khoi-1', 'Khối sở, ban, ngành 1', 3],
      ['department', 'so-khoi-2', LONG_GROUP_NAME, 2],
      ['department', 'tinh-b-department', 'Tỉnh B — cấp sở, ban, ngành', 2],
    ],
  );
  const first = analyzeProvince(d, GROUPED_YEAR, 'department', 'so-khoi-1');
  assert.equal(first.groupName, 'Khối sở, ban, ngành 1');
  assert.equal(first.groupNameEn, 'Departments group 1');
  assert.deepEqual(
    first.units.map((u) => [u.unit.id, u.rank]),
    [
      ['so-tu-phap', 1],
      ['so-noi-vu', 2],
      ['so-y-te', 3],
    ],
  );
  assert.equal(first.of, 3);
  const b = analyzeProvince(d, GROUPED_YEAR, undefined, 'tinh-b-department');
  assert.deepEqual(
    b.units.map((u) => [u.unit.id, u.rank]),
    [
      ['b-so-tu-phap', 1],
      ['b-so-noi-vu', 2],
    ],
  );
  const [ambiguous] = issuesOf(() => analyzeProvince(d, GROUPED_YEAR, 'department'));
  assert.equal(ambiguous!.code, 'province.ambiguous');
  assert.equal(ambiguous!.field, 'group');
  assert.match(ambiguous!.message.vi, /nhiều nhóm đơn vị: hãy chọn một — Khối sở, ban, ngành 1 \(group=so-khoi-1\);/);
  const [none] = issuesOf(() => analyzeProvince(d, GROUPED_YEAR, 'commune'));
  assert.equal(none!.code, 'province.noResults');
  assert.match(none!.message.vi, /cấp xã/);
});

test('the national ranking (group *) ranks every unit of the level together, across provinces and groups', () => {
  const view = analyzeProvince(dataset(), GROUPED_YEAR, 'department', NATIONAL_GROUP);
  assert.equal(view.group, '*');
  assert.equal(view.groupName, 'Toàn quốc — cấp sở, ban, ngành');
  assert.deepEqual(
    view.units.map((u) => [u.unit.id, u.rank]),
    [
      ['so-tu-phap', 1],
      ['b-so-tu-phap', 2],
      ['cong-an-tinh', 3],
      ['so-noi-vu', 4],
      ['so-y-te', 5],
      ['thue-tinh', 6],
      ['b-so-noi-vu', 7],
    ],
  );
  // The groups' own ranks are untouched by a national ranking asked before them.
  assert.equal(analyzeUnit(dataset(), 'cong-an-tinh', GROUPED_YEAR).rank, 1);
});

test('a unit’s analysis names its peer group (the dashboard’s peers are that group)', () => {
  const d = dataset();
  const a = analyzeUnit(d, 'thue-tinh', GROUPED_YEAR);
  assert.deepEqual(a.group, { id: 'so-khoi-2', name: LONG_GROUP_NAME, nameEn: 'Branches of central bodies' });
  assert.deepEqual(
    a.peers.map((p) => p.unit.id),
    ['cong-an-tinh', 'thue-tinh'],
  );
  assert.equal(groupOf(d, 'tinh-b-department').name, 'Tỉnh B — cấp sở, ban, ngành');
  assert.equal(groupOf(d, 'no-such-group').name, 'no-such-group');
});

test('units of a level scored on two frameworks are not ranked together: the refusal says why', () => {
  const [framework, unitsA, unitsB, results] = groupedDocuments();
  const other = { ...(framework!.data as object), id: 'tinh-b-department-2021' };
  const resultsData = results!.data as { units: { unit: string }[] };
  const d = buildDataset([
    framework!,
    { file: 'b.yaml', data: other },
    unitsA!,
    unitsB!,
    { file: 'a.yaml', data: { ...resultsData, units: resultsData.units.filter((u) => !u.unit.startsWith('b-')) } },
    { file: 'b-results.yaml', data: { ...resultsData, framework: 'tinh-b-department-2021', units: resultsData.units.filter((u) => u.unit.startsWith('b-')) } },
  ]);
  const [refused] = issuesOf(() => analyzeProvince(d, GROUPED_YEAR, 'department', NATIONAL_GROUP));
  assert.equal(refused!.code, 'province.nationalFrameworks');
  assert.match(refused!.message.vi, /nhiều bộ tiêu chí \(tinh-a-department-2021, tinh-b-department-2021\)/);
  assert.equal(analyzeProvince(d, GROUPED_YEAR, 'department', 'tinh-b-department').units.length, 2);
});

test('groups a units file uses without naming them read apart: the default group by its level, others with their id', () => {
  const units = {
    kind: 'units',
    province: { id: 'tinh-a', name: 'Tỉnh A' },
    units: [
      { id: 'so-a', name: 'Sở A', level: 'department', peerGroup: 'khoi-1' },
      { id: 'so-b', name: 'Sở B', level: 'department', peerGroup: 'khoi-2' },
      { id: 'so-c', name: 'Sở C', level: 'department' },
    ],
  };
  const dataset = buildDataset([{ file: 'don-vi.yaml', data: units }]);
  assert.deepEqual(
    ['khoi-1', 'khoi-2', 'tinh-a-department'].map((g) => groupOf(dataset, g).name),
    ['Tỉnh A — cấp sở, ban, ngành (khoi-1)', 'Tỉnh A — cấp sở, ban, ngành (khoi-2)', 'Tỉnh A — cấp sở, ban, ngành'],
  );
});
