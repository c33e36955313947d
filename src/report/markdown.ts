/** The report as Markdown (the web preview's source and the golden text snapshot). */
import type { Block, ReportDocument, Run } from './types.ts';

const runs = (list: Run[]) => list.map((r) => (r.bold ? `**${r.text}**` : r.italic ? `*${r.text}*` : r.text)).join('');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${b.text}`;
    case 'paragraph':
      return runs(b.runs);
    case 'bullets':
      return b.items.map((item) => `- ${runs(item)}`).join('\n');
    case 'table':
      return [b.caption ?? '', `| ${b.header.map(cell).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].filter(Boolean).join('\n');
    case 'chart':
      return `*${b.caption}*\n\n${b.chart.series.map((s) => `${s.name}: ${s.values.map((v, i) => `${b.chart.categories[i]} ${v === undefined ? '—' : v.toFixed(2).replace('.', ',')}`).join('; ')}`).join('\n')}`;
  }
}

export function toMarkdown(doc: ReportDocument): string {
  const lines = [
    doc.issuer.join(' / '),
    runs([doc.number]),
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc',
    runs([doc.placeDate]),
    `# ${doc.type}`,
    runs(doc.title),
    ...doc.body.map(block),
    '**Nơi nhận:**',
    ...doc.recipients.map((r) => `- ${r}`),
    [doc.signature.authority, runs([doc.signature.position]), runs([doc.signature.signer])].filter(Boolean).join(' / '),
  ];
  return `${lines.join('\n\n')}\n`;
}
