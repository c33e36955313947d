/**
 * Writers side by side (issue 16.1; migration 022, store/auditQueue.ts): twenty score writes at
 * once all land, each with its audit entry, and the trail verifies afterwards — keyed, anchored,
 * nothing left queued — and the readers' dataset equals a full read. On PostgreSQL the entries
 * are queued and chained after each commit; an entry put in the queue without the server key's
 * MAC is never chained, and is counted as unsealed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parsePoints } from '../core/index.ts';
import { SYSTEM } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { anchoring, createStore, listAudit, listScores, openAuditSeal, readAnchors, useAuditSeal, verifyAudit, writeScore, type Store } from './index.ts';
import { closeAll, testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const UNITS = ['tam-duong', 'than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te'];
const CODES = ['1', '2', '3', '4'];

for (const engine of testEngines()) {
  describe(`twenty score writers at once on ${engine.name}`, () => {
    let store: Store;
    let folder: string;
    let opened: Database | undefined;
    before(async () => {
      const db = (opened = await engine.open());
      folder = mkdtempSync(join(tmpdir(), 'parindex-writers-'));
      useAuditSeal(await openAuditSeal(db, { keyFile: join(folder, 'audit.key') }));
      store = createStore(anchoring(db));
      await openDemoCycle(store, DRAFT);
    });
    after(() =>
      // Whatever the set-up started, also when it failed half-way: the store, or the database it was to be over.
      closeAll([() => (store ?? opened)?.close(), () => useAuditSeal(undefined), () => folder && rmSync(folder, { recursive: true, force: true })]),
    );

    test('all twenty land with their entries; the chain verifies, keyed and anchored, nothing queued; readers see every write', async () => {
      await store.dataset();
      const before = (await listAudit(store.db)).length;
      const revision = async () => BigInt((await store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value);
      const revisionBefore = await revision();
      const writes = UNITS.flatMap((unitId) => CODES.map((code) => ({ unitId, code })));
      const versions = new Map<string, number>();
      for (const unitId of UNITS) for (const s of await listScores(store.db, DRAFT, unitId)) versions.set(`${unitId}/${s.code}`, s.version);
      const written = await Promise.all(
        writes.map(({ unitId, code }, i) =>
          writeScore(
            store.db,
            { cycleId: DRAFT, unitId, code, version: versions.get(`${unitId}/${code}`) ?? 0, patch: { final: { total: parsePoints(String(i % 2)) } } },
            SYSTEM,
          ),
        ),
      );
      assert.equal(written.length, 20);
      // One revision for each write, each naming its unit (on PostgreSQL folded from the queue by the sealer).
      const revisionAfter = await revision();
      assert.equal(revisionAfter - revisionBefore, 20n);
      const named = await store.db.query<{ unit_id: string }>('SELECT unit_id FROM revision_changes WHERE revision > $1 ORDER BY revision', [
        String(revisionBefore),
      ]);
      assert.deepEqual(named.map((r) => r.unit_id).sort(), writes.map((w) => w.unitId).sort());
      const entries = await listAudit(store.db);
      assert.equal(entries.length - before, 20);
      const subjects = new Set(entries.slice(before).map((e) => e.subject));
      for (const { unitId, code } of writes) assert.ok(subjects.has(`cycle/${DRAFT}/unit/${unitId}/criterion/${code}`));
      assert.ok(entries.slice(before).every((e) => e.keyed));
      const check = await verifyAudit(store.db);
      assert.equal(check.valid, true);
      assert.equal(check.unsealed, 0);
      // The head each sealing reached is anchored outside the table.
      const anchors = readAnchors(join(folder, 'audit-anchors.log'));
      assert.equal(anchors.at(-1)?.sequence, entries.at(-1)!.sequence);
      // Every write reached the readers (the cached dataset patched, or read again), as a fresh read gives it.
      const cached = await store.dataset();
      assert.deepEqual(cached.results, (await createStore(store.db).dataset()).results);
      const set = cached.results.find((r) => r.frameworkId === DRAFT)!;
      for (const [i, { unitId, code }] of writes.entries()) {
        const unit = set.units.find((u) => u.unitId === unitId)!;
        assert.equal(unit.scores.get(code)?.total, parsePoints(String(i % 2)), `${unitId} ${code}`);
      }
    });

    if (engine.name === 'postgres') {
      test('an entry queued without the server key’s MAC is not chained: counted unsealed, the chain still verifies', async () => {
        await store.db.query(
          "INSERT INTO audit_queue (at, actor_id, action, subject, mac) VALUES ('2026-01-01T00:00:00.000Z', 'x', 'forged', 'forged', 'bad')",
        );
        const versions = (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '1')!.version;
        await writeScore(
          store.db,
          { cycleId: DRAFT, unitId: 'tam-duong', code: '1', version: versions, patch: { final: { total: parsePoints('1') } } },
          SYSTEM,
        );
        const entries = await listAudit(store.db);
        assert.equal(
          entries.some((e) => e.action === 'forged'),
          false,
        );
        assert.equal(entries.at(-1)!.subject, `cycle/${DRAFT}/unit/tam-duong/criterion/1`);
        const check = await verifyAudit(store.db);
        assert.equal(check.valid, true);
        assert.equal(check.unsealed, 1);
      });
    }
  });
}
