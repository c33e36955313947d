/**
 * Rankings as tables: per peer group, every unit's total, appraisal and survey points, rank,
 * and each component's score and rank — all read from the core's computation of the year.
 * Each group's table is named after the group and says its group on every row.
 */
import {
  computationFor,
  groupOf,
  indexWords,
  NATIONAL_GROUP,
  percentOf,
  rankOf,
  scoreOf,
  toNumber,
  unitResultIn,
  type Dataset,
  type ResultsSet,
} from '../../core/index.ts';
import type { OutColumn, OutTable, OutValue } from '../table/output.ts';
import { GROUP_WORDS, RESULT_WORDS, SHEETS, UNIT_COLUMNS, termLabel } from '../table/vocabulary.ts';
import { column, nodeLabel } from './columns.ts';

const points = (p: number | undefined): OutValue => (p === undefined ? null : toNumber(p as Parameters<typeof toNumber>[0]));

/** The audit trail's head kept by the publication, printed under its decision: a reader can hold the trail to it. */
export function auditHeadLine(head: string): string {
  return `Nhật ký thay đổi đến mục ${head.replace(':', ', mã băm ')}`;
}

export interface RankingOptions {
  /** The table's name when the set has one group (else each table is named after its group). */
  name?: string;
  /** Only this peer group; `*` ranks every unit of the set together (the national ranking). */
  group?: string;
}

/** One table per peer group of the set (most sets have one group: the units of a level), in the set's order. */
export function rankingTables(dataset: Dataset, set: ResultsSet, options: RankingOptions = {}): OutTable[] {
  const name = options.name ?? termLabel(SHEETS, 'ranking');
  const computation = computationFor(dataset, set, options.group === NATIONAL_GROUP ? 'national' : 'group');
  const framework = computation.framework;
  const all = [...computation.groups.values()];
  const groups = options.group && options.group !== NATIONAL_GROUP ? all.filter((g) => g.group === options.group) : all;
  // The appraisal and survey columns only where the framework has a survey part.
  const withSurvey = framework.components.some((c) => c.source !== 'appraisal');
  // Points shown to the framework's precision.
  const decimals = framework.settings.precision;
  return groups.map((group) => {
    const named = groupOf(dataset, group.group, framework.level);
    const columns: OutColumn[] = [
      column(RESULT_WORDS.rank, 'integer', { width: 7 }),
      column(termLabel(UNIT_COLUMNS, 'unitId'), 'text', { width: 16 }),
      column(termLabel(UNIT_COLUMNS, 'unit'), 'text', { width: 24 }),
      column(RESULT_WORDS.total, 'points', { width: 10, decimals }),
      column('Tỷ lệ %', 'percent', { width: 9 }),
      ...(withSurvey
        ? [column(RESULT_WORDS.appraisal, 'points', { width: 10, decimals }), column(RESULT_WORDS.survey, 'points', { width: 10, decimals })]
        : []),
    ];
    for (const node of framework.components) {
      columns.push(column([nodeLabel(node), 'Điểm'], 'points', { width: 9, decimals }), column([nodeLabel(node), 'Hạng'], 'integer', { width: 7 }));
    }
    columns.push(column(termLabel(UNIT_COLUMNS, 'illustrative'), 'boolean', { width: 9 }));
    // Last, so that a reader of the columns before them finds them where they were.
    columns.push(column(GROUP_WORDS.id, 'text', { width: 16 }), column(GROUP_WORDS.name, 'text', { width: 24 }));
    const rows = group.unitIds
      .map((unitId) => {
        const scores = computation.scores.get(unitId)!;
        const result = unitResultIn(set, unitId)!;
        const total = rankOf(computation, unitId);
        const percent = scores.rankingTotal === undefined ? undefined : percentOf(scores.rankingTotal, scores.applicableTotal);
        const row: OutValue[] = [
          total.rank ?? null,
          unitId,
          dataset.units.get(unitId)?.name ?? unitId,
          points(scores.rankingTotal),
          percent ? { percent } : null,
          ...(withSurvey ? [points(scores.appraisalTotal), points(scores.surveyTotal)] : []),
        ];
        for (const node of framework.components) row.push(points(scoreOf(scores, node.code)), rankOf(computation, unitId, node.code).rank ?? null);
        row.push(result.illustrative, group.group, named.name);
        return row;
      })
      .sort((a, b) => ((a[0] as number | null) ?? Infinity) - ((b[0] as number | null) ?? Infinity) || String(a[2]).localeCompare(String(b[2]), 'vi'));
    const illustrative = set.units.some((u) => u.illustrative);
    return {
      // A sheet per group, named after it (the xlsx writer fits the name to what Excel allows).
      name: all.length > 1 || options.group ? named.name : name,
      title: [
        `Xếp hạng ${indexWords(framework).label} năm ${set.year}`,
        `${framework.name} (${framework.id})`,
        ...(all.length > 1 || options.group ? [`${GROUP_WORDS.name}: ${named.name}`] : []),
        ...(set.publication ? [`Công bố tại Quyết định ${set.publication.decision}`] : []),
        ...(set.publication?.auditHead ? [auditHeadLine(set.publication.auditHead)] : []),
      ],
      columns,
      rows,
      freezeColumns: 3,
      footer: [
        `Xếp đồng hạng kiểu ${framework.settings.tieRule === 'dense' ? '1, 1, 2' : '1, 1, 3'}; điểm tính từ số liệu đã lưu (không lấy số in trong quyết định).`,
        ...(illustrative ? ['Đơn vị ghi «Minh họa: Có» mang số liệu minh họa, không phải số liệu thật.'] : []),
      ],
    };
  });
}

/** The computed summary added to a results export: every group's units, group after group, each ranked in its group. */
export function summaryTable(dataset: Dataset, set: ResultsSet): OutTable {
  const [first, ...others] = rankingTables(dataset, set);
  return {
    ...first!,
    name: termLabel(SHEETS, 'summary'),
    title: first!.title!.filter((line) => !line.startsWith(`${GROUP_WORDS.name}:`)),
    rows: [first!, ...others].flatMap((t) => t.rows),
  };
}
