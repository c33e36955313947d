import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError, type Dataset } from '../core/index.ts';
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
  assert.equal(imported.changes.filter((c) => c.change === 'added').length, dataset.units.size);
});

test('the units template names the province and has the importable header', async () => {
  const tables = templateTables(dataset, { kind: 'units' });
  assert.deepEqual(tables.map((t) => t.name), ['Hướng dẫn', 'Thông tin', 'Đơn vị']);
  assert.deepEqual(tables[1]!.rows[1], ['Mã tỉnh', 'lai-chau']);
  const imported = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'units' }) as UnitsImport;
  assert.deepEqual(imported.changes, []);
});

test('a file adds a unit, changes one and records a merger on both sides; units it leaves out are kept', async () => {
  const imported = await importCsv([
    'xa-moi;Xã Mới;UBND xã Mới;Cấp xã;xã;01/07/2025;;Than Uyên, tan-uyen',
    'muong-te;Mường Tè;UBND huyện Mường Tè (cũ);;;;;',
  ]);
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
  assert.deepEqual(imported.changes.find((c) => c.unitId === 'xa-moi'), { change: 'added', unitId: 'xa-moi', item: 'unit', after: 'Xã Mới' });
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
