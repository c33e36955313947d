/** The report as Markdown (the web preview's source and the golden text snapshot). */
import type { Block, ReportDocument, Run } from './types.ts';

/** Characters that would start a list, a heading or a quote at the beginning of a line. */
const escapeLineStart = (s: string) => s.replace(/^([*+#>-]\s|\d+[.)]\s)/, (m) => `\\${m}`);
const run = (r: Run) => {
  const italic = r.italic ? `*${r.text}*` : r.text;
  return r.bold ? `**${italic}**` : italic;
};
const runs = (list: Run[]) => list.map(run).join('');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (header: string[], rows: string[][]) =>
  [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const number = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2).replace('.', ','));

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${b.text}`;
    case 'paragraph':
      return escapeLineStart(runs(b.runs));
    case 'bullets':
      return b.items.map((item) => `- ${runs(item)}`).join('\n');
    case 'table':
      // A blank line between the caption and the table, else the caption swallows the table.
      return [b.caption ? escapeLineStart(b.caption) : undefined, table(b.header, b.rows)].filter(Boolean).join('\n\n');
    case 'chart':
      // The chart's figures as a table: the same content as the image.
      return `*${b.caption}*\n\n${table(
        ['Lĩnh vực', ...b.chart.series.map((s) => `${s.name} (%)`)],
        b.chart.categories.map((c, i) => [c, ...b.chart.series.map((s) => number(s.values[i]))]),
      )}`;
  }
}

export function toMarkdown(doc: ReportDocument): string {
  const lines = [
    [...doc.issuer.parent, ...doc.issuer.body.map((l) => `**${l}**`)].join(' / '),
    runs([doc.number]),
    '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** / **Độc lập - Tự do - Hạnh phúc**',
    runs([{ ...doc.placeDate, italic: true }]),
    `# ${doc.type}`,
    runs(doc.title),
    ...doc.body.map(block),
    `***Nơi nhận:***\n\n${doc.recipients.map((r) => `- ${run(r)}`).join('\n')}`,
    [doc.signature.authority && `**${doc.signature.authority}**`, run(doc.signature.position), run(doc.signature.signer)].filter(Boolean).join(' / '),
  ];
  return `${lines.join('\n\n')}\n`;
}
