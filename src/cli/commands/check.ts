import {
  analysisToJson,
  analyzeUnit,
  computationFor,
  frameworkOf,
  issue,
  LEVEL_NAMES,
  ParError,
  type Dataset,
  type UnitAnalysis,
  type UnitLevel,
} from '../../core/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, levelOption, parse, requireYear, t, UsageError, type Command, type CommandIo } from '../io.ts';
import { renderFindings } from '../render.ts';
import { about } from './list.ts';

export const check: Command = {
  ...about('check'),
  async run(args, io) {
    const { values } = parse(args, {
      unit: { type: 'string' },
      year: { type: 'string' },
      level: { type: 'string' },
      group: { type: 'string' },
      format: { type: 'string', default: 'text' },
      ...sourceOptions,
    });
    const year = requireYear(values.year);
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError({
        vi: `--format phải là text hoặc json, không phải "${values.format}"`,
        en: `--format must be text or json, not "${values.format}"`,
      });
    if (values.unit !== undefined && (values.level !== undefined || values.group !== undefined)) {
      throw new UsageError({
        vi: '--unit kiểm tra một đơn vị: không dùng cùng --level hay --group',
        en: '--unit checks one unit: it goes without --level and --group',
      });
    }
    const level = levelOption(values.level);
    const dataset = await datasetFor(values);
    if (values.unit !== undefined) {
      const analysis = analyzeUnit(dataset, values.unit, year);
      // The same findings as in `analyze --format json`, printed and computed figures at full precision.
      if (values.format === 'json') io.out(JSON.stringify(analysisToJson(analysis).findings, null, 2));
      else io.out(renderFindings(analysis.findings, io.locale));
      return hasErrors(analysis) ? EXIT.findings : EXIT.ok;
    }
    const analyses = unitsOf(dataset, year, level, values.group).map((id) => analyzeUnit(dataset, id, year));
    if (values.format === 'json') {
      io.out(
        JSON.stringify(
          {
            year,
            units: analyses.map((a) => ({
              unit: a.unit.id,
              name: a.unit.name,
              errors: a.findings.filter((f) => f.severity === 'error').length,
              findings: analysisToJson(a).findings,
            })),
          },
          null,
          2,
        ),
      );
    } else io.out(renderYear(analyses, year, io));
    return analyses.some(hasErrors) ? EXIT.findings : EXIT.ok;
  },
};

const hasErrors = (analysis: UnitAnalysis) => analysis.findings.some((f) => f.severity === 'error');

/**
 * The units with results in `year`, in the order of their rankings (set by set, group by
 * group), of one level and one peer group when asked; none is a "not found" naming what there is.
 */
function unitsOf(dataset: Dataset, year: number, level: UnitLevel | undefined, group: string | undefined): string[] {
  const sets = dataset.results.filter((s) => s.year === year && (!level || frameworkOf(dataset, s).level === level));
  const groups = sets.flatMap((set) => [...computationFor(dataset, set).groups.values()]);
  const chosen = groups.filter((g) => group === undefined || g.group === group);
  if (chosen.length) return chosen.flatMap((g) => g.unitIds);
  const where = level ? { vi: ` ở ${LEVEL_NAMES[level].vi}`, en: ` at ${LEVEL_NAMES[level].en}` } : { vi: '', en: '' };
  if (!groups.length) {
    const years = [...new Set(dataset.results.map((s) => s.year))].sort();
    const known = years.length ? { vi: `; các năm có kết quả: ${years.join(', ')}`, en: `; years with results: ${years.join(', ')}` } : { vi: '', en: '' };
    throw new ParError(
      issue(
        'check.notFound',
        { vi: `không có kết quả năm ${year}${where.vi}${known.vi}`, en: `no results for ${year}${where.en}${known.en}` },
        { field: 'year' },
      ),
    );
  }
  const names = [...new Set(groups.map((g) => g.group))].join(', ');
  throw new ParError(
    issue(
      'check.notFound',
      {
        vi: `năm ${year}${where.vi} không có nhóm đơn vị «${group}» (có: ${names})`,
        en: `${year}${where.en} has no peer group "${group}" (there are: ${names})`,
      },
      { field: 'group' },
    ),
  );
}

/** Each unit's findings under its name, then how many units were checked and which have errors. */
function renderYear(analyses: UnitAnalysis[], year: number, io: CommandIo): string {
  const blocks = analyses.map((a) => `${a.unit.name} (${a.unit.id})\n${renderFindings(a.findings, io.locale)}`);
  const failed = analyses.filter(hasErrors).map((a) => a.unit.name);
  const summary = failed.length
    ? t(
        io,
        `Năm ${year}: đã kiểm tra ${analyses.length} đơn vị, ${failed.length} đơn vị có lỗi: ${failed.join(', ')}`,
        `${year}: ${analyses.length} units checked, ${failed.length} with errors: ${failed.join(', ')}`,
      )
    : t(io, `Năm ${year}: đã kiểm tra ${analyses.length} đơn vị, không đơn vị nào có lỗi`, `${year}: ${analyses.length} units checked, none with errors`);
  return [...blocks, summary].join('\n\n');
}
