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
import { formatDate, formatNumber, formatPercent, formatPoints, formatPointsInEnglish, type NumberFormat } from '../format.ts';
import { compareFractions, fraction, type Fraction } from '../fraction.ts';
import { RULE_LABELS } from '../framework/labels.ts';
import type { Framework, FrameworkNode, NodeSource, RuleType } from '../framework/types.ts';
import type { Points } from '../points.ts';
import { referenceDateOf } from '../results/reference.ts';
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
  /** The results year the points were lost in. */
  year: number;
  name: string;
  component: string;
  /** `component`: points a component lost that the data does not place on any of its criteria. */
  scope: 'criterion' | 'component';
  department?: string;
  rule: RuleType | 'unknown';
  /** The rule in words ("tỷ lệ", "trừ theo số lần vi phạm", …). */
  ruleLabel: Message;
  source?: NodeSource;
  /**
   * False where the unit cannot simply do something to win the points back: survey-sourced
   * criteria (the answers of citizens, businesses and officials). The target search leaves them out.
   */
  controllable: boolean;
  maxPoints?: Points;
  score?: Points;
  lost: Points;
  /** How the points were reached now ("10/46 = 21,74% → 0,217391 điểm"), or the deduction's reason. */
  current: Message;
  /** The appraisal's recorded reason, when it recorded a deduction on this criterion. */
  reason?: string;
  /** What earns all of them back. */
  action: Message;
  /** Indicator values that recover all lost points, when the rule allows computing them. */
  requirement?: IndicatorFile;
  /** Intermediate steps (band thresholds), lowest first; the last recovers everything. */
  steps: RecoveryStep[];
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;
/**
 * Points in words at most to the framework's precision (`decimals`), trailing zeros trimmed; a
 * small loss that would round to 0 keeps its exact digits (0,0047). English with the noun:
 * "1 point", "0.78 points".
 */
function pointWords(decimals: number) {
  const shown = (p: Points): NumberFormat => (p > 0 && p < 10 ** Math.max(0, 6 - decimals) / 2 ? {} : { decimals, trimZeros: true });
  return { pointsVi: (p: Points) => formatPoints(p, shown(p)), pointsEn: (p: Points) => formatPointsInEnglish(p, shown(p)) };
}

/** A scoring rule type in words, for people. */
export const ruleLabel = (rule: RuleType | 'unknown'): Message => RULE_LABELS[rule];

function percentText(f: Fraction, locale: 'vi' | 'en') {
  return formatPercent(f, { locale, trimZeros: true });
}

/** The smallest numerator out of `denominator` reaching `share` (a fraction of 1). */
function numeratorFor(share: Fraction, denominator: number): number {
  return Number(ceilDiv(share.n * BigInt(denominator), share.d));
}

/**
 * What a node's score adds to the total: on a penalty node the score is the points removed
 * (its cap is the most it can remove), so winning them back means bringing it down to 0.
 */
const contribution = (node: FrameworkNode, score: Points) => (node.kind === 'penalty' ? -score : score);
/** Points the node stands below the best it can give: a penalty's whole score, else max − score. */
const lostOn = (node: FrameworkNode, score: Points) => (node.kind === 'penalty' ? score : ((node.maxPoints! - score) as Points));

function recover(
  node: FrameworkNode,
  input: IndicatorValue,
  score: Points,
  rounding: Framework['settings']['pointsRounding'],
  year: number,
  decimals: number,
): Pick<RecoverableItem, 'action' | 'requirement' | 'steps'> {
  const { pointsVi, pointsEn } = pointWords(decimals);
  const rule = node.rule!;
  const max = node.maxPoints!;
  const step = (requirement: IndicatorFile, action: Message): RecoveryStep => {
    const value = requirement.value === undefined ? undefined : fraction(BigInt(Math.round(Number(requirement.value) * 1e6)), 1_000_000n);
    const points = evaluateRule(node, { ...input, ...requirement, value } as IndicatorValue, { rounding }).score;
    return { requirement, points, gain: (contribution(node, points) - contribution(node, score)) as Points, action };
  };
  const only = (s: RecoveryStep) => ({ action: s.action, requirement: s.requirement, steps: [s] });
  switch (rule.type) {
    case 'ratio': {
      const denominator = input.denominator ?? 0;
      if (denominator === 0) {
        // Nothing was measured and the rule gives nothing for it: only real cases (a denominator) can earn points.
        return {
          action: {
            vi: 'Chưa phát sinh trường hợp nào để tính tỷ lệ (mẫu số 0): cần có số liệu phát sinh',
            en: 'Nothing to measure yet (denominator 0): the ratio needs real cases',
          },
          steps: [],
        };
      }
      const share = rule.target ?? fraction(1);
      const needed = Math.min(denominator, numeratorFor(share, denominator));
      const more = needed - (input.numerator ?? 0);
      const target = rule.target
        ? { vi: ` (mục tiêu ${percentText(fraction(share.n * 100n, share.d), 'vi')})`, en: ` (target ${percentText(fraction(share.n * 100n, share.d), 'en')})` }
        : { vi: '', en: '' };
      return only(
        step(
          { numerator: needed, denominator },
          {
            vi: `Đạt ${formatNumber(needed)}/${formatNumber(denominator)}${target.vi}, tức thêm ${formatNumber(more)} so với năm ${year} (${formatNumber(input.numerator ?? 0)}/${formatNumber(denominator)})`,
            en: `Reach ${formatNumber(needed, { locale: 'en' })}/${formatNumber(denominator, { locale: 'en' })}${target.en}: ${formatNumber(more, { locale: 'en' })} more than in ${year} (${formatNumber(input.numerator ?? 0, { locale: 'en' })}/${formatNumber(denominator, { locale: 'en' })})`,
          },
        ),
      );
    }
    case 'bands': {
      const higher = [...rule.bands].filter((b) => b.points > score).sort((a, b) => compareFractions(a.atLeast, b.atLeast));
      const steps = higher.map((band) => {
        if (rule.measure === 'percent' && input.denominator !== undefined && input.numerator !== undefined) {
          const needed = numeratorFor(fraction(band.atLeast.n, band.atLeast.d * 100n), input.denominator);
          return step(
            { numerator: needed, denominator: input.denominator },
            {
              vi: `Đạt ${formatNumber(needed)}/${formatNumber(input.denominator)} (≥ ${percentText(band.atLeast, 'vi')}) → ${pointsVi(band.points)} điểm (năm ${year}: ${formatNumber(input.numerator)}/${formatNumber(input.denominator)})`,
              en: `Reach ${formatNumber(needed, { locale: 'en' })}/${formatNumber(input.denominator, { locale: 'en' })} (≥ ${percentText(band.atLeast, 'en')}) → ${pointsEn(band.points)} (${year}: ${formatNumber(input.numerator, { locale: 'en' })}/${formatNumber(input.denominator, { locale: 'en' })})`,
            },
          );
        }
        const value = Number(band.atLeast.n) / Number(band.atLeast.d);
        const shown = rule.measure === 'percent' ? percentText(band.atLeast, 'vi') : formatNumber(band.atLeast);
        const shownEn = rule.measure === 'percent' ? percentText(band.atLeast, 'en') : formatNumber(band.atLeast, { locale: 'en' });
        const now =
          input.value === undefined
            ? undefined
            : rule.measure === 'percent'
              ? [percentText(input.value, 'vi'), percentText(input.value, 'en')]
              : [formatNumber(input.value), formatNumber(input.value, { locale: 'en' })];
        return step(
          { value },
          {
            vi: `Đạt ≥ ${shown} → ${pointsVi(band.points)} điểm${now ? ` (năm ${year}: ${now[0]})` : ''}`,
            en: `Reach ≥ ${shownEn} → ${pointsEn(band.points)}${now ? ` (${year}: ${now[1]})` : ''}`,
          },
        );
      });
      const last = steps.at(-1);
      return { action: last?.action ?? { vi: 'Đã ở mức cao nhất', en: 'Already at the top band' }, ...(last && { requirement: last.requirement }), steps };
    }
    case 'perOccurrence': {
      const count = input.count ?? 0;
      return only(
        step(
          { count: 0 },
          {
            vi: `Không để xảy ra vi phạm nào (năm ${year}: ${formatNumber(count)} trường hợp${input.note ? ` — ${input.note}` : ''})`,
            en: `No occurrence at all (${year}: ${formatNumber(count, { locale: 'en' })}${input.note ? ` — ${input.note}` : ''})`,
          },
        ),
      );
    }
    case 'deadline': {
      const reports = input.items ?? [];
      const late = reports.filter((i) => i.sent === undefined || daysBetween(i.due, i.sent) > rule.graceDays);
      const items = reports.map((i) => ({ name: i.name, due: i.due, sent: i.due }));
      const list = (locale: 'vi' | 'en') =>
        late
          .map((i) =>
            locale === 'vi'
              ? `${i.name}: hạn ${formatDate(i.due)}, ${i.sent ? `gửi ${formatDate(i.sent)}` : 'chưa gửi'}`
              : `${i.name}: due ${formatDate(i.due, 'en')}, ${i.sent ? `sent ${formatDate(i.sent, 'en')}` : 'not sent'}`,
          )
          .join('; ');
      return only(
        step(
          { items },
          {
            vi: `Nộp đúng hạn mọi báo cáo (theo dõi trên lịch báo cáo); năm ${year} trễ ${late.length}/${reports.length}: ${list('vi')}`,
            en: `Send every report on time (follow the reporting calendar); ${year}: ${late.length} of ${reports.length} late: ${list('en')}`,
          },
        ),
      );
    }
    case 'boolean':
      return only(
        step(
          { achieved: true },
          {
            vi: `Đạt yêu cầu của tiêu chí${input.note ? ` (năm ${year}: ${input.note})` : ''}`,
            en: `Meet the criterion${input.note ? ` (${year}: ${input.note})` : ''}`,
          },
        ),
      );
    case 'grades': {
      const [best] = Object.entries(rule.grades).sort((a, b) => b[1] - a[1]);
      return only(
        step(
          { grade: best![0] },
          { vi: `Đạt mức "${best![0]}" (năm ${year}: "${input.grade ?? ''}")`, en: `Reach grade "${best![0]}" (${year}: "${input.grade ?? ''}")` },
        ),
      );
    }
    case 'surveyAnswers': {
      const [best] = Object.entries(rule.options).sort((a, b) => compareFractions(b[1], a[1]));
      const respondents = Object.values(input.answers ?? {}).reduce((s, n) => s + n, 0);
      const chose = input.answers?.[best![0]] ?? 0;
      const share = respondents ? percentText(fraction(BigInt(chose) * 100n, BigInt(respondents)), 'vi') : '0%';
      const shareEn = respondents ? percentText(fraction(BigInt(chose) * 100n, BigInt(respondents)), 'en') : '0%';
      return only(
        step(
          { answers: { [best![0]]: Math.max(respondents, 1) } },
          {
            vi: `Điểm từ ý kiến người được khảo sát, không tự khắc phục được: nâng chất lượng phục vụ để nhiều người chọn "${best![0]}" hơn (năm ${year}: ${share}); lấy lại hết chỉ khi mọi người đều chọn "${best![0]}"`,
            en: `Points from respondents' answers, not fixed directly: improve the service so more choose "${best![0]}" (${year}: ${shareEn}); all points only if everyone does`,
          },
        ),
      );
    }
    case 'manual':
      return { action: { vi: `Khắc phục để đạt ${pointsVi(max)} điểm`, en: `Remedy to reach ${pointsEn(max)}` }, steps: [] };
  }
}

export function recoverablePoints(dataset: Dataset, unitId: string, year: number): RecoverableItem[] {
  const analysis = analyzeUnit(dataset, unitId, year);
  const { set, result } = resultsOf(dataset, analysis.unit.id, year)!;
  const framework = dataset.frameworks.get(set.frameworkId)!;
  const rounding = framework.settings.pointsRounding;
  const { pointsVi, pointsEn } = pointWords(framework.settings.precision);
  const items = new Map<string, RecoverableItem>();
  const reasons = new Map<string, string>();
  for (const d of analysis.deductions) reasons.set(d.criterion, reasons.has(d.criterion) ? `${reasons.get(d.criterion)} ${d.reason}` : d.reason);
  const componentOf = (code: string) => code.split('.')[0]!;
  const sourceOf = (code: string) => framework.nodes.get(code)?.source;
  for (const [code, input] of result.indicators) {
    const node = framework.nodes.get(code);
    if (!node?.rule || node.rule.type === 'manual' || node.maxPoints === undefined) continue;
    const outcome = evaluateRule(node, input, { rounding, asOf: referenceDateOf(set) });
    const lost = lostOn(node, outcome.score);
    if (lost <= 0) continue;
    const department = departmentOf(framework, code);
    const reason = reasons.get(code);
    items.set(code, {
      code,
      year,
      name: node.name,
      component: componentOf(code),
      scope: 'criterion',
      ...(department && { department }),
      rule: node.rule.type,
      ruleLabel: ruleLabel(node.rule.type),
      source: node.source,
      controllable: node.source !== 'survey' && node.rule.type !== 'surveyAnswers',
      maxPoints: node.maxPoints,
      score: outcome.score,
      lost,
      current: outcome.explanation,
      ...(reason && { reason }),
      ...recover(node, input, outcome.score, rounding, year, framework.settings.precision),
    });
  }
  // Lost points the data records without indicator values: the deduction says how many and why.
  for (const d of analysis.deductions) {
    const known = items.get(d.criterion);
    if (known) continue;
    const node = framework.nodes.get(d.criterion);
    const department = d.department ?? departmentOf(framework, d.criterion);
    const rule = node?.rule?.type ?? 'unknown';
    const reason = reasons.get(d.criterion)!;
    const lost = analysis.deductions.filter((x) => x.criterion === d.criterion).reduce((s, x) => s + x.points, 0) as Points;
    const source = sourceOf(d.criterion);
    items.set(d.criterion, {
      code: d.criterion,
      year,
      name: d.criterionName ?? node?.name ?? d.criterion,
      component: d.component,
      scope: node?.parentCode ? 'criterion' : 'component',
      ...(department && { department }),
      rule,
      ruleLabel: node && !node.parentCode ? { vi: 'điểm trừ cả lĩnh vực', en: 'deducted on the component' } : ruleLabel(rule),
      ...(source && { source }),
      controllable: source !== 'survey',
      ...(node?.maxPoints !== undefined && node.parentCode && { maxPoints: node.maxPoints, score: Math.max(node.maxPoints - lost, 0) as Points }),
      lost,
      current:
        rule === 'unknown'
          ? {
              vi: `Bị trừ ${pointsVi(lost)} điểm theo kết quả thẩm định (bộ tiêu chí không nêu quy tắc chấm để tính lại)`,
              en: `${pointsEn(lost)} deducted by the appraisal (the framework gives no rule to recompute it)`,
            }
          : {
              vi: `Bị trừ ${pointsVi(lost)} điểm theo kết quả thẩm định (không có số liệu chỉ tiêu để tính lại)`,
              en: `${pointsEn(lost)} deducted by the appraisal (no indicator values to recompute it)`,
            },
      reason,
      action: { vi: `Khắc phục nguyên nhân bị trừ điểm: ${stripEnd(reason)}`, en: `Remedy the cause of the deduction: ${stripEnd(reason)}` },
      steps: [],
    });
  }
  // What a component lost that no criterion explains: known only at the component level.
  for (const c of analysis.components) {
    if (!c.unexplainedLoss || c.unexplainedLoss <= 0) continue;
    const department = departmentOf(framework, c.code);
    const survey = c.survey !== undefined && c.source !== 'appraisal';
    const text: Message = survey
      ? {
          vi: `Điểm mất chưa gắn được với tiêu chí nào; lĩnh vực có phần điều tra xã hội học (năm ${year} đạt ${pointsVi(c.survey!)} điểm) mà dữ liệu không chia theo tiêu chí`,
          en: `Points lost on no identified criterion; the component includes a survey part (${pointsEn(c.survey!)} in ${year}) the data does not break down`,
        }
      : {
          vi: 'Điểm mất chưa gắn được với tiêu chí nào: dữ liệu chỉ có điểm của lĩnh vực',
          en: 'Points lost on no identified criterion: the data has only the component score',
        };
    const action: Message = survey
      ? {
          vi: 'Phần điều tra xã hội học phụ thuộc ý kiến người dân, tổ chức, cán bộ: nâng chất lượng giải quyết TTHC, tuyên truyền về CCHC; rà soát các tiêu chí thẩm định còn lại của lĩnh vực',
          en: 'The survey part depends on what citizens, organisations and officials answer: improve service and communication; review the remaining appraised criteria',
        }
      : { vi: 'Rà soát các tiêu chí của lĩnh vực để tìm chỗ mất điểm', en: "Review the component's criteria to find the lost points" };
    const known = items.get(c.code);
    if (known) {
      // The component already has a recorded deduction: one line, its loss and what is not explained.
      items.set(c.code, {
        ...known,
        lost: (known.lost + c.unexplainedLoss) as Points,
        current: {
          vi: `${stripEnd(known.current.vi)}; ngoài ra mất ${pointsVi(c.unexplainedLoss)} điểm chưa rõ ở tiêu chí nào`,
          en: `${stripEnd(known.current.en)}; plus ${pointsEn(c.unexplainedLoss)} on no identified criterion`,
        },
      });
      continue;
    }
    items.set(c.code, {
      code: c.code,
      year,
      name: c.name,
      component: c.code,
      scope: 'component',
      ...(department && { department }),
      rule: 'unknown',
      ruleLabel: { vi: 'chưa rõ tiêu chí', en: 'no criterion identified' },
      source: c.source,
      controllable: !survey,
      lost: c.unexplainedLoss,
      current: text,
      action,
      steps: [],
    });
  }
  return [...items.values()].sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

const stripEnd = (text: string) => text.trim().replace(/[.;]+$/, '');

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
