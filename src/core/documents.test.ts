import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from './document.ts';
import { frameworkDocument, parseFramework, readFramework, diffFrameworks } from './framework/index.ts';
import { diffResults, parseResults, readResults, resultsDocument } from './results/index.ts';
import { findUnit, parseUnits, unitFinder } from './units.ts';
import { ParError } from './errors.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const frameworks = new Map(
  ['district-2022', 'district-2023'].map((n) => {
    const f = parseFramework(read(`frameworks/lai-chau/${n}.yaml`));
    return [f.id, f];
  }),
);

test('a framework written back as a document builds the same framework', () => {
  for (const framework of frameworks.values()) {
    const again = readFramework(JSON.parse(JSON.stringify(frameworkDocument(framework))));
    assert.deepEqual(again, framework);
    assert.deepEqual(diffFrameworks(framework, again), []);
  }
});

test('a results set written back as a document reads as the same set, notes and printed texts included', () => {
  for (const year of [2022, 2023]) {
    const set = parseResults(read(`data/demo/lai-chau/results/district-${year}.yaml`), (id) => frameworks.get(id));
    const framework = frameworks.get(set.frameworkId)!;
    const doc = resultsDocument(set, framework);
    const again = readResults(JSON.parse(JSON.stringify(doc)), (id) => frameworks.get(id));
    assert.deepEqual(again, set);
    assert.deepEqual(diffResults(set, again), []);
  }
});

test('the results diff lists changed parts, added indicators and removed units', () => {
  const text = read('data/demo/lai-chau/results/district-2023.yaml');
  const before = parseResults(text, (id) => frameworks.get(id));
  const data = parseDocument(text) as { units: { unit: string; scores: Record<string, unknown>; indicators?: Record<string, unknown> }[] };
  data.units[0]!.scores['8'] = { survey: 22.4, appraisal: 1.5043 };
  data.units[1]!.indicators = { '7.3.6': { numerator: 1, denominator: 2 } };
  data.units.pop();
  const after = readResults(data, (id) => frameworks.get(id));
  const changes = diffResults(before, after);
  assert.deepEqual(
    changes.filter((c) => c.unitId === 'tam-duong'),
    [
      { change: 'changed', unitId: 'tam-duong', item: 'score', code: '8', part: 'total', before: '23.8043', after: '23.9043' },
      { change: 'changed', unitId: 'tam-duong', item: 'score', code: '8', part: 'survey', before: '22.3', after: '22.4' },
    ],
  );
  assert.ok(changes.some((c) => c.unitId === 'lai-chau-city' && c.change === 'added' && c.item === 'indicator' && c.part === 'numerator'));
  assert.ok(changes.some((c) => c.unitId === 'nam-nhun' && c.change === 'removed' && c.item === 'unit'));
});

test('the framework diff names added nodes and changed maxima', () => {
  const before = frameworks.get('lai-chau-district-2022')!;
  const doc = frameworkDocument(before);
  doc.components[0]!.maxPoints = 13;
  doc.components[1]!.maxPoints = 5.5;
  doc.components[1]!.children = [{ code: '2.1', name: 'Mới', maxPoints: 5.5 }];
  const changes = diffFrameworks(before, readFramework(doc));
  assert.ok(changes.some((c) => c.item === 'node' && c.code === '2.1' && c.change === 'added'));
  assert.ok(changes.some((c) => c.code === '1' && c.part === 'maxPoints' && c.before === '13.5' && c.after === '13'));
});

test('the unit finder answers like findUnit: ids, names without diacritics, ambiguity', () => {
  const { units } = parseUnits(read('data/demo/lai-chau/units.yaml'));
  const find = unitFinder(units);
  for (const query of ['tam-duong', 'tam duong', 'UBND huyện Tam Đường', 'Huyện Tam Đường', 'TP Lai Châu']) {
    assert.equal(find(query).id, findUnit(units, query).id);
  }
  const twins = [...units, { ...units[1]!, id: 'than-uyen-2', fullName: 'UBND huyện Than Uyên (mới)' }];
  assert.throws(
    () => unitFinder(twins)('Than Uyen'),
    (e: unknown) => e instanceof ParError && e.code === 'unit.ambiguous',
  );
  assert.throws(
    () => find('Hà Nội'),
    (e: unknown) => e instanceof ParError && e.code === 'unit.notFound',
  );
});
