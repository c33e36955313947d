/**
 * The report as one HTML page (the web app's preview, and what Chromium prints when asked):
 * the same blocks as the DOCX, A4 margins of Nghị định 30/2020, every text escaped.
 */
import { chartSvg } from './chart.ts';
import type { Block, ReportDocument, Run } from './types.ts';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const runs = (list: Run[]) =>
  list
    .map((r) => {
      const t = escapeHtml(r.text);
      const italic = r.italic ? `<em>${t}</em>` : t;
      const styled = r.bold ? `<strong>${italic}</strong>` : italic;
      return r.missing ? `<mark class="missing">${styled}</mark>` : styled;
    })
    .join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1}>${escapeHtml(b.text)}</h${b.level + 1}>`;
    case 'paragraph':
      return `<p>${runs(b.runs)}</p>`;
    case 'bullets':
      return `<ul>${b.items.map((i) => `<li>${runs(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `${b.caption ? `<p class="caption">${escapeHtml(b.caption)}</p>` : ''}<table><thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td class="${b.align?.[i] ?? 'left'}">${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'chart':
      return `<figure>${chartSvg(b.chart)}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>`;
  }
}

export const REPORT_CSS = `@page{size:A4;margin:20mm 15mm 20mm 30mm}body{font-family:"Times New Roman","Liberation Serif",serif;font-size:14pt;line-height:1.35;max-width:165mm;margin:auto}
.head{display:grid;grid-template-columns:2fr 3fr;text-align:center;font-size:13pt}.head b,.head span{display:block}.motto{text-decoration:underline}
.head p{text-indent:0;text-align:center}.rule{display:block;width:35%;margin:4px auto 12px;border-top:1px solid #000}.head .rule{margin:4px auto 6px}p{text-align:justify;text-indent:1cm;margin:0 0 6pt}
p.type{text-align:center;text-indent:0;font-weight:bold;margin-top:1em;margin-bottom:0}p.title{text-align:center;text-indent:0;font-weight:bold}
h2,h3,h4{font-size:14pt;margin:.6em 0 .3em}table{border-collapse:collapse;width:100%;font-size:12pt;margin:.4em 0}th,td{border:1px solid #000;padding:2px 4px}td.right{text-align:right}td.center{text-align:center}
.caption{font-style:italic;text-indent:0}figure{margin:.5em 0;text-align:center}figure svg{max-width:100%;height:auto}.missing{background:#fff3bf}
.foot{display:grid;grid-template-columns:1fr 1fr;margin-top:1em;break-inside:avoid}.recipients{font-size:11pt}.recipients p{text-indent:0;margin:0}.recipients .label{font-size:12pt}.sign{text-align:center}.sign p{text-align:center;text-indent:0;margin:0}.sign .space{height:5em}`;

export function toHtml(doc: ReportDocument, options: { standalone?: boolean } = {}): string {
  const issuer = [...doc.issuer.parent.map((l) => `<span>${escapeHtml(l)}</span>`), ...doc.issuer.body.map((l) => `<b>${escapeHtml(l)}</b>`)].join('');
  const body = `<article class="report">
<div class="head"><div>${issuer}<span class="rule"></span><p>${runs([doc.number])}</p></div>
<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><b class="motto">Độc lập - Tự do - Hạnh phúc</b><p>${runs([{ ...doc.placeDate, italic: true }])}</p></div></div>
<p class="type">${escapeHtml(doc.type)}</p><p class="title">${runs(doc.title)}</p><span class="rule"></span>
${doc.body.map(block).join('\n')}
<div class="foot"><div class="recipients"><p class="label"><strong><em>Nơi nhận:</em></strong></p>${doc.recipients.map((r) => `<p>- ${runs([r])}</p>`).join('')}</div>
<div class="sign">${doc.signature.authority ? `<p><strong>${escapeHtml(doc.signature.authority)}</strong></p>` : ''}<p>${runs([doc.signature.position])}</p><div class="space"></div><p>${runs([doc.signature.signer])}</p></div></div>
</article>`;
  if (options.standalone === false) return body;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(doc.title.map((r) => r.text).join(''))}</title><style>${REPORT_CSS}</style></head><body>${body}</body></html>`;
}
