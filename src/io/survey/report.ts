/**
 * The survey report as tables (XLSX or CSV): the distribution of answers per question and group,
 * each unit's points per survey criterion with how they arose, and the sample achieved against
 * the plan. The figures come from the core; this only lays them out.
 */
import { fraction } from '../../core/index.ts';
import type { SurveyReportInput } from '../../core/survey/index.ts';
import type { OutTable } from '../table/output.ts';

export type ReportInput = SurveyReportInput;

export function surveyReportTables(input: ReportInput): OutTable[] {
  const { questionnaire, unitNames } = input;
  const groupName = (id: string) => questionnaire.groups.find((g) => g.id === id)?.name ?? id;
  const distribution: OutTable = {
    name: 'Phân bố câu trả lời',
    title: [questionnaire.title, ...(questionnaire.illustrative ? ['Câu hỏi minh họa (illustrative), không phải phiếu của tỉnh.'] : [])],
    columns: [
      { header: ['Câu'], format: 'text', width: 6 },
      { header: ['Nội dung câu hỏi'], format: 'text', width: 50 },
      { header: ['Nhóm đối tượng'], format: 'text', width: 24 },
      { header: ['Phương án'], format: 'text', width: 28 },
      { header: ['Số phiếu'], format: 'integer', width: 10 },
      { header: ['Tỷ lệ'], format: 'percent', width: 10 },
    ],
    rows: input.distributions.flatMap((d) => {
      const q = questionnaire.questions.find((x) => x.id === d.question)!;
      if (!q.options.length) return [[q.id, q.text, groupName(d.group), 'Số phiếu trả lời', d.answered, null]];
      return q.options.map((o) => [
        q.id,
        q.text,
        groupName(d.group),
        `${o.value}. ${o.label}`,
        d.counts[o.value] ?? 0,
        d.answered ? { percent: fraction(BigInt(d.counts[o.value] ?? 0) * 100n, BigInt(d.answered)) } : null,
      ]);
    }),
    freezeColumns: 1,
  };
  const points: OutTable = {
    name: 'Điểm điều tra',
    columns: [
      { header: ['Đơn vị'], format: 'text', width: 20 },
      { header: ['Tiêu chí'], format: 'text', width: 8 },
      { header: ['Điểm'], format: 'pointsExact', width: 10 },
      { header: ['Điểm tối đa'], format: 'pointsExact', width: 10 },
      { header: ['Phiếu hợp lệ'], format: 'integer', width: 10 },
      { header: ['Cách tính'], format: 'text', width: 90 },
    ],
    rows: input.points.map((p) => [
      unitNames.get(p.unit) ?? p.unit,
      p.code,
      p.points === null ? null : Number(p.points),
      Number(p.maxPoints),
      p.valid,
      p.explanation.vi,
    ]),
    freezeColumns: 2,
  };
  const sample: OutTable = {
    name: 'Mẫu khảo sát',
    columns: [
      { header: ['Đơn vị'], format: 'text', width: 20 },
      { header: ['Nhóm đối tượng'], format: 'text', width: 24 },
      { header: ['Kế hoạch'], format: 'integer', width: 10 },
      { header: ['Phiếu hợp lệ'], format: 'integer', width: 10 },
      { header: ['Phiếu bị loại'], format: 'integer', width: 10 },
      { header: ['Tỷ lệ đạt'], format: 'percent', width: 10 },
    ],
    rows: input.sample.map((s) => [
      unitNames.get(s.unit) ?? s.unit,
      groupName(s.group),
      s.planned,
      s.valid,
      s.excluded,
      s.planned ? { percent: fraction(BigInt(s.valid) * 100n, BigInt(s.planned)) } : null,
    ]),
  };
  return [distribution, points, sample];
}
