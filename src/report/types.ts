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
}

/** Grouped bars: one group per category (component), one bar per series (year). */
export interface ChartData {
  categories: string[];
  series: ChartSeries[];
  /** Unit of the values, shown on the axis. */
  unit: string;
  max: number;
}

export interface ReportDocument {
  /** Issuing body, one line each (the last line bold). */
  issuer: string[];
  number: Run;
  placeDate: Run;
  type: string;
  title: Run[];
  body: Block[];
  recipients: string[];
  signature: { authority?: string; position: Run; signer: Run };
  /** True when any figure shown comes from illustrative (demo) data. */
  illustrative: boolean;
  /** File name without extension, e.g. "bao-cao-par-index-2023-tam-duong". */
  fileName: string;
}

export const MISSING_PREFIX = 'Chưa có nội dung';
export const missing = (what: string): Run => ({ text: `[${MISSING_PREFIX}: ${what}]`, missing: true, italic: true });
