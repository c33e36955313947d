/** The text and run formatting of a DOCX, read from its XML parts (for tests and checks). */
import { unzipSync } from 'fflate';

/** Every XML part of the package, by name ("word/document.xml", "word/header1.xml", …): our own output, read whole. */
export async function docxParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/.test(f.name) });
  const decoder = new TextDecoder();
  return new Map(Object.entries(parts).map(([name, data]) => [name, decoder.decode(data)]));
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => m[0]);
const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

export async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = (await docxParts(bytes)).get('word/document.xml') ?? '';
  return paragraphsOf(xml).map(textOf);
}

export interface DocxRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** Half-points, when the run sets it. */
  size?: number;
  font?: string;
  highlight?: string;
}

export interface DocxParagraph {
  text: string;
  /** The paragraph's properties as XML (alignment, spacing, indentation, borders). */
  properties: string;
  runs: DocxRun[];
}

const on = (rPr: string, tag: string) => new RegExp(`<w:${tag}(?: w:val="(true|1|on)")?/>`).test(rPr);

/** Paragraphs of a part with their runs' formatting, in document order (table cells included). */
export function paragraphsWithRuns(xml: string): DocxParagraph[] {
  return paragraphsOf(xml).map((p) => ({
    text: textOf(p),
    properties: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(p)?.[1] ?? '',
    runs: [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => {
      const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r[1]!)?.[1] ?? '';
      const size = /<w:sz w:val="(\d+)"/.exec(rPr)?.[1];
      return {
        text: textOf(r[1]!),
        bold: on(rPr, 'b'),
        italic: on(rPr, 'i'),
        underline: /<w:u w:val="(?!none)/.test(rPr),
        ...(size && { size: Number(size) }),
        ...(/w:ascii="([^"]+)"/.test(rPr) && { font: /w:ascii="([^"]+)"/.exec(rPr)![1] }),
        ...(/<w:highlight w:val="([^"]+)"/.test(rPr) && { highlight: /<w:highlight w:val="([^"]+)"/.exec(rPr)![1] }),
      };
    }),
  }));
}
