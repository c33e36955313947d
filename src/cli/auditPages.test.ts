/** `parindex audit export` a page at a time: the same JSON and CSV as the whole trail written at once, on both engines, whatever the page size. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditTable, writeTables } from '../io/index.ts';
import { createStore, listAudit, type Store } from '../store/index.ts';
import { openDemoCycle, testEngines } from '../store/testing.ts';
import { auditCsvPieces, auditJsonLines, auditJsonPieces } from './auditPages.ts';

const all = async <T>(pieces: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
};

for (const engine of testEngines()) {
  describe(`the audit export a page at a time on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await openDemoCycle(store, 'lai-chau-district-2024');
    });
    after(() => store.close());

    test('JSON: the text of the whole trail at once, for any page size and subject', async () => {
      const prefixes = ['', 'cycle/', 'no-such-subject/'];
      assert.ok((await listAudit(store.db)).length >= 3, 'a trail of a few entries');
      for (const prefix of prefixes) {
        const whole = JSON.stringify(await listAudit(store.db, prefix), null, 2);
        for (const size of [1, 2, 1000]) {
          assert.equal((await all(auditJsonPieces(store.db, prefix, size))).join(''), whole, `file, ${JSON.stringify(prefix)}, pages of ${size}`);
          assert.equal((await all(auditJsonLines(store.db, prefix, size))).join('\n'), whole, `terminal, ${JSON.stringify(prefix)}, pages of ${size}`);
        }
      }
    });

    test('CSV: the bytes of the whole trail written as one table', async () => {
      const entries = await listAudit(store.db);
      for (const locale of ['vi', 'en'] as const) {
        const whole = Buffer.from(await writeTables([auditTable(entries)], { format: 'csv', locale }));
        const paged = Buffer.concat((await all(auditCsvPieces(store.db, '', locale, 2))).map((p) => Buffer.from(p)));
        assert.ok(paged.equals(whole), locale);
      }
    });
  });
}
