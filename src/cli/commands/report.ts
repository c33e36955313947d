import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { levelName, ParError, issue, resolveUnit, type Dataset, type UnitLevel } from '../../core/index.ts';
import { writeFileAtomic } from '../../io/atomicWrite.ts';
import { beforeNextBuild } from '../../io/datasetCache.ts';
import { REPORT_FORMATS, type ReportFormat } from '../../report/formats.ts';
import { startChartWorker } from '../../report/chartWorker.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, levelChoices, levelOption, parse, requireYear, t, UsageError, type Command, type CommandIo } from '../io.ts';
import { about } from './list.ts';

function unitsOfLevel(dataset: Dataset, level: UnitLevel, year: number): string[] {
  const ids = dataset.results.filter((s) => s.year === year).flatMap((s) => s.units.map((u) => u.unitId));
  return [...new Set(ids)].filter((id) => dataset.units.get(id)?.level === level);
}

/** "[ 3/8] █████░░░░░░░░░░░░░░░ bao-cao-….docx", on stderr so that stdout stays the result. */
export function progressLine(done: number, total: number, label: string): string {
  const width = 20;
  const filled = Math.round((done / total) * width);
  return `[${String(done).padStart(String(total).length)}/${total}] ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${label}`;
}

export const report: Command = {
  ...about('report'),
  async run(args, io) {
    const { values } = parse(args, {
      unit: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string', default: 'docx' },
      out: { type: 'string' },
      level: { type: 'string' },
      all: { type: 'boolean', default: false },
      ...sourceOptions,
    });
    const year = requireYear(values.year);
    const format = values.format as ReportFormat;
    if (!REPORT_FORMATS.includes(format))
      throw new UsageError(t(io, `--format phải là một trong ${REPORT_FORMATS.join(', ')}`, `--format must be one of ${REPORT_FORMATS.join(', ')}`));
    if (!values.out) throw new UsageError(t(io, 'thiếu --out (tệp hoặc thư mục để ghi)', '--out is required'));
    if (values.all && values.unit)
      throw new UsageError(t(io, 'dùng --unit hoặc --level … --all, không dùng cả hai', 'use --unit or --level … --all, not both'));
    // Data changed since the last report (its dataset built anew, not read back): its chart is likely new
    // too, so resvg starts in a thread of its own while this one builds the dataset (issue 19.6).
    if (format === 'docx' || format === 'pdf') beforeNextBuild(startChartWorker);
    const dataset = await datasetFor(values);
    if (!values.all) {
      if (!values.unit) throw new UsageError(t(io, 'thiếu --unit (hoặc --level … --all)', '--unit (or --level … --all) is required'));
      const unit = resolveUnit(dataset, values.unit);
      const [{ buildReport }, { prefetchCharts }] = await Promise.all([import('../../report/build.ts'), import('../../report/chart.ts')]);
      const doc = buildReport(dataset, unit.id, year);
      // The chart is asked for before the writers (docx's half megabyte) load and build the other blocks: drawn
      // meanwhile in its thread when that was started (a new dataset), from the kept image otherwise.
      if (format === 'docx' || format === 'pdf') prefetchCharts(doc);
      const { writeReport } = await import('../../report/index.ts');
      writeFileAtomic(values.out, await writeReport(doc, format));
      io.out(t(io, `Đã tạo ${values.out}`, `Wrote ${values.out}`));
      return EXIT.ok;
    }
    return batch(dataset, values.level, year, format, values.out, io);
  },
};

async function batch(dataset: Dataset, given: string | undefined, year: number, format: ReportFormat, out: string, io: CommandIo): Promise<number> {
  if (!given) throw new UsageError(t(io, `--all cần --level: ${levelChoices('vi')}`, `--all needs --level: ${levelChoices('en')}`));
  const level = levelOption(given)!;
  const ids = unitsOfLevel(dataset, level, year);
  if (!ids.length) {
    // Any slug is a level now: one without results that year is not found, and the levels that have results are named.
    const levels = [
      ...new Set(
        dataset.results
          .filter((s) => s.year === year)
          .flatMap((s) => s.units.map((u) => dataset.units.get(u.unitId)?.level))
          .filter((l): l is string => l !== undefined),
      ),
    ];
    const known = levels.length
      ? {
          vi: `; các cấp có kết quả: ${levels.map((l) => `${l} (${levelName(l).vi})`).join(', ')}`,
          en: `; levels with results: ${levels.map((l) => `${l} (${levelName(l).en})`).join(', ')}`,
        }
      : { vi: '', en: '' };
    throw new ParError(
      issue(
        'report.noUnits',
        { vi: `năm ${year} không có kết quả ở ${levelName(level).vi}${known.vi}`, en: `no results at ${levelName(level).en} for ${year}${known.en}` },
        { field: 'level' },
      ),
    );
  }
  const { buildReport, writeReports } = await import('../../report/index.ts');
  // Every report is built and written before anything is stored: one bad unit stores nothing.
  const docs = ids.map((id) => buildReport(dataset, id, year));
  const files = await writeReports(docs, format, (done, doc) => io.err(progressLine(done, docs.length, `${doc.fileName}.${format}`)));
  const named = docs.map((doc, i) => [`${doc.fileName}.${format}`, files[i]!] as const);
  // fflate only for a zip of reports: one unit's report does not load it.
  if (out.toLowerCase().endsWith('.zip')) writeFileAtomic(out, (await import('fflate')).zipSync(Object.fromEntries(named), { level: 6 }));
  else {
    mkdirSync(out, { recursive: true });
    for (const [name, bytes] of named) writeFileAtomic(join(out, name), bytes);
  }
  io.out(t(io, `Đã tạo ${ids.length} báo cáo: ${out}`, `Wrote ${ids.length} reports: ${out}`));
  return EXIT.ok;
}
