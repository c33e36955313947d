/**
 * The audit trail's CSV is streamed a page at a time (issue 15 item 4): the streamed text is
 * the text the whole-table writer made (BOM, quoting, CRLF, line breaks inside fields quoted);
 * an error in the middle cuts the answer (the socket destroyed, logged) instead of ending a
 * truncated file like a whole one; an xlsx above the cap is refused in both languages, pointing to the CSV.
 */
import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { auditTable, readWorkbook, writeTables } from '../io/index.ts';
import { createStore, listAudit, type Store } from '../store/index.ts';
import { closeAll, testEngines } from '../store/testing.ts';
import { buildApp } from './app.ts';
import { auditCsvStream, EXPORT_PAGE } from './auditExport.ts';
import { seedDemo } from './demo.ts';
import { createWorkerPool } from './workers/pool.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

/** Entries with what a CSV must quote: line breaks (LF, CRLF, CR), the separator, quotes, a formula-like text. */
async function addAwkwardEntries(store: Store): Promise<void> {
  await store.db.query(
    `INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash)
     SELECT (SELECT max(sequence) FROM audit_log) + s, '2030-05-01T08:00:00.000Z', 'u-' || s, 'score.write', 'score:c/u/1.' || s,
       '{"self":"1.5"}'::jsonb, jsonb_build_object('comment', E'dòng một\\ndòng hai; "trích"'), (ARRAY[E'a\\nb', E'c\\r\\nd', E'e\\rf', '=SUM(A1)', 'x;y', NULL])[1 + s % 6],
       md5(s::text), md5((s + 1)::text)
     FROM generate_series(1, 12) AS s`,
  );
}

/** Plain entries, enough for several pages of the export. */
async function addEntries(store: Store, count: number): Promise<void> {
  await store.db.query(
    `INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash)
     SELECT (SELECT max(sequence) FROM audit_log) + s, '2030-05-01T08:00:00.000Z', 'u-' || s, 'score.write', 'score:c/u/2.' || s,
       NULL, '{"self":"2"}'::jsonb, NULL, md5(s::text), md5((s + 1)::text)
     FROM generate_series(1, $1::int) AS s`,
    [count],
  );
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

for (const engine of testEngines()) {
  describe(`the audit export streamed on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine, { auditXlsxRows: 5 });
      admin = await server.login('admin');
      await addAwkwardEntries(server.store);
    });
    after(() => server.close());

    test('the streamed CSV is the text the whole table made: BOM, header once, CRLF, line breaks and formulas quoted', async () => {
      const whole = decode(await writeTables([auditTable(await listAudit(server.store.db))], { format: 'csv' }));
      assert.ok(whole.startsWith('\uFEFFSTT;'));
      assert.ok(
        whole.includes('"a\nb"') && whole.includes('"c\r\nd"') && whole.includes('"e\rf"') && whole.includes("'=SUM(A1)"),
        'the awkward fields are there, quoted',
      );
      const response = await fetch(`${server.url}/api/audit?format=csv`, { headers: { ...admin, 'accept-encoding': 'br' } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-encoding'), 'br', 'compressed as it is streamed (fetch decompresses)');
      assert.match(String(response.headers.get('content-type')), /^text\/csv/);
      assert.equal(response.headers.get('content-disposition'), 'attachment; filename="nhat-ky.csv"');
      assert.equal(decode(new Uint8Array(await response.arrayBuffer())), whole);
      // Pages of 2 entries: the same text from many pieces (each page encoded in a worker).
      const pieces: Buffer[] = [];
      const pool = createWorkerPool();
      try {
        for await (const piece of auditCsvStream(server.store.db, pool, { page: 2 })) pieces.push(piece);
      } finally {
        await pool.close();
      }
      assert.ok(pieces.length > 1, `${pieces.length} pieces`);
      assert.equal(decode(Buffer.concat(pieces)), whole);
      assert.equal(decode(Buffer.concat(pieces)).split('STT;').length, 2, 'the header once');
    });

    test('an xlsx of more entries than the cap is refused in both languages, pointing to the CSV; under the cap it holds every entry', async () => {
      const refused = await server.request('GET', '/api/audit?format=xlsx', undefined, admin);
      assert.equal(refused.status, 413);
      const issue = refused.body.error.issues[0];
      assert.equal(issue.code, 'limits.auditXlsx');
      assert.match(issue.message.vi, /nhật ký có hơn 5 mục.*Excel.*CSV/);
      assert.match(issue.message.en, /more than 5 entries.*Excel.*CSV/);
      const small = await startTestServer(engine, { auditXlsxRows: 100_000 });
      try {
        const response = await fetch(`${small.url}/api/audit?format=xlsx`, { headers: await small.login('admin') });
        assert.equal(response.status, 200);
        const sheet = (await readWorkbook(new Uint8Array(await response.arrayBuffer()))).sheets[0]!;
        const entries = await listAudit(small.store.db);
        assert.ok(sheet.rows.some((row) => row.includes(entries.at(-1)!.hash)));
        assert.ok(sheet.rows.some((row) => row.includes(entries[0]!.hash)));
      } finally {
        await small.close();
      }
    });
  });

  describe(`an error in the middle of the audit CSV on ${engine.name}`, () => {
    let store: Store;
    const logged: string[] = [];
    let app: ReturnType<typeof buildApp>;
    let origin: string;
    before(async () => {
      store = createStore(await engine.open());
      await seedDemo(store.db, TEST_PASSWORD);
      await addEntries(store, EXPORT_PAGE * 2);
      app = buildApp({ store, logger: { level: 'info', stream: { write: (line) => void logged.push(line) } } });
      origin = await app.listen({ host: '127.0.0.1', port: 0 });
    });
    after(async () => {
      // Whatever the set-up started, also when it failed half-way (a pool left open keeps the file's process alive).
      await closeAll([() => app?.close(), () => store?.close()]);
    });

    test('cuts the answer (no clean end) and logs it, when a later page cannot be read', async () => {
      const session = await fetch(`${origin}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD, token: true }),
      });
      const auth = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
      // The second page's read fails, as a lost connection would.
      const query = store.db.query.bind(store.db);
      store.db.query = ((sql: string, params?: unknown[]) =>
        sql.includes('FROM audit_log WHERE sequence >') && params?.[0] !== '0'
          ? Promise.reject(new Error('connection lost'))
          : query(sql, params as never)) as typeof store.db.query;
      try {
        // As it is: the header went out before the failed read, so the answer is cut, not ended.
        const plain = await fetch(`${origin}/api/audit?format=csv`, { headers: { ...auth, 'accept-encoding': 'identity' } });
        assert.equal(plain.status, 200, 'the header and first piece went out');
        await assert.rejects(text(plain.body!), 'the body ends with an error, not as a whole file');
        // Compressed (gzip), as most clients ask: the compressor may not have sent anything yet (then a 500),
        // else the cut reaches through it; never a whole-looking file.
        const zipped = await fetch(`${origin}/api/audit?format=csv`, { headers: { ...auth, 'accept-encoding': 'gzip' } });
        if (zipped.status === 200) await assert.rejects(text(zipped.body!), 'the compressed body ends with an error');
        else assert.equal(zipped.status, 500);
      } finally {
        store.db.query = query;
      }
      assert.ok(
        logged.some((line) => line.includes('connection lost') && line.includes('answer is cut')),
        `logged: ${logged.join('\n').slice(0, 500)}`,
      );
    });
  });
}
