/**
 * Across the 2025 reform over HTTP, on both engines: the demo province given data/reform-2025
 * (four successor communes of Tam Đường on a changed framework, Khun Há a merger), the analysis
 * and the trend say their baselines, a lineage table imports in one audited transaction with
 * errors at their cells, and the province's screen lists the units without lineage.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listDocuments, projectRoot, readDocument } from '../../io/dataFolder.ts';
import { testEngines } from '../../store/testing.ts';
import { unitLinks } from '../../store/index.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const reform = listDocuments(join(projectRoot, 'data', 'reform-2025')).map(readDocument);

for (const engine of testEngines()) {
  describe(`lineage and baselines over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
      const imported = await server.request('POST', '/api/import', { documents: reform.map((d) => ({ name: d.file, data: d.data })) }, admin);
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
    });
    after(() => server.close());

    test('the analysis states its baseline in words; a merger gets its predecessors combined; ranks are not compared across peer sets', async () => {
      const banBo = await server.request('GET', '/api/units/ban-bo/analysis?year=2025', undefined, admin);
      assert.equal(banBo.status, 200, JSON.stringify(banBo.body));
      assert.equal(banBo.body.baseline.kind, 'predecessor');
      assert.equal(banBo.body.baseline.words.vi, 'so với huyện Tam Đường (đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024)');
      assert.equal(banBo.body.rankChange, null);
      assert.deepEqual([banBo.body.previous.rank, banBo.body.previous.of, banBo.body.rank, banBo.body.of], [4, 8, 2, 4]);
      const khunHa = await server.request('GET', '/api/units/khun-ha/analysis?year=2025', undefined, admin);
      assert.equal(khunHa.body.baseline.kind, 'combined');
      assert.equal(khunHa.body.baseline.combination, 'population');
      assert.equal(khunHa.body.previous.total, '77.966');
      const own = await server.request('GET', '/api/units/tam-duong/analysis?year=2023', undefined, admin);
      assert.equal(own.body.baseline.kind, 'own');
    });

    test('the trend follows the lineage back, marking whose points they are and the break', async () => {
      const trend = await server.request('GET', '/api/units/ban-bo/trend', undefined, admin);
      assert.equal(trend.status, 200);
      assert.deepEqual(
        trend.body.map((p: { year: number; lineage?: { kind: string } }) => `${p.year} ${p.lineage?.kind ?? 'own'}`),
        ['2022 predecessor', '2023 predecessor', '2024 predecessor', '2025 own'],
      );
      assert.match(trend.body[3].breakBefore.vi, /^từ năm 2025: kết quả của chính đơn vị/);
    });

    test('a lineage table imports in one audited transaction; errors name their cells; the screen lists units without lineage', async () => {
      const unmapped = async () => (await server.request('GET', '/api/admin/units/lineage/unmapped?province=lai-chau&after=2025-07-01', undefined, admin)).body;
      const first = await unmapped();
      assert.deepEqual(
        first.map((u: { id: string; missing: string }) => `${u.id} ${u.missing}`),
        ['than-uyen successors', 'tan-uyen successors', 'lai-chau-city successors', 'muong-te successors', 'sin-ho successors', 'nam-nhun successors'],
      );
      const csv = (text: string) => new TextEncoder().encode(text);
      const headers = { ...admin, 'content-type': 'text/csv' };
      const bad = await server.request(
        'POST',
        '/api/import/file?kind=lineage&name=lien-ket.csv',
        csv('Đơn vị cũ;Đơn vị mới;Ngày hiệu lực;Hình thức;Tỷ lệ dân số\nThan Uyên;Không Có;01/07/2025;Sáp nhập;40%\nTân Uyên;Bình Lư;01/07/2025;gộp;\n'),
        headers,
      );
      assert.equal(bad.status, 422);
      assert.deepEqual(
        bad.body.error.issues.map((i: { field: string }) => i.field),
        ['lien-ket!B2', 'lien-ket!D3'],
      );
      const good = await server.request(
        'POST',
        '/api/import/file?kind=lineage&name=lien-ket.csv',
        csv(
          'Đơn vị cũ;Đơn vị mới;Ngày hiệu lực;Hình thức;Tỷ lệ dân số\nTam Đường;Bình Lư;01/07/2025;Sáp nhập;60%\nThan Uyên;Bình Lư;01/07/2025;Sáp nhập;40%\n',
        ),
        headers,
      );
      assert.equal(good.status, 200, JSON.stringify(good.body));
      assert.deepEqual(good.body.unitsChanged.sort(), ['binh-lu', 'than-uyen']);
      const links = await unitLinks(server.store.db, 'lai-chau');
      assert.deepEqual(
        links.filter((l) => l.successor_id === 'binh-lu').map((l) => [l.predecessor_id, l.kind, l.effective_date, Number(l.population_share)]),
        [
          ['tam-duong', 'merger', '2025-07-01', 0.6],
          ['than-uyen', 'merger', '2025-07-01', 0.4],
        ],
      );
      assert.equal(
        (await unmapped()).some((u: { id: string }) => u.id === 'than-uyen'),
        false,
      );
      const [audit] = await server.store.db.query<{ action: string; subject: string; after: { changes?: { unitId?: string }[] } }>(
        'SELECT action, subject, after FROM audit_log ORDER BY sequence DESC LIMIT 1',
      );
      assert.match(`${audit!.action} ${audit!.subject}`, /units|lai-chau/, 'the import is audited');
      // A merger recorded in the administration is in unit_links too (its kind left to the core's inference).
      const merger = await server.request(
        'POST',
        '/api/units/mergers',
        { predecessors: ['sin-ho'], successor: { id: 'xa-moi', name: 'Xã Mới', level: 'commune' }, date: '2025-07-01' },
        admin,
      );
      assert.equal(merger.status, 201, JSON.stringify(merger.body));
      assert.deepEqual(
        (await unitLinks(server.store.db, 'lai-chau')).filter((l) => l.successor_id === 'xa-moi').map((l) => [l.predecessor_id, l.kind, l.effective_date]),
        [['sin-ho', null, '2025-07-01']],
      );
      assert.equal(
        (await unmapped()).some((u: { id: string }) => u.id === 'sin-ho'),
        false,
      );
      const binhLu = await server.request('GET', '/api/units/binh-lu/analysis?year=2025', undefined, admin);
      assert.match(binhLu.body.baseline.words.vi, /^so với bình quân gia quyền theo dân số của huyện Tam Đường \(60%\) và huyện Than Uyên \(40%\)/);
    });
  });
}
