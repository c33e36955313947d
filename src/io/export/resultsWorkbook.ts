/**
 * The results workbook: what is stored for a year (given scores, published figures, notes,
 * indicator values, reports due, deductions with their documents), laid out so that the
 * importer reads it back to the same data — and, empty, the template officers fill in.
 * A computed summary sheet (figures from the core) is added to exports; importers skip it.
 */
import {
  givenScoreDocument,
  indexWords,
  indicatorDocument,
  printedDocument,
  toNumber,
  walk,
  type Dataset,
  type Framework,
  type FrameworkNode,
  type ResultsSet,
  type Unit,
  type UnitResult,
} from '../../core/index.ts';
import { activeIn } from '../import/units.ts';
import type { OutColumn, OutTable, OutValue } from '../table/output.ts';
import {
  CODE_COLUMN,
  CRITERION_NAME_COLUMN,
  DEADLINE_COLUMNS,
  DEDUCTION_COLUMNS,
  DOCUMENT_KINDS,
  INDICATOR_COLUMNS,
  NOT_APPLICABLE,
  notApplicableCell,
  RESULT_WORDS,
  RESULTS_INFO,
  SHEETS,
  UNIT_COLUMNS,
  termLabel,
} from '../table/vocabulary.ts';
import { column, indicatorValueColumns, nodeLabel, scoreValidation, termColumn } from './columns.ts';
import { auditHeadLine, summaryTable } from './ranking.ts';

export type Detail = 'components' | 'criteria' | 'all';

type Part = 'given' | 'total' | 'appraisal' | 'survey';

interface ScoreColumn {
  node: FrameworkNode;
  part: Part;
}

const PART_LABEL: Record<Exclude<Part, 'given'>, string> = {
  total: RESULT_WORDS.partTotal,
  appraisal: RESULT_WORDS.partAppraisal,
  survey: RESULT_WORDS.partSurvey,
};

function infoTable(kind: 'results' | 'survey' | 'indicators', framework: Framework, year: number, set?: ResultsSet): OutTable {
  const label = (key: (typeof RESULTS_INFO)[number]['key']) => termLabel(RESULTS_INFO, key);
  const rows: OutValue[][] = [
    [label('kind'), DOCUMENT_KINDS.find((k) => k.key === kind)!.label],
    [label('year'), year],
    [label('framework'), framework.id],
    [label('frameworkName'), framework.name],
  ];
  if (set?.assessedOn) rows.push([label('assessedOn'), { date: set.assessedOn }]);
  const p = set?.publication;
  if (p) {
    rows.push([label('decision'), p.decision]);
    if (p.date) rows.push([label('date'), { date: p.date }]);
    if (p.issuedBy) rows.push([label('issuedBy'), p.issuedBy]);
    if (p.title) rows.push([label('title'), p.title]);
    if (p.auditHead) rows.push([label('auditHead'), p.auditHead]);
  }
  if (set?.units.length && set.units.every((u) => u.illustrative)) rows.push([label('illustrative'), true]);
  for (const note of set?.notes ?? []) rows.push([label('notes'), note]);
  return { name: termLabel(SHEETS, 'info'), keyValue: true, columns: [column('', 'text', { width: 24 }), column('', 'text', { width: 90 })], rows };
}

/** Nodes whose scores a template asks for. */
function templateNodes(framework: Framework, detail: Detail, only?: (node: FrameworkNode) => boolean): FrameworkNode[] {
  const all = [...walk(framework.components)];
  const chosen = detail === 'components' ? framework.components : detail === 'criteria' ? all.filter((n) => n.depth <= 2) : all;
  return only ? chosen.filter(only) : chosen;
}

function scoreColumns(nodes: FrameworkNode[], results: UnitResult[] | undefined, survey: boolean): ScoreColumn[] {
  const out: ScoreColumn[] = [];
  for (const node of nodes) {
    if (survey) {
      out.push({ node, part: node.source === 'mixed' ? 'survey' : 'given' });
      continue;
    }
    const forms = new Set<Part>();
    if (!results) {
      if (node.source === 'mixed') forms.add('appraisal').add('survey');
    } else {
      for (const r of results) {
        const given = r.scores.get(node.code);
        if (!given) continue;
        const doc = givenScoreDocument(given, node.source);
        if (typeof doc === 'number') forms.add('given');
        else for (const key of Object.keys(doc) as Part[]) forms.add(key);
      }
    }
    const split = forms.has('appraisal') || forms.has('survey') || forms.has('total');
    if (!split) out.push({ node, part: 'given' });
    else
      for (const part of ['total', 'appraisal', 'survey'] as const) if (forms.has(part) || (part === 'total' && forms.has('given'))) out.push({ node, part });
  }
  return out;
}

function scoreCell(result: UnitResult | undefined, c: ScoreColumn): OutValue {
  const reason = result?.notApplicable?.get(c.node.code);
  // A criterion that does not apply: «Không áp dụng: lý do» in its score cell, where the import reads it back.
  if (reason !== undefined) return c.part === 'given' || c.part === 'total' ? notApplicableCell(reason) : null;
  const given = result?.scores.get(c.node.code);
  if (!given) return null;
  const doc = givenScoreDocument(given, c.node.source);
  if (typeof doc === 'number') return c.part === 'given' || c.part === 'total' ? doc : null;
  const value = doc[c.part as keyof typeof doc];
  return value === undefined ? null : Number(value);
}

const PUBLISHED = ['total', 'appraisal', 'survey', 'rank', 'of', 'classification'] as const;
const COMPONENT_FIGURES = [
  ['score', RESULT_WORDS.componentScores],
  ['percent', RESULT_WORDS.componentPercents],
  ['rank', RESULT_WORDS.componentRanks],
] as const;

export interface ResultsSheetOptions {
  detail?: Detail;
  /** The survey table: survey parts only, for `--kind survey`. */
  survey?: boolean;
}

/** The main table: one row per unit. With `set`, the stored values; without, an empty template. */
export function resultsTable(framework: Framework, units: Unit[], year: number, set: ResultsSet | undefined, options: ResultsSheetOptions = {}): OutTable {
  const template = !set;
  const survey = options.survey ?? false;
  const results = set?.units;
  const byUnit = new Map(results?.map((r) => [r.unitId, r]));
  const usedCodes = new Set(results?.flatMap((r) => [...r.scores.keys(), ...(r.notApplicable?.keys() ?? [])]));
  const nodes = template
    ? templateNodes(framework, options.detail ?? 'components', survey ? (n) => n.source !== 'appraisal' : undefined)
    : [...walk(framework.components)].filter((n) => usedCodes.has(n.code));
  const scores = scoreColumns(nodes, results, survey);
  const unitLabel = (key: (typeof UNIT_COLUMNS)[number]['key']) => termLabel(UNIT_COLUMNS, key);
  const columns: OutColumn[] = [
    column(unitLabel('stt'), 'integer', { width: 5 }),
    column(unitLabel('unitId'), 'text', { width: 16 }),
    column(unitLabel('unit'), 'text', { width: 26 }),
  ];
  for (const c of scores) {
    const header = c.part === 'given' ? [nodeLabel(c.node)] : [nodeLabel(c.node), PART_LABEL[c.part]];
    columns.push(column(header, 'pointsExact', { width: c.part === 'given' ? 14 : 11, ...(template && { validation: scoreValidation(c.node) }) }));
  }
  const published = PUBLISHED.filter((f) => (template ? !survey && (f === 'total' || f === 'rank') : results!.some((r) => r.published?.[f] !== undefined)));
  if (survey && template) published.push('survey');
  for (const f of published) {
    const label = RESULT_WORDS[f];
    columns.push(column([RESULT_WORDS.published, label], f === 'rank' || f === 'of' ? 'integer' : 'text', { width: 12 }));
  }
  const componentFigures = COMPONENT_FIGURES.flatMap(([field, label]) =>
    framework.components
      .filter((c) => results?.some((r) => r.published?.components.get(c.code)?.[field] !== undefined))
      .map((node) => ({ field, label, node })),
  );
  for (const f of componentFigures) columns.push(column([f.label, f.node.code], f.field === 'rank' ? 'integer' : 'text', { width: 8 }));
  const illustrative = results?.some((r) => r.illustrative) ?? false;
  if (illustrative) columns.push(column(unitLabel('illustrative'), 'boolean', { width: 9 }));
  const notes = template ? !survey : results!.some((r) => r.notes.length);
  if (notes) columns.push(column(unitLabel('notes'), 'text', { width: 40 }));

  const listed = template ? units : results!.map((r) => units.find((u) => u.id === r.unitId) ?? ({ id: r.unitId, name: r.unitId } as Unit));
  const rows = listed.map((unit, i) => {
    const r = byUnit.get(unit.id);
    const row: OutValue[] = [i + 1, unit.id, unit.name, ...scores.map((c) => scoreCell(r, c))];
    for (const f of published) {
      const value = r?.published?.[f];
      row.push(value === undefined ? null : typeof value === 'object' ? String(printedDocument(value)) : value);
    }
    for (const f of componentFigures) {
      const value = r?.published?.components.get(f.node.code)?.[f.field];
      row.push(value === undefined ? null : typeof value === 'object' ? String(printedDocument(value)) : value);
    }
    if (illustrative) row.push(r?.illustrative ?? false);
    if (notes) row.push(r?.notes.length ? r.notes.join('\n') : null);
    return row;
  });
  const maxValues = columns.map((_, c) => {
    const s = scores[c - 3];
    return s && (s.part === 'given' || s.part === 'total') && s.node.maxPoints !== undefined ? toNumber(s.node.maxPoints) : null;
  });
  const sheetName = termLabel(SHEETS, survey ? 'survey' : 'results');
  const title = [
    `${survey ? 'Điểm điều tra xã hội học' : `Kết quả ${indexWords(framework).label}`} năm ${year}`,
    `${framework.name} (${framework.id})`,
    ...(set?.publication ? [`Công bố tại Quyết định ${set.publication.decision}`] : []),
    ...(set?.publication?.auditHead ? [auditHeadLine(set.publication.auditHead)] : []),
  ];
  const footer = [
    ...(illustrative ? ['Đơn vị ghi «Minh họa: Có» mang số liệu minh họa, không phải số liệu thật.'] : []),
    ...(template ? ['Nhập điểm đạt (thập phân dùng dấu phẩy hoặc dấu chấm). Các cột «Công bố» chỉ điền khi nhập bảng của quyết định công bố.'] : []),
    ...(results?.some((r) => r.notApplicable?.size)
      ? [`Ô ghi «${NOT_APPLICABLE.label}: lý do»: tiêu chí không áp dụng với đơn vị, điểm tối đa của đơn vị giảm tương ứng.`]
      : []),
  ];
  return { name: sheetName, title, columns, maxRow: { label: RESULT_WORDS.max, values: maxValues }, rows, freezeColumns: 3, footer };
}

const unitHeader = (): OutColumn[] => [termColumn(UNIT_COLUMNS, 'unitId', 'text', { width: 16 }), termColumn(UNIT_COLUMNS, 'unit', 'text', { width: 22 })];
const codeColumns = (): OutColumn[] => [column(CODE_COLUMN.label, 'text', { width: 10 }), column(CRITERION_NAME_COLUMN.label, 'text', { width: 40 })];

function unitName(units: Unit[], id: string): string {
  return units.find((u) => u.id === id)?.name ?? id;
}

function answersText(answers: Record<string, number> | undefined): string | null {
  return answers
    ? Object.entries(answers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')
    : null;
}

/** Rule types whose indicator values go on the "Chỉ tiêu" sheet (deadlines have their own). */
const INDICATOR_RULES = new Set(['boolean', 'ratio', 'bands', 'perOccurrence', 'grades', 'surveyAnswers']);

export function indicatorTable(framework: Framework, units: Unit[], set: ResultsSet | undefined): OutTable {
  const label = (key: (typeof INDICATOR_COLUMNS)[number]['key']) => termLabel(INDICATOR_COLUMNS, key);
  const columns = [...unitHeader(), ...codeColumns(), ...indicatorValueColumns(label), column(label('note'), 'text', { width: 40 })];
  const rows: OutValue[][] = [];
  if (set) {
    for (const r of set.units) {
      for (const [code, value] of r.indicators) {
        const doc = indicatorDocument(value);
        const { items: _, ...rest } = doc;
        if (!Object.keys(rest).length) continue;
        rows.push([
          r.unitId,
          unitName(units, r.unitId),
          code,
          framework.nodes.get(code)?.name ?? null,
          doc.numerator ?? null,
          doc.denominator ?? null,
          doc.value === undefined ? null : Number(doc.value),
          doc.count ?? null,
          doc.achieved ?? null,
          doc.grade ?? null,
          answersText(doc.answers),
          doc.note ?? null,
        ]);
      }
    }
  } else {
    const leaves = [...walk(framework.components)].filter((n) => n.rule && INDICATOR_RULES.has(n.rule.type));
    for (const unit of units) for (const node of leaves) rows.push([unit.id, unit.name, node.code, node.name, null, null, null, null, null, null, null, null]);
  }
  return { name: termLabel(SHEETS, 'indicators'), columns: set ? columns.map(({ validation: _, ...c }) => c) : columns, rows, freezeColumns: 3 };
}

export function deadlineTable(framework: Framework, units: Unit[], set: ResultsSet | undefined): OutTable {
  const label = (key: (typeof DEADLINE_COLUMNS)[number]['key']) => termLabel(DEADLINE_COLUMNS, key);
  const columns = [
    ...unitHeader(),
    ...codeColumns(),
    column(label('name'), 'text', { width: 50 }),
    column(label('due'), 'date', { width: 12 }),
    column(label('sent'), 'date', { width: 12 }),
  ];
  const rows: OutValue[][] = [];
  for (const r of set?.units ?? []) {
    for (const [code, value] of r.indicators) {
      for (const item of value.items ?? []) {
        rows.push([
          r.unitId,
          unitName(units, r.unitId),
          code,
          framework.nodes.get(code)?.name ?? null,
          item.name,
          { date: item.due },
          item.sent ? { date: item.sent } : null,
        ]);
      }
    }
  }
  return { name: termLabel(SHEETS, 'deadlines'), columns, rows, freezeColumns: 3 };
}

export function deductionTable(framework: Framework, units: Unit[], set: ResultsSet | undefined): OutTable {
  const label = (key: (typeof DEDUCTION_COLUMNS)[number]['key']) => termLabel(DEDUCTION_COLUMNS, key);
  const columns = [
    ...unitHeader(),
    ...codeColumns(),
    column(label('points'), 'pointsExact', { width: 9 }),
    column(label('reason'), 'text', { width: 60 }),
    column(label('docNumber'), 'text', { width: 16 }),
    column(label('docTitle'), 'text', { width: 30 }),
    column(label('docDate'), 'date', { width: 12 }),
    column(label('docIssuer'), 'text', { width: 20 }),
    column(label('note'), 'text', { width: 30 }),
  ];
  const rows: OutValue[][] = [];
  for (const r of set?.units ?? []) {
    for (const d of r.deductions) {
      const [first, ...more] = d.documents;
      const docCells = (doc: (typeof d.documents)[number] | undefined): OutValue[] => [
        doc?.number ?? null,
        doc?.title ?? null,
        doc?.date ? { date: doc.date } : null,
        doc?.issuer ?? null,
      ];
      rows.push([
        r.unitId,
        unitName(units, r.unitId),
        d.criterion,
        framework.nodes.get(d.criterion)?.name ?? null,
        toNumber(d.points),
        d.reason,
        ...docCells(first),
        d.note ?? null,
      ]);
      for (const doc of more) rows.push([null, null, null, null, null, null, ...docCells(doc), null]);
    }
  }
  return { name: termLabel(SHEETS, 'deductions'), columns, rows, freezeColumns: 3 };
}

/** Units a template lists: those of the framework's level that existed in the year. */
export function unitsFor(dataset: Dataset, framework: Framework, year: number): Unit[] {
  return [...dataset.units.values()].filter((u) => u.level === framework.level && activeIn(u, year));
}

/** Every sheet of a results export (with `set`) or template (without). */
export function resultsWorkbookTables(
  dataset: Dataset,
  framework: Framework,
  year: number,
  set: ResultsSet | undefined,
  options: ResultsSheetOptions & { kind?: 'results' | 'survey' | 'indicators'; group?: string } = {},
): OutTable[] {
  const units = unitsFor(dataset, framework, year).filter((u) => !options.group || u.peerGroup === options.group);
  const kind = options.kind ?? 'results';
  const tables: OutTable[] = [infoTable(kind, framework, year, set)];
  if (kind === 'survey') return [...tables, resultsTable(framework, units, year, set, { ...options, survey: true })];
  if (kind === 'results') tables.push(resultsTable(framework, units, year, set, options));
  tables.push(indicatorTable(framework, units, set), deadlineTable(framework, units, set));
  if (kind === 'results') tables.push(deductionTable(framework, units, set));
  if (kind === 'results' && set) tables.push(summaryTable(dataset, set));
  return tables;
}
