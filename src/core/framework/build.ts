/**
 * Turns a structurally valid framework file into a `Framework`, checking what a schema
 * cannot: unique codes that nest (6.2.2 under 6.2), maxima that add up, rules that fit
 * their node, and settings that agree with the tree. Every problem is reported at once.
 */
import { ParError, issue, type Issue } from '../errors.ts';
import { compareFractions, fraction, fromPoints, type Fraction } from '../fraction.ts';
import { formatPoints } from '../format.ts';
import { parsePoints, sum, type Points } from '../points.ts';
import { SOURCE_LABELS } from './labels.ts';
import type { FrameworkFile, NodeFile, RuleFile } from './schema.ts';
import type { Band, ClassificationBand, Framework, FrameworkNode, FrameworkSettings, NodeSource, ScoringRule } from './types.ts';

export function buildFramework(file: FrameworkFile): Framework {
  const issues: Issue[] = [];
  const nodes = new Map<string, FrameworkNode>();

  const readPoints = (value: number | string | undefined, field: string, node?: string): Points | undefined => {
    if (value === undefined) return undefined;
    try {
      const p = parsePoints(value, field);
      if (p < 0) issues.push(issue('framework.negative', { vi: 'không được âm', en: 'must not be negative' }, { field, node }));
      return p;
    } catch (error) {
      if (error instanceof ParError) issues.push(...error.issues.map((i) => ({ ...i, node })));
      else throw error;
      return undefined;
    }
  };

  const build = (raw: NodeFile, field: string, depth: number, parent?: FrameworkNode): FrameworkNode => {
    const at = { field, node: raw.code };
    if (nodes.has(raw.code)) {
      issues.push(issue('framework.duplicateCode', { vi: `mã ${raw.code} bị trùng`, en: `code ${raw.code} appears twice` }, at));
    }
    if (parent ? !raw.code.startsWith(`${parent.code}.`) || raw.code.split('.').length !== parent.code.split('.').length + 1 : raw.code.includes('.')) {
      issues.push(
        issue(
          'framework.codeNesting',
          parent
            ? {
                vi: `mã ${raw.code} phải có dạng ${parent.code}.n vì nằm trong ${parent.code}`,
                en: `code ${raw.code} must be ${parent.code}.n as it sits under ${parent.code}`,
              }
            : {
                vi: `chỉ số thành phần phải có mã một số (1, 2, …), không phải ${raw.code}`,
                en: `a component code is a single number (1, 2, …), not ${raw.code}`,
              },
          at,
        ),
      );
    }
    const kind = raw.kind ?? 'regular';
    const inherited: NodeSource | undefined = parent && parent.source !== 'mixed' ? parent.source : undefined;
    const node: FrameworkNode = {
      code: raw.code,
      name: raw.name,
      maxPoints: readPoints(raw.maxPoints, `${field}.maxPoints`, raw.code),
      source: raw.source ?? inherited ?? 'appraisal',
      kind,
      cap: readPoints(raw.cap, `${field}.cap`, raw.code),
      department: raw.department,
      children: [],
      incomplete: raw.incomplete ?? false,
      assumption: raw.assumption,
      note: raw.note,
      ...(raw.from !== undefined && { from: typeof raw.from === 'string' ? [raw.from] : [...new Set(raw.from)] }),
      ...(raw.new && { isNew: true }),
      depth,
      parentCode: parent?.code,
    };
    nodes.set(node.code, node);
    if (!raw.source && parent?.source === 'mixed' && !raw.children?.length) {
      issues.push(
        issue(
          'framework.sourceMissing',
          {
            vi: `cần ghi nguồn điểm (thẩm định hay điều tra xã hội học) vì ${parent.code} có cả hai nguồn`,
            en: `needs a source (appraisal or survey) as ${parent.code} mixes both`,
          },
          { field: `${field}.source`, node: node.code },
        ),
      );
    }
    node.children = (raw.children ?? []).map((child, i) => build(child, `${field}.children.${i}`, depth + 1, node));
    if (!raw.source && node.children.length) {
      const sources = new Set(node.children.map((c) => c.source));
      if (sources.size === 1 && !inherited) node.source = [...sources][0]!;
      else if (sources.size > 1) node.source = 'mixed';
    }
    if ((raw.from !== undefined || raw.new) && !file.derivedFrom) {
      issues.push(
        issue(
          'crosswalk.noSource',
          {
            vi: `«${raw.from !== undefined ? 'from' : 'new'}» nói tiêu chí ứng với bộ tiêu chí nào trước đó: cần ghi «derivedFrom» (mã bộ tiêu chí trước)`,
            en: `"${raw.from !== undefined ? 'from' : 'new'}" maps the node onto an earlier framework: the file needs "derivedFrom" (that framework's id)`,
          },
          { field: `${field}.${raw.from !== undefined ? 'from' : 'new'}`, node: raw.code },
        ),
      );
    }
    if (raw.from !== undefined && raw.new) {
      issues.push(
        issue(
          'crosswalk.fromAndNew',
          { vi: `tiêu chí ${raw.code} ghi cả «from» và «new: true»: chỉ ghi một`, en: `node ${raw.code} has both "from" and "new: true": give one` },
          { field: `${field}.new`, node: raw.code },
        ),
      );
    }
    checkSources(node, field);
    if (raw.rule) node.rule = buildRule(raw.rule, node, `${field}.rule`);
    checkNode(node, field);
    return node;
  };

  const checkSources = (node: FrameworkNode, field: string) => {
    if (node.source === 'mixed') {
      if (!node.children.length) {
        issues.push(
          issue(
            'framework.mixedLeaf',
            { vi: 'tiêu chí không có tiêu chí con thì chỉ có một nguồn điểm: thẩm định hoặc điều tra xã hội học', en: 'a leaf cannot have source "mixed"' },
            { field: `${field}.source`, node: node.code },
          ),
        );
      }
      return;
    }
    for (const child of node.children) {
      if (child.source !== node.source) {
        issues.push(
          issue(
            'framework.sourceConflict',
            {
              vi: `nguồn điểm ${SOURCE_LABELS[child.source].vi} khác nguồn ${SOURCE_LABELS[node.source].vi} của ${node.code}; ghi nguồn của ${node.code} là cả hai nguồn (hỗn hợp)`,
              en: `source "${child.source}" differs from "${node.source}" of ${node.code}; mark ${node.code} as source: mixed`,
            },
            { node: child.code },
          ),
        );
      }
    }
  };

  const buildRule = (raw: RuleFile, node: FrameworkNode, field: string): ScoringRule | undefined => {
    const at = { field, node: node.code };
    if (node.maxPoints === undefined) {
      issues.push(issue('framework.ruleWithoutMax', { vi: 'có quy tắc chấm thì phải có điểm tối đa', en: 'a node with a scoring rule needs maxPoints' }, at));
    }
    const max = node.maxPoints;
    const withinMax = (p: Points | undefined, f: string) => {
      if (p !== undefined && max !== undefined && p > max) {
        issues.push(
          issue(
            'framework.ruleAboveMax',
            {
              vi: `${formatPoints(p)} điểm vượt điểm tối đa ${formatPoints(max)}`,
              en: `${formatPoints(p, { locale: 'en' })} points exceed the maximum ${formatPoints(max, { locale: 'en' })}`,
            },
            { field: f, node: node.code },
          ),
        );
      }
      return p;
    };
    const decimal = (value: number | string, f: string): Fraction | undefined => {
      const p = readPoints(value, f, node.code);
      return p === undefined ? undefined : fromPoints(p);
    };
    switch (raw.type) {
      case 'manual':
        return { type: 'manual' };
      case 'boolean':
        return {
          type: 'boolean',
          falsePoints: withinMax(readPoints(raw.falsePoints ?? 0, `${field}.falsePoints`, node.code), `${field}.falsePoints`) ?? (0 as Points),
        };
      case 'ratio': {
        const target = raw.targetPercent === undefined ? undefined : decimal(raw.targetPercent, `${field}.targetPercent`);
        if (target && (target.n <= 0n || compareFractions(target, fraction(100)) > 0)) {
          issues.push(
            issue(
              'framework.targetRange',
              { vi: 'mục tiêu phải trong khoảng (0; 100]', en: 'the target must be in (0, 100]' },
              { field: `${field}.targetPercent`, node: node.code },
            ),
          );
        }
        return { type: 'ratio', target: target && fraction(target.n, target.d * 100n), zeroDenominator: raw.zeroDenominator ?? 'full' };
      }
      case 'bands': {
        const bands: Band[] = [];
        raw.bands.forEach((band, i) => {
          const atLeast = decimal(band.atLeast, `${field}.bands.${i}.atLeast`);
          const points = withinMax(readPoints(band.points, `${field}.bands.${i}.points`, node.code), `${field}.bands.${i}.points`);
          if (atLeast && points !== undefined) bands.push({ atLeast, points });
        });
        bands.sort((a, b) => compareFractions(b.atLeast, a.atLeast));
        return { type: 'bands', measure: raw.measure ?? 'percent', bands };
      }
      case 'perOccurrence': {
        const pointsEach = readPoints(raw.pointsEach, `${field}.pointsEach`, node.code) ?? (0 as Points);
        if (pointsEach <= 0) {
          issues.push(
            issue(
              'framework.pointsEach',
              { vi: 'điểm trừ mỗi lần phải lớn hơn 0', en: 'pointsEach must be above 0' },
              { field: `${field}.pointsEach`, node: node.code },
            ),
          );
        }
        return {
          type: 'perOccurrence',
          pointsEach,
          floor: withinMax(readPoints(raw.floor ?? 0, `${field}.floor`, node.code), `${field}.floor`) ?? (0 as Points),
        };
      }
      case 'deadline': {
        const pointsPerLate = readPoints(raw.pointsPerLate, `${field}.pointsPerLate`, node.code) ?? (0 as Points);
        if (pointsPerLate <= 0) {
          issues.push(
            issue(
              'framework.pointsPerLate',
              { vi: 'điểm trừ mỗi báo cáo trễ hạn phải lớn hơn 0', en: 'pointsPerLate must be above 0' },
              { field: `${field}.pointsPerLate`, node: node.code },
            ),
          );
        }
        return { type: 'deadline', pointsPerLate, graceDays: raw.graceDays ?? 0 };
      }
      case 'grades': {
        const grades: Record<string, Points> = {};
        for (const [key, value] of Object.entries(raw.grades)) {
          const p = withinMax(readPoints(value, `${field}.grades.${key}`, node.code), `${field}.grades.${key}`);
          if (p !== undefined) grades[key] = p;
        }
        return { type: 'grades', grades };
      }
      case 'surveyAnswers': {
        const options: Record<string, Fraction> = {};
        for (const [key, value] of Object.entries(raw.options)) {
          const share = decimal(value, `${field}.options.${key}`);
          if (share && compareFractions(share, fraction(100)) > 0) {
            issues.push(
              issue(
                'framework.shareRange',
                { vi: 'tỷ lệ điểm phải từ 0 đến 100', en: 'the share must be between 0 and 100' },
                { field: `${field}.options.${key}`, node: node.code },
              ),
            );
          }
          if (share) options[key] = fraction(share.n, share.d * 100n);
        }
        return { type: 'surveyAnswers', options };
      }
    }
  };

  const checkNode = (node: FrameworkNode, field: string) => {
    const at = { field, node: node.code };
    if (node.rule && node.children.length) {
      issues.push(
        issue('framework.ruleOnParent', { vi: 'chỉ tiêu chí lá mới có quy tắc chấm', en: 'only leaves have scoring rules' }, { ...at, field: `${field}.rule` }),
      );
    }
    if (node.kind !== 'regular') {
      if (node.cap === undefined && node.maxPoints === undefined) {
        issues.push(
          issue(
            'framework.capMissing',
            { vi: 'điểm thưởng/điểm trừ cần mức trần (số điểm được cộng hoặc trừ tối đa)', en: 'a bonus or penalty node needs a cap' },
            at,
          ),
        );
      }
      return;
    }
    if (node.depth === 1 && node.maxPoints === undefined) {
      issues.push(issue('framework.componentMax', { vi: 'chỉ số thành phần phải có điểm tối đa', en: 'a component needs maxPoints' }, at));
    }
    const regular = node.children.filter((c) => c.kind === 'regular');
    if (node.maxPoints === undefined || regular.length === 0) return;
    const known = regular.filter((c) => c.maxPoints !== undefined);
    const total = sum(known.map((c) => c.maxPoints!));
    const complete = !node.incomplete && known.length === regular.length;
    if (complete ? total !== node.maxPoints : total > node.maxPoints) {
      issues.push(
        issue(
          'framework.maxPointsSum',
          complete
            ? {
                vi: `tổng điểm tối đa của các tiêu chí con là ${formatPoints(total)}, khác ${formatPoints(node.maxPoints)} của ${node.code}`,
                en: `the children's maxima add up to ${formatPoints(total, { locale: 'en' })}, not ${formatPoints(node.maxPoints, { locale: 'en' })} of ${node.code}`,
              }
            : {
                vi: `các tiêu chí con đã biết đã có ${formatPoints(total)} điểm, vượt ${formatPoints(node.maxPoints)} của ${node.code}`,
                en: `the known children already add up to ${formatPoints(total, { locale: 'en' })}, above ${formatPoints(node.maxPoints, { locale: 'en' })} of ${node.code}`,
              },
          { ...at, field: `${field}.children` },
        ),
      );
    }
  };

  const components = file.components.map((raw, i) => build(raw, `components.${i}`, 1));
  const totalPoints = readPoints(file.totalPoints ?? 100, 'totalPoints') ?? (100_000_000 as Points);
  const componentTotal = sum(components.filter((c) => c.kind === 'regular' && c.maxPoints !== undefined).map((c) => c.maxPoints!));
  if (componentTotal !== totalPoints) {
    issues.push(
      issue(
        'framework.totalPoints',
        {
          vi: `tổng điểm tối đa các chỉ số thành phần là ${formatPoints(componentTotal)}, khác tổng ${formatPoints(totalPoints)}`,
          en: `the components' maxima add up to ${formatPoints(componentTotal, { locale: 'en' })}, not the total ${formatPoints(totalPoints, { locale: 'en' })}`,
        },
        { field: 'components' },
      ),
    );
  }

  const settings = buildSettings(file, totalPoints, readPoints, issues);
  const regularComponents = components.filter((c) => c.kind === 'regular');
  if (
    settings.split &&
    settings.split.appraisal + settings.split.survey === totalPoints &&
    regularComponents.every((c) => c.source !== 'mixed' && c.maxPoints !== undefined)
  ) {
    // With single-source components the split follows from the tree: say so when it does not.
    const appraisalMax = sum(regularComponents.filter((c) => c.source === 'appraisal').map((c) => c.maxPoints!));
    if (appraisalMax !== settings.split.appraisal) {
      issues.push(
        issue(
          'framework.splitTree',
          {
            vi: `cách chia điểm của bộ tiêu chí ghi phần thẩm định ${formatPoints(settings.split.appraisal)} điểm, nhưng các chỉ số thành phần lấy điểm từ thẩm định cộng ${formatPoints(appraisalMax)} điểm`,
            en: `settings.split says ${formatPoints(settings.split.appraisal, { locale: 'en' })} appraisal points, but the appraisal-sourced components add up to ${formatPoints(appraisalMax, { locale: 'en' })}`,
          },
          { field: 'settings.split' },
        ),
      );
    }
  }
  if (file.derivedFrom === file.id)
    issues.push(
      issue('crosswalk.self', { vi: 'bộ tiêu chí không thể kế thừa chính nó', en: 'a framework cannot derive from itself' }, { field: 'derivedFrom' }),
    );
  if (file.dropped?.length && !file.derivedFrom) {
    issues.push(
      issue(
        'crosswalk.noSource',
        {
          vi: '«dropped» liệt kê tiêu chí của bộ tiêu chí trước: cần ghi «derivedFrom» (mã bộ tiêu chí đó)',
          en: '"dropped" lists nodes of an earlier framework: the file needs "derivedFrom" (its id)',
        },
        { field: 'dropped' },
      ),
    );
  }
  if (issues.length) throw new ParError(issues);
  return {
    id: file.id,
    name: file.name,
    province: file.province,
    level: file.level,
    year: file.year,
    decision: file.decision,
    ...(file.index && { index: { ...file.index } }),
    ...(file.levelNames && { levelNames: { singular: { ...file.levelNames.singular }, plural: { ...file.levelNames.plural } } }),
    totalPoints,
    settings,
    components,
    notes: file.notes ?? [],
    ...(file.derivedFrom && { derivedFrom: file.derivedFrom }),
    ...(file.dropped?.length && { dropped: [...new Set(file.dropped)] }),
    nodes,
  };
}

function buildSettings(
  file: FrameworkFile,
  totalPoints: Points,
  readPoints: (value: number | string | undefined, field: string) => Points | undefined,
  issues: Issue[],
): FrameworkSettings {
  const raw = file.settings ?? {};
  let split: FrameworkSettings['split'];
  if (raw.split) {
    const appraisal = readPoints(raw.split.appraisal, 'settings.split.appraisal');
    const survey = readPoints(raw.split.survey, 'settings.split.survey');
    if (appraisal !== undefined && survey !== undefined) {
      split = { appraisal, survey };
      if (appraisal + survey !== totalPoints) {
        issues.push(
          issue(
            'framework.split',
            {
              vi: `thẩm định + điều tra xã hội học = ${formatPoints((appraisal + survey) as Points)}, khác tổng ${formatPoints(totalPoints)}`,
              en: `appraisal + survey = ${formatPoints((appraisal + survey) as Points, { locale: 'en' })}, not the total ${formatPoints(totalPoints, { locale: 'en' })}`,
            },
            { field: 'settings.split' },
          ),
        );
      }
    }
  }
  const withoutSurvey: FrameworkSettings['withoutSurvey'] =
    raw.withoutSurvey?.mode === 'rescale'
      ? { mode: 'rescale', to: readPoints(raw.withoutSurvey.to ?? 100, 'settings.withoutSurvey.to') ?? totalPoints }
      : { mode: 'none' };
  if (withoutSurvey.mode === 'rescale' && !raw.split) {
    issues.push(
      issue(
        'framework.rescaleNeedsSplit',
        {
          vi: 'quy đổi điểm khi không có điều tra xã hội học cần ghi cách chia điểm giữa phần thẩm định và phần điều tra xã hội học (vd. 70 và 30) để biết điểm thẩm định tối đa',
          en: 'rescaling without a survey (withoutSurvey: rescale) needs settings.split to know the appraisal maximum, e.g. split: { appraisal: 70, survey: 30 }',
        },
        { field: 'settings.withoutSurvey' },
      ),
    );
  }
  const classification = (raw.classification ?? [])
    .map((band, i): ClassificationBand | undefined => {
      const field = `settings.classification.${i}`;
      const points = band.atLeastPoints === undefined ? undefined : readPoints(band.atLeastPoints, `${field}.atLeastPoints`);
      const percent = band.atLeastPercent === undefined ? undefined : readPoints(band.atLeastPercent, `${field}.atLeastPercent`);
      const floor = band.componentFloorPercent === undefined ? undefined : readPoints(band.componentFloorPercent, `${field}.componentFloorPercent`);
      if (points === undefined && percent === undefined) return undefined;
      if (points !== undefined && points > totalPoints) {
        issues.push(
          issue(
            'framework.bandAboveTotal',
            {
              vi: `mức xếp loại «${band.label}»: ngưỡng ${formatPoints(points)} điểm vượt tổng ${formatPoints(totalPoints)}`,
              en: `band «${band.label}»: threshold ${formatPoints(points, { locale: 'en' })} points is above the total ${formatPoints(totalPoints, { locale: 'en' })}`,
            },
            { field: `${field}.atLeastPoints` },
          ),
        );
      }
      return {
        label: band.label,
        ...(points !== undefined && { atLeastPoints: points }),
        ...(percent !== undefined && { atLeastPercent: fromPoints(percent) }),
        inclusive: band.inclusive ?? true,
        ...(floor !== undefined && { componentFloorPercent: fromPoints(floor) }),
      };
    })
    .filter((band) => band !== undefined)
    // Best first, whichever way each threshold is written (a points threshold as its share of the total; a strict one above an inclusive one at the same place).
    .map((band, order) => ({ band, order, at: bandPercent(band, totalPoints) }))
    .sort((a, b) => compareFractions(b.at, a.at) || Number(a.band.inclusive) - Number(b.band.inclusive) || a.order - b.order)
    .map((x) => x.band);
  return {
    tieRule: raw.tieRule ?? 'competition',
    withoutSurvey,
    split,
    classification,
    rankBy: raw.rankBy ?? 'points',
    pointsRounding: raw.pointsRounding ?? 'halfUp',
    precision: raw.precision ?? 2,
    ...(raw.baseline && { baseline: raw.baseline }),
  };
}

/** A band's threshold as a percent of the total. */
function bandPercent(band: ClassificationBand, totalPoints: Points): Fraction {
  if (band.atLeastPercent) return band.atLeastPercent;
  return totalPoints > 0 ? fraction(BigInt(band.atLeastPoints!) * 100n, BigInt(totalPoints)) : fraction(0n);
}
