/** Reviewing a large import over HTTP (issue 16): each change once, counted per unit and criterion, filtered, downloaded whole. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildDataset, readResults, type Change } from '../../core/index.ts';
import { generatedProvince } from '../../io/generatedProvince.ts';
import { exportTables, writeTables } from '../../io/index.ts';
import { changeFilter, countBy } from '../changeIndex.ts';
import { testEngines } from '../../store/testing.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const UNITS = 30;
const CRITERIA = 16;

for (const engine of testEngines()) {
  describe(`an import reviewed over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    const province = generatedProvince({ units: UNITS, criteria: CRITERIA, year: 2030 });
    before(async () => {
      server = await startTestServer(engine);
      await server.store.importDocuments(
        [
          { file: 'framework', data: province.framework },
          { file: 'units', data: province.units },
        ],
        SYSTEM,
      );
      admin = await server.login('admin');
    });
    after(() => server?.close());

    test('a province’s results previewed: each score once, per unit and criterion, filtered, and the whole list as CSV', async () => {
      const preview = await server.request(
        'POST',
        '/api/import?dryRun=true&changes=20',
        { documents: [{ name: 'ket-qua.json', data: province.results }] },
        admin,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body).slice(0, 400));
      // 30 units added, each with 16 scores: a score's total and its appraisal part are one change.
      assert.deepEqual(preview.body.counts, { added: UNITS * (CRITERIA + 1), changed: 0, removed: 0 });
      assert.equal(preview.body.changesTotal, UNITS * (CRITERIA + 1));
      assert.equal(preview.body.changes.length, 20);
      assert.ok(
        preview.body.changes.every((c: { part?: string }) => c.part === undefined),
        'no part left on a single-source score',
      );
      const id = preview.body.changeList;
      assert.match(id, /^[0-9a-f-]{36}$/);

      const byUnit = await server.request('GET', `/api/import/changes/${id}/summary?by=unit&sort=key&limit=5`, undefined, admin);
      assert.equal(byUnit.status, 200, JSON.stringify(byUnit.body));
      assert.equal(byUnit.body.total, UNITS);
      assert.deepEqual(byUnit.body.rows[0], { key: 'xa-1', name: 'Xã Thử 1', added: CRITERIA + 1, changed: 0, removed: 0, total: CRITERIA + 1 });
      const searched = await server.request('GET', `/api/import/changes/${id}/summary?by=unit&q=${encodeURIComponent('xa thu 12')}`, undefined, admin);
      assert.deepEqual(
        searched.body.rows.map((r: { key: string }) => r.key),
        ['xa-12'],
      );
      const byCriterion = await server.request('GET', `/api/import/changes/${id}/summary?by=criterion&sort=key`, undefined, admin);
      assert.deepEqual(
        byCriterion.body.rows.slice(0, 3).map((r: { key: string; total: number }) => [r.key, r.total]),
        [
          ['', UNITS],
          ['1.1', UNITS],
          ['1.2', UNITS],
        ],
      );

      const ofUnit = await server.request('GET', `/api/import/changes/${id}?unit=xa-7`, undefined, admin);
      assert.equal(ofUnit.body.total, CRITERIA + 1);
      const ofComponent = await server.request('GET', `/api/import/changes/${id}?code=1&limit=5`, undefined, admin);
      assert.equal(ofComponent.body.total, UNITS * 2, 'a component’s criteria (1.1, 1.2)');
      assert.equal(ofComponent.body.changes.length, 5);

      const file = await fetch(`${server.url}/api/import/changes/${id}/file?format=csv&code=1.1`, { headers: admin });
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition') ?? '', /thay-doi\.csv/);
      const lines = (await file.text()).trim().split(/\r?\n/);
      assert.equal(lines.length, UNITS + 1);
      // What changed in the reader's words (core/changeWords.ts), the value as stored.
      assert.match(lines[1]!, /^xa-1;Xã Thử 1;1\.1;điểm;;thêm;;0\.3$/);
      const xlsx = await fetch(`${server.url}/api/import/changes/${id}/file`, { headers: admin });
      assert.match(xlsx.headers.get('content-type') ?? '', /spreadsheetml/);

      // Someone else cannot read the list.
      const other = await server.request('GET', `/api/import/changes/${id}`, undefined, await server.login('tamduong'));
      assert.equal(other.status, 422);
      assert.equal(other.body.error.issues[0].code, 'import.changesGone');
    });

    test('a results file previewed: its list, held by the worker, answers as the whole list filtered and counted', async () => {
      const base = buildDataset([
        { file: 'framework', data: province.framework },
        { file: 'units', data: province.units },
      ]);
      const results = readResults(province.results, (id) => base.frameworks.get(id));
      const csv = await writeTables(exportTables({ ...base, results: [results] }, { what: 'results', year: 2030 }), { format: 'csv' });
      const preview = await server.request(
        'POST',
        `/api/import/file?kind=results&year=2030&framework=${province.frameworkId}&dryRun=true&changes=0&name=tinh.csv`,
        csv,
        { ...admin, 'content-type': 'text/csv' },
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body).slice(0, 400));
      const id = preview.body.changeList;
      assert.match(id, /^[0-9a-f-]{36}$/);
      const all: Change[] = [];
      for (let offset = 0; offset < preview.body.changesTotal; offset += 100) {
        const page = await server.request('GET', `/api/import/changes/${id}?offset=${offset}&limit=100`, undefined, admin);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        all.push(...page.body.changes);
      }
      assert.equal(all.length, preview.body.changesTotal);
      const filters: Record<string, string>[] = [
        { unit: 'xa-7' },
        { code: '1' },
        { code: '1.1', change: 'added' },
        { unit: 'xa-3', code: '2' },
        { change: 'removed' },
      ];
      for (const filter of filters) {
        const query = new URLSearchParams(filter).toString();
        const kept = all.filter(changeFilter(filter));
        const page = await server.request('GET', `/api/import/changes/${id}?${query}&limit=7&offset=2`, undefined, admin);
        assert.deepEqual([page.body.total, page.body.changes], [kept.length, kept.slice(2, 9)], query);
        for (const by of ['unit', 'criterion'] as const) {
          const summary = await server.request('GET', `/api/import/changes/${id}/summary?by=${by}&${query}&sort=key&limit=1000`, undefined, admin);
          const expected = countBy(kept, by).map((r) => r.key);
          assert.deepEqual(summary.body.rows.map((r: { key: string }) => r.key).sort(), expected.sort(), `${by} ${query}`);
          assert.equal(
            summary.body.rows.reduce((n: number, r: { total: number }) => n + r.total, 0),
            kept.length,
          );
        }
      }
      const file = await fetch(`${server.url}/api/import/changes/${id}/file?format=csv&unit=xa-2`, { headers: admin });
      assert.equal(file.status, 200);
      const lines = (await file.text()).trim().split(/\r?\n/);
      assert.equal(lines.length, all.filter((c) => c.unitId === 'xa-2').length + 1);
      assert.match(lines[1]!, /^xa-2;Xã Thử 2;/);
      const other = await server.request('GET', `/api/import/changes/${id}/summary?by=unit`, undefined, await server.login('tamduong'));
      assert.equal(other.body.error.issues[0].code, 'import.changesGone');
    });
  });
}
