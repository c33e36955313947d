import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

for (const engine of testEngines()) {
  describe(`units administration over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    let officer: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
      officer = await server.login('tamduong');
    });
    after(() => server.close());

    test('the province lists (search without diacritics), adds, changes, ends units and records a merger', async () => {
      const found = await server.request('GET', '/api/admin/units?q=tam duong', undefined, admin);
      assert.equal(found.status, 200);
      assert.deepEqual(
        found.body.map((u: { id: string }) => u.id),
        ['tam-duong'],
      );
      assert.equal(found.body[0].version, 1);
      const added = await server.request('POST', '/api/units', { id: 'xa-thu', name: 'Xã Thử', level: 'commune', type: 'xã', validFrom: '2025-07-01' }, admin);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      // An id already taken beside a date that does not read and a blank name: one answer, each at its field.
      const taken = await server.request('POST', '/api/units', { id: 'xa-thu', name: '', level: 'commune', validFrom: '31/02/2025' }, admin);
      assert.equal(taken.status, 422);
      const byField = new Map((taken.body.error.issues as { field: string; message: { vi: string } }[]).map((i) => [i.field, i.message.vi]));
      assert.deepEqual([...byField.keys()].sort(), ['id', 'name', 'validFrom']);
      assert.match(byField.get('id')!, /mã đơn vị xa-thu đã có \(Xã Thử\)/);
      // The whole list (kept encoded per data revision): the new unit is in it at once, and again from the cache.
      for (let i = 0; i < 2; i++) {
        const all = await server.request('GET', '/api/units');
        assert.equal(all.status, 200);
        assert.deepEqual(all.body.find((u: { id: string }) => u.id === 'xa-thu')?.years, []);
        assert.ok(all.body.some((u: { id: string; years: number[] }) => u.id === 'tam-duong' && u.years.includes(2023)));
      }
      const changed = await server.request('PUT', '/api/units/xa-thu', { version: 1, fullName: 'UBND xã Thử' }, admin);
      assert.equal(changed.status, 200);
      assert.equal(changed.body.units[0].version, 2);
      assert.deepEqual(changed.body.changes, [{ change: 'changed', unitId: 'xa-thu', item: 'unit', part: 'fullName', before: 'Xã Thử', after: 'UBND xã Thử' }]);
      // The unit's document header data: written whole, a parent body of null is none.
      const headed = await server.request(
        'PUT',
        '/api/units/xa-thu',
        { version: 2, document: { issuingBody: 'HỢP TÁC XÃ THỬ', parentBody: null, abbreviation: 'HTX' } },
        admin,
      );
      assert.equal(headed.status, 200, JSON.stringify(headed.body));
      assert.deepEqual(
        headed.body.changes.map((c: { part: string; after: string }) => `${c.part} ${c.after}`),
        ['document.issuingBody HỢP TÁC XÃ THỬ', 'document.parentBody —', 'document.abbreviation HTX'],
      );
      assert.deepEqual((await server.request('GET', '/api/admin/units?q=xa thu', undefined, admin)).body[0].document, {
        issuingBody: 'HỢP TÁC XÃ THỬ',
        parentBody: null,
        abbreviation: 'HTX',
      });
      const cleared = await server.request('PUT', '/api/units/xa-thu', { version: 3, document: null }, admin);
      assert.equal(cleared.body.changes.length, 3);
      const stale = await server.request('PUT', '/api/units/xa-thu', { version: 1, name: 'Xã Cũ' }, admin);
      assert.equal(stale.status, 409);
      const ended = await server.request('POST', '/api/units/xa-thu/end', { validTo: '2026-06-30', version: 4 }, admin);
      assert.equal(ended.status, 200);
      assert.equal((await server.request('GET', '/api/units/xa-thu')).body.validTo, '2026-06-30');
      const merger = await server.request(
        'POST',
        '/api/units/mergers',
        { predecessors: ['xa-thu'], successor: { id: 'xa-sau', name: 'Xã Sau', level: 'commune' }, date: '2026-07-01' },
        admin,
      );
      assert.equal(merger.status, 201, JSON.stringify(merger.body));
      assert.deepEqual((await server.request('GET', '/api/units/xa-thu')).body.successors, ['xa-sau']);
      const gap = await server.request('PUT', '/api/units/xa-sau', { version: 1, validFrom: '2026-07-05' }, admin);
      assert.equal(gap.status, 422);
      assert.equal(gap.body.error.issues[0].code, 'units.lineageGap');
      const openapi = await server.request('GET', '/api/openapi.json');
      for (const path of ['/api/admin/units', '/api/units/{unit}/end', '/api/units/mergers']) assert.ok(openapi.body.paths[path], path);
    });

    test('a unit officer may not manage units', async () => {
      assert.equal((await server.request('GET', '/api/admin/units', undefined, officer)).status, 403);
      assert.equal((await server.request('POST', '/api/units', { id: 'xa-khac', name: 'Xã Khác', level: 'commune' }, officer)).status, 403);
      assert.equal((await server.request('POST', '/api/units/tam-duong/end', { validTo: '2026-01-01' }, officer)).status, 403);
      const bytes = new TextEncoder().encode('Mã đơn vị;Tên đơn vị;Cấp\nxa-khac;Xã Khác;Cấp xã');
      assert.equal((await server.request('POST', '/api/import/file?kind=units&dryRun=true', bytes, { ...officer, 'content-type': 'text/csv' })).status, 403);
    });

    test('units template, import preview then apply, and export over HTTP', async () => {
      const template = await fetch(`${server.url}/api/templates?kind=units`, { headers: admin });
      assert.equal(template.status, 200);
      const bytes = new TextEncoder().encode('Mã đơn vị;Tên đơn vị;Cấp\nxa-tep;Xã Tệp;Cấp xã');
      const preview = await server.request('POST', '/api/import/file?kind=units&dryRun=true&name=don-vi.csv', bytes, { ...admin, 'content-type': 'text/csv' });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.deepEqual(preview.body.changes, [{ change: 'added', unitId: 'xa-tep', item: 'unit', after: 'Xã Tệp' }]);
      assert.equal((await server.request('GET', '/api/units/xa-tep')).status, 404);
      const applied = await server.request('POST', '/api/import/file?kind=units&name=don-vi.csv', bytes, { ...admin, 'content-type': 'text/csv' });
      assert.equal(applied.status, 200);
      assert.equal((await server.request('GET', '/api/units/xa-tep')).status, 200);
      const csv = await fetch(`${server.url}/api/export?what=units&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(await csv.text(), /xa-tep;Xã Tệp;Xã Tệp;Cấp xã/);
    });
  });
}
