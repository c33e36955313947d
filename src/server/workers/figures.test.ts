/**
 * The figures recomputed after each write (a ranking, its page, a unit's analysis) are computed
 * in a worker thread on the store's patched dataset: after score writes, each answer is the one
 * the main thread computes from the store's dataset, and the patched datasets reach the worker
 * as patches, not whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  analysisToJson,
  analyzeProvince,
  analyzeUnit,
  compactAnalysis,
  parsePoints,
  provinceToJson,
  rankingIndex,
  rankingPage,
  rankingSummary,
} from '../../core/index.ts';
import { cycleIdOf, listScores, writeScore } from '../../store/index.ts';
import { testEngines } from '../../store/testing.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { DEMO_CYCLE } from '../demo.ts';
import { startTestServer, type TestServer } from '../testing.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

const CYCLE = cycleIdOf(DEMO_CYCLE.year, DEMO_CYCLE.frameworkId);
const YEAR = DEMO_CYCLE.year;

for (const engine of testEngines()) {
  describe(`figures computed in a worker on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    const sent: string[] = [];
    let pool: WorkerPool | undefined;
    before(async () => {
      pool = createWorkerPool({ size: 1, onSend: (s) => sent.push(s.as) });
      server = await startTestServer(engine, { pool });
      admin = await server.login('admin');
    });
    // The server closes its pool; a server that failed to start leaves the pool to close here.
    after(() => (server ? server.close() : pool?.close()));

    const write = async (unitId: string, code: string, final: string) => {
      const version = (await listScores(server.store.db, CYCLE, unitId)).find((s) => s.code === code)?.version ?? 0;
      await writeScore(server.store.db, { cycleId: CYCLE, unitId, code, version, patch: { final: { total: parsePoints(final) } } }, SYSTEM);
    };
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    const get = async (path: string) => {
      const response = await server.request('GET', path, undefined, admin);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };

    test('after each score write: the ranking, a page of it and a unit’s analysis equal the main thread’s', async () => {
      for (const [i, [unitId, final]] of [
        ['', ''],
        ['tam-duong', '1'],
        ['than-uyen', '2'],
        ['tam-duong', '0'],
      ].entries()) {
        if (unitId) await write(unitId, '1', final!);
        const dataset = await server.store.dataset();
        const view = provinceToJson(analyzeProvince(dataset, YEAR));
        assert.deepEqual(await get(`/api/results?year=${YEAR}`), plain(view), `ranking after write ${i}`);
        assert.deepEqual(
          await get(`/api/results/rows?year=${YEAR}&limit=5`),
          plain(rankingPage(rankingIndex(dataset, view), { limit: 5 } as never)),
          `page after write ${i}`,
        );
        assert.deepEqual(await get(`/api/results/summary?year=${YEAR}`), plain(rankingSummary(rankingIndex(dataset, view))), `summary after write ${i}`);
        assert.deepEqual(
          await get(`/api/units/tan-uyen/analysis/near?year=${YEAR}`),
          plain(compactAnalysis(analysisToJson(analyzeUnit(dataset, 'tan-uyen', YEAR)))),
          `analysis after write ${i}`,
        );
      }
      assert.equal(sent[0], 'whole');
      assert.ok(sent.slice(1).length >= 3 && sent.slice(1).every((as) => as === 'patches'), `sent: ${sent.join(', ')}`);
    });
  });
}
