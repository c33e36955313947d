/**
 * The report as DOCX (the `docx` library), in the official format of Nghị định 30/2020/NĐ-CP:
 * A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt body; the
 * issuing body and national motto header, number, place and date, type and summary line, body,
 * "Nơi nhận" and the signature block. The chart is embedded as a PNG.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { CHART_SIZE, chartSvg } from './chart.ts';
import { svgToPng } from './raster.ts';
import type { Block, ReportDocument, Run } from './types.ts';

const MM = 56.7;
const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const textRuns = (runs: Run[], size = BODY) =>
  runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic || r.missing, size, font: FONT, ...(r.missing && { highlight: 'yellow' }) }));

const centered = (runs: Run[], size = BODY, after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: textRuns(runs, size) });

/** The header and the signature area: two side-by-side blocks without borders, as the decree lays them out. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  const cell = (children: Paragraph[], size: number) => new TableCell({ width: { size, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ children: [cell(left, leftPercent), cell(right, 100 - leftPercent)] })],
  });
}

function header(doc: ReportDocument): Table {
  const left = [
    ...doc.issuer.map((line, i) => centered([{ text: line, bold: i === doc.issuer.length - 1 }], 26)),
    centered([{ text: '──────' }], 20),
    centered([doc.number], 26),
  ];
  const right = [
    centered([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], 24),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: BODY, font: FONT, underline: {} })] }),
    centered([{ text: ' ' }], 20),
    centered([{ ...doc.placeDate, italic: true }], BODY),
  ];
  return twoColumns(left, right, 37);
}

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const cell = (text: string, width: number, bold: boolean, align: 'left' | 'center' | 'right' = 'left') =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ alignment: align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold, size: 24, font: FONT })] })],
    });
  const out: (Paragraph | Table)[] = [];
  if (b.caption) out.push(new Paragraph({ spacing: { before: 120, after: 60 }, children: [new TextRun({ text: b.caption, italics: true, size: BODY, font: FONT })] }));
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, b.widths[i] ?? 10, true, 'center')) }),
        ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, b.widths[i] ?? 10, false, b.align?.[i])) })),
      ],
    }),
  );
  return out;
}

async function block(b: Block): Promise<(Paragraph | Table)[]> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 120, after: 60 }, indent: { firstLine: b.level === 1 ? 0 : 567 }, children: [new TextRun({ text: b.text, bold: true, italics: b.level === 3, size: BODY, font: FONT })] })];
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 60, line: 300 }, children: textRuns(b.runs) })];
    case 'bullets':
      return b.items.map((item) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 60, line: 300 }, children: textRuns([{ text: '- ' }, ...item]) }));
    case 'table':
      return table(b);
    case 'chart': {
      const png = await svgToPng(chartSvg(b.chart), CHART_SIZE.width * 2);
      const width = 600;
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width, height: Math.round((width * CHART_SIZE.height) / CHART_SIZE.width) }, altText: { name: 'chart', title: b.caption, description: b.caption } })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: b.caption, italics: true, size: 24, font: FONT })] }),
      ];
    }
  }
}

function footer(doc: ReportDocument): Table {
  const recipients = [
    new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: 24, font: FONT })] }),
    ...doc.recipients.map((r) => new Paragraph({ children: [new TextRun({ text: `- ${r}`, size: 22, font: FONT })] })),
  ];
  const sign = [
    ...(doc.signature.authority ? [centered([{ text: doc.signature.authority, bold: true }])] : []),
    centered([{ ...doc.signature.position, bold: true }]),
    centered([{ text: ' ' }]),
    centered([{ text: ' ' }]),
    centered([{ text: ' ' }]),
    centered([{ ...doc.signature.signer, bold: true }]),
  ];
  return twoColumns(recipients, sign, 50);
}

export async function toDocx(doc: ReportDocument): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [];
  for (const b of doc.body) body.push(...(await block(b)));
  const document = new Document({
    creator: 'PAR Index',
    title: doc.title.map((r) => r.text).join(''),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } } },
        children: [
          header(doc),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun({ text: doc.type, bold: true, size: BODY, font: FONT })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: textRuns(doc.title) }),
          ...body,
          new Paragraph({ children: [] }),
          footer(doc),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
