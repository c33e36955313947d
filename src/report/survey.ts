/**
 * The survey report as a document (DOCX through toDocx): the sample achieved against the plan,
 * per question the distribution of answers by respondent group (a table and a bar chart of the
 * shares), and per unit the survey criteria's points with how each arose. The figures are the
 * core's (io/survey/report.ts lays the same ones out as tables); this only words and arranges them.
 */
import { fraction, formatNumber, formatPercent, formatPoints, parsePoints, type Dataset, type Fraction, type Framework } from '../core/index.ts';
import type { SurveyReportInput } from '../core/survey/index.ts';
import { provinceBody, slugOf } from './build.ts';
import type { Block, ChartData, ReportDocument, Run } from './types.ts';
import { missing } from './types.ts';

export type ReportInput = SurveyReportInput;

export interface SurveyDocumentInput extends ReportInput {
  /** The body that issues the report (the province's, e.g. "UBND TỈNH …"), one line each. */
  issuer: string[];
  /** Where it is issued (the province's seat). */
  place: string;
  year: number;
  /** Decimals the framework shows points with. */
  precision: number;
  /** File name without extension. */
  fileName: string;
}

const text = (t: string, style: Omit<Run, 'text'> = {}): Run => ({ text: t, ...style });
const share = (count: number, of: number): Fraction | undefined => (of ? fraction(BigInt(count) * 100n, BigInt(of)) : undefined);
const percent = (f: Fraction | undefined) => (f ? formatPercent(f, { trimZeros: true }) : '–');
const count = (n: number) => formatNumber(n);

export function surveyDocument(input: SurveyDocumentInput): ReportDocument {
  const { questionnaire, unitNames } = input;
  const groupName = (id: string) => questionnaire.groups.find((g) => g.id === id)?.name ?? id;
  const unitName = (id: string) => unitNames.get(id) ?? id;
  const points = (p: string | null) => (p === null ? '–' : formatPoints(parsePoints(p), { decimals: input.precision, trimZeros: true }));
  const body: Block[] = [];
  if (questionnaire.illustrative)
    body.push({
      kind: 'paragraph',
      runs: [text('Phiếu khảo sát này là phiếu minh họa (illustrative), không phải phiếu của tỉnh; các số liệu chỉ để trình bày cách tính.', { italic: true })],
    });

  // I. The sample.
  const planned = input.sample.reduce((s, r) => s + (r.planned ?? 0), 0);
  const valid = input.sample.reduce((s, r) => s + r.valid, 0);
  const excluded = input.sample.reduce((s, r) => s + r.excluded, 0);
  const reached = input.sample.filter((r) => r.planned !== null && r.valid >= r.planned).length;
  const withPlan = input.sample.filter((r) => r.planned !== null).length;
  body.push({ kind: 'heading', level: 1, text: 'I. MẪU KHẢO SÁT' });
  body.push({
    kind: 'paragraph',
    runs: [
      text(
        `Tổng số phiếu hợp lệ là ${count(valid)} phiếu${planned ? ` trên ${count(planned)} phiếu theo kế hoạch (đạt ${percent(share(valid, planned))})` : ''}` +
          `${excluded ? `; ${count(excluded)} phiếu bị loại sau khi xem xét các dấu hiệu bất thường` : ''}. ` +
          (withPlan ? `${count(reached)}/${count(withPlan)} nhóm đối tượng của các đơn vị đạt đủ số phiếu theo kế hoạch.` : ''),
      ),
    ],
  });
  body.push({
    kind: 'table',
    caption: 'Bảng 1. Số phiếu đạt được so với kế hoạch, theo đơn vị và nhóm đối tượng',
    header: ['Đơn vị', 'Nhóm đối tượng', 'Kế hoạch', 'Hợp lệ', 'Bị loại', 'Tỷ lệ đạt'],
    widths: [28, 28, 11, 11, 11, 11],
    align: ['left', 'left', 'right', 'right', 'right', 'right'],
    rows: input.sample.map((r) => [
      unitName(r.unit),
      groupName(r.group),
      r.planned === null ? '–' : count(r.planned),
      count(r.valid),
      count(r.excluded),
      r.planned ? percent(share(r.valid, r.planned)) : '–',
    ]),
  });

  // II. The answers, question by question.
  body.push({ kind: 'heading', level: 1, text: 'II. PHÂN BỐ CÂU TRẢ LỜI' });
  let table = 2;
  let chart = 1;
  for (const q of questionnaire.questions) {
    const rows = input.distributions.filter((d) => d.question === q.id);
    if (!rows.length) continue;
    body.push({ kind: 'heading', level: 2, text: `Câu ${q.id}. ${q.text}` });
    if (!q.options.length) {
      body.push({
        kind: 'paragraph',
        runs: [text(rows.map((d) => `${groupName(d.group)}: ${count(d.answered)} phiếu trả lời`).join('; ') + '.')],
      });
      continue;
    }
    body.push({
      kind: 'table',
      caption: `Bảng ${table++}. Câu ${q.id}: số phiếu và tỷ lệ theo phương án`,
      header: ['Phương án', ...rows.map((d) => `${groupName(d.group)} (${count(d.answered)} phiếu)`)],
      widths: [40, ...rows.map(() => Math.floor(60 / rows.length))],
      align: ['left', ...rows.map(() => 'right' as const)],
      rows: q.options.map((o) => [
        `${o.value}. ${o.label}`,
        ...rows.map((d) => `${count(d.counts[o.value] ?? 0)} (${percent(share(d.counts[o.value] ?? 0, d.answered))})`),
      ]),
    });
    if (rows.some((d) => d.answered > 0)) {
      const data: ChartData = {
        categories: q.options.map((o) => `${o.value}. ${o.label}`),
        series: rows.map((d) => ({
          name: groupName(d.group),
          values: q.options.map((o) => (d.answered ? ((d.counts[o.value] ?? 0) * 100) / d.answered : undefined)),
        })),
        unit: '%',
        max: 100,
      };
      body.push({ kind: 'chart', caption: `Biểu đồ ${chart++}. Câu ${q.id}: tỷ lệ phiếu theo phương án (%)`, chart: data });
    }
  }

  // III. Each unit's points and how they arose.
  body.push({ kind: 'heading', level: 1, text: 'III. ĐIỂM ĐIỀU TRA XÃ HỘI HỌC CỦA CÁC ĐƠN VỊ' });
  const units = [...new Set(input.points.map((p) => p.unit))];
  if (!units.length) body.push({ kind: 'paragraph', runs: [text('Chưa tính điểm điều tra xã hội học từ các phiếu hợp lệ.', { italic: true })] });
  for (const unit of units) {
    const list = input.points.filter((p) => p.unit === unit);
    body.push({ kind: 'heading', level: 2, text: unitName(unit) });
    body.push({
      kind: 'table',
      caption: `Bảng ${table++}. ${unitName(unit)}: điểm theo tiêu chí điều tra`,
      header: ['Tiêu chí', 'Điểm', 'Điểm tối đa', 'Phiếu hợp lệ'],
      widths: [25, 25, 25, 25],
      align: ['center', 'right', 'right', 'right'],
      rows: list.map((p) => [p.code, points(p.points), points(p.maxPoints), count(p.valid)]),
    });
    body.push({ kind: 'bullets', items: list.map((p) => [text(p.explanation.vi)]) });
  }
  body.push({ kind: 'paragraph', runs: [text('Trên đây là báo cáo kết quả điều tra xã hội học./.')] });

  return {
    issuer: { parent: input.issuer.slice(0, -1), body: input.issuer.slice(-1) },
    number: { text: 'Số:      /BC', missing: true },
    placeDate: { text: `${input.place}, ngày      tháng      năm ${input.year + 1}`, italic: true, missing: true },
    type: 'Báo cáo',
    title: [text(`Kết quả điều tra xã hội học năm ${input.year}: ${questionnaire.title}`, { bold: true })],
    body,
    recipients: [missing('nơi nhận'), text('Lưu: VT.')],
    signature: { position: missing('chức vụ người ký'), signer: missing('họ tên người ký') },
    illustrative: questionnaire.illustrative,
    fileName: input.fileName,
  };
}

/** The document for a cycle's survey: issued by the body of the province its units belong to, at the province's seat. */
export function surveyDocumentFor(dataset: Dataset, cycle: { year: number; framework: Framework }, figures: ReportInput): ReportDocument {
  const firstUnit = [...figures.unitNames.keys()].map((id) => dataset.units.get(id)).find((u) => u !== undefined);
  const province = dataset.provinces.find((p) => p.id === firstUnit?.provinceId);
  return surveyDocument({
    ...figures,
    issuer: province ? [provinceBody(province)] : [],
    place: province?.seat ?? province?.name ?? '',
    year: cycle.year,
    precision: cycle.framework.settings.precision,
    fileName: `bao-cao-dieu-tra-xa-hoi-hoc-${cycle.year}${province ? `-${slugOf(province.name)}` : ''}`,
  });
}
