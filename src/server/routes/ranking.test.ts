/**
 * Rankings in pieces over HTTP (issue 16): pages sorted, searched and filtered on the server,
 * the summary without rows, the group's trend, the unit's analysis with its neighbours, and
 * the sizes of what a screen asks for at 4,000 units; compressed on the wire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { storeGeneratedHistory } from '../../io/generatedHistory.ts';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const UNITS = 4000;
const YEAR = 2030;
const KB = 1024;

/** Bytes on the wire (Brotli) and the decoded body. */
async function sized(server: TestServer, path: string) {
  const response = await fetch(server.url + path, { headers: { 'accept-encoding': 'br' } });
  const wire = Number(response.headers.get('content-length'));
  const body = (await response.json()) as any;
  return { status: response.status, encoding: response.headers.get('content-encoding'), wire, raw: Buffer.byteLength(JSON.stringify(body)), body };
}

for (const engine of testEngines()) {
  describe(`rankings in pages over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
      await storeGeneratedHistory(server.store, { units: UNITS, criteria: 16, year: YEAR });
    });
    after(() => server?.close());

    test('the demo: a page sorted on the server, searched without diacritics, with ties; the summary has no rows', async () => {
      const ranked = await server.request('GET', '/api/results/rows?year=2023&level=district');
      assert.equal(ranked.status, 200, JSON.stringify(ranked.body).slice(0, 300));
      assert.equal(ranked.body.matched, 8);
      assert.deepEqual(
        ranked.body.rows.map((r: { rank: number }) => r.rank),
        [...ranked.body.rows.map((r: { rank: number }) => r.rank)].sort((a, b) => a - b),
      );
      assert.equal(ranked.body.rows.find((r: { unit: { id: string } }) => r.unit.id === 'tam-duong').rank, 4);
      // Component 5: Tam Đường and four others share rank 2.
      assert.equal(
        ranked.body.rows.find((r: { unit: { id: string } }) => r.unit.id === 'tam-duong').components.find((c: { code: string }) => c.code === '5').tied,
        true,
      );
      const byComponent = await server.request('GET', '/api/results/rows?year=2023&level=district&sort=6&down=true');
      assert.equal(byComponent.body.rows[0].unit.id, 'lai-chau-city');
      const found = await server.request('GET', '/api/results/rows?year=2023&level=district&q=tam%20duong');
      assert.deepEqual(
        found.body.rows.map((r: { unit: { id: string } }) => r.unit.id),
        ['tam-duong'],
      );
      const named = await server.request('GET', '/api/results/rows?year=2023&level=district&sort=name&limit=3&offset=1');
      assert.equal(named.body.rows.length, 3);
      assert.equal(named.body.offset, 1);
      const summary = await server.request('GET', '/api/results/summary?year=2023&level=district');
      assert.equal(summary.status, 200);
      assert.equal(summary.body.units, undefined, 'no rows in the summary');
      assert.equal(summary.body.count, 8);
      assert.equal(
        summary.body.heat.deciles.reduce((n: number, d: { count: number }) => n + d.count, 0),
        8,
      );
      const refused = await server.request('GET', '/api/results/rows?year=2023&level=district&limit=5000');
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.issues[0].field, 'limit');
    });

    test('the demo: the group’s trend with a chosen unit, and the unit’s analysis with its neighbours', async () => {
      const trend = await server.request('GET', '/api/results/trend?level=district&group=lai-chau-district&units=tam-duong');
      assert.equal(trend.status, 200, JSON.stringify(trend.body).slice(0, 300));
      assert.deepEqual(
        trend.body.map((y: { year: number; units: { total: string; rank: number }[] }) => [y.year, y.units[0]!.total, y.units[0]!.rank]),
        [
          [2022, '72.07', 3],
          [2023, '78.119875', 4],
        ],
      );
      assert.ok(Number(trend.body[1].q1) <= Number(trend.body[1].median) && Number(trend.body[1].median) <= Number(trend.body[1].q3));
      const near = await server.request('GET', '/api/units/tam-duong/analysis/near?year=2023');
      assert.equal(near.body.peers.length, 8, 'a small group is listed whole');
      assert.equal(near.body.peerSummary.count, 8);
      const five = near.body.components.find((c: { code: string }) => c.code === '5');
      assert.equal(five.tiedCount, 4);
      assert.deepEqual(five.tiedWith.map((id: string) => near.body.names[id]).sort(), ['Mường Tè', 'Nậm Nhùn', 'Phong Thổ', 'Than Uyên']);
      const full = await server.request('GET', '/api/units/tam-duong/analysis?year=2023');
      assert.equal(full.body.peers.length, 8);
      assert.equal(full.body.peerSummary, undefined, 'the full analysis keeps its shape');
      // 0.3.0's ?peers=near on the full path is redirected (308) to the compact answer's own path.
      const old = await server.request('GET', '/api/units/tam-duong/analysis?year=2023&peers=near&lang=en');
      assert.equal(old.status, 200);
      assert.deepEqual(old.body, near.body);
    });

    test(`${UNITS} units: pages, search, a rank band, and answers sized for a screen`, async () => {
      const where = `year=${YEAR}&level=commune`;
      const first = await sized(server, `/api/results/rows?${where}`);
      assert.equal(first.status, 200);
      assert.equal(first.encoding, 'br');
      assert.equal(first.body.matched, UNITS);
      assert.equal(first.body.rows.length, 50);
      assert.ok(first.raw < 60 * KB, `a page is ${first.raw} bytes`);
      const last = await server.request('GET', `/api/results/rows?${where}&offset=${UNITS - 10}`);
      assert.equal(last.body.rows.length, 10);
      const found = await server.request('GET', `/api/results/rows?${where}&q=${encodeURIComponent('xa thu 1234')}`);
      assert.ok(found.body.rows.some((r: { unit: { id: string } }) => r.unit.id === 'xa-1234'));
      assert.ok(found.body.matched < 20 && found.body.rows.every((r: { unit: { name: string } }) => r.unit.name.includes('1234')));
      const band = await server.request('GET', `/api/results/rows?${where}&rankFrom=401&rankTo=800&limit=500`);
      assert.ok(band.body.matched >= 390 && band.body.rows.every((r: { rank: number }) => r.rank >= 401 && r.rank <= 800));
      const byTotal = await server.request('GET', `/api/results/rows?${where}&sort=total&down=true&limit=20`);
      assert.deepEqual(
        byTotal.body.rows.map((r: { unit: { id: string } }) => r.unit.id),
        first.body.rows.slice(0, 20).map((r: { unit: { id: string } }) => r.unit.id),
      );
      const summary = await sized(server, `/api/results/summary?${where}`);
      assert.equal(summary.body.heat.deciles.length, 10);
      assert.equal(
        summary.body.heat.deciles.reduce((n: number, d: { count: number }) => n + d.count, 0),
        UNITS,
      );
      assert.ok(summary.raw < 20 * KB, `the summary is ${summary.raw} bytes`);
      const group = summary.body.group;
      const trend = await sized(
        server,
        `/api/results/trend?level=commune&group=${group}&units=${first.body.rows.map((r: { unit: { id: string } }) => r.unit.id).join(',')}`,
      );
      assert.equal(trend.body.length, 2);
      const analysis = await sized(server, `/api/units/xa-2167/analysis/near?year=${YEAR}`);
      assert.ok(analysis.raw <= 50 * KB, `the analysis is ${analysis.raw} bytes`);
      assert.ok(analysis.body.peers.length <= 14 && analysis.body.peers.some((p: { unit: string }) => p.unit === 'xa-2167'));
      assert.equal(analysis.body.peerSummary.count, UNITS);
      const full = await sized(server, `/api/units/xa-2167/analysis?year=${YEAR}`);
      assert.ok(full.raw > 10 * analysis.raw, 'the full analysis lists every peer');
      const visit = [first, summary, trend].reduce((n, r) => n + r.wire, 0);
      assert.ok(visit < 100 * KB, `the province view's data is ${visit} bytes on the wire`);
    });
  });
}
