/**
 * The report as a document model: what every writer (DOCX, HTML, Markdown) renders the same
 * way. Built from the core's analysis and the unit's stored texts; holds display text only.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A part the data does not provide: shown marked, never invented. */
  missing?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; runs: Run[]; style?: 'body' | 'caption' }
  | { kind: 'bullets'; items: Run[][] }
  | { kind: 'table'; caption?: string; header: string[]; rows: string[][]; widths: number[]; align?: ('left' | 'center' | 'right')[] }
  | { kind: 'chart'; caption: string; chart: ChartData };

export interface ChartSeries {
  name: string;
  values: (number | undefined)[];
  /** Another unit's result (a predecessor's, across a reform): drawn hatched with a dashed outline, so the break shows. */
  lineage?: boolean;
}

/** Grouped bars: one group per category (component), one bar per series (year). */
export interface ChartData {
  /** Labels of the categories, in Vietnamese: "1. Công tác chỉ đạo, điều hành CCHC". */
  categories: string[];
  series: ChartSeries[];
  /** Unit of the values, shown on the axis. */
  unit: string;
  max: number;
  /** A note under the legend (what a lineage series is, where the comparison breaks). */
  note?: string;
}

export interface ReportDocument {
  /**
   * The header's issuing body (Nghị định 30/2020, Phụ lục I): the direct parent body, if any, in
   * upper case and regular weight, over the issuing body itself in bold; one line each.
   */
  issuer: { parent: string[]; body: string[] };
  number: Run;
  placeDate: Run;
  type: string;
  title: Run[];
  body: Block[];
  /** "Nơi nhận": one entry each, the last one "Lưu: VT…". */
  recipients: Run[];
  signature: { authority?: string; position: Run; signer: Run };
  /** True when any figure shown comes from illustrative (demo) data. */
  illustrative: boolean;
  /** File name without extension, e.g. "bao-cao-par-index-2023-tam-duong". */
  fileName: string;
}

export const MISSING_PREFIX = 'Chưa có nội dung';
export const missing = (what: string): Run => ({ text: `[${MISSING_PREFIX}: ${what}]`, missing: true, italic: true });
