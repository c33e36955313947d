import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ParError, readUnits, type Dataset } from '../core/index.ts';
import { loadDataset, projectRoot } from './dataFolder.ts';
import { exportTables, importWorkbook, readWorkbook, templateTables, writeTables, type UnitsImport } from './index.ts';
import { demoDataset } from './testFiles.ts';

const dataset = demoDataset();
const HEADER = 'Mã đơn vị;Tên đơn vị;Tên đầy đủ;Cấp;Loại đơn vị;Hiệu lực từ ngày;Hiệu lực đến ngày;Đơn vị tiền thân';

async function importCsv(lines: string[], on: Dataset = dataset): Promise<UnitsImport> {
  const workbook = await readWorkbook(new TextEncoder().encode([HEADER, ...lines].join('\n')), { file: 'don-vi.csv' });
  return importWorkbook(workbook, on, { kind: 'units' }) as UnitsImport;
}

async function refusal(lines: string[]): Promise<ParError> {
  try {
    await importCsv(lines);
  } catch (error) {
    assert.ok(error instanceof ParError);
    return error;
  }
  assert.fail('the file was accepted');
}

test('units exported to .xlsx and CSV import again to identical data, with no change', async () => {
  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await writeTables(exportTables(dataset, { what: 'units' }), { format });
    const imported = importWorkbook(await readWorkbook(bytes, { file: `don-vi.${format}` }), dataset, { kind: 'units' }) as UnitsImport;
    assert.deepEqual(imported.changes, [], format);
    assert.deepEqual(imported.units, [...dataset.units.values()], format);
    assert.deepEqual(imported.ignoredColumns, []);
  }
  // Into a store without units: the «Thông tin» sheet names the province.
  const bytes = await writeTables(exportTables(dataset, { what: 'units' }), { format: 'xlsx' });
  const empty = { ...dataset, provinces: [], units: new Map() };
  const imported = importWorkbook(await readWorkbook(bytes), empty, { kind: 'units' }) as UnitsImport;
  assert.deepEqual(imported.units, [...dataset.units.values()]);
  assert.equal(imported.changes.filter((c) => c.change === 'added' && c.item === 'unit').length, dataset.units.size);
  assert.deepEqual(imported.document.province, {
    id: 'lai-chau',
    name: 'Lai Châu',
    ...(dataset.provinces[0]!.seat && { seat: dataset.provinces[0]!.seat }),
    ...(dataset.provinces[0]!.body && { body: dataset.provinces[0]!.body }),
  });
});

test('the units template names the province and has the importable header', async () => {
  const tables = templateTables(dataset, { kind: 'units' });
  assert.deepEqual(
    tables.map((t) => t.name),
    ['Hướng dẫn', 'Thông tin', 'Đơn vị', 'Nhóm'],
  );
  assert.deepEqual(tables[1]!.rows[1], ['Mã tỉnh', 'lai-chau']);
  const imported = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'units' }) as UnitsImport;
  assert.deepEqual(imported.changes, []);
});

test('a file adds a unit, changes one and records a merger on both sides; units it leaves out are kept', async () => {
  const imported = await importCsv(['xa-moi;Xã Mới;UBND xã Mới;Cấp xã;xã;01/07/2025;;Than Uyên, tan-uyen', 'muong-te;Mường Tè;UBND huyện Mường Tè (cũ);;;;;']);
  assert.equal(imported.units.length, dataset.units.size + 1);
  const byId = new Map(imported.units.map((u) => [u.id, u]));
  assert.deepEqual(byId.get('xa-moi')!.predecessors, ['than-uyen', 'tan-uyen']);
  assert.deepEqual(byId.get('than-uyen')!.successors, ['xa-moi']);
  assert.equal(byId.get('muong-te')!.level, 'district', 'an empty cell keeps the stored value');
  assert.deepEqual(
    imported.changes.filter((c) => c.unitId !== 'xa-moi'),
    [
      { change: 'added', unitId: 'than-uyen', item: 'unit', part: 'successors', after: 'xa-moi' },
      { change: 'added', unitId: 'tan-uyen', item: 'unit', part: 'successors', after: 'xa-moi' },
      { change: 'changed', unitId: 'muong-te', item: 'unit', part: 'fullName', before: 'UBND huyện Mường Tè', after: 'UBND huyện Mường Tè (cũ)' },
    ],
  );
  assert.deepEqual(
    imported.changes.find((c) => c.unitId === 'xa-moi'),
    { change: 'added', unitId: 'xa-moi', item: 'unit', after: 'Xã Mới' },
  );
  // Ending a unit: its end date, nothing else.
  const ended = await importCsv(['ban-bo;;;;;;31/12/2025;']);
  assert.deepEqual(ended.changes, [{ change: 'added', unitId: 'ban-bo', item: 'unit', part: 'validTo', after: '2025-12-31' }]);
});

test('refusals are placed at their cell, and nothing is read into the document', async () => {
  const gap = await refusal(['xa-moi;Xã Mới;;Cấp xã;xã;05/07/2025;;than-uyen']);
  assert.equal(gap.issues[0]!.code, 'units.lineageGap');
  assert.equal(gap.issues[0]!.field, 'don-vi!F2');
  assert.match(gap.issues[0]!.message.vi, /Than Uyên \(than-uyen\) hết hiệu lực ngày 30\/06\/2025.*Xã Mới \(xa-moi\).*05\/07\/2025/);
  const unknown = await refusal(['xa-moi;Xã Mới;;Cấp xã;xã;01/07/2025;;Không Có']);
  assert.equal(unknown.issues[0]!.field, 'don-vi!H2');
  const bad = await refusal(['Xa Moi;Xã Mới;;Cấp xã;;;;', 'xa-b;;;;;;;', 'ban-bo;;;;;;không phải ngày;']);
  assert.deepEqual(
    bad.issues.map((i) => i.field),
    ['don-vi!A2', 'don-vi!B3', 'don-vi!D3', 'don-vi!G4'],
  );
  // In a workbook, the sheet's name: «Đơn vị!I…».
  const tables = templateTables(dataset, { kind: 'units' });
  tables[2]!.rows.push([1, 'xa-moi', 'Xã Mới', null, 'Cấp xã', 'xã', null, null, { date: '2025-06-30' }, null, 'than-uyen', null, null, null]);
  try {
    importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'units' });
    assert.fail('an overlap was accepted');
  } catch (error) {
    assert.ok(error instanceof ParError);
    assert.equal(error.issues[0]!.code, 'units.lineageOverlap');
    assert.match(error.issues[0]!.field!, /^Đơn vị!I\d+$/);
  }
  const self = await refusal(['ban-bo;;;;;;;ban-bo']);
  assert.equal(self.issues[0]!.code, 'units.lineageSelf');
  assert.equal(self.issues[0]!.field, 'don-vi!H2');
});

// The second demo: a province that names its groups, its seat and body, and every department's header data.
const soNganh = loadDataset([join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh')]);

async function soNganhImport(bytes: Uint8Array, file: string, on: Dataset = soNganh): Promise<UnitsImport> {
  return importWorkbook(await readWorkbook(bytes, { file }), on, { kind: 'units' }) as UnitsImport;
}

async function soNganhRefusal(bytes: Uint8Array, file: string): Promise<ParError> {
  try {
    await soNganhImport(bytes, file);
  } catch (error) {
    assert.ok(error instanceof ParError);
    return error;
  }
  assert.fail('the file was accepted');
}

test('a province’s groups, seat, body and units’ document data go through .xlsx and CSV to identical data', async () => {
  const province = soNganh.provinces[0]!;
  assert.equal(province.groups?.length, 2);
  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await writeTables(exportTables(soNganh, { what: 'units' }), { format });
    const imported = await soNganhImport(bytes, `don-vi.${format}`);
    assert.deepEqual(imported.changes, [], format);
    assert.deepEqual(imported.units, [...soNganh.units.values()], format);
    assert.deepEqual(imported.ignoredColumns, [], format);
    // The document is a valid units file that reads back to the same province and units.
    const again = readUnits(imported.document);
    assert.deepEqual(again.province, province, format);
    assert.deepEqual(again.units, [...soNganh.units.values()], format);
  }
  const stp = soNganh.units.get('so-tu-phap')!;
  assert.deepEqual(stp.document, {
    issuingBody: 'SỞ TƯ PHÁP',
    parentBody: 'UBND TỈNH LAI CHÂU',
    abbreviation: 'STP',
    place: 'Lai Châu',
    signerTitle: 'GIÁM ĐỐC',
  });
  // Into a store without units: the .xlsx alone carries the province, its seat, body and groups.
  const bytes = await writeTables(exportTables(soNganh, { what: 'units' }), { format: 'xlsx' });
  const empty = { ...soNganh, provinces: [], units: new Map() };
  const imported = await soNganhImport(bytes, 'don-vi.xlsx', empty);
  const registry = readUnits(imported.document);
  assert.deepEqual(registry.province, province);
  assert.deepEqual(registry.units, [...soNganh.units.values()]);
  assert.deepEqual(
    imported.changes.filter((c) => c.item !== 'unit'),
    [
      { change: 'added', item: 'province', part: 'seat', after: 'Lai Châu' },
      { change: 'added', item: 'province', part: 'body', after: 'UBND TỈNH LAI CHÂU' },
      { change: 'added', item: 'group', code: 'khoi-tong-hop', after: 'Khối cơ quan tổng hợp' },
      { change: 'added', item: 'group', code: 'khoi-chuyen-nganh', after: 'Khối cơ quan chuyên ngành' },
    ],
  );
});

test('the units workbook renames and adds groups, keeps those it leaves out, changes seat and header data', async () => {
  const tables = exportTables(soNganh, { what: 'units' });
  const info = tables.find((t) => t.name === 'Thông tin')!;
  const units = tables.find((t) => t.name === 'Đơn vị')!;
  const groups = tables.find((t) => t.name === 'Nhóm')!;
  info.rows.find((r) => r[0] === 'Địa danh')![1] = 'Thành phố Lai Châu';
  // Only a renamed group and a new one: the other stored group is kept (units still use it).
  groups.rows = [
    [1, 'khoi-tong-hop', 'Khối tổng hợp', null],
    [2, 'khoi-moi', 'Khối mới', 'New group'],
  ];
  const column = (label: string) => units.columns.findIndex((c) => c.header.at(-1) === label);
  const row = units.rows.find((r) => r[1] === 'so-tu-phap')!;
  row[column('Nhóm xếp hạng')] = 'khoi-moi';
  row[column('Cơ quan chủ quản')] = '(không có)';
  row[column('Chức danh người ký')] = 'PHÓ GIÁM ĐỐC';
  row[column('Ký hiệu (Số: …/BC-…)')] = null;
  const imported = await soNganhImport(await writeTables(tables, { format: 'xlsx' }), 'don-vi.xlsx');
  assert.deepEqual(imported.changes, [
    { change: 'changed', item: 'province', part: 'seat', before: 'Lai Châu', after: 'Thành phố Lai Châu' },
    { change: 'changed', item: 'group', code: 'khoi-tong-hop', part: 'name', before: 'Khối cơ quan tổng hợp', after: 'Khối tổng hợp' },
    { change: 'added', item: 'group', code: 'khoi-moi', after: 'Khối mới' },
    { change: 'changed', unitId: 'so-tu-phap', item: 'unit', part: 'peerGroup', before: 'khoi-tong-hop', after: 'khoi-moi' },
    { change: 'changed', unitId: 'so-tu-phap', item: 'unit', part: 'document.parentBody', before: 'UBND TỈNH LAI CHÂU', after: '—' },
    { change: 'changed', unitId: 'so-tu-phap', item: 'unit', part: 'document.signerTitle', before: 'GIÁM ĐỐC', after: 'PHÓ GIÁM ĐỐC' },
  ]);
  assert.deepEqual(
    imported.document.groups!.map((g) => g.id),
    ['khoi-tong-hop', 'khoi-chuyen-nganh', 'khoi-moi'],
  );
  assert.equal(imported.document.groups![0]!.nameEn, 'General affairs bodies', 'an empty cell keeps the stored English name');
  const stp = imported.units.find((u) => u.id === 'so-tu-phap')!;
  assert.deepEqual(stp.document, { issuingBody: 'SỞ TƯ PHÁP', parentBody: null, abbreviation: 'STP', place: 'Lai Châu', signerTitle: 'PHÓ GIÁM ĐỐC' });
  // «(không có)» is written back as it was read.
  const next = { ...soNganh, units: new Map(imported.units.map((u) => [u.id, u])), provinces: [readUnits(imported.document).province] };
  const again = await soNganhImport(await writeTables(exportTables(next, { what: 'units' }), { format: 'csv' }), 'don-vi.csv', next);
  assert.deepEqual(again.changes, []);
});

test('a unit’s group must be a known one and a new group needs a name, refused at the cell', async () => {
  const header = 'Mã đơn vị;Tên đơn vị;Cấp;Nhóm xếp hạng;Cơ quan chủ quản';
  const csv = (...rows: string[]) => new TextEncoder().encode([header, ...rows].join('\n'));
  const unknown = await soNganhRefusal(csv('so-tu-phap;;;khoi-khong-co;', 'so-moi;Sở Mới;Sở, ban, ngành;khoi-tong-hop;'), 'don-vi.csv');
  assert.deepEqual(
    unknown.issues.map((i) => [i.code, i.field]),
    [['import.unknownGroup', 'don-vi!D2']],
  );
  assert.match(unknown.issues[0]!.message.vi, /không có nhóm «khoi-khong-co».*khoi-tong-hop, khoi-chuyen-nganh/);
  // A group named in the file's «Nhóm» sheet is known; one without a name is refused there.
  const tables = exportTables(soNganh, { what: 'units' });
  tables.find((t) => t.name === 'Nhóm')!.rows.push([3, 'khoi-moi', null, 'New group'], [4, 'Khoi Sai', 'Khối sai', null]);
  const units = tables.find((t) => t.name === 'Đơn vị')!;
  units.rows.find((r) => r[1] === 'so-tu-phap')![units.columns.findIndex((c) => c.header.at(-1) === 'Nhóm xếp hạng')] = 'khoi-moi';
  const error = await soNganhRefusal(await writeTables(tables, { format: 'xlsx' }), 'don-vi.xlsx');
  assert.deepEqual(
    error.issues.map((i) => [i.code, i.field]),
    [
      ['import.groupName', 'Nhóm!C5'],
      ['import.groupId', 'Nhóm!B6'],
      ['import.unknownGroup', `Đơn vị!G${3 + [...soNganh.units.keys()].indexOf('so-tu-phap')}`],
    ],
  );
  assert.match(error.issues[0]!.message.vi, /nhóm mới khoi-moi cần tên/);
});
