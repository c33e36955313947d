/**
 * Score writes grouped into one transaction where transactions run one at a time (writeGroups.ts,
 * issue 16.1): writes arriving together share a commit on the embedded engine, each under its own
 * savepoint — an invalid or stale one is refused alone and leaves nothing behind, the others
 * land with their audit entries, the chain verifies and is anchored, readers see every write. On
 * PostgreSQL each write keeps its own transaction (they overlap there): the same outcome.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ParError, parsePoints } from '../core/index.ts';
import { SYSTEM } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { ConflictError } from './errors.ts';
import { anchoring, createStore, listAudit, listScores, openAuditSeal, readAnchors, useAuditSeal, verifyAudit, writeScore, type Store } from './index.ts';
import { appendAudit } from './audit.ts';
import { closeAll, testEngines, openDemoCycle } from './testing.ts';
import { writeTransaction } from './writeGroups.ts';

const DRAFT = 'lai-chau-district-2024';
const UNITS = ['tam-duong', 'than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te'];
const CODES = ['1', '2'];

// The embedded engine in its thread too: there each score write runs whole in the engine's thread (engineCalls.ts).
for (const engine of testEngines({ pgliteThread: true })) {
  describe(`score writes arriving together on ${engine.name}${engine.thread ? ' in its thread' : ''}`, () => {
    let store: Store;
    let folder: string;
    let opened: Database | undefined;
    before(async () => {
      const db = (opened = await engine.open());
      folder = mkdtempSync(join(tmpdir(), 'parindex-groups-'));
      useAuditSeal(await openAuditSeal(db, { keyFile: join(folder, 'audit.key') }));
      store = createStore(anchoring(db));
      await openDemoCycle(store, DRAFT);
    });
    after(() =>
      // Whatever the set-up started, also when it failed half-way: the store, or the database it was to be over.
      closeAll([() => (store ?? opened)?.close(), () => useAuditSeal(undefined), () => folder && rmSync(folder, { recursive: true, force: true })]),
    );

    test('an invalid and a stale write are refused alone; the others land with their entries, chained and anchored', async () => {
      await store.dataset();
      const entriesBefore = (await listAudit(store.db)).length;
      const stored = new Map<string, { version: number; total: string | null }>();
      for (const unitId of UNITS)
        for (const s of await listScores(store.db, DRAFT, unitId)) stored.set(`${unitId}/${s.code}`, { version: s.version, total: s.final?.total ?? null });
      const writes = UNITS.flatMap((unitId) => CODES.map((code) => ({ unitId, code })));
      // The 4th: far above any maximum (the core refuses it); the 7th: at a version nobody read.
      const BAD = 3;
      const STALE = 6;
      const outcomes = await Promise.allSettled(
        writes.map(({ unitId, code }, i) =>
          writeScore(
            store.db,
            {
              cycleId: DRAFT,
              unitId,
              code,
              version: (stored.get(`${unitId}/${code}`)?.version ?? 0) + (i === STALE ? 5 : 0),
              patch: { final: { total: parsePoints(i === BAD ? '1000' : String(i % 2)) } },
            },
            SYSTEM,
          ),
        ),
      );
      for (const [i, outcome] of outcomes.entries()) {
        if (i === BAD) {
          assert.equal(outcome.status, 'rejected');
          assert.ok(outcome.reason instanceof ParError && !(outcome.reason instanceof ConflictError), String(outcome.reason));
        } else if (i === STALE) {
          assert.equal(outcome.status, 'rejected');
          assert.ok(outcome.reason instanceof ConflictError, String(outcome.reason));
          // With the row as it is, to merge and retry (also when the write ran in the engine's thread).
          assert.equal(
            (outcome.reason.current as { version: number } | null)?.version ?? 0,
            stored.get(`${writes[i]!.unitId}/${writes[i]!.code}`)?.version ?? 0,
          );
        } else assert.equal(outcome.status, 'fulfilled', String(outcome.status === 'rejected' && outcome.reason));
      }
      // The transactions that wrote the rows, told apart by their start (`updated_at` is now(): one
      // a transaction, savepoints included): shared on the embedded engine, not on PostgreSQL.
      const landed = writes.filter((_, i) => i !== BAD && i !== STALE);
      const [{ transactions }] = (await store.db.query<{ transactions: number }>(
        `SELECT count(DISTINCT updated_at)::int AS transactions FROM scores
          WHERE cycle_id = $1 AND unit_id || '/' || code = ANY($2::text[])`,
        [DRAFT, landed.map((w) => `${w.unitId}/${w.code}`)],
      )) as [{ transactions: number }];
      if (engine.name === 'pglite') assert.ok(transactions < landed.length, `${transactions} transactions for ${landed.length} writes: grouped`);
      else assert.ok(transactions > 1, `${transactions} transactions for ${landed.length} writes: side by side`);
      // The refused ones left their rows as they were; the others are stored.
      for (const [i, { unitId, code }] of writes.entries()) {
        const row = (await listScores(store.db, DRAFT, unitId)).find((s) => s.code === code);
        const before = stored.get(`${unitId}/${code}`);
        if (i === BAD || i === STALE) {
          assert.equal(row?.final?.total ?? null, before?.total ?? null, `${unitId} ${code} unchanged`);
          assert.equal(row?.version ?? 0, before?.version ?? 0);
        } else assert.equal(row?.final?.total, String(i % 2), `${unitId} ${code}`);
      }
      const entries = (await listAudit(store.db)).slice(entriesBefore);
      assert.equal(entries.length, writes.length - 2);
      const subjects = entries.map((e) => e.subject);
      for (const i of [BAD, STALE]) assert.ok(!subjects.includes(`cycle/${DRAFT}/unit/${writes[i]!.unitId}/criterion/${writes[i]!.code}`));
      const check = await verifyAudit(store.db);
      assert.equal(check.valid, true);
      assert.equal(check.unsealed, 0);
      assert.equal(readAnchors(join(folder, 'audit-anchors.log')).at(-1)?.sequence, entries.at(-1)!.sequence);
      // Readers see every write at once, as a fresh read gives it.
      const cached = await store.dataset();
      assert.deepEqual(cached.results, (await createStore(store.db).dataset()).results);
    });

    test('a write refused after its audit entry takes the entry with it; the next chains on the one before', async () => {
      const entriesBefore = (await listAudit(store.db)).length;
      const subject = (i: number) => `test/groups/${i}`;
      // The four arrive in one turn: on the embedded engine they share a transaction, and the third is refused after its entry.
      const outcomes = await Promise.allSettled(
        [0, 1, 2, 3].map((i) =>
          writeTransaction(store.db, async (tx) => {
            await appendAudit(tx, { actorId: SYSTEM.userId, action: 'test.write', subject: subject(i) });
            if (i === 2) throw new Error('refused after its entry');
            return i;
          }),
        ),
      );
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
      );
      const entries = (await listAudit(store.db)).slice(entriesBefore);
      // In the order they were chained: one transaction after another here, as their commits come on PostgreSQL.
      assert.deepEqual(entries.map((e) => e.subject).sort(), [0, 1, 3].map(subject));
      assert.equal(entries[2]!.previousHash, entries[1]!.hash);
      assert.equal(entries[2]!.sequence, entries[1]!.sequence + 1);
      assert.equal((await verifyAudit(store.db)).valid, true);
    });

    test('a write alone after a refused one runs and lands', async () => {
      const row = (await listScores(store.db, DRAFT, 'muong-te')).find((s) => s.code === '1');
      await assert.rejects(
        writeScore(
          store.db,
          { cycleId: DRAFT, unitId: 'muong-te', code: '1', version: row?.version ?? 0, patch: { final: { total: parsePoints('1000') } } },
          SYSTEM,
        ),
        ParError,
      );
      const written = await writeScore(
        store.db,
        { cycleId: DRAFT, unitId: 'muong-te', code: '1', version: row?.version ?? 0, patch: { final: { total: parsePoints('0.5') } } },
        SYSTEM,
      );
      assert.equal(written.final?.total, '0.5');
    });
  });
}
