/**
 * Several server processes behind one proxy on one PostgreSQL database (issue 15): a write
 * through one is read through the other at once, a session opened on one works on the other,
 * and a stale version is refused whichever server the two writers went through.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createStore, folderEvidenceFiles, openDatabase } from '../store/index.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo.ts';
import { closeAll } from '../store/testing.ts';
import { TEST_PASSWORD } from './testing.ts';

const url = process.env.PARINDEX_TEST_DATABASE_URL;
const UNIT = '/api/cycles/lai-chau-district-2024/units/tam-duong';

describe('two servers on one PostgreSQL database', { skip: url ? false : 'PARINDEX_TEST_DATABASE_URL is not set' }, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const servers: { url: string; close: () => Promise<void> }[] = [];
  const start = async (seed: boolean) => {
    const store = createStore(await openDatabase({ url: url!, schema }));
    let app: ReturnType<typeof buildApp> | undefined;
    try {
      if (seed) await seedDemo(store.db, TEST_PASSWORD);
      app = buildApp({ store, evidenceFiles: folderEvidenceFiles(mkdtempSync(join(tmpdir(), 'parindex-two-'))) });
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const started = app;
      servers.push({ url: address, close: () => closeAll([() => started.close(), () => store.close()]) });
    } catch (error) {
      // A start that failed half-way closes what it opened.
      await closeAll([() => app?.close(), () => store.close()]);
      throw error;
    }
  };
  before(async () => {
    await start(true);
    await start(false);
  });
  after(async () => {
    // Every server, also when one fails to close or the set-up failed half-way; the client ended whatever the DROP says.
    await closeAll([
      ...servers.map((server) => () => server.close()),
      async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      },
    ]);
  });

  const call = async (server: number, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await fetch(servers[server]!.url + path, {
      method,
      headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: (await response.json()) as any,
      cookie: response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
  };
  const score = async (server: number, headers: Record<string, string>, code: string) =>
    ((await call(server, 'GET', `${UNIT}/scores`, headers)).body as { code: string; self: string | null; version: number }[]).find((s) => s.code === code) ?? {
      code,
      self: null,
      version: 0,
    };

  test('a session opened on one server is valid on the other; a write through one is read through the other at once', async () => {
    const login = await call(0, 'POST', '/api/session', {}, { username: 'tamduong', password: TEST_PASSWORD });
    assert.equal(login.status, 200);
    const unit = { cookie: login.cookie, 'x-csrf-token': login.body.csrfToken as string };
    assert.equal((await call(1, 'GET', '/api/session', unit)).body.user.username, 'tamduong');
    // Both servers have read (and cached) the scores before the write.
    const before0 = await score(0, unit, '6');
    assert.deepEqual(await score(1, unit, '6'), before0);
    const written = await call(0, 'PUT', `${UNIT}/scores/6`, unit, { version: before0.version, self: '3,25' });
    assert.equal(written.status, 200, JSON.stringify(written.body));
    const seen = await score(1, unit, '6');
    assert.equal(Number(seen.self), 3.25);
    assert.equal(seen.version, before0.version + 1);
    // The second writer read the old version through the other server: refused, with the current row.
    const stale = await call(1, 'PUT', `${UNIT}/scores/6`, unit, { version: before0.version, self: '2' });
    assert.equal(stale.status, 409);
    assert.equal(Number((await score(0, unit, '6')).self), 3.25);
  });

  test('figures computed from the cached dataset follow a write through the other server', async () => {
    const login = await call(1, 'POST', '/api/session', {}, { username: 'admin', password: TEST_PASSWORD });
    const admin = { cookie: login.cookie, 'x-csrf-token': login.body.csrfToken as string };
    const component2 = async (server: number) => {
      const response = await call(server, 'GET', '/api/units/tam-duong/analysis?year=2024', admin);
      // Points are decimal texts: a failed read is told apart by its status.
      return response.status === 200
        ? (response.body.components as { code: string; score: string | null }[]).find((c) => c.code === '2')?.score
        : `HTTP ${response.status}`;
    };
    const before = await component2(1);
    assert.doesNotMatch(String(before), /^HTTP /, `the analysis answers before the write (${before})`);
    const document = { kind: 'results', year: 2024, framework: 'lai-chau-district-2024', units: [{ unit: 'tam-duong', scores: { '2': 4.5 } }] };
    const imported = await fetch(`${servers[0]!.url}/api/import`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: [{ name: 'ket-qua.json', data: document }] }),
    });
    assert.equal(imported.status, 200, await imported.text());
    const after = await component2(1);
    assert.notEqual(after, before);
    assert.equal(after, '4.5');
  });
});
