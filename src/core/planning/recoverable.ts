/**
 * Where next year's points are: every criterion that lost points, the rule that took them, and
 * what would earn them back — computed from the criterion's scoring rule and the unit's
 * indicator values (7.3.6: 10/46 online-payment procedures → 0,22/1; 46/46 recovers 0,78), or,
 * where the framework gives no rule, from the recorded deduction. Sorted by points.
 */
import { departmentOf } from '../analysis/build.ts';
import { analyzeUnit } from '../analysis/index.ts';
import { resultsOf, type Dataset } from '../dataset.ts';
import type { Message } from '../errors.ts';
import { formatNumber, formatPercent, formatPoints } from '../format.ts';
import { compareFractions, fraction, type Fraction } from '../fraction.ts';
import type { Framework, FrameworkNode, RuleType } from '../framework/types.ts';
import type { Points } from '../points.ts';
import type { IndicatorFile } from '../results/schema.ts';
import { evaluateRule, type IndicatorValue } from '../rules.ts';

export interface RecoveryStep {
  /** Indicator values that reach this step (what-if input). */
  requirement: IndicatorFile;
  /** Points the criterion would then have. */
  points: Points;
  gain: Points;
  action: Message;
}

export interface RecoverableItem {
  code: string;
  name: string;
  component: string;
  department?: string;
  rule: RuleType | 'unknown';
  maxPoints?: Points;
  score?: Points;
  lost: Points;
  /** How the points were reached now ("10/46 = 21,74% → 0,217391 điểm"), or the deduction's reason. */
  current: Message;
  /** What earns all of them back. */
  action: Message;
  /** Indicator values that recover all lost points, when the rule allows computing them. */
  requirement?: IndicatorFile;
  /** Intermediate steps (band thresholds), lowest first; the last recovers everything. */
  steps: RecoveryStep[];
}

const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;
const pointsVi = (p: Points) => formatPoints(p, { decimals: 2, trimZeros: true });
const pointsEn = (p: Points) => formatPoints(p, { decimals: 2, trimZeros: true, locale: 'en' });

function percentText(f: Fraction, locale: 'vi' | 'en') {
  return formatPercent(f, { locale, trimZeros: true });
}

/** The smallest numerator out of `denominator` reaching `share` (a fraction of 1). */
function numeratorFor(share: Fraction, denominator: number): number {
  return Number(ceilDiv(share.n * BigInt(denominator), share.d));
}

function recover(node: FrameworkNode, input: IndicatorValue, score: Points, rounding: Framework['settings']['pointsRounding']): Pick<RecoverableItem, 'action' | 'requirement' | 'steps'> {
  const rule = node.rule!;
  const max = node.maxPoints!;
  const step = (requirement: IndicatorFile, action: Message): RecoveryStep => {
    const value = requirement.value === undefined ? undefined : fraction(BigInt(Math.round(Number(requirement.value) * 1e6)), 1_000_000n);
    const points = evaluateRule(node, { ...input, ...requirement, value } as IndicatorValue, { rounding }).score;
    return { requirement, points, gain: (points - score) as Points, action };
  };
  switch (rule.type) {
    case 'ratio': {
      const denominator = input.denominator ?? 0;
      const share = rule.target ?? fraction(1);
      const needed = Math.min(denominator, numeratorFor(share, denominator));
      const s = step(
        { numerator: needed, denominator },
        {
          vi: `Đạt ${formatNumber(needed)}/${formatNumber(denominator)}${rule.target ? ` (mục tiêu ${percentText(fraction(share.n * 100n, share.d), 'vi')})` : ''}: cần thêm ${formatNumber(needed - (input.numerator ?? 0))}`,
          en: `Reach ${needed}/${denominator}${rule.target ? ` (target ${percentText(fraction(share.n * 100n, share.d), 'en')})` : ''}: ${needed - (input.numerator ?? 0)} more`,
        },
      );
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'bands': {
      const higher = [...rule.bands].filter((b) => b.points > score).sort((a, b) => compareFractions(a.atLeast, b.atLeast));
      const steps = higher.map((band) => {
        if (rule.measure === 'percent' && input.denominator !== undefined && input.numerator !== undefined) {
          const needed = numeratorFor(fraction(band.atLeast.n, band.atLeast.d * 100n), input.denominator);
          return step(
            { numerator: needed, denominator: input.denominator },
            { vi: `Đạt ${needed}/${input.denominator} (≥ ${percentText(band.atLeast, 'vi')}) → ${pointsVi(band.points)} điểm`, en: `Reach ${needed}/${input.denominator} (≥ ${percentText(band.atLeast, 'en')}) → ${pointsEn(band.points)} points` },
          );
        }
        const value = Number(band.atLeast.n) / Number(band.atLeast.d);
        const shown = rule.measure === 'percent' ? percentText(band.atLeast, 'vi') : formatNumber(band.atLeast);
        const shownEn = rule.measure === 'percent' ? percentText(band.atLeast, 'en') : formatNumber(band.atLeast, { locale: 'en' });
        return step({ value }, { vi: `Đạt ≥ ${shown} → ${pointsVi(band.points)} điểm`, en: `Reach ≥ ${shownEn} → ${pointsEn(band.points)} points` });
      });
      const last = steps.at(-1);
      return { action: last?.action ?? { vi: 'Đã ở mức cao nhất', en: 'Already at the top band' }, ...(last && { requirement: last.requirement }), steps };
    }
    case 'perOccurrence': {
      const s = step({ count: 0 }, { vi: `Không để xảy ra trường hợp nào (năm nay: ${input.count ?? 0})`, en: `No occurrence at all (this year: ${input.count ?? 0})` });
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'deadline': {
      const items = (input.items ?? []).map((i) => ({ name: i.name, due: i.due, sent: i.due }));
      const s = step({ items }, { vi: 'Gửi mọi báo cáo đúng hạn (theo dõi lịch báo cáo)', en: 'Send every report on time (follow the reporting calendar)' });
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'boolean': {
      const s = step({ achieved: true }, { vi: 'Đạt yêu cầu của tiêu chí', en: 'Meet the criterion' });
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'grades': {
      const [best] = Object.entries(rule.grades).sort((a, b) => b[1] - a[1]);
      const s = step({ grade: best![0] }, { vi: `Đạt mức "${best![0]}"`, en: `Reach grade "${best![0]}"` });
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'surveyAnswers': {
      const [best] = Object.entries(rule.options).sort((a, b) => compareFractions(b[1], a[1]));
      const respondents = Object.values(input.answers ?? {}).reduce((s, n) => s + n, 0);
      const s = step({ answers: { [best![0]]: Math.max(respondents, 1) } }, { vi: `Người trả lời chọn "${best![0]}"`, en: `Respondents answer "${best![0]}"` });
      return { action: s.action, requirement: s.requirement, steps: [s] };
    }
    case 'manual':
      return { action: { vi: `Khắc phục để đạt ${pointsVi(max)} điểm`, en: `Remedy to reach ${pointsEn(max)} points` }, steps: [] };
  }
}

export function recoverablePoints(dataset: Dataset, unitId: string, year: number): RecoverableItem[] {
  const analysis = analyzeUnit(dataset, unitId, year);
  const { set, result } = resultsOf(dataset, analysis.unit.id, year)!;
  const framework = dataset.frameworks.get(set.frameworkId)!;
  const rounding = framework.settings.pointsRounding;
  const items = new Map<string, RecoverableItem>();
  const componentOf = (code: string) => code.split('.')[0]!;
  for (const [code, input] of result.indicators) {
    const node = framework.nodes.get(code);
    if (!node?.rule || node.rule.type === 'manual' || node.maxPoints === undefined) continue;
    const outcome = evaluateRule(node, input, { rounding });
    const lost = (node.maxPoints - outcome.score) as Points;
    if (lost <= 0) continue;
    const department = departmentOf(framework, code);
    items.set(code, {
      code,
      name: node.name,
      component: componentOf(code),
      ...(department && { department }),
      rule: node.rule.type,
      maxPoints: node.maxPoints,
      score: outcome.score,
      lost,
      current: outcome.explanation,
      ...recover(node, input, outcome.score, rounding),
    });
  }
  // Lost points the data records without indicator values: the deduction says how many and why.
  for (const d of analysis.deductions) {
    if (items.has(d.criterion)) continue;
    const node = framework.nodes.get(d.criterion);
    const department = d.department ?? departmentOf(framework, d.criterion);
    items.set(d.criterion, {
      code: d.criterion,
      name: d.criterionName ?? node?.name ?? d.criterion,
      component: d.component,
      ...(department && { department }),
      rule: node?.rule?.type ?? 'unknown',
      ...(node?.maxPoints !== undefined && { maxPoints: node.maxPoints, score: Math.max(node.maxPoints - d.points, 0) as Points }),
      lost: d.points,
      current: { vi: d.reason, en: d.reason },
      action: { vi: `Khắc phục nguyên nhân bị trừ ${pointsVi(d.points)} điểm`, en: `Remedy the cause of the ${pointsEn(d.points)}-point deduction` },
      steps: [],
    });
  }
  // What a component lost that no criterion explains: known only at the component level.
  for (const c of analysis.components) {
    if (!c.unexplainedLoss || c.unexplainedLoss <= 0) continue;
    const department = departmentOf(framework, c.code);
    items.set(`${c.code}*`, {
      code: c.code,
      name: c.name,
      component: c.code,
      ...(department && { department }),
      rule: 'unknown',
      lost: c.unexplainedLoss,
      current: { vi: 'Điểm mất ở các tiêu chí không được nêu chi tiết', en: 'Points lost on criteria the data does not detail' },
      action: { vi: 'Rà soát các tiêu chí của lĩnh vực để tìm chỗ mất điểm', en: "Review the component's criteria to find the lost points" },
      steps: [],
    });
  }
  return [...items.values()].sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

export interface DepartmentGroup {
  department: string;
  lost: Points;
  items: RecoverableItem[];
}

/** Grouped by department in charge (unknown last), each group sorted by points. */
export function byDepartment(items: readonly RecoverableItem[], unknown = 'Chưa xác định cơ quan chủ trì'): DepartmentGroup[] {
  const groups = new Map<string, RecoverableItem[]>();
  for (const item of items) {
    const key = item.department ?? unknown;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()]
    .map(([department, list]) => ({ department, items: list, lost: list.reduce((s, i) => s + i.lost, 0) as Points }))
    .sort((a, b) => (a.department === unknown ? 1 : b.department === unknown ? -1 : b.lost - a.lost));
}
