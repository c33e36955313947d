import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingSelfAssessment, parseFramework } from './index.ts';

const framework = parseFramework(`kind: framework
id: test
name: Thử
level: commune
year: 2025
components:
  - code: "1"
    name: Known children
    maxPoints: 40
    source: appraisal
    children:
      - { code: "1.1", name: A, maxPoints: 20 }
      - code: "1.2"
        name: B
        maxPoints: 20
        children:
          - { code: "1.2.1", name: B1, maxPoints: 10 }
          - { code: "1.2.2", name: B2, maxPoints: 10 }
  - code: "2"
    name: A child without a maximum
    maxPoints: 30
    source: appraisal
    children:
      - { code: "2.1", name: C, maxPoints: 30 }
      - { code: "2.2", name: D }
  - code: "3"
    name: Incomplete
    maxPoints: 20
    source: appraisal
    incomplete: true
    children:
      - { code: "3.1", name: E, maxPoints: 5 }
  - code: "4"
    name: Survey
    maxPoints: 10
    source: survey
`);

const codes = (scored: string[], notApplicable: string[] = []) =>
  missingSelfAssessment(framework, { scored: new Set(scored), notApplicable: new Set(notApplicable) }).map((n) => n.code);

test('nothing scored: every required criterion is listed at once, survey-only components skipped', () => {
  assert.deepEqual(codes([]), ['1.1', '1.2.1', '1.2.2', '2', '3']);
});

test('a node is covered by its self score, a not-applicable mark, or all its known children', () => {
  assert.deepEqual(codes(['1.1', '1.2.1', '2', '3']), ['1.2.2']);
  assert.deepEqual(codes(['1.1', '2', '3'], ['1.2']), [], 'a mark covers the node and what is below it');
  assert.deepEqual(codes(['1', '2', '3']), [], 'a component scored as a whole');
});

test('children with an unknown maximum or an incomplete list do not cover their parent', () => {
  assert.deepEqual(codes(['1', '2.1', '2.2', '3.1']), ['2', '3']);
});

test('the demo 2024 district framework asks for a self-assessment of each non-survey node it cannot complete below', () => {
  const demo = parseFramework(readFileSync(new URL('../../../frameworks/lai-chau/district-2024.yaml', import.meta.url), 'utf8'));
  const missing = missingSelfAssessment(demo, { scored: new Set(), notApplicable: new Set() });
  assert.ok(missing.length > 0);
  assert.ok(missing.every((n) => n.source !== 'survey'));
  const all = new Set(missing.map((n) => n.code));
  assert.deepEqual(missingSelfAssessment(demo, { scored: all, notApplicable: new Set() }), []);
});
