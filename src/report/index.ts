/** Reports: the unit's analysis report as a document model, written as DOCX, PDF, HTML or Markdown. */
import type { Dataset } from '../core/index.ts';
import { buildReport } from './build.ts';
import { toDocx } from './docx.ts';
import { toHtml } from './html.ts';
import { toMarkdown } from './markdown.ts';
import { docxToPdf, docxToPdfMany } from './pdf.ts';
import { MEDIA_TYPES, type ReportFormat } from './formats.ts';
import type { ReportDocument } from './types.ts';

export { buildReport } from './build.ts';
export { toDocx } from './docx.ts';
export { toHtml, REPORT_CSS } from './html.ts';
export { toMarkdown } from './markdown.ts';
export { docxToPdf, docxToPdfMany } from './pdf.ts';
export { chartSvg } from './chart.ts';
export type { ReportDocument, Block, Run } from './types.ts';
export { MEDIA_TYPES, REPORT_FORMATS, type ReportFormat } from './formats.ts';

export async function writeReport(doc: ReportDocument, format: ReportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return toDocx(doc);
    case 'pdf':
      return docxToPdf(await toDocx(doc));
    case 'html':
      return new TextEncoder().encode(toHtml(doc));
    case 'md':
      return new TextEncoder().encode(toMarkdown(doc));
  }
}

/**
 * Many documents in one format. PDFs go through one LibreOffice run for the whole batch;
 * `progress` is told after each document is written (before the PDF conversion, if any).
 */
export async function writeReports(
  docs: readonly ReportDocument[],
  format: ReportFormat,
  progress: (done: number, doc: ReportDocument) => void = () => {},
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const [index, doc] of docs.entries()) {
    out.push(await writeReport(doc, format === 'pdf' ? 'docx' : format));
    progress(index + 1, doc);
  }
  return format === 'pdf' ? docxToPdfMany(out) : out;
}

/** One call from data to bytes: what the CLI and the server use. */
export async function renderReport(
  dataset: Dataset,
  unitId: string,
  year: number,
  format: ReportFormat,
): Promise<{ bytes: Uint8Array; fileName: string; mediaType: string }> {
  const doc = buildReport(dataset, unitId, year);
  return { bytes: await writeReport(doc, format), fileName: `${doc.fileName}.${format}`, mediaType: MEDIA_TYPES[format] };
}
