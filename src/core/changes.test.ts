import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countChanges, foldScoreParts, type Change } from './changes.ts';

const score = (change: Change['change'], unitId: string, code: string, part: string, before?: string, after?: string): Change => ({
  change,
  unitId,
  item: 'score',
  code,
  part,
  ...(before !== undefined && { before }),
  ...(after !== undefined && { after }),
});

test('a single-source score is one change, not its total and its part; a mixed one keeps a change per part', () => {
  const changes: Change[] = [
    { change: 'added', unitId: 'a', item: 'unit' },
    score('added', 'a', '1.1', 'total', undefined, '0.5'),
    score('added', 'a', '1.1', 'appraisal', undefined, '0.5'),
    // Mixed: total 3 = appraisal 2 + survey 1; every part says something else.
    score('changed', 'a', '2', 'total', '2.5', '3'),
    score('changed', 'a', '2', 'appraisal', '1.5', '2'),
    score('changed', 'a', '2', 'survey', '1', '1'.padEnd(1)),
    score('removed', 'b', '1.2', 'total', '0.25'),
    score('removed', 'b', '1.2', 'appraisal', '0.25'),
    { change: 'changed', unitId: 'b', item: 'deduction', code: '1.4', before: 'x', after: 'y' },
  ];
  const folded = foldScoreParts(changes);
  assert.deepEqual(
    folded.map((c) => `${c.change} ${c.unitId} ${c.item} ${c.code ?? ''} ${c.part ?? ''}`.trim()),
    [
      'added a unit',
      'added a score 1.1',
      'changed a score 2 total',
      'changed a score 2 appraisal',
      'changed a score 2 survey',
      'removed b score 1.2',
      'changed b deduction 1.4',
    ],
  );
  assert.deepEqual(countChanges(changes), { added: 2, changed: 4, removed: 1 });
  const byKind = (list: Change[]) => ({
    added: list.filter((c) => c.change === 'added').length,
    changed: list.filter((c) => c.change === 'changed').length,
    removed: list.filter((c) => c.change === 'removed').length,
  });
  assert.deepEqual(countChanges(changes), byKind(folded), 'the counts are the folded list’s');
});
