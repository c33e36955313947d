/**
 * `npm run guide:pdf`: the user guides (docs/huong-dan/*.md) as printable A4 PDFs, one per guide,
 * in test-output/huong-dan/ — Markdown to HTML (marked), printed by the machine's Chromium with
 * the guide's own pictures. Usage: node scripts/guide-pdf.ts [--out <folder>]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { marked } from 'marked';
import { projectRoot } from '../src/io/dataFolder.ts';
import { launchChromium } from '../web/e2e/browser.ts';

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: 'Liberation Serif', 'Times New Roman', 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.4; color: #111; }
  h1 { font-size: 18pt; } h2 { font-size: 14.5pt; margin-top: 1.2em; break-after: avoid; }
  img { max-width: 100%; max-height: 80mm; border: 1px solid #bbb; display: block; margin: 0.6em auto; break-inside: avoid; }
  table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 2px 6px; vertical-align: top; }
  code { font-family: 'DejaVu Sans Mono', monospace; font-size: 10pt; }
`;

/** Writes one PDF per guide into `out` and returns their paths. */
export async function guidesToPdf(out: string): Promise<string[]> {
  const folder = join(projectRoot, 'docs', 'huong-dan');
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.md'))) {
      const body = await marked.parse(readFileSync(join(folder, file), 'utf8'));
      const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><base href="${pathToFileURL(folder).href}/"><style>${STYLE}</style></head><body>${body}</body></html>`;
      // Opened from a file, so that the pictures (files beside the guide) load.
      const source = join(out, file.replace(/\.md$/, '.html'));
      writeFileSync(source, html);
      const page = await browser.newPage();
      await page.goto(pathToFileURL(source).href, { waitUntil: 'load' });
      const path = join(out, file.replace(/\.md$/, '.pdf'));
      await page.pdf({ path, format: 'A4', printBackground: true });
      await page.close();
      written.push(path);
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (import.meta.main) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1]! : join(projectRoot, 'test-output', 'huong-dan');
  for (const path of await guidesToPdf(out)) console.log(path);
}
