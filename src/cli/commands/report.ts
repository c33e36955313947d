import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { ParError, issue, resolveUnit, type Dataset } from '../../core/index.ts';
import { writeFileAtomic } from '../../io/index.ts';
import { buildReport, REPORT_FORMATS, writeReport, type ReportFormat } from '../../report/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';

function unitsOfLevel(dataset: Dataset, level: string, year: number): string[] {
  const ids = dataset.results.filter((s) => s.year === year).flatMap((s) => s.units.map((u) => u.unitId));
  return ids.filter((id) => dataset.units.get(id)?.level === level);
}

export const report: Command = {
  name: 'report',
  summary: { vi: 'Tạo báo cáo phân tích Chỉ số CCHC (DOCX, PDF, HTML, Markdown) của một đơn vị hoặc cả một cấp', en: 'Generate the PAR Index analysis report (DOCX, PDF, HTML, Markdown) of a unit or a whole level' },
  usage: 'parindex report --unit <mã hoặc tên> --year <năm> --format docx|pdf|html|md --out <tệp>  |  parindex report --level district --all --year <năm> --format docx --out <thư mục hoặc .zip>',
  async run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'docx' }, out: { type: 'string' }, level: { type: 'string' }, all: { type: 'boolean', default: false }, ...dataOption });
    const year = requireYear(values.year);
    const format = values.format as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
    if (!values.out) throw new UsageError('--out is required');
    const dataset = datasetFrom(values.data);
    if (!values.all) {
      if (!values.unit) throw new UsageError('--unit (or --level … --all) is required');
      const unit = resolveUnit(dataset, values.unit);
      const doc = buildReport(dataset, unit.id, year);
      writeFileAtomic(values.out, await writeReport(doc, format));
      io.out(t(io, `Đã tạo ${values.out}`, `Wrote ${values.out}`));
      return EXIT.ok;
    }
    if (!values.level) throw new UsageError('--all needs --level');
    const ids = unitsOfLevel(dataset, values.level, year);
    if (!ids.length) throw new ParError(issue('report.noUnits', { vi: `năm ${year} không có kết quả của cấp ${values.level}`, en: `no ${values.level} results for ${year}` }, { field: 'level' }));
    const files: Record<string, Uint8Array> = {};
    for (const [index, id] of ids.entries()) {
      const doc = buildReport(dataset, id, year);
      files[`${doc.fileName}.${format}`] = await writeReport(doc, format);
      // Progress on stderr, so that stdout stays the result.
      io.err(`[${String(index + 1).padStart(String(ids.length).length)}/${ids.length}] ${'█'.repeat(Math.round(((index + 1) / ids.length) * 20)).padEnd(20, '░')} ${doc.fileName}.${format}`);
    }
    if (values.out.endsWith('.zip')) writeFileAtomic(values.out, zipSync(files, { level: 6 }));
    else {
      mkdirSync(values.out, { recursive: true });
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(values.out, name), bytes);
    }
    io.out(t(io, `Đã tạo ${ids.length} báo cáo: ${values.out}`, `Wrote ${ids.length} reports: ${values.out}`));
    return EXIT.ok;
  },
};
