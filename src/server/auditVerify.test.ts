import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { anchorHead, appendAudit, openAuditSeal, useAuditSeal } from '../store/index.ts';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

for (const engine of testEngines()) {
  describe(`GET /api/audit/verify with the server's key and anchors, on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    const folder = mkdtempSync(join(tmpdir(), 'parindex-seal-'));
    before(async () => {
      server = await startTestServer(engine);
      useAuditSeal(await openAuditSeal(server.store.db, { keyFile: join(folder, 'audit.key') }));
      admin = await server.login('admin');
    });
    after(async () => {
      useAuditSeal(undefined);
      // Whatever the set-up started, also when it failed half-way.
      try {
        await server?.close();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    test('keyed entries verify; the last ones cut off are caught through the anchor file, with no head kept by hand', async () => {
      for (let n = 0; n < 3; n++) {
        await server.store.db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'score.write', subject: `test/${n}` }));
        await anchorHead(server.store.db);
      }
      const ok = (await server.request('GET', '/api/audit/verify', undefined, admin)).body;
      assert.equal(ok.valid, true, JSON.stringify(ok));
      assert.equal(ok.keyed, true);
      assert.ok(ok.anchors >= 4);
      const head = ok.head as { sequence: number };
      await server.store.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await tx.query('DELETE FROM audit_log WHERE sequence >= $1', [head.sequence - 1]);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
      const cut = (await server.request('GET', '/api/audit/verify', undefined, admin)).body;
      assert.deepEqual({ valid: cut.valid, brokenAt: cut.brokenAt, reason: cut.reason }, { valid: false, brokenAt: head.sequence - 1, reason: 'missing' });
      assert.ok(cut.anchor.sequence >= head.sequence - 1, 'the anchor that caught it is one of those gone');
      assert.match(cut.anchor.source, /audit-anchors\.log/);
    });
  });
}
