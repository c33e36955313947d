import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chainEntry, type AuditEntry } from '../workflow/audit.ts';
import { anchoring, appendAudit, createStore, listAudit, openAuditSeal, readAnchors, useAuditSeal, verifyAudit, type Store } from './index.ts';
import { testEngines } from './testing.ts';

const folders: string[] = [];
after(() => {
  useAuditSeal(undefined);
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

for (const engine of testEngines()) {
  describe(`audit trail held outside the database, on ${engine.name}`, () => {
    /** A trail of 2 plain entries (before the key), then 4 keyed ones each in its own commit. */
    async function trail(): Promise<{ store: Store; folder: string }> {
      const db = await engine.open();
      useAuditSeal(undefined);
      for (let n = 1; n <= 2; n++) await db.transaction((tx) => appendAudit(tx, { actorId: 'u1', action: 'score.write', subject: `s${n}` }));
      const folder = mkdtempSync(join(tmpdir(), 'parindex-seal-'));
      folders.push(folder);
      useAuditSeal(await openAuditSeal(db, { keyFile: join(folder, 'audit.key') }));
      const store = createStore(anchoring(db));
      for (let n = 3; n <= 6; n++) await store.db.transaction((tx) => appendAudit(tx, { actorId: 'u1', action: 'score.write', subject: `s${n}` }));
      return { store, folder };
    }
    const owner = async (store: Store, sql: string) => {
      // What the tables' owner (or a superuser) can do: switch the trigger off around its edit.
      await store.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await tx.query(sql);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
    };

    test('new entries are keyed with a key kept in a 0600 file, anchored after each commit; old ones stay plain and valid', async () => {
      const { store, folder } = await trail();
      try {
        assert.equal(statSync(join(folder, 'audit.key')).mode & 0o777, 0o600);
        const entries = await listAudit(store.db);
        assert.deepEqual(
          entries.map((e) => e.keyed ?? false),
          [false, false, true, true, true, true],
        );
        const anchors = readAnchors(join(folder, 'audit-anchors.log'));
        assert.deepEqual(
          anchors.map((a) => a.sequence),
          [2, 3, 4, 5, 6],
          'the head when the key was made, then after each commit',
        );
        assert.equal(anchors.at(-1)!.hash, entries.at(-1)!.hash);
        assert.match(readFileSync(join(folder, 'audit-anchors.log'), 'utf8').split('\n')[0]!, /^\d{4}-\d\d-\d\dT\S+ 2 [0-9a-f]{64}$/);
        const check = await verifyAudit(store.db);
        assert.equal(check.valid, true);
        assert.equal(check.entries, 6);
        assert.equal(check.keyed, true);
      } finally {
        await store.close();
      }
    });

    test('a command run from elsewhere without the key may not write plain entries into a keyed trail', async () => {
      const { store, folder } = await trail();
      try {
        await assert.rejects(openAuditSeal(store.db, { keyFile: join(folder, 'elsewhere', 'audit.key') }, false), { code: 'audit.keyMissing' });
        await store.db.query('SELECT 1');
        const fresh = await engine.open();
        try {
          assert.equal(
            await openAuditSeal(fresh, { keyFile: join(folder, 'elsewhere', 'audit.key') }, false),
            undefined,
            'no keyed entry yet: plain entries as before',
          );
        } finally {
          await fresh.close();
        }
      } finally {
        await store.close();
      }
    });

    test('the last entries deleted by the owner (trigger switched off): caught at the first one gone', async () => {
      const { store } = await trail();
      try {
        await owner(store, 'DELETE FROM audit_log WHERE sequence >= 5');
        const check = await verifyAudit(store.db);
        assert.equal(check.valid, false);
        assert.equal(check.brokenAt, 5);
        assert.equal(check.reason, 'missing');
      } finally {
        await store.close();
      }
    });

    test('an entry rewritten and the chain re-hashed without the key: caught at the rewritten entry', async () => {
      const { store } = await trail();
      try {
        const entries = await listAudit(store.db);
        const forged: AuditEntry[] = entries.slice(0, 3);
        for (const e of entries.slice(3)) {
          const { sequence: _s, previousHash: _p, hash: _h, keyed: _k, ...input } = e;
          forged.push(chainEntry({ ...input, subject: e.sequence === 4 ? 'rewritten' : e.subject }, forged.at(-1)));
        }
        for (const e of forged.slice(3))
          await owner(
            store,
            `UPDATE audit_log SET subject = '${e.subject}', previous_hash = '${e.previousHash}', hash = '${e.hash}', keyed = false WHERE sequence = ${e.sequence}`,
          );
        const check = await verifyAudit(store.db);
        assert.deepEqual([check.valid, check.brokenAt, check.reason], [false, 4, 'unkeyed']);
        // Marked keyed, with a guessed key: the HMAC does not match.
        await owner(store, 'UPDATE audit_log SET keyed = true WHERE sequence >= 4');
        const again = await verifyAudit(store.db);
        assert.deepEqual([again.valid, again.brokenAt, again.reason], [false, 4, 'altered']);
      } finally {
        await store.close();
      }
    });

    test('TRUNCATE is refused by a trigger; done anyway by the owner, it is caught at entry 1', async () => {
      const { store } = await trail();
      try {
        await assert.rejects(store.db.query('TRUNCATE audit_log'), /immutable/);
        await store.db.transaction(async (tx) => {
          await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate');
          await tx.query('TRUNCATE audit_log');
          await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate');
        });
        const check = await verifyAudit(store.db);
        assert.deepEqual([check.valid, check.brokenAt, check.reason, check.entries], [false, 1, 'missing', 0]);
        // A kept head (--head) is still checked as before.
        const kept = await verifyAudit(store.db, { sequence: 6, hash: 'f'.repeat(64) });
        assert.equal(kept.valid, false);
      } finally {
        await store.close();
      }
    });
  });
}
