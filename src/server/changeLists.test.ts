/** A change list kept as a worker's JSON pieces is parsed on its first review, once, whatever the readers arriving meanwhile. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../core/index.ts';
import { changeLists } from './changeLists.ts';

const admin = { userId: 'u-admin', role: 'admin' } as const;
const change = (i: number): Change => ({ change: 'changed', unitId: `xa-${i}`, item: `xa-${i} 1.1`, code: '1.1', before: '0.5', after: '1' });

test('pieces of JSON text read back as the whole list, in order; two first readers share one parse', async () => {
  const all = Array.from({ length: 7 }, (_, i) => change(i));
  const pieces = [all.slice(0, 3), all.slice(3, 6), all.slice(6)].map((p) => new TextEncoder().encode(JSON.stringify(p)));
  const lists = changeLists();
  const id = lists.keep(admin, pieces);
  const [a, b] = await Promise.all([lists.get(admin, id), lists.get(admin, id)]);
  assert.deepEqual(a, all);
  assert.equal(a, b, 'one list, parsed once');
  assert.equal(await lists.get(admin, id), a, 'then kept parsed');
  await assert.rejects(lists.get({ userId: 'u-other', role: 'admin' }, id), /import.changesGone|không còn/);
});
