/**
 * A framework as a workbook ("Thông tin" + "Bộ tiêu chí", one row per node in tree order):
 * the export to edit for next year, the template for a new one, and what the importer reads.
 */
import {
  formatNumber,
  fractionToNumber,
  multiplyFractions,
  fraction,
  toDecimalString,
  toDecimalText,
  toNumber,
  walk,
  type Framework,
  type FrameworkNode,
  type Fraction,
  type Points,
} from '../../core/index.ts';
import type { OutTable, OutValue } from '../table/output.ts';
import {
  DOCUMENT_KINDS,
  FRAMEWORK_COLUMNS,
  FRAMEWORK_INFO,
  levelLabel,
  MEASURES,
  NODE_KINDS,
  RANK_BY,
  ROUNDING,
  RULE_TYPES,
  SHEETS,
  SOURCES,
  TIE_RULES,
  ZERO_DENOMINATOR,
  termLabel,
} from '../table/vocabulary.ts';
import { column } from './columns.ts';
import { bandText } from '../table/bands.ts';

// Levels are written as text: decimal commas, no thousands dots (the reader takes "1.000" for 1).
const exact = (f: Fraction) => toDecimalText(f).replace('.', ',');
const pointsText = (p: Points) => toDecimalString(p).replace('.', ',');
const percent = (share: Fraction) => exact(multiplyFractions(share, fraction(100)));
const pairs = (entries: [string, string][]) => entries.map(([k, v]) => `${k}: ${v}`).join('; ');

function ruleCells(node: FrameworkNode): Partial<Record<(typeof FRAMEWORK_COLUMNS)[number]['key'], OutValue>> {
  const rule = node.rule;
  if (!rule) return {};
  const cells: Partial<Record<(typeof FRAMEWORK_COLUMNS)[number]['key'], OutValue>> = { rule: termLabel(RULE_TYPES, rule.type) };
  switch (rule.type) {
    case 'boolean':
      if (rule.falsePoints) cells.falsePoints = toNumber(rule.falsePoints);
      break;
    case 'ratio':
      if (rule.target) cells.target = fractionToNumber(multiplyFractions(rule.target, fraction(100)));
      cells.zeroDenominator = termLabel(ZERO_DENOMINATOR, rule.zeroDenominator);
      break;
    case 'bands':
      cells.measure = termLabel(MEASURES, rule.measure);
      cells.levels = pairs(rule.bands.map((b) => [exact(b.atLeast), pointsText(b.points)]));
      break;
    case 'perOccurrence':
      cells.pointsEach = toNumber(rule.pointsEach);
      if (rule.floor) cells.floor = toNumber(rule.floor);
      break;
    case 'deadline':
      cells.pointsEach = toNumber(rule.pointsPerLate);
      if (rule.graceDays) cells.graceDays = rule.graceDays;
      break;
    case 'grades':
      cells.levels = pairs(Object.entries(rule.grades).map(([k, p]) => [k, pointsText(p)]));
      break;
    case 'surveyAnswers':
      cells.levels = pairs(Object.entries(rule.options).map(([k, share]) => [k, percent(share)]));
      break;
  }
  return cells;
}

const TREE_COLUMNS = FRAMEWORK_COLUMNS.filter((c) => c.key !== 'stt');
const FORMATS: Partial<Record<(typeof FRAMEWORK_COLUMNS)[number]['key'], Parameters<typeof column>[1]>> = {
  maxPoints: 'pointsExact',
  cap: 'pointsExact',
  target: 'quantity',
  pointsEach: 'pointsExact',
  floor: 'pointsExact',
  falsePoints: 'pointsExact',
  graceDays: 'integer',
  incomplete: 'boolean',
};
const WIDTHS: Partial<Record<(typeof FRAMEWORK_COLUMNS)[number]['key'], number>> = { code: 8, name: 60, department: 24, levels: 24, assumption: 40, note: 30 };

/** The framework's sheets; without a framework, the empty template. */
export function frameworkTables(framework?: Framework): OutTable[] {
  const label = (key: (typeof FRAMEWORK_INFO)[number]['key']) => termLabel(FRAMEWORK_INFO, key);
  const s = framework?.settings;
  const info: OutValue[][] = [
    [label('kind'), termLabel(DOCUMENT_KINDS, 'framework')],
    [label('id'), framework?.id ?? null],
    [label('name'), framework?.name ?? null],
    [label('province'), framework?.province ?? null],
    [label('level'), framework ? levelLabel(framework.level) : null],
    [label('year'), framework?.year ?? null],
    [label('decision'), framework?.decision?.number ?? null],
    [label('decisionDate'), framework?.decision?.date ? { date: framework.decision.date } : null],
    [label('issuedBy'), framework?.decision?.issuedBy ?? null],
    [label('indexName'), framework?.index?.name ?? null],
    [label('indexShortName'), framework?.index?.shortName ?? null],
    [label('indexNameEn'), framework?.index?.nameEn ?? null],
    [label('indexShortNameEn'), framework?.index?.shortNameEn ?? null],
    [label('levelSingular'), framework?.levelNames?.singular.vi ?? null],
    [label('levelPlural'), framework?.levelNames?.plural.vi ?? null],
    [label('levelSingularEn'), framework?.levelNames?.singular.en ?? null],
    [label('levelPluralEn'), framework?.levelNames?.plural.en ?? null],
    [label('totalPoints'), framework ? toNumber(framework.totalPoints) : 100],
    [label('precision'), s?.precision ?? 2],
    [label('tieRule'), termLabel(TIE_RULES, s?.tieRule ?? 'competition')],
    [label('rankBy'), termLabel(RANK_BY, s?.rankBy ?? 'points')],
    [label('withoutSurvey'), s?.withoutSurvey.mode === 'rescale' ? `Quy đổi về ${formatNumber(toNumber(s.withoutSurvey.to))}` : 'Không quy đổi'],
    [label('splitAppraisal'), s?.split ? toNumber(s.split.appraisal) : null],
    [label('splitSurvey'), s?.split ? toNumber(s.split.survey) : null],
    [label('classification'), s?.classification.length ? pairs(s.classification.map((c) => [c.label, bandText(c)])) : null],
    [label('pointsRounding'), termLabel(ROUNDING, s?.pointsRounding ?? 'halfUp')],
    ...(framework?.notes ?? []).map((note) => [label('notes'), note]),
    // The crosswalk onto the framework it derives from, only where there is one.
    ...(framework?.derivedFrom ? [[label('derivedFrom'), framework.derivedFrom]] : []),
    ...(framework?.dropped?.length ? [[label('dropped'), framework.dropped.join('; ')]] : []),
  ];
  const columns = framework?.derivedFrom ? TREE_COLUMNS : TREE_COLUMNS.filter((c) => c.key !== 'from');
  const rows = framework
    ? [...walk(framework.components)].map((node) => {
        const cells: Partial<Record<(typeof FRAMEWORK_COLUMNS)[number]['key'], OutValue>> = {
          code: node.code,
          name: node.name,
          maxPoints: node.maxPoints === undefined ? null : toNumber(node.maxPoints),
          source: termLabel(SOURCES, node.source),
          kind: node.kind === 'regular' ? null : termLabel(NODE_KINDS, node.kind),
          cap: node.cap === undefined ? null : toNumber(node.cap),
          department: node.department ?? null,
          incomplete: node.incomplete ? true : null,
          assumption: node.assumption ?? null,
          note: node.note ?? null,
          from: node.isNew ? 'mới' : (node.from?.join('; ') ?? null),
          ...ruleCells(node),
        };
        return columns.map((c) => cells[c.key] ?? null);
      })
    : [];
  return [
    { name: termLabel(SHEETS, 'info'), keyValue: true, columns: [column('', 'text', { width: 28 }), column('', 'text', { width: 90 })], rows: info },
    {
      name: termLabel(SHEETS, 'framework'),
      title: framework ? [framework.name] : ['Bộ tiêu chí: mỗi dòng một chỉ số, tiêu chí hoặc tiêu chí thành phần, mã dạng 1, 1.2, 1.2.1'],
      columns: columns.map((c) => column(c.label, FORMATS[c.key] ?? 'text', { width: WIDTHS[c.key] ?? 12 })),
      rows,
      freezeColumns: 2,
    },
  ];
}
