/**
 * Turns a structurally valid questionnaire into a `Questionnaire`, checked against its
 * framework: every survey criterion is a survey or mixed node (or lies inside one whose
 * survey criteria the framework does not list), its maximum fits the node's, each rule reads
 * a question asked to its group with a measure that fits the question. Every problem at once.
 */
import type { ErrorCode } from '../errorCodes.ts';
import { ParError, issue, type Issue } from '../errors.ts';
import { fraction, fromPoints, type Fraction } from '../fraction.ts';
import { formatPoints } from '../format.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { parsePoints, type Points } from '../points.ts';
import type { ParsedQuestionnaire } from './schema.ts';
import type { CriterionPart, Measure, Question, Questionnaire, RespondentGroup, SampleRule, SurveyCriterion } from './types.ts';

const DEFAULT_CHECKS = { identicalAtLeast: 3, burst: { count: 30, minutes: 10 } };

export function buildQuestionnaire(file: ParsedQuestionnaire, framework: Framework): Questionnaire {
  const issues: Issue[] = [];
  const fail = (code: string, vi: string, en: string, field: string, node?: string) =>
    issues.push(issue(`questionnaire.${code}` as ErrorCode, { vi, en }, { field, ...(node && { node }) }));
  const decimal = (value: number | string, field: string): Fraction => {
    try {
      return fromPoints(parsePoints(value, field));
    } catch (error) {
      if (error instanceof ParError) issues.push(...error.issues);
      else throw error;
      return fraction(0);
    }
  };

  if (file.framework !== framework.id) {
    fail(
      'framework',
      `phiếu khảo sát dành cho bộ tiêu chí ${file.framework}, không phải ${framework.id}`,
      `the questionnaire is for framework ${file.framework}, not ${framework.id}`,
      'framework',
    );
  }
  if (file.window && file.window.from > file.window.to)
    fail('window', 'ngày bắt đầu khảo sát sau ngày kết thúc', 'the survey window starts after it ends', 'window');

  const groups: RespondentGroup[] = [];
  file.groups.forEach((g, i) => {
    if (groups.some((x) => x.id === g.id))
      fail('duplicateGroup', `nhóm đối tượng ${g.id} bị trùng`, `respondent group ${g.id} appears twice`, `groups.${i}.id`);
    let sample: SampleRule;
    if ('fixed' in g.sample) sample = { type: 'fixed', count: g.sample.fixed };
    else {
      const percent = decimal(g.sample.percent, `groups.${i}.sample.percent`);
      if (percent.n <= 0n || percent.n > 100n * percent.d)
        fail(
          'samplePercent',
          'tỷ lệ chọn mẫu phải trên 0 và không quá 100%',
          'the sample share must be above 0 and at most 100%',
          `groups.${i}.sample.percent`,
        );
      if (g.sample.min !== undefined && g.sample.max !== undefined && g.sample.min > g.sample.max)
        fail('sampleRange', 'số phiếu tối thiểu lớn hơn tối đa', 'the sample minimum exceeds its maximum', `groups.${i}.sample`);
      sample = {
        type: 'share',
        of: g.sample.of,
        percent,
        ...(g.sample.min !== undefined && { min: g.sample.min }),
        ...(g.sample.max !== undefined && { max: g.sample.max }),
      };
    }
    groups.push({ id: g.id, name: g.name, sample });
  });
  const groupIds = new Set(groups.map((g) => g.id));

  const questions: Question[] = [];
  file.questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (questions.some((x) => x.id === q.id)) fail('duplicateQuestion', `câu hỏi ${q.id} bị trùng mã`, `question ${q.id} appears twice`, `${field}.id`);
    for (const [j, g] of (q.groups ?? []).entries()) {
      if (!groupIds.has(g))
        fail('unknownGroup', `câu hỏi ${q.id}: không có nhóm đối tượng ${g}`, `question ${q.id}: no respondent group ${g}`, `${field}.groups.${j}`);
    }
    let options = q.options ?? [];
    let points: number | undefined;
    if (q.type === 'single' || q.type === 'multiple') {
      if (!q.options) fail('options', `câu hỏi ${q.id} cần các phương án trả lời`, `question ${q.id} needs answer options`, `${field}.options`);
      const values = options.map((o) => o.value);
      if (new Set(values).size !== values.length)
        fail('duplicateOption', `câu hỏi ${q.id} có phương án trùng`, `question ${q.id} has an option twice`, `${field}.options`);
    } else if (q.type === 'likert') {
      if (!q.scale)
        fail(
          'scale',
          `câu hỏi thang đo ${q.id} cần số mức (scale.points)`,
          `scale question ${q.id} needs its number of points (scale.points)`,
          `${field}.scale`,
        );
      points = q.scale?.points ?? 5;
      const labels = q.scale?.labels;
      if (labels && labels.length !== points)
        fail(
          'scaleLabels',
          `câu hỏi ${q.id}: ${labels.length} nhãn cho thang ${points} mức`,
          `question ${q.id}: ${labels.length} labels for a ${points}-point scale`,
          `${field}.scale.labels`,
        );
      options = Array.from({ length: points }, (_, k) => ({ value: String(k + 1), label: labels?.[k] ?? String(k + 1) }));
    } else if (q.options)
      fail('noOptions', `câu hỏi ${q.id} (${q.type}) không có phương án`, `question ${q.id} (${q.type}) takes no options`, `${field}.options`);
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      fail('range', `câu hỏi ${q.id}: giá trị nhỏ nhất lớn hơn lớn nhất`, `question ${q.id}: min exceeds max`, field);
    questions.push({
      id: q.id,
      type: q.type,
      text: q.text,
      groups: q.groups ?? groups.map((g) => g.id),
      required: q.required ?? q.type !== 'text',
      options,
      ...(points !== undefined && { points }),
      ...(q.min !== undefined && { min: q.min }),
      ...(q.max !== undefined && { max: q.max }),
      maxLength: q.maxLength ?? 1000,
      illustrative: q.illustrative ?? file.illustrative ?? false,
    });
  });
  const questionById = new Map(questions.map((q) => [q.id, q]));

  const criteria: SurveyCriterion[] = [];
  const perNode = new Map<string, Points>();
  file.criteria.forEach((c, i) => {
    const field = `criteria.${i}`;
    if (criteria.some((x) => x.code === c.code))
      fail('duplicateCriterion', `tiêu chí ${c.code} có hai quy tắc`, `criterion ${c.code} has two rules`, `${field}.code`, c.code);
    const target = nodeFor(framework, c.code, c.node);
    let maxPoints = 0 as Points;
    try {
      maxPoints = parsePoints(c.maxPoints, `${field}.maxPoints`);
    } catch (error) {
      if (error instanceof ParError) issues.push(...error.issues);
      else throw error;
    }
    if (maxPoints <= 0)
      fail('maxPoints', `tiêu chí ${c.code}: điểm tối đa phải lớn hơn 0`, `criterion ${c.code}: the maximum must be above 0`, `${field}.maxPoints`, c.code);
    if (!target.node) {
      fail(
        'unknownNode',
        `bộ tiêu chí không có tiêu chí ${c.code} hay tiêu chí chứa nó`,
        `the framework has neither criterion ${c.code} nor one containing it`,
        `${field}.code`,
        c.code,
      );
    } else if (target.node.source === 'appraisal') {
      fail(
        'notSurvey',
        `tiêu chí ${target.node.code} được chấm qua thẩm định, không qua điều tra xã hội học`,
        `criterion ${target.node.code} is appraised, not surveyed`,
        `${field}.code`,
        c.code,
      );
    } else if (!target.exact && !target.node.incomplete) {
      fail(
        'notListed',
        `tiêu chí ${c.code} không có trong bộ tiêu chí, mà ${target.node.code} đã liệt kê đủ tiêu chí con`,
        `criterion ${c.code} is not in the framework, and ${target.node.code} lists all its children`,
        `${field}.code`,
        c.code,
      );
    } else {
      perNode.set(target.node.code, ((perNode.get(target.node.code) ?? 0) + maxPoints) as Points);
    }
    const parts: CriterionPart[] = c.parts.map((p, j) => {
      const at = `${field}.parts.${j}`;
      if (!groupIds.has(p.group))
        fail(
          'unknownGroup',
          `tiêu chí ${c.code}: không có nhóm đối tượng ${p.group}`,
          `criterion ${c.code}: no respondent group ${p.group}`,
          `${at}.group`,
          c.code,
        );
      const weight = p.weight === undefined ? fraction(1) : decimal(p.weight, `${at}.weight`);
      if (weight.n <= 0n)
        fail('weight', `tiêu chí ${c.code}: trọng số phải lớn hơn 0`, `criterion ${c.code}: a weight must be above 0`, `${at}.weight`, c.code);
      checkMeasure(p.measure, questionById.get(p.measure.question), p.group, c.code, `${at}.measure`, fail);
      return { group: p.group, weight, measure: p.measure as Measure };
    });
    criteria.push({
      code: c.code,
      name: c.name ?? target.node?.name ?? c.code,
      node: target.node?.code ?? c.code,
      maxPoints,
      minResponses: c.minResponses ?? 1,
      parts,
      illustrative: c.illustrative ?? file.illustrative ?? false,
    });
  });
  for (const [code, total] of perNode) {
    const node = framework.nodes.get(code)!;
    const room = surveyRoom(node);
    if (room !== undefined && total > room) {
      fail(
        'maxPointsSum',
        `các tiêu chí điều tra thuộc ${code} cộng ${formatPoints(total)} điểm, vượt ${formatPoints(room)} điểm dành cho điều tra xã hội học`,
        `the survey criteria of ${code} add up to ${formatPoints(total, { locale: 'en' })}, above the ${formatPoints(room, { locale: 'en' })} points left to the survey`,
        'criteria',
        code,
      );
    }
  }
  if (issues.length) throw new ParError(issues);
  return {
    id: file.id,
    framework: file.framework,
    title: file.title,
    illustrative: file.illustrative ?? false,
    ...(file.intro && { intro: file.intro }),
    privacy: file.privacy,
    ...(file.window && { window: file.window }),
    checks: { identicalAtLeast: file.checks?.identicalAtLeast ?? DEFAULT_CHECKS.identicalAtLeast, burst: file.checks?.burst ?? DEFAULT_CHECKS.burst },
    groups,
    questions,
    criteria,
  };
}

/** The node a criterion's points go to: the criterion itself, the node named, or its nearest listed ancestor. */
function nodeFor(framework: Framework, code: string, named?: string): { node?: FrameworkNode; exact: boolean } {
  const exact = framework.nodes.get(code);
  if (exact) return { node: exact, exact: true };
  if (named) return { node: framework.nodes.get(named), exact: false };
  const parts = code.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const node = framework.nodes.get(parts.slice(0, n).join('.'));
    if (node) return { node, exact: false };
  }
  return { exact: false };
}

/** The points of a node left to the survey: its maximum less its appraised children's. */
function surveyRoom(node: FrameworkNode): Points | undefined {
  if (node.maxPoints === undefined) return undefined;
  if (node.source === 'survey') return node.maxPoints;
  let appraised = 0;
  for (const child of node.children) if (child.source === 'appraisal') appraised += child.maxPoints ?? 0;
  return (node.maxPoints - appraised) as Points;
}

function checkMeasure(
  measure: ParsedQuestionnaire['criteria'][number]['parts'][number]['measure'],
  question: Question | undefined,
  group: string,
  code: string,
  field: string,
  fail: (code: string, vi: string, en: string, field: string, node?: string) => void,
): void {
  if (!question) {
    fail(
      'unknownQuestion',
      `tiêu chí ${code}: không có câu hỏi ${measure.question}`,
      `criterion ${code}: no question ${measure.question}`,
      `${field}.question`,
      code,
    );
    return;
  }
  if (!question.groups.includes(group)) {
    fail(
      'notAsked',
      `tiêu chí ${code}: câu hỏi ${question.id} không hỏi nhóm ${group}`,
      `criterion ${code}: question ${question.id} is not asked to group ${group}`,
      `${field}.question`,
      code,
    );
  }
  if (measure.type === 'scaleMean' || measure.type === 'shareAtLeast') {
    if (question.type !== 'likert') {
      fail(
        'measureType',
        `tiêu chí ${code}: "${measure.type}" cần câu hỏi thang đo, ${question.id} là "${question.type}"`,
        `criterion ${code}: "${measure.type}" needs a scale question, ${question.id} is "${question.type}"`,
        `${field}.type`,
        code,
      );
    } else if (measure.type === 'shareAtLeast' && (measure.atLeast < 1 || measure.atLeast > question.points!)) {
      fail(
        'atLeast',
        `tiêu chí ${code}: mức ${measure.atLeast} ngoài thang 1–${question.points}`,
        `criterion ${code}: point ${measure.atLeast} is outside the 1–${question.points} scale`,
        `${field}.atLeast`,
        code,
      );
    }
  } else {
    if (question.type !== 'single' && question.type !== 'multiple') {
      fail(
        'measureType',
        `tiêu chí ${code}: "shareOf" cần câu hỏi lựa chọn, ${question.id} là "${question.type}"`,
        `criterion ${code}: "shareOf" needs a choice question, ${question.id} is "${question.type}"`,
        `${field}.type`,
        code,
      );
    }
    for (const [k, value] of measure.options.entries()) {
      if (!question.options.some((o) => o.value === value))
        fail(
          'unknownOption',
          `tiêu chí ${code}: câu hỏi ${question.id} không có phương án ${value}`,
          `criterion ${code}: question ${question.id} has no option ${value}`,
          `${field}.options.${k}`,
          code,
        );
    }
  }
}
