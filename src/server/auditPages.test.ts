/**
 * The whole audit trail as JSON comes a page at a time (a province's holds hundreds of
 * thousands of entries): `after` and `limit`, the next page named by x-next-after; the pages
 * together are the trail, and the CSV export still holds all of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAudit } from '../store/index.ts';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

for (const engine of testEngines()) {
  describe(`the audit trail in pages on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
    });
    after(() => server.close());

    test('pages of `limit` entries follow one another by x-next-after; together they are the whole trail', async () => {
      const whole = JSON.parse(JSON.stringify(await listAudit(server.store.db))) as { sequence: number }[];
      assert.ok(whole.length > 7, `the demo's trail has ${whole.length} entries`);
      const first = await server.request('GET', '/api/audit', undefined, admin);
      assert.deepEqual(first.body, whole, 'under the default page size: all of it');
      assert.equal(first.headers.get('x-next-after'), null);
      const paged: unknown[] = [];
      let pages = 0;
      for (let next: string | null = '0'; next !== null; pages++) {
        const page = await server.request('GET', `/api/audit?after=${next}&limit=3`, undefined, admin);
        assert.equal(page.status, 200);
        assert.ok(page.body.length <= 3);
        paged.push(...page.body);
        next = page.headers.get('x-next-after');
        if (next !== null) assert.equal(Number(next), page.body.at(-1).sequence);
      }
      assert.deepEqual(paged, whole);
      assert.equal(pages, Math.ceil(whole.length / 3));
      const csv = await server.request('GET', '/api/audit?format=csv', undefined, admin);
      assert.equal(csv.status, 200);
      assert.ok(String(csv.body).includes(String(whole.at(-1)!.sequence)));
    });

    test('a page larger than 5,000 entries, or a negative cursor, is refused with a message', async () => {
      for (const query of ['limit=5001', 'limit=0', 'after=-1', 'after=x']) {
        const response = await server.request('GET', `/api/audit?${query}`, undefined, admin);
        assert.equal(response.status, 422, query);
        const { vi, en } = response.body.error.issues[0].message;
        const field = query.split('=')[0]!;
        // Each language its own sentence naming the field, not one text with both halves.
        assert.ok(vi.includes(field) && !vi.includes(' / ') && !vi.includes('must'), `${query}: ${vi}`);
        assert.ok(en.includes(field) && en.includes('must') && !en.includes(' / '), `${query}: ${en}`);
      }
    });
  });
}
