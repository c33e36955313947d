import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoDocuments } from '../io/dataFolder.ts';
import { startTestServer, type TestServer } from '../server/testing.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { listAudit, openCycle } from './index.ts';
import { testEngines } from './testing.ts';

/** The demo's 2024 district framework, for another year. */
function frameworkFor(year: number) {
  const data = structuredClone(demoDocuments().find((d) => (d.data as { id?: string }).id === 'lai-chau-district-2024')!.data) as Record<string, unknown>;
  return { file: `bo-tieu-chi-${year}.yaml`, data: { ...data, id: `lai-chau-district-${year}`, year } };
}

for (const engine of testEngines()) {
  describe(`opening a cycle against the units' validity on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
      await server.store.importDocuments([frameworkFor(2025), frameworkFor(2026), frameworkFor(2027)], SYSTEM);
    });
    after(() => server.close());

    test('units valid for part of the year are opened with a warning naming each one and its dates', async () => {
      const admin = await server.login('admin');
      const opened = await server.request('POST', '/api/cycles', { year: 2025, framework: 'lai-chau-district-2025' }, admin);
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      assert.equal(opened.body.units.length, 8);
      assert.deepEqual(opened.body.leftOut, []);
      const warnings = opened.body.warnings as { code: string; unit: string; message: { vi: string; en: string } }[];
      assert.equal(warnings.length, 8);
      assert.ok(warnings.every((w) => w.code === 'cycle.unitPartYear'));
      const tamDuong = warnings.find((w) => w.unit === 'tam-duong')!;
      assert.match(tamDuong.message.vi, /Tam Đường chỉ có hiệu lực một phần năm 2025 \(hiệu lực đến 30\/06\/2025\)/);
      assert.match(tamDuong.message.en, /Tam Đường exists for part of 2025 only \(valid to 30\/06\/2025\)/);
    });

    test('a unit whose validity ended before the year began gets no file, and the answer and the audit say why', async () => {
      await server.store.db.query("UPDATE units SET valid_to = NULL WHERE id = 'muong-te'");
      const opened = await openCycle(server.store.db, { year: 2026, frameworkId: 'lai-chau-district-2026' }, SYSTEM);
      assert.deepEqual(opened.units, ['muong-te']);
      assert.equal(opened.leftOut.length, 7);
      assert.ok(!opened.leftOut.some((l) => l.unit === 'muong-te'));
      const tamDuong = opened.leftOut.find((l) => l.unit === 'tam-duong')!;
      assert.match(tamDuong.reason.vi, /Tam Đường \(hiệu lực đến 30\/06\/2025\) không tồn tại trong năm 2026: không mở hồ sơ/);
      assert.match(tamDuong.reason.en, /does not exist in 2026: no file opened/);
      assert.deepEqual(
        opened.warnings.map((w) => w.code),
        Array(7).fill('cycle.unitLeftOut'),
      );
      const files = await server.store.db.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1', [opened.id]);
      assert.deepEqual(
        files.map((f) => f.unit_id),
        ['muong-te'],
      );
      const [entry] = (await listAudit(server.store.db, `cycle/${opened.id}`)).filter((e) => e.action === 'cycle.open');
      assert.equal((entry!.after as { leftOut: unknown[] }).leftOut.length, 7);
    });

    test('a year no unit of the level exists in is refused, naming the units left out', async () => {
      await server.store.db.query("UPDATE units SET valid_to = '2026-12-31' WHERE id = 'muong-te'");
      const refused = await server.request('POST', '/api/cycles', { year: 2027, framework: 'lai-chau-district-2027' }, await server.login('admin'));
      assert.equal(refused.status, 422);
      const issues = refused.body.error.issues as { code: string; unit?: string }[];
      assert.equal(issues[0]!.code, 'cycle.noUnits');
      assert.equal(issues.filter((i) => i.code === 'cycle.unitLeftOut').length, 8);
    });
  });
}
