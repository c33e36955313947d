/**
 * A ranking's pages in the order asked: the orders kept per view (figures read once, names placed
 * once) are those of the plain definition — by the column, rows without a figure last whichever
 * way, ties by rank and then by name in Vietnamese order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Dataset } from '../dataset.ts';
import { rankingIndex, rankingPage, type ProvinceJson } from './rankingWindow.ts';

const NAMES = ['Đà', 'Da', 'An', 'Ân', 'Ẩn', 'Bình', 'binh', 'Chà', 'Ơn'];
const figure = fc.option(fc.constantFrom('0', '1.5', '1.50001', '2', '10', '99.999', '100'), { nil: null });
const row = fc.record({ name: fc.constantFrom(...NAMES), total: figure, rank: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), a: figure, b: figure });
const collator = new Intl.Collator('vi');

type Plain = { id: string; name: string; total: string | null; rank: number | null; a: string | null; b: string | null };

/** The definition, one comparison at a time. */
function expected(rows: Plain[], sort: string, down: boolean): string[] {
  const value = (r: Plain) => (sort === 'total' ? r.total : sort === 'rank' ? r.rank : sort === 'a' ? r.a : sort === 'b' ? r.b : null);
  const rank = (r: Plain) => r.rank ?? Number.MAX_SAFE_INTEGER;
  const tie = (x: Plain, y: Plain) => rank(x) - rank(y) || collator.compare(x.name, y.name);
  return [...rows]
    .sort((x, y) => {
      if (sort === 'name') return (down ? -1 : 1) * collator.compare(x.name, y.name) || tie(x, y);
      const p = value(x);
      const q = value(y);
      if (p === null || q === null) return p === q ? tie(x, y) : p === null ? 1 : -1;
      return (down ? -1 : 1) * (Number(p) - Number(q)) || tie(x, y);
    })
    .map((r) => r.id);
}

test('every order of a page is the plain definition’s: by the column, no figure last, ties by rank then name', () => {
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (drawn) => {
      const rows: Plain[] = drawn.map((r, i) => ({ id: `u${i}`, ...r }));
      const view = {
        year: 2030,
        level: 'commune',
        group: 'g',
        of: rows.length,
        components: [{ code: 'a' }, { code: 'b' }],
        units: rows.map((r) => ({
          unit: { id: r.id, name: r.name, fullName: r.name },
          total: r.total,
          rank: r.rank,
          components: [
            { code: 'a', percent: r.a, rank: null },
            { code: 'b', percent: r.b, rank: null },
          ],
        })),
      } as unknown as ProvinceJson;
      const index = rankingIndex({ units: new Map(), groups: new Map() } as unknown as Dataset, view);
      for (const sort of ['rank', 'name', 'total', 'a', 'b'])
        for (const down of [false, true]) {
          const page = rankingPage(index, { sort, down, limit: 500 });
          const got = page.rows.map((r) => r.unit.id);
          // Rows equal in every key may come in any order: compare what decides the order.
          const key = (id: string) => {
            const r = rows.find((x) => x.id === id)!;
            return JSON.stringify([r.name, r.total, r.rank, r.a, r.b].map((v) => (typeof v === 'string' ? v.normalize() : v)));
          };
          assert.deepEqual(got.map(key), expected(rows, sort, down).map(key), `${sort} ${down ? 'down' : 'up'}`);
        }
    }),
    { numRuns: 300 },
  );
});
