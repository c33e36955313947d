import { analysisToJson, analyzeUnit } from '../../core/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, parse, requireOption, requireYear, UNIT_OPTION, UsageError, type Command } from '../io.ts';
import { renderAnalysis, renderFindings } from '../render.ts';
import { about } from './list.ts';

export const analyze: Command = {
  ...about('analyze'),
  async run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'table' }, ...sourceOptions });
    const unit = requireOption(values.unit, 'unit', UNIT_OPTION);
    const year = requireYear(values.year);
    if (values.format !== 'table' && values.format !== 'json')
      throw new UsageError({
        vi: `--format phải là table hoặc json, không phải "${values.format}"`,
        en: `--format must be table or json, not "${values.format}"`,
      });
    const analysis = analyzeUnit(await datasetFor(values), unit, year);
    if (values.format === 'json') io.out(JSON.stringify(analysisToJson(analysis), null, 2));
    else io.out(`${renderAnalysis(analysis, io.locale)}\n\n${renderFindings(analysis.findings, io.locale)}`);
    return EXIT.ok;
  },
};
