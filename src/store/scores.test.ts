import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePoints, type Points } from '../core/index.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, listScores, writeScore, type Store } from './index.ts';
import { finalAfter } from './scores.ts';
import { testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const p = (text: string) => parsePoints(text);

test('a part written alone on a mixed criterion joins the stored other part, or leaves the total unknown — never the part plus 0', () => {
  assert.deepEqual(finalAfter({ survey: p('22.3') }, null, 'mixed'), { total: null, appraisal: null, survey: p('22.3') });
  assert.deepEqual(finalAfter({ survey: p('23') }, { total: '32.3', appraisal: '10', survey: '22.3' }, 'mixed'), {
    total: p('33'),
    appraisal: p('10'),
    survey: p('23'),
  });
  // The appraisal part a stored total and survey imply, as a survey import reads it.
  assert.deepEqual(finalAfter({ survey: p('23') }, { total: '32.3', appraisal: null, survey: '22.3' }, 'mixed'), {
    total: p('33'),
    appraisal: p('10'),
    survey: p('23'),
  });
  assert.deepEqual(finalAfter({ appraisal: p('10') }, { total: null, appraisal: null, survey: '22.3' }, 'mixed'), {
    total: p('32.3'),
    appraisal: p('10'),
    survey: p('22.3'),
  });
  // A stored total without parts says nothing of the other part.
  assert.deepEqual(finalAfter({ survey: p('2') }, { total: '5', appraisal: null, survey: null }, 'mixed'), { total: null, appraisal: null, survey: p('2') });
  assert.deepEqual(finalAfter({ total: p('5'), survey: p('2') }, null, 'mixed'), { total: p('5'), appraisal: null, survey: p('2') });
  // On a single-source criterion the part is the total.
  assert.deepEqual(finalAfter({ survey: p('1.5') }, null, 'survey'), { total: p('1.5'), appraisal: null, survey: p('1.5') });
  assert.deepEqual(finalAfter(null, { total: '5', appraisal: null, survey: null }, 'mixed'), { total: null, appraisal: null, survey: null });
});

for (const engine of testEngines()) {
  describe(`final score parts on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await openDemoCycle(store, DRAFT);
    });
    after(() => store.close());
    const write = (version: number, final: { appraisal?: Points; survey?: Points }) =>
      writeScore(store.db, { cycleId: DRAFT, unitId: 'tam-duong', code: '8', version, patch: { final } }, SYSTEM);
    const listed = async () => (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '8')!;
    const inCore = async () =>
      (await store.dataset()).results
        .find((s) => s.frameworkId === DRAFT)!
        .units.find((u) => u.unitId === 'tam-duong')!
        .scores.get('8');

    test('the survey part of mixed component 8 alone: stored and listed as known, the total unknown; the appraisal part then completes it', async () => {
      const survey = await write(0, { survey: p('22.3') });
      assert.deepEqual(survey.final, { total: null, appraisal: null, survey: '22.3' });
      assert.deepEqual((await listed()).final, { total: null, appraisal: null, survey: '22.3' }, 'what is known is listed, not final: null');
      assert.deepEqual(await inCore(), { survey: p('22.3') }, 'the core reads a part, not a total of 22,3');
      const both = await write(survey.version, { appraisal: p('10') });
      assert.deepEqual(both.final, { total: '32.3', appraisal: '10', survey: '22.3' });
      const again = await write(both.version, { survey: p('23') });
      assert.deepEqual(again.final, { total: '33', appraisal: '10', survey: '23' }, 'a new survey part keeps the stored appraisal part');
      assert.deepEqual(await inCore(), { total: p('33'), appraisal: p('10'), survey: p('23') });
      assert.deepEqual((await listed()).final, again.final);
    });
  });
}
