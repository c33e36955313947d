/**
 * A score write reads its criterion's current row with the unit's locked row, in one statement
 * (scores.ts LOCKED_OWNER, issue 16.1). That row comes from the statement's snapshot, which may be
 * older than the lock when another writer of the unit commits meanwhile: the version condition of
 * the UPDATE must then refuse the write as a conflict. Writers of other criteria of the unit go
 * through; what a write keeps (fields it does not change) is the committed row's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePoints } from '../core/index.ts';
import type { Actor } from '../workflow/policy.ts';
import { ConflictError } from './errors.ts';
import { createStore, listAudit, listScores, writeScore, type Store } from './index.ts';
import { testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const UNIT = 'tam-duong';
const EDITOR: Actor = { userId: 'u-tam-duong', role: 'unitEditor', unitId: UNIT };

for (const engine of testEngines()) {
  describe(`the current row read with the unit's lock on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await openDemoCycle(store, DRAFT);
    });
    after(() => store.close());
    const versionOf = async (code: string) => (await listScores(store.db, DRAFT, UNIT)).find((s) => s.code === code)?.version ?? 0;

    test('ten writers of one criterion at one version at once: one stored, nine refused as conflicts', async () => {
      const version = await versionOf('1');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          writeScore(store.db, { cycleId: DRAFT, unitId: UNIT, code: '1', version, patch: { self: parsePoints(String(i % 2)), comment: `w${i}` } }, EDITOR),
        ),
      );
      const stored = outcomes.filter((o) => o.status === 'fulfilled');
      assert.equal(stored.length, 1);
      for (const o of outcomes) if (o.status === 'rejected') assert.ok(o.reason instanceof ConflictError, String(o.reason));
      const row = (await listScores(store.db, DRAFT, UNIT)).find((s) => s.code === '1')!;
      assert.equal(row.version, version + 1);
      assert.equal(row.comment, (stored[0] as PromiseFulfilledResult<{ comment: string | null }>).value.comment);
    });

    test('writers of other criteria of the unit at once all go through, each keeping its committed fields', async () => {
      const codes = ['1', '2', '3', '4'];
      const versions = await Promise.all(codes.map(versionOf));
      await Promise.all(
        codes.map((code, i) =>
          writeScore(store.db, { cycleId: DRAFT, unitId: UNIT, code, version: versions[i]!, patch: { comment: `first ${code}` } }, EDITOR),
        ),
      );
      await Promise.all(
        codes.map((code, i) =>
          writeScore(store.db, { cycleId: DRAFT, unitId: UNIT, code, version: versions[i]! + 1, patch: { self: parsePoints('1') } }, EDITOR),
        ),
      );
      const rows = (await listScores(store.db, DRAFT, UNIT)).filter((s) => codes.includes(s.code));
      assert.deepEqual(
        rows.map((r) => [r.code, r.version, r.comment, r.self]),
        codes.map((code, i) => [code, versions[i]! + 2, `first ${code}`, '1']),
      );
      // The audit's before of the last write is the row the first one committed.
      const last = (await listAudit(store.db, `cycle/${DRAFT}/unit/${UNIT}/criterion/4`)).at(-1)!;
      assert.equal((last.before as { comment?: string }).comment, 'first 4');
    });
  });
}
