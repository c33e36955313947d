import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ParError } from './errors.ts';
import { dayAfter, diffUnits, linkLineage, mergeUnitEntries, parseUnits, readUnits, type UnitEntry } from './units.ts';

const demo = readFileSync(new URL('../../data/demo/lai-chau/units.yaml', import.meta.url), 'utf8');

const file = (units: Record<string, unknown>[]) => ({ kind: 'units', province: { id: 'p', name: 'P' }, units });
const district = { id: 'old', name: 'Cũ', level: 'district', validTo: '2025-06-30', successors: ['new'] };
const commune = { id: 'new', name: 'Mới', level: 'commune', validFrom: '2025-07-01', predecessors: ['old'] };

function refused(units: Record<string, unknown>[]): ParError {
  try {
    readUnits(file(units), 'units.yaml');
  } catch (error) {
    assert.ok(error instanceof ParError);
    return error;
  }
  assert.fail('the units were accepted');
}

test('the demo units validate: lineage written on both sides, dates that meet', () => {
  const { units } = parseUnits(demo);
  assert.deepEqual(units.find((u) => u.id === 'ban-bo')!.predecessors, ['tam-duong']);
  assert.equal(readUnits(file([district, commune])).units.length, 2);
});

test('lineage written on one side only is refused, naming both units and the missing field', () => {
  const error = refused([{ ...district, successors: [] }, commune]);
  assert.equal(error.issues[0]!.code, 'units.lineageOneSided');
  assert.equal(error.issues[0]!.field, 'units.0.successors');
  assert.match(error.issues[0]!.message.vi, /Mới \(new\) ghi Cũ \(old\) là đơn vị tiền thân.*Cũ \(old\) không ghi lại Mới \(new\)/);
  assert.match(error.issues[0]!.message.en, /does not list Mới \(new\) among its successors/);
  const other = refused([district, { ...commune, predecessors: undefined }]);
  assert.equal(other.issues[0]!.field, 'units.1.predecessors');
});

test('a gap or an overlap between a predecessor and its successor is refused at the successor’s validFrom', () => {
  const gap = refused([district, { ...commune, validFrom: '2025-07-03' }]);
  assert.equal(gap.issues[0]!.code, 'units.lineageGap');
  assert.equal(gap.issues[0]!.field, 'units.1.validFrom');
  assert.match(gap.issues[0]!.message.vi, /khoảng trống.*30\/06\/2025.*03\/07\/2025.*phải là 01\/07\/2025/);
  const overlap = refused([district, { ...commune, validFrom: '2025-06-30' }]);
  assert.equal(overlap.issues[0]!.code, 'units.lineageOverlap');
  assert.match(overlap.issues[0]!.message.en, /an overlap.*must be 2025-07-01/);
  const open = refused([{ ...district, validTo: undefined }, commune]);
  assert.equal(open.issues[0]!.field, 'units.0.validTo');
});

test('a unit is not its own predecessor or successor', () => {
  const error = refused([{ id: 'a', name: 'A', level: 'commune', validFrom: '2025-07-01', predecessors: ['a'] }]);
  assert.equal(error.issues[0]!.code, 'units.lineageSelf');
  assert.equal(error.issues[0]!.field, 'units.0.predecessors');
  assert.match(error.issues[0]!.message.vi, /A \(a\) ghi chính mình là đơn vị tiền thân/);
});

test('a merger of two units into one is valid when both sides and the dates agree', () => {
  const units = [
    { id: 'a', name: 'A', level: 'department', validTo: '2025-02-28', successors: ['c'] },
    { id: 'b', name: 'B', level: 'department', validTo: '2025-02-28', successors: ['c'] },
    { id: 'c', name: 'C', level: 'department', validFrom: '2025-03-01', predecessors: ['a', 'b'] },
  ];
  assert.equal(readUnits(file(units)).units.length, 3);
  assert.equal(dayAfter('2024-02-28'), '2024-02-29');
});

test('linkLineage completes the other side; mergeUnitEntries keeps the units left out', () => {
  const linked = linkLineage<UnitEntry>([{ ...district, successors: undefined }, commune]);
  assert.deepEqual(linked[0]!.successors, ['new']);
  const merged = mergeUnitEntries(
    [
      { id: 'a', n: 1 },
      { id: 'b', n: 1 },
    ],
    [
      { id: 'b', n: 2 },
      { id: 'c', n: 2 },
    ],
  );
  assert.deepEqual(merged, [
    { id: 'a', n: 1 },
    { id: 'b', n: 2 },
    { id: 'c', n: 2 },
  ]);
});

test('diffUnits lists added units and changed fields before → after', () => {
  const before = readUnits(file([{ id: 'a', name: 'A', level: 'commune' }])).units;
  const after = readUnits(
    file([
      { id: 'a', name: 'A mới', level: 'commune', validTo: '2025-12-31' },
      { id: 'b', name: 'B', level: 'commune' },
    ]),
  ).units;
  assert.deepEqual(diffUnits(new Map(before.map((u) => [u.id, u])), after), [
    { change: 'changed', unitId: 'a', item: 'unit', part: 'name', before: 'A', after: 'A mới' },
    { change: 'changed', unitId: 'a', item: 'unit', part: 'fullName', before: 'A', after: 'A mới' },
    { change: 'added', unitId: 'a', item: 'unit', part: 'validTo', after: '2025-12-31' },
    { change: 'added', unitId: 'b', item: 'unit', after: 'B' },
  ]);
});
