import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ParError, type Issue } from '../errors.ts';
import { parsePoints } from '../points.ts';
import { parseFramework } from './index.ts';

const shipped = (name: string) => readFileSync(new URL(`../../../frameworks/lai-chau/${name}`, import.meta.url), 'utf8');

function issuesOf(text: string, file = 'test.yaml'): Issue[] {
  try {
    parseFramework(text, file);
  } catch (error) {
    if (error instanceof ParError) return error.issues;
    throw error;
  }
  assert.fail('expected the framework to be refused');
}

const header = `kind: framework
id: test
name: Thử
level: commune
year: 2025
`;

test('the shipped Lai Châu frameworks are valid and carry the 8 component maxima of the seed', () => {
  for (const file of ['district-2022.yaml', 'district-2023.yaml']) {
    const framework = parseFramework(shipped(file), file);
    assert.deepEqual(
      framework.components.map((c) => [c.code, c.maxPoints]),
      [
        ['1', 13.5],
        ['2', 5],
        ['3', 13.5],
        ['4', 7.5],
        ['5', 8],
        ['6', 7],
        ['7', 12.5],
        ['8', 33],
      ].map(([c, m]) => [c, parsePoints(m!)]),
    );
    assert.equal(framework.totalPoints, parsePoints(100));
  }
});

test('the 2023 framework names every criterion the seed names, with assumptions marked', () => {
  const framework = parseFramework(shipped('district-2023.yaml'));
  for (const code of ['1.2.1', '1.2.6', '1.4', '1.7', '5.5.1', '5.5.2', '6.1', '6.2.1', '6.2.2', '6.5', '7.3.3', '7.3.6', '7.3.7', '8.7', '8.9']) {
    assert.ok(framework.nodes.has(code), code);
  }
  for (const node of framework.nodes.values()) {
    if (node.maxPoints !== undefined && node.depth > 1) assert.ok(node.assumption, `${node.code} has an assumed maximum without saying so`);
  }
  assert.equal(framework.nodes.get('8')!.source, 'mixed');
  assert.equal(framework.nodes.get('8.9')!.source, 'appraisal');
  assert.equal(framework.nodes.get('7.3.6')!.rule?.type, 'ratio');
});

test("children's maxima must add up to the parent's: the error names the file and the node", () => {
  const issues = issuesOf(`${header}totalPoints: 10
components:
  - code: "1"
    name: A
    maxPoints: 10
    children:
      - { code: "1.1", name: B, maxPoints: 4 }
      - { code: "1.2", name: C, maxPoints: 5 }
`);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.code, 'framework.maxPointsSum');
  assert.equal(issues[0]!.node, '1');
  assert.equal(issues[0]!.file, 'test.yaml');
  assert.match(issues[0]!.message.vi, /9.*khác 10/);
  assert.match(issues[0]!.message.en, /add up to 9, not 10/);
});

test('an incomplete branch only needs its known children not to exceed it', () => {
  assert.doesNotThrow(() =>
    parseFramework(`${header}totalPoints: 10
components:
  - code: "1"
    name: A
    maxPoints: 10
    incomplete: true
    children:
      - { code: "1.1", name: B, maxPoints: 4 }
      - { code: "1.3", name: C }
`),
  );
  assert.equal(
    issuesOf(`${header}totalPoints: 10
components:
  - { code: "1", name: A, maxPoints: 10, incomplete: true, children: [{ code: "1.1", name: B, maxPoints: 11 }] }
`)[0]!.code,
    'framework.maxPointsSum',
  );
});

test('the components must add up to the total of 100 unless the framework says otherwise', () => {
  const issues = issuesOf(`${header}components:\n  - { code: "1", name: A, maxPoints: 60 }\n  - { code: "2", name: B, maxPoints: 30 }\n`);
  assert.deepEqual(
    issues.map((i) => i.code),
    ['framework.totalPoints'],
  );
});

test('every problem is reported at once: duplicate codes, bad nesting, a rule on a parent, a missing max', () => {
  const issues = issuesOf(`${header}totalPoints: 10
components:
  - code: "1"
    name: A
    maxPoints: 10
    children:
      - { code: "1.1", name: B, maxPoints: 5, rule: { type: manual }, children: [{ code: "1.1.1", name: X, maxPoints: 5 }] }
      - { code: "2.2", name: C, maxPoints: 5 }
  - { code: "1", name: D }
`);
  const codes: string[] = issues.map((i) => i.code);
  for (const expected of ['framework.ruleOnParent', 'framework.codeNesting', 'framework.duplicateCode', 'framework.componentMax']) {
    assert.ok(codes.includes(expected), `${expected} in ${codes.join(', ')}`);
  }
});

test('structural errors name the field and the node code, in Vietnamese and English', () => {
  const issues = issuesOf(`${header}components:
  - code: "1"
    name: A
    maxPoints: 100
    children:
      - { code: "1.1", name: B, maxPoints: 100, rule: { type: ratio, target: 5 } }
`);
  assert.equal(issues[0]!.node, '1.1');
  assert.match(issues[0]!.field!, /components\.0\.children\.0\.rule/);
  assert.notEqual(issues[0]!.message.vi, issues[0]!.message.en);
});

test('what people get wrong by hand reads plainly: a mistyped field, a missing one, a bad id — each in one language', () => {
  const issues = issuesOf(`kind: framework
id: Xa_2026
name: Thử
level: commune
year: 2025
components:
  - code: "1"
    name: A
    maxPoints: 100
    children:
      - { code: "1.1", name: a, maxPoints: 30, rule: { type: ratio, target: 80 } }
      - { code: "1.2", maxPoints: 70, rule: { type: perOccurrence } }
`);
  const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
  assert.deepEqual(byField['components.0.children.0.rule'], {
    vi: 'không có trường "target" ở đây (viết sai tên?)',
    en: 'unknown field "target" here (misspelt?)',
  });
  assert.deepEqual(byField['components.0.children.1.name'], { vi: 'thiếu trường bắt buộc này', en: 'this required field is missing' });
  assert.deepEqual(byField['components.0.children.1.rule.pointsEach'], { vi: 'thiếu trường bắt buộc này', en: 'this required field is missing' });
  assert.match(byField['id']!.vi, /^mã bộ tiêu chí chỉ gồm chữ thường không dấu/);
  assert.doesNotMatch(byField['id']!.vi, /lower case/);
  assert.match(byField['id']!.en, /^a framework id is lower case/);
});

test('a rule needs a maximum, and its points cannot exceed it', () => {
  const codes = issuesOf(`${header}totalPoints: 2
components:
  - code: "1"
    name: A
    maxPoints: 2
    incomplete: true
    children:
      - { code: "1.1", name: B, rule: { type: ratio } }
      - { code: "1.2", name: C, maxPoints: 1, rule: { type: bands, bands: [{ atLeast: 100, points: 2 }] } }
`).map((i) => i.code);
  assert.deepEqual(codes.sort(), ['framework.ruleAboveMax', 'framework.ruleWithoutMax']);
});

test('sources: a leaf under a mixed node must say whether it is appraisal or survey', () => {
  const codes = issuesOf(`${header}components:
  - code: "1"
    name: A
    maxPoints: 100
    source: mixed
    children:
      - { code: "1.1", name: B, maxPoints: 50, source: survey }
      - { code: "1.2", name: C, maxPoints: 50 }
`).map((i) => i.code);
  assert.deepEqual(codes, ['framework.sourceMissing']);
});

test('source problems are told in Vietnamese words (thẩm định, điều tra xã hội học), not the English values of the file', () => {
  const issues = issuesOf(`${header}components:
  - code: "1"
    name: A
    maxPoints: 100
    source: appraisal
    children:
      - { code: "1.1", name: B, maxPoints: 50, source: survey }
      - { code: "1.2", name: C, maxPoints: 50, source: mixed }
`);
  assert.deepEqual(issues.map((i) => i.code).sort(), ['framework.mixedLeaf', 'framework.sourceConflict', 'framework.sourceConflict']);
  const conflict = issues.find((i) => i.code === 'framework.sourceConflict' && i.node === '1.1')!;
  assert.match(conflict.message.vi, /nguồn điểm điều tra xã hội học khác nguồn thẩm định của 1/);
  for (const i of issues) assert.doesNotMatch(i.message.vi, /\b(appraisal|survey|mixed|source)\b/);
});

test('bonus and penalty nodes sit outside the 100 points and need a cap', () => {
  const framework = parseFramework(`${header}components:
  - { code: "1", name: A, maxPoints: 100 }
  - { code: "9", name: Điểm thưởng, kind: bonus, cap: 2 }
`);
  assert.equal(framework.nodes.get('9')!.kind, 'bonus');
  assert.deepEqual(
    issuesOf(`${header}components:\n  - { code: "1", name: A, maxPoints: 100 }\n  - { code: "9", name: Điểm trừ, kind: penalty }\n`).map((i) => i.code),
    ['framework.capMissing'],
  );
});

test('settings: tie rule, survey split, rescale without survey and classification bands', () => {
  const framework = parseFramework(`${header}settings:
  tieRule: dense
  split: { appraisal: 70, survey: 30 }
  withoutSurvey: { mode: rescale, to: 100 }
  classification: [{ label: Tốt, atLeastPercent: 80 }, { label: Xuất sắc, atLeastPercent: 90 }]
components:
  - { code: "1", name: A, maxPoints: 70 }
  - { code: "2", name: B, maxPoints: 30, source: survey }
`);
  assert.equal(framework.settings.tieRule, 'dense');
  assert.deepEqual(
    framework.settings.classification.map((c) => c.label),
    ['Xuất sắc', 'Tốt'],
  );
  assert.deepEqual(
    issuesOf(`${header}settings: { split: { appraisal: 70, survey: 20 } }\ncomponents:\n  - { code: "1", name: A, maxPoints: 100 }\n`).map((i) => i.code),
    ['framework.split'],
  );
});

test("a survey-less rescale needs the split, and the split must agree with the components' sources", () => {
  const rescaleOnly = issuesOf(
    `${header}settings: { withoutSurvey: { mode: rescale } }\ncomponents:\n  - { code: "1", name: A, maxPoints: 70 }\n  - { code: "2", name: B, maxPoints: 30, source: survey }\n`,
  );
  assert.deepEqual(
    rescaleOnly.map((i) => [i.code, i.field]),
    [['framework.rescaleNeedsSplit', 'settings.withoutSurvey']],
  );
  assert.match(rescaleOnly[0]!.message.vi, /cần ghi cách chia điểm giữa phần thẩm định và phần điều tra xã hội học/);
  assert.match(rescaleOnly[0]!.message.en, /settings\.split/);
  const wrongSplit = issuesOf(
    `${header}settings: { split: { appraisal: 60, survey: 40 } }\ncomponents:\n  - { code: "1", name: A, maxPoints: 70 }\n  - { code: "2", name: B, maxPoints: 30, source: survey }\n`,
  );
  assert.deepEqual(
    wrongSplit.map((i) => i.code),
    ['framework.splitTree'],
  );
  assert.match(wrongSplit[0]!.message.vi, /thẩm định 60 .* cộng 70/);
});

test('a deadline rule must cost something per late report', () => {
  const issues = issuesOf(`${header}components:\n  - { code: "1", name: A, maxPoints: 100, rule: { type: deadline, pointsPerLate: 0 } }\n`);
  assert.deepEqual(
    issues.map((i) => [i.code, i.node]),
    [['framework.pointsPerLate', '1']],
  );
});

test('broken YAML is reported with its line', () => {
  const issues = issuesOf('kind: framework\nid: [unclosed\n');
  assert.equal(issues[0]!.code, 'document.syntax');
  assert.match(issues[0]!.message.en, /line/);
});
