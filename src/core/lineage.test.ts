import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParError } from './errors.ts';
import { linksInto, unitsWithoutLineage } from './lineage.ts';
import { readUnits } from './units.ts';

const file = (units: unknown[]) => ({ kind: 'units', province: { id: 'p', name: 'P' }, units });
const codes = (run: () => unknown) => {
  try {
    run();
    return [];
  } catch (error) {
    return (error as ParError).issues.map((i) => `${i.code} ${i.field}`);
  }
};

test('links carry kind, date and shares; what is not written is inferred', () => {
  const { units } = readUnits(
    file([
      { id: 'a', name: 'A', level: 'district', validTo: '2025-06-30', successors: ['c', 'd'] },
      { id: 'b', name: 'B', level: 'district', validTo: '2025-06-30', successors: ['d'] },
      { id: 'c', name: 'C', level: 'commune', validFrom: '2025-07-01', predecessors: ['a'] },
      { id: 'd', name: 'D', level: 'commune', validFrom: '2025-07-01', predecessors: ['a', 'b'], lineage: [{ from: 'a', population: 0.6, area: 0.5 }] },
      { id: 'e', name: 'E', level: 'department', successors: ['f'], validTo: '2024-12-31' },
      { id: 'f', name: 'F', level: 'department', predecessors: ['e'], validFrom: '2025-01-01' },
    ]),
  );
  const byId = new Map(units.map((u) => [u.id, u]));
  assert.deepEqual(
    linksInto(byId.get('c')!, (id) => byId.get(id)),
    [{ from: 'a', to: 'c', kind: 'split', date: '2025-07-01' }],
  );
  assert.deepEqual(
    linksInto(byId.get('d')!, (id) => byId.get(id)).map((l) => [l.from, l.kind, l.population, l.area]),
    [
      ['a', 'merger', 0.6, 0.5],
      ['b', 'merger', undefined, undefined],
    ],
  );
  assert.equal(linksInto(byId.get('f')!, (id) => byId.get(id))[0]!.kind, 'rename');
});

test('lineage refused: one-sided, overlapping dates, a link to no predecessor or twice to one, an undated transfer', () => {
  assert.deepEqual(
    codes(() =>
      readUnits(
        file([
          { id: 'a', name: 'A', level: 'x', validTo: '2025-06-30' },
          { id: 'b', name: 'B', level: 'x', validFrom: '2025-07-01', predecessors: ['a'] },
        ]),
      ),
    ),
    ['units.lineageOneSided units.0.successors'],
  );
  assert.deepEqual(
    codes(() =>
      readUnits(
        file([
          { id: 'a', name: 'A', level: 'x', validTo: '2025-07-30', successors: ['b'] },
          { id: 'b', name: 'B', level: 'x', validFrom: '2025-07-01', predecessors: ['a'] },
        ]),
      ),
    ),
    ['units.lineageOverlap units.1.validFrom'],
  );
  const base = [{ id: 'a', name: 'A', level: 'x', validTo: '2025-06-30', successors: ['b'] }];
  assert.deepEqual(
    codes(() => readUnits(file([...base, { id: 'b', name: 'B', level: 'x', validFrom: '2025-07-01', predecessors: ['a'], lineage: [{ from: 'z' }] }]))),
    ['units.lineageLink units.1.lineage.0.from'],
  );
  assert.deepEqual(
    codes(() =>
      readUnits(
        file([
          ...base,
          { id: 'b', name: 'B', level: 'x', validFrom: '2025-07-01', predecessors: ['a'], lineage: [{ from: 'a', population: 1, area: 0.2 }, { from: 'a' }] },
        ]),
      ),
    ),
    ['units.lineageLink units.1.lineage.1.from'],
  );
  // A boundary transfer: the unit giving part of its area goes on; the link is dated within both.
  const transfer = (date?: string) =>
    file([
      { id: 'a', name: 'A', level: 'x', successors: ['b'] },
      { id: 'b', name: 'B', level: 'x', predecessors: ['a'], lineage: [{ from: 'a', kind: 'transfer', ...(date && { date }), area: 0.1 }] },
    ]);
  assert.deepEqual(
    codes(() => readUnits(transfer('2025-03-01'))),
    [],
  );
  assert.deepEqual(
    codes(() => readUnits(transfer())),
    ['units.lineageDates units.1.lineage.0.date'],
  );
});

test('units without lineage after a reform date: begun with no predecessor, ended the day before with no successor', () => {
  const { units } = readUnits(
    file([
      { id: 'a', name: 'A', level: 'district', validTo: '2025-06-30' },
      { id: 'b', name: 'B', level: 'commune', validFrom: '2025-07-01' },
      { id: 'c', name: 'C', level: 'district', validTo: '2025-06-30', successors: ['d'] },
      { id: 'd', name: 'D', level: 'commune', validFrom: '2025-07-01', predecessors: ['c'] },
      { id: 'e', name: 'E', level: 'department' },
    ]),
  );
  assert.deepEqual(
    unitsWithoutLineage(units, '2025-07-01').map((x) => [x.unit.id, x.missing]),
    [
      ['a', 'successors'],
      ['b', 'predecessors'],
    ],
  );
});
