/**
 * Checks a results document against its framework and builds `ResultsSet`:
 * known criterion codes, scores within 0..max, splits that match the node's source,
 * indicator values that the criterion's rule can read, deductions with reasons.
 */
import { ParError, issue, type ErrorCode, type Issue } from '../errors.ts';
import { fraction } from '../fraction.ts';
import { formatPoints } from '../format.ts';
import { SOURCE_LABELS } from '../framework/labels.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { parsePrinted, type Printed } from '../printed.ts';
import { parsePoints, type Points } from '../points.ts';
import { evaluateRule, type IndicatorValue } from '../rules.ts';
import type { IndicatorFile, ResultsFile } from './schema.ts';
import type { Deduction, GivenScore, PublishedComponent, ResultsSet, UnitResult } from './types.ts';

export function buildResults(file: ResultsFile, framework: Framework): ResultsSet {
  const issues: Issue[] = [];
  const add = (code: ErrorCode, vi: string, en: string, field: string, node?: string) => issues.push(issue(code, { vi, en }, { field, node }));

  if (file.framework !== framework.id) {
    add('results.framework', `bộ tiêu chí ${file.framework} khác ${framework.id}`, `framework ${file.framework} is not ${framework.id}`, 'framework');
  }
  if (file.year !== framework.year) {
    add(
      'results.year',
      `năm ${file.year} khác năm của bộ tiêu chí (${framework.year})`,
      `year ${file.year} differs from the framework's year (${framework.year})`,
      'year',
    );
  }

  const points = (value: number | string, field: string, node?: string): Points | undefined => {
    try {
      return parsePoints(value, field);
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, node })));
      return undefined;
    }
  };
  const printed = (value: number | string | undefined, field: string): Printed | undefined => {
    if (value === undefined) return undefined;
    try {
      return parsePrinted(value, field);
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const nodeAt = (code: string, field: string): FrameworkNode | undefined => {
    const node = framework.nodes.get(code);
    if (!node)
      add(
        'results.unknownCriterion',
        `không có tiêu chí ${code} trong bộ tiêu chí ${framework.id}`,
        `criterion ${code} is not in framework ${framework.id}`,
        field,
        code,
      );
    return node;
  };
  const inRange = (node: FrameworkNode, value: Points, field: string) => {
    const max = node.kind === 'regular' ? node.maxPoints : (node.cap ?? node.maxPoints);
    if (value < 0)
      add(
        'results.negative',
        `điểm ${formatPoints(value)} không được âm`,
        `score ${formatPoints(value, { locale: 'en' })} must not be negative`,
        field,
        node.code,
      );
    else if (max !== undefined && value > max) {
      add(
        'results.aboveMax',
        `điểm ${formatPoints(value)} vượt điểm tối đa ${formatPoints(max)} của tiêu chí ${node.code}`,
        `score ${formatPoints(value, { locale: 'en' })} exceeds the maximum ${formatPoints(max, { locale: 'en' })} of ${node.code}`,
        field,
        node.code,
      );
    }
  };

  const seen = new Set<string>();
  const units: UnitResult[] = file.units.map((raw, u) => {
    const base = `units.${u}`;
    if (seen.has(raw.unit)) add('results.duplicateUnit', `đơn vị ${raw.unit} có hai lần`, `unit ${raw.unit} appears twice`, `${base}.unit`);
    seen.add(raw.unit);

    const notApplicable = new Map<string, string>();
    (raw.notApplicable ?? []).forEach((na, i) => {
      const field = `${base}.notApplicable.${i}`;
      const node = nodeAt(na.code, `${field}.code`);
      if (!node) return;
      if (notApplicable.has(na.code)) {
        add(
          'results.notApplicableTwice',
          `đơn vị ${raw.unit}: tiêu chí ${na.code} được ghi không áp dụng hai lần`,
          `unit ${raw.unit}: criterion ${na.code} is marked not applicable twice`,
          `${field}.code`,
          na.code,
        );
        return;
      }
      if (node.maxPoints === undefined) {
        add(
          'results.notApplicableNoMax',
          `đơn vị ${raw.unit}: tiêu chí ${na.code} chưa có điểm tối đa nên không thể ghi không áp dụng`,
          `unit ${raw.unit}: criterion ${na.code} has no stated maximum, so it cannot be marked not applicable`,
          `${field}.code`,
          na.code,
        );
        return;
      }
      notApplicable.set(na.code, na.reason.trim());
    });
    /** The not-applicable criterion that covers a code (itself or an ancestor), if any. */
    const notApplicableOver = (code: string): string | undefined => {
      for (let n = framework.nodes.get(code); n; n = n.parentCode === undefined ? undefined : framework.nodes.get(n.parentCode)) {
        if (notApplicable.has(n.code)) return n.code;
      }
      return undefined;
    };
    const refuseNotApplicable = (code: string, field: string, what: { vi: string; en: string }): boolean => {
      const over = notApplicableOver(code);
      if (over === undefined) return false;
      const under = over === code ? '' : ` (thuộc ${over})`;
      const underEn = over === code ? '' : ` (under ${over})`;
      add(
        'results.scoreNotApplicable',
        `đơn vị ${raw.unit}: tiêu chí ${code}${under} được ghi không áp dụng (${notApplicable.get(over)}), không được ghi ${what.vi}; bỏ ${what.vi} hoặc bỏ dấu không áp dụng`,
        `unit ${raw.unit}: criterion ${code}${underEn} is marked not applicable (${notApplicable.get(over)}); it takes no ${what.en}: remove the ${what.en} or the not-applicable mark`,
        field,
        code,
      );
      return true;
    };

    const scores = new Map<string, GivenScore>();
    for (const [code, value] of Object.entries(raw.scores ?? {})) {
      const field = `${base}.scores.${code}`;
      const node = nodeAt(code, field);
      if (!node) continue;
      if (refuseNotApplicable(code, field, { vi: 'điểm', en: 'score' })) continue;
      const given = readGiven(value, node, field);
      if (given) {
        // A part given alone (the other not entered yet) is bounded by the node's maximum too.
        const known = given.total ?? given.appraisal ?? given.survey!;
        inRange(node, known, given.total === undefined ? `${field}.${given.appraisal !== undefined ? 'appraisal' : 'survey'}` : field);
        scores.set(code, given);
      }
    }

    const indicators = new Map<string, IndicatorValue>();
    for (const [code, value] of Object.entries(raw.indicators ?? {})) {
      const field = `${base}.indicators.${code}`;
      const node = nodeAt(code, field);
      if (!node) continue;
      if (refuseNotApplicable(code, field, { vi: 'số liệu chỉ số', en: 'indicator value' })) continue;
      const indicator = readIndicator(value, field, node);
      if (!indicator) continue;
      try {
        evaluateRule(node, indicator, { rounding: framework.settings.pointsRounding });
        indicators.set(code, indicator);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        issues.push(...error.issues.map((i) => ({ ...i, field })));
      }
    }

    const deductions: Deduction[] = [];
    (raw.deductions ?? []).forEach((d, i) => {
      const field = `${base}.deductions.${i}`;
      const node = nodeAt(d.criterion, `${field}.criterion`);
      const p = points(d.points, `${field}.points`, d.criterion);
      if (!node || p === undefined) return;
      if (refuseNotApplicable(d.criterion, `${field}.criterion`, { vi: 'điểm trừ', en: 'deduction' })) return;
      if (p <= 0) add('results.deductionPositive', 'số điểm bị trừ phải lớn hơn 0', 'deducted points must be above 0', `${field}.points`, d.criterion);
      if (node.maxPoints !== undefined && p > node.maxPoints) {
        add(
          'results.deductionAboveMax',
          `trừ ${formatPoints(p)} điểm, nhiều hơn điểm tối đa ${formatPoints(node.maxPoints)} của ${node.code}`,
          `deducts ${formatPoints(p, { locale: 'en' })} points, more than the maximum ${formatPoints(node.maxPoints, { locale: 'en' })} of ${node.code}`,
          `${field}.points`,
          node.code,
        );
      }
      deductions.push({ criterion: d.criterion, points: p, reason: d.reason.trim(), documents: d.documents ?? [], note: d.note });
    });

    let published: UnitResult['published'];
    if (raw.published) {
      const p = raw.published;
      const components = new Map<string, PublishedComponent>();
      for (const [code, c] of Object.entries(p.components ?? {})) {
        const field = `${base}.published.components.${code}`;
        if (!nodeAt(code, field)) continue;
        components.set(code, { score: printed(c.score, `${field}.score`), percent: printed(c.percent, `${field}.percent`), rank: c.rank });
      }
      if (p.rank !== undefined && p.of !== undefined && p.rank > p.of) {
        add('results.rankAboveOf', `hạng ${p.rank} lớn hơn số đơn vị ${p.of}`, `rank ${p.rank} is above the number of units ${p.of}`, `${base}.published.rank`);
      }
      published = {
        total: printed(p.total, `${base}.published.total`),
        appraisal: printed(p.appraisal, `${base}.published.appraisal`),
        survey: printed(p.survey, `${base}.published.survey`),
        rank: p.rank,
        of: p.of,
        classification: p.classification,
        components,
      };
    }

    return {
      unitId: raw.unit,
      year: file.year,
      frameworkId: file.framework,
      illustrative: raw.illustrative ?? file.illustrative ?? false,
      scores,
      indicators,
      deductions,
      ...(notApplicable.size > 0 && { notApplicable }),
      published,
      notes: raw.notes ?? [],
    };
  });

  function readGiven(
    value: number | string | { total?: number | string; appraisal?: number | string; survey?: number | string },
    node: FrameworkNode,
    field: string,
  ): GivenScore | undefined {
    if (typeof value !== 'object') {
      const total = points(value, field, node.code);
      if (total === undefined) return undefined;
      if (node.source === 'mixed') return { total };
      return node.source === 'appraisal' ? { total, appraisal: total } : { total, survey: total };
    }
    const appraisal = value.appraisal === undefined ? undefined : points(value.appraisal, `${field}.appraisal`, node.code);
    const survey = value.survey === undefined ? undefined : points(value.survey, `${field}.survey`, node.code);
    const total = value.total === undefined ? undefined : points(value.total, `${field}.total`, node.code);
    for (const [part, p] of [
      ['appraisal', appraisal],
      ['survey', survey],
    ] as const) {
      if (p !== undefined && p < 0)
        add(
          'results.negative',
          `phần ${SOURCE_LABELS[part].vi} ${formatPoints(p)} không được âm`,
          `the ${part} part ${formatPoints(p, { locale: 'en' })} must not be negative`,
          `${field}.${part}`,
          node.code,
        );
      if (p !== undefined && p !== 0 && node.source !== 'mixed' && node.source !== part) {
        add(
          'results.splitSource',
          `tiêu chí ${node.code} chỉ lấy điểm từ ${SOURCE_LABELS[node.source].vi}, không có phần ${SOURCE_LABELS[part].vi}`,
          `criterion ${node.code} is ${node.source}-sourced only and has no ${part} points`,
          `${field}.${part}`,
          node.code,
        );
      }
    }
    if (total === undefined) {
      if (appraisal !== undefined && survey !== undefined) return { total: (appraisal + survey) as Points, appraisal, survey };
      if (appraisal === undefined && survey === undefined) {
        if (value.appraisal === undefined && value.survey === undefined) {
          add(
            'results.scoreEmpty',
            'chưa ghi điểm: ghi tổng điểm, hoặc điểm thẩm định và/hoặc điểm điều tra xã hội học',
            'no score given: give a total, or the appraisal and/or survey part',
            field,
            node.code,
          );
        }
        return undefined;
      }
      // One part only. On a single-source node its own part is the whole score; on a mixed node
      // the other part is simply not known yet (the total stays unknown until it is entered).
      if (node.source !== 'mixed') {
        const own = node.source === 'appraisal' ? appraisal : survey;
        if (own === undefined) {
          add(
            'results.splitIncomplete',
            `tiêu chí ${node.code} chỉ lấy điểm từ ${SOURCE_LABELS[node.source].vi}: ghi điểm của phần này (hoặc tổng điểm)`,
            `criterion ${node.code} is ${node.source}-sourced only: give that part (or a total)`,
            field,
            node.code,
          );
          return undefined;
        }
        return { total: own, [node.source]: own };
      }
      return appraisal !== undefined ? { appraisal } : { survey };
    }
    if (appraisal !== undefined && survey !== undefined && appraisal + survey !== total) {
      add(
        'results.splitSum',
        `điểm thẩm định ${formatPoints(appraisal)} + điểm điều tra xã hội học ${formatPoints(survey)} = ${formatPoints((appraisal + survey) as Points)}, khác tổng ${formatPoints(total)}`,
        `appraisal ${formatPoints(appraisal, { locale: 'en' })} + survey ${formatPoints(survey, { locale: 'en' })} = ${formatPoints((appraisal + survey) as Points, { locale: 'en' })}, not the total ${formatPoints(total, { locale: 'en' })}`,
        field,
        node.code,
      );
    }
    for (const [part, p] of [
      ['appraisal', appraisal],
      ['survey', survey],
    ] as const) {
      if (p !== undefined && p > total) {
        add(
          'results.partAboveTotal',
          `phần ${SOURCE_LABELS[part].vi} ${formatPoints(p)} lớn hơn tổng ${formatPoints(total)}`,
          `the ${part} part ${formatPoints(p, { locale: 'en' })} is above the total ${formatPoints(total, { locale: 'en' })}`,
          `${field}.${part}`,
          node.code,
        );
      }
    }
    return { total, appraisal, survey };
  }

  function readIndicator(raw: IndicatorFile, field: string, node: FrameworkNode): IndicatorValue | undefined {
    let value;
    if (raw.value !== undefined) {
      const p = points(raw.value, `${field}.value`, node.code);
      if (p === undefined) return undefined;
      value = fraction(BigInt(p), 1_000_000n);
    }
    return { ...raw, value };
  }

  if (issues.length) throw new ParError(issues);
  return {
    year: file.year,
    frameworkId: file.framework,
    ...(file.assessedOn && { assessedOn: file.assessedOn }),
    publication: file.publication,
    units,
    ...(file.notes?.length ? { notes: file.notes } : {}),
  };
}
