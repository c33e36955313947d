/**
 * Rankings as tables: per peer group, every unit's total, appraisal and survey points, rank,
 * and each component's score and rank — all read from the core's computation of the year.
 */
import { computationFor, percentOf, rankOf, scoreOf, toNumber, type Dataset, type ResultsSet } from '../../core/index.ts';
import type { OutColumn, OutTable, OutValue } from '../table/output.ts';
import { RESULT_WORDS, SHEETS, UNIT_COLUMNS, termLabel } from '../table/vocabulary.ts';
import { column, nodeLabel } from './columns.ts';

const points = (p: number | undefined): OutValue => (p === undefined ? null : toNumber(p as Parameters<typeof toNumber>[0]));

/** One table per peer group of the set (most sets have one group: the units of a level). */
/** The audit trail's head kept by the publication, printed under its decision: a reader can hold the trail to it. */
export function auditHeadLine(head: string): string {
  return `Nhật ký thay đổi đến mục ${head.replace(':', ', mã băm ')}`;
}

export function rankingTables(dataset: Dataset, set: ResultsSet, name = termLabel(SHEETS, 'ranking')): OutTable[] {
  const computation = computationFor(dataset, set);
  const framework = computation.framework;
  const groups = [...computation.groups.values()];
  return groups.map((group, g) => {
    const columns: OutColumn[] = [
      column(RESULT_WORDS.rank, 'integer', { width: 7 }),
      column(termLabel(UNIT_COLUMNS, 'unitId'), 'text', { width: 16 }),
      column(termLabel(UNIT_COLUMNS, 'unit'), 'text', { width: 24 }),
      column(RESULT_WORDS.total, 'points', { width: 10 }),
      column('Tỷ lệ %', 'percent', { width: 9 }),
      column(RESULT_WORDS.appraisal, 'points', { width: 10 }),
      column(RESULT_WORDS.survey, 'points', { width: 10 }),
    ];
    for (const node of framework.components) {
      columns.push(column([nodeLabel(node), 'Điểm'], 'points', { width: 9 }), column([nodeLabel(node), 'Hạng'], 'integer', { width: 7 }));
    }
    columns.push(column(termLabel(UNIT_COLUMNS, 'illustrative'), 'boolean', { width: 9 }));
    const rows = group.unitIds
      .map((unitId) => {
        const scores = computation.scores.get(unitId)!;
        const result = set.units.find((u) => u.unitId === unitId)!;
        const total = rankOf(computation, unitId);
        const percent = scores.rankingTotal === undefined ? undefined : percentOf(scores.rankingTotal, framework.totalPoints);
        const row: OutValue[] = [
          total.rank ?? null,
          unitId,
          dataset.units.get(unitId)?.name ?? unitId,
          points(scores.rankingTotal),
          percent ? { percent } : null,
          points(scores.appraisalTotal),
          points(scores.surveyTotal),
        ];
        for (const node of framework.components) row.push(points(scoreOf(scores, node.code)), rankOf(computation, unitId, node.code).rank ?? null);
        row.push(result.illustrative);
        return row;
      })
      .sort((a, b) => ((a[0] as number | null) ?? Infinity) - ((b[0] as number | null) ?? Infinity) || String(a[2]).localeCompare(String(b[2]), 'vi'));
    const illustrative = set.units.some((u) => u.illustrative);
    return {
      name: groups.length > 1 ? `${name} ${g + 1}` : name,
      title: [`Xếp hạng Chỉ số cải cách hành chính năm ${set.year}`, `${framework.name} (${framework.id})`, ...(set.publication ? [`Công bố tại Quyết định ${set.publication.decision}`] : []), ...(set.publication?.auditHead ? [auditHeadLine(set.publication.auditHead)] : [])],
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

/** The computed summary added to a results export. */
export function summaryTable(dataset: Dataset, set: ResultsSet): OutTable {
  return rankingTables(dataset, set, termLabel(SHEETS, 'summary'))[0]!;
}
