import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ParError } from '../core/index.ts';
import { join } from 'node:path';
import { exportTables, importWorkbook, readWorkbook, writeTables } from '../io/index.ts';
import { demoDocuments, listDocuments, projectRoot, readDocument } from '../io/dataFolder.ts';
import { SYSTEM, type Actor } from '../workflow/policy.ts';
import { saveUnits } from './save.ts';
import { addUnit, ConflictError, createStore, endUnit, listAudit, recordMerger, unitVersions, updateUnit, type Store } from './index.ts';
import { testEngines } from './testing.ts';

const HEADER = 'Mã đơn vị;Tên đơn vị;Cấp;Loại đơn vị;Hiệu lực từ ngày;Hiệu lực đến ngày;Đơn vị tiền thân';
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));
const officer: Actor = { userId: '7', role: 'unitEditor', unitId: 'tam-duong' };

async function refusal(work: () => Promise<unknown>): Promise<ParError> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof ParError);
    return error;
  }
  assert.fail('accepted');
}

for (const engine of testEngines()) {
  describe(`units managed as data on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments(), SYSTEM);
    });
    after(() => store.close());
    const importCsv = (bytes: Uint8Array, dryRun: boolean, actor: Actor = SYSTEM) =>
      store.importPreviewed(
        'don-vi.csv',
        async (dataset) => importWorkbook(await readWorkbook(bytes, { file: 'don-vi.csv' }), dataset, { kind: 'units' }),
        actor,
        { dryRun },
      );

    test('a units file adds, changes and ends units without dropping the others; previewed first, audited', async () => {
      const count = (await store.dataset()).units.size;
      const file = csv('xa-moi;Xã Mới;Cấp xã;xã;01/07/2025;;than-uyen', 'muong-te;Mường Tè mới;;;;;', 'ban-bo;;;;;31/12/2030;');
      const preview = await importCsv(file, true);
      assert.equal(preview.stored.dryRun, true);
      assert.deepEqual(
        preview.stored.changes.map((c) => `${c.change} ${c.unitId} ${c.part ?? ''} ${c.before ?? ''}→${c.after ?? ''}`),
        ['added than-uyen successors →xa-moi', 'changed muong-te name Mường Tè→Mường Tè mới', 'added ban-bo validTo →2030-12-31', 'added xa-moi  →Xã Mới'],
      );
      assert.equal((await store.dataset()).units.size, count, 'a dry run writes nothing');
      const versions = await unitVersions(store.db);
      await importCsv(file, false);
      const after = await store.dataset();
      assert.equal(after.units.size, count + 1);
      assert.equal(after.units.get('muong-te')!.name, 'Mường Tè mới');
      assert.equal(after.units.get('ban-bo')!.validTo, '2030-12-31');
      assert.deepEqual(after.units.get('than-uyen')!.successors, ['xa-moi']);
      assert.deepEqual(
        after.results.map((s) => s.units.length),
        (await store.dataset()).results.map((s) => s.units.length),
      );
      const now = await unitVersions(store.db);
      assert.equal(now.get('tam-duong'), versions.get('tam-duong'), 'untouched units are not rewritten');
      assert.equal(now.get('muong-te'), versions.get('muong-te')! + 1);
      assert.ok(
        (await listAudit(store.db, 'units/lai-chau')).some((e) => e.action === 'import.units'),
        'the import is audited',
      );
    });

    test('a YAML units document of a few units keeps the province’s other units', async () => {
      const count = (await store.dataset()).units.size;
      const result = await store.importDocuments(
        [
          {
            file: 'units.yaml',
            data: { kind: 'units', province: { id: 'lai-chau', name: 'Lai Châu' }, units: [{ id: 'xa-khac', name: 'Xã Khác', level: 'commune' }] },
          },
        ],
        SYSTEM,
      );
      assert.deepEqual(result.changes, [{ change: 'added', unitId: 'xa-khac', item: 'unit', after: 'Xã Khác' }]);
      assert.match(result.notices![0]!.vi, /đơn vị không có trong tệp được giữ nguyên/);
      assert.equal((await store.dataset()).units.size, count + 1);
    });

    test('a file whose lineage leaves a gap writes nothing and says where', async () => {
      const before = await unitVersions(store.db);
      const error = await refusal(() => importCsv(csv('xa-gap;Xã Gap;Cấp xã;xã;03/07/2025;;sin-ho'), false));
      assert.equal(error.issues[0]!.code, 'units.lineageGap');
      assert.equal(error.issues[0]!.field, 'don-vi!E2');
      assert.deepEqual(await unitVersions(store.db), before);
    });

    test('the administration adds, changes (stale versions refused), ends units and records a merger', async () => {
      const added = await addUnit(store.db, { id: 'xa-a', name: 'Xã A', level: 'commune', validFrom: '2025-07-01' }, SYSTEM);
      assert.equal(added.units[0]!.version, 1);
      await assert.rejects(addUnit(store.db, { id: 'xa-a', name: 'Xã A', level: 'commune' }, SYSTEM), (e: ParError) => e.issues[0]!.field === 'id');
      const changed = await updateUnit(store.db, 'xa-a', { version: 1, fullName: 'UBND xã A', aliases: ['A'] }, SYSTEM);
      assert.deepEqual(
        changed.changes.map((c) => c.part),
        ['fullName', 'aliases'],
      );
      await assert.rejects(updateUnit(store.db, 'xa-a', { version: 1, name: 'Xã A cũ' }, SYSTEM), ConflictError);
      const ended = await endUnit(store.db, 'xa-a', { validTo: '2026-03-31', version: 2 }, SYSTEM);
      assert.equal(ended.units[0]!.validTo, '2026-03-31');
      const merged = await recordMerger(
        store.db,
        { predecessors: ['phong-tho', 'sin-ho'], successor: { id: 'xa-hop', name: 'Xã Hợp', level: 'commune' }, date: '2025-07-01' },
        SYSTEM,
      );
      const dataset = await store.dataset();
      assert.deepEqual(dataset.units.get('xa-hop')!.predecessors, ['phong-tho', 'sin-ho']);
      assert.equal(dataset.units.get('xa-hop')!.validFrom, '2025-07-01');
      assert.deepEqual(dataset.units.get('sin-ho')!.successors, ['xa-hop']);
      assert.equal(merged.units.length, 3);
      // A merger dated so that a predecessor would overlap its other successor is refused by the core.
      const gap = await refusal(() => recordMerger(store.db, { predecessors: ['xa-a'], successor: { id: 'xa-hop' }, date: '2026-04-01' }, SYSTEM));
      assert.ok(['units.lineageGap', 'units.lineageOverlap'].includes(gap.issues[0]!.code), gap.message);
      const actions = (await listAudit(store.db, 'unit/')).map((e) => e.action);
      for (const action of ['unit.add', 'unit.update', 'unit.end', 'unit.merger']) assert.ok(actions.includes(action), action);
    });

    test('a unit officer may not manage units', async () => {
      const error = await refusal(() => addUnit(store.db, { id: 'xa-b', name: 'Xã B', level: 'commune' }, officer));
      assert.equal(error.code, 'auth.forbidden');
      await assert.rejects(importCsv(csv('xa-b;Xã B;Cấp xã;;;;'), false, officer), (e: ParError) => e.code === 'auth.forbidden');
    });
  });
}

const SO_NGANH = join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh');

for (const engine of testEngines()) {
  describe(`a province's groups, seat and body kept through units imports on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(listDocuments(SO_NGANH).map(readDocument), SYSTEM);
    });
    after(() => store.close());
    const province = async () => (await store.dataset()).provinces.find((p) => p.id === 'lai-chau')!;
    const importFile = (bytes: Uint8Array, file: string, dryRun = false) =>
      store.importPreviewed(file, async (dataset) => importWorkbook(await readWorkbook(bytes, { file }), dataset, { kind: 'units' }), SYSTEM, { dryRun });

    test('the units workbook exported from the store imports again with no change, groups and headers included', async () => {
      const stored = await store.dataset();
      assert.equal((await province()).groups?.length, 2);
      for (const format of ['xlsx', 'csv'] as const) {
        const bytes = await writeTables(exportTables(stored, { what: 'units' }), { format });
        const { stored: result } = await importFile(bytes, `don-vi.${format}`, true);
        assert.deepEqual(result.changes, [], format);
      }
    });

    test('a second units import naming no groups, seat or body keeps them', async () => {
      const before = await province();
      const result = await store.importDocuments(
        [
          {
            file: 'units.yaml',
            data: {
              kind: 'units',
              province: { id: 'lai-chau', name: 'Lai Châu' },
              units: [{ id: 'so-moi', name: 'Sở Mới', level: 'department', peerGroup: 'khoi-chuyen-nganh' }],
            },
          },
        ],
        SYSTEM,
      );
      assert.deepEqual(result.changes, [{ change: 'added', unitId: 'so-moi', item: 'unit', after: 'Sở Mới' }]);
      assert.deepEqual(await province(), before);
      const [row] = await store.db.query<{ document: Record<string, unknown> }>("SELECT document FROM provinces WHERE id = 'lai-chau'");
      assert.deepEqual(row!.document, { groups: before.groups, seat: 'Lai Châu', body: 'UBND TỈNH LAI CHÂU' });
      // A CSV (the «Đơn vị» table only) changing a unit's header keeps them too.
      const csv = new TextEncoder().encode(['Mã đơn vị;Chức danh người ký;Cơ quan chủ quản', 'so-moi;GIÁM ĐỐC;(không có)'].join('\n'));
      const { stored: changed } = await importFile(csv, 'don-vi.csv');
      assert.deepEqual(
        changed.changes.map((c) => `${c.unitId} ${c.part} ${c.after}`),
        ['so-moi document.parentBody —', 'so-moi document.signerTitle GIÁM ĐỐC'],
      );
      assert.deepEqual(await province(), before);
      assert.deepEqual((await store.dataset()).units.get('so-moi')!.document, { signerTitle: 'GIÁM ĐỐC', parentBody: null });
      // Even a province written without them (as a caller might) does not clear the stored row.
      await store.db.transaction((tx) => saveUnits(tx, { id: 'lai-chau', name: 'Lai Châu' }, []));
      assert.deepEqual(await province(), before);
    });

    test('a groups sheet adds and renames groups and never drops one', async () => {
      const tables = exportTables(await store.dataset(), { what: 'units' });
      tables.find((t) => t.name === 'Nhóm')!.rows = [[1, 'khoi-moi', 'Khối mới', null]];
      tables.find((t) => t.name === 'Thông tin')!.rows.find((r) => r[0] === 'Cơ quan của tỉnh')![1] = 'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU';
      const { stored: result } = await importFile(await writeTables(tables, { format: 'xlsx' }), 'don-vi.xlsx');
      assert.deepEqual(result.changes, [
        { change: 'changed', item: 'province', part: 'body', before: 'UBND TỈNH LAI CHÂU', after: 'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU' },
        { change: 'added', item: 'group', code: 'khoi-moi', after: 'Khối mới' },
      ]);
      const now = await province();
      assert.deepEqual(
        now.groups!.map((g) => g.id),
        ['khoi-tong-hop', 'khoi-chuyen-nganh', 'khoi-moi'],
      );
      assert.equal(now.seat, 'Lai Châu');
      assert.equal(now.body, 'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU');
    });
  });
}
