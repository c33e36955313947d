/**
 * PDF from the DOCX with LibreOffice (`soffice --headless --convert-to pdf`): the PDF is the
 * very document a unit would print from Word, with the same fonts and layout. LibreOffice is a
 * system package (Debian `libreoffice-writer`); without it a clear error says so. A batch is
 * converted by one LibreOffice process (starting it costs more than converting a report).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ParError, issue } from '../core/index.ts';

const run = promisify(execFile);

export async function docxToPdf(docx: Uint8Array, binary?: string): Promise<Uint8Array> {
  return (await docxToPdfMany([docx], binary))[0]!;
}

/** Several DOCX files to PDF with one LibreOffice run; the PDFs in the same order. */
export async function docxToPdfMany(docxs: readonly Uint8Array[], binary = process.env.PARINDEX_SOFFICE ?? 'soffice'): Promise<Uint8Array[]> {
  if (!docxs.length) return [];
  const folder = await mkdtemp(join(tmpdir(), 'parindex-pdf-'));
  try {
    const names = docxs.map((_, i) => `report-${i}`);
    await Promise.all(docxs.map((bytes, i) => writeFile(join(folder, `${names[i]}.docx`), bytes)));
    try {
      // A profile of its own: two conversions at once must not share LibreOffice's lock.
      await run(
        binary,
        [
          `-env:UserInstallation=file://${join(folder, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          folder,
          ...names.map((n) => join(folder, `${n}.docx`)),
        ],
        {
          timeout: 120_000 + 10_000 * docxs.length,
        },
      );
    } catch (error) {
      throw new ParError(
        issue('report.pdfConverter', {
          vi: `không chạy được LibreOffice (${binary}) để tạo PDF: hãy cài gói libreoffice-writer hoặc đặt PARINDEX_SOFFICE (${(error as Error).message.split('\n')[0]})`,
          en: `could not run LibreOffice (${binary}) to make the PDF: install libreoffice-writer or set PARINDEX_SOFFICE (${(error as Error).message.split('\n')[0]})`,
        }),
      );
    }
    return await Promise.all(
      names.map(async (n) => {
        try {
          return new Uint8Array(await readFile(join(folder, `${n}.pdf`)));
        } catch {
          throw new ParError(
            issue('report.pdfConverter', { vi: 'LibreOffice không tạo được PDF từ báo cáo', en: 'LibreOffice produced no PDF from the report' }),
          );
        }
      }),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
