/**
 * The report as DOCX (the `docx` library), in the official format of Nghị định 30/2020/NĐ-CP,
 * Phụ lục I: A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, body 14 pt,
 * first lines indented 1 cm, at least 6 pt between paragraphs; the issuing body (parent body
 * regular, issuing body bold, 13 pt, a short line under it) and the number on the left, the
 * national name (bold 12 pt) and motto (bold 14 pt, a line under it) and the place and date
 * (italic) on the right; type and summary line bold and centred, a short line under the summary; page numbers centred in the top
 * margin from page 2; "Nơi nhận:" bold italic 12 pt with its list in 11 pt beside the signature
 * block (authority and position bold upper case, name bold). The chart is embedded as a PNG.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { chartPng, chartSize } from './chart.ts';
import type { Block, ReportDocument, Run } from './types.ts';
import { zipFiles } from './zip.ts';

/** Twips per millimetre. */
const MM = 56.7;
const FONT = 'Times New Roman';
/** Font sizes in half-points. */
const SIZE = { body: 28, header: 26, nationalName: 24, table: 24, recipientsLabel: 24, recipients: 22 } as const;
/** 6 pt after every paragraph, the decree's minimum; lines at 1.25 (between its single and 1.5). */
const PARAGRAPH_AFTER = 120;
const LINE = 300;
/** 1 cm first-line indent (the decree: 1 to 1.27 cm). */
const FIRST_LINE = 567;
/** The page's text width in twips: A4 210 mm less 30 + 15 mm. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
};
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const textRuns = (runs: Run[], size: number = SIZE.body) =>
  runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic || r.missing, size, font: FONT, ...(r.missing && { highlight: 'yellow' }) }));

const centered = (runs: Run[], size: number = SIZE.body, after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: textRuns(runs, size) });

/** The header and the signature area: two side-by-side blocks without borders, as the decree lays them out. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  const cell = (children: Paragraph[], size: number) => new TableCell({ width: { size, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    // Never split between pages: "Nơi nhận" stays beside the signature, the header together.
    rows: [new TableRow({ cantSplit: true, children: [cell(left, leftPercent), cell(right, 100 - leftPercent)] })],
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
/** The heading styles as the decree's text: Times New Roman 14 pt bold, black, not Word's blue Calibri. */
const headingStyle = (italics: boolean) => ({
  run: { font: FONT, size: SIZE.body, bold: true, italics, color: '000000' },
  paragraph: { keepNext: true, spacing: { before: 120, after: PARAGRAPH_AFTER, line: LINE } },
});

/** TableNormal's left and right cell margins, twips. */
const CELL_MARGIN = 108;
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const HEADER_LEFT_PERCENT = 38;

/**
 * A short solid line centred under a text (the issuing body, the summary line): 40% of the text's
 * widest line (the decree: a third to a half), drawn as the bottom border of an empty paragraph so
 * that Word and LibreOffice show it alike. The text's width is estimated from its length (bold at
 * the given size averages about 0.62 em for capitals, 0.5 em for lower case), at most `room`.
 */
function shortLine(text: readonly string[], size: number, room: number, em: number): Paragraph {
  const width = Math.min(room, Math.max(...text.map((l) => l.length)) * (size / 2) * 20 * em);
  const line = Math.min(room, Math.max(680, width * 0.4));
  const indent = Math.max(0, Math.round((room - line) / 2));
  return new Paragraph({
    keepNext: true,
    indent: { left: indent, right: indent },
    spacing: { after: 0, line: 100, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const lineUnderIssuer = (lines: readonly string[]) => shortLine(lines, SIZE.header, (TEXT_WIDTH * HEADER_LEFT_PERCENT) / 100 - 2 * CELL_MARGIN, 0.62);
const lineUnderTitle = (title: string) => shortLine([title], SIZE.body, TEXT_WIDTH, 0.5);

function header(doc: ReportDocument): Table {
  const left = [
    ...doc.issuer.parent.map((line) => centered([{ text: line.toUpperCase() }], SIZE.header)),
    ...doc.issuer.body.map((line) => centered([{ text: line.toUpperCase(), bold: true }], SIZE.header)),
    lineUnderIssuer(doc.issuer.body),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200 }, children: textRuns([doc.number], SIZE.header) }),
  ];
  const right = [
    centered([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], SIZE.nationalName),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 280 },
      children: [new TextRun({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: SIZE.body, font: FONT, underline: {} })],
    }),
    centered([{ ...doc.placeDate, italic: true }], SIZE.body),
  ];
  return twoColumns(left, right, HEADER_LEFT_PERCENT);
}

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const cell = (text: string, width: number, bold: boolean, align: 'left' | 'center' | 'right' = 'left') =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold, size: SIZE.table, font: FONT })],
        }),
      ],
    });
  const out: (Paragraph | Table)[] = [];
  if (b.caption)
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 120, after: 60 },
        children: [new TextRun({ text: b.caption, italics: true, size: SIZE.body, font: FONT })],
      }),
    );
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(h, b.widths[i] ?? 10, true, 'center')) }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, b.widths[i] ?? 10, false, b.align?.[i])) })),
      ],
    }),
  );
  return out;
}

/**
 * A chart's image while another thread draws it (./raster.ts): the package is compiled with a stand-in of a few bytes
 * in its place, and the drawn image put where the stand-in is (the same parts: docx names a package's images image1.png…
 * by their order, not by their bytes). The main thread writes the XML meanwhile instead of waiting (issue 19.6).
 */
type Pending = { stand: Uint8Array; png: Promise<Uint8Array> };

async function block(b: Block, keepWithNext = false, pending?: Pending[]): Promise<(Paragraph | Table)[]> {
  switch (b.kind) {
    case 'heading':
      // Word's own heading styles (Heading 1–3, restyled as the decree's body text), so that the navigation pane and a table of contents show the structure; kept with what follows.
      return [
        new Paragraph({
          heading: HEADINGS[b.level],
          keepNext: true,
          outlineLevel: b.level - 1,
          alignment: AlignmentType.JUSTIFIED,
          spacing: { before: 120, after: PARAGRAPH_AFTER, line: LINE },
          indent: { firstLine: b.level === 1 ? 0 : FIRST_LINE },
          children: [new TextRun({ text: b.text, bold: true, italics: b.level === 3, size: SIZE.body, font: FONT })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          keepNext: keepWithNext,
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: FIRST_LINE },
          spacing: { after: PARAGRAPH_AFTER, line: LINE },
          children: textRuns(b.runs),
        }),
      ];
    case 'bullets':
      return b.items.map(
        (item) =>
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: FIRST_LINE },
            spacing: { after: PARAGRAPH_AFTER, line: LINE },
            children: textRuns([{ text: '- ' }, ...item]),
          }),
      );
    case 'table':
      return table(b);
    case 'chart': {
      const size = chartSize(b.chart);
      const drawn = chartPng(b.chart);
      let png: Uint8Array;
      if (pending) {
        png = new TextEncoder().encode(`chart ${pending.length}`);
        // Awaited when the package is compiled: a failed drawing is reported there, not as an unhandled rejection meanwhile.
        drawn.catch(() => {});
        pending.push({ stand: png, png: drawn });
      } else png = await drawn;
      // Nearly the text width (165 mm ≈ 624 px at 96 dpi), the height in proportion: about 9 cm for eight
      // components, small enough to share a page with the tables before it instead of leaving half a page blank.
      const width = 600;
      return [
        new Paragraph({
          keepNext: true,
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 60 },
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: { width, height: Math.round((width * size.height) / size.width) },
              altText: { name: 'chart', title: b.caption, description: b.caption },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [new TextRun({ text: b.caption, italics: true, size: SIZE.table, font: FONT })],
        }),
      ];
    }
  }
}

function footer(doc: ReportDocument): Table {
  const recipients = [
    new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: SIZE.recipientsLabel, font: FONT })] }),
    ...doc.recipients.map((r) => new Paragraph({ children: textRuns([{ ...r, text: `- ${r.text}` }], SIZE.recipients) })),
  ];
  const sign = [
    ...(doc.signature.authority ? [centered([{ text: doc.signature.authority.toUpperCase(), bold: true }])] : []),
    centered([{ ...doc.signature.position, ...(!doc.signature.position.missing && { text: doc.signature.position.text.toUpperCase() }), bold: true }]),
    // Room for the signature and the seal.
    centered([{ text: ' ' }]),
    centered([{ text: ' ' }]),
    centered([{ text: ' ' }]),
    centered([{ text: ' ' }]),
    centered([{ ...doc.signature.signer, bold: true }]),
  ];
  return twoColumns(recipients, sign, 50);
}

/** The page number, centred in the top margin, in the body's size; the first page has none. */
function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.body, font: FONT })] })],
  });
}

/** docx's compiler, which writes the package's parts (XML, media) before Packer zips them; not in its typings. */
type Compiler = { compile(file: Document): Map<string, string | ArrayBufferView | ArrayBuffer> };

/**
 * The package zipped by Node's zlib (./zip.ts) rather than by docx's DEFLATE in JavaScript: the
 * same parts in the same order. Packer's own way when docx no longer has its compiler there.
 */
export async function pack(document: Document): Promise<Uint8Array> {
  return (await packWith(document, []))!;
}

/** docx's compiler, when it is where this module expects it. */
function compilerOf(): Compiler | undefined {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  return typeof compiler?.compile === 'function' ? (compiler as Compiler) : undefined;
}

/**
 * The package zipped by Node's zlib; `pending` images put in place of their stand-ins once drawn. Undefined when a
 * stand-in is not found once in word/media (docx wrote the images otherwise): the caller then waits for the images.
 */
async function packWith(document: Document, pending: readonly Pending[]): Promise<Uint8Array | undefined> {
  const compiler = compilerOf();
  if (!compiler) return new Uint8Array(await Packer.toBuffer(document));
  const bytes = (data: string | ArrayBufferView | ArrayBuffer) =>
    typeof data === 'string'
      ? Buffer.from(data, 'utf8')
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
  const parts = compiler.compile(document);
  for (const { stand, png } of pending) {
    const at = [...parts].filter(([path, data]) => data === stand && path.startsWith('word/media/'));
    if (at.length !== 1) return undefined;
    parts.set(at[0]![0], await png);
  }
  return zipFiles([...parts].map(([path, data]) => [path, bytes(data)] as const));
}

export async function toDocx(doc: ReportDocument, defer = true): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [];
  // One chart at most is compiled with a stand-in: docx would keep two charts of the same bytes once, two stand-ins twice.
  const pending = defer && compilerOf() && doc.body.filter((b) => b.kind === 'chart').length === 1 ? ([] as Pending[]) : undefined;
  // The closing sentence stays on the page of "Nơi nhận" and the signature: never a signature alone on a page.
  // Every block started before any is awaited: a chart drawn in another thread (./raster.ts) is drawn while the others are built.
  for (const b of await Promise.all(doc.body.map((b, i) => block(b, i === doc.body.length - 1, pending)))) body.push(...b);
  const document = new Document({
    creator: 'PAR Index',
    title: doc.title.map((r) => r.text).join(''),
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body, language: { value: 'vi-VN' } } },
        heading1: headingStyle(false),
        heading2: headingStyle(false),
        heading3: headingStyle(true),
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          header(doc),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 360 },
            keepNext: true,
            children: [new TextRun({ text: doc.type.toUpperCase(), bold: true, size: SIZE.body, font: FONT })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 60 }, children: textRuns(doc.title) }),
          lineUnderTitle(doc.title.map((r) => r.text).join('')),
          new Paragraph({ spacing: { after: 240 }, children: [] }),
          ...body,
          new Paragraph({ keepNext: true, children: [] }),
          footer(doc),
        ],
      },
    ],
  });
  return (await packWith(document, pending ?? [])) ?? toDocx(doc, false);
}
