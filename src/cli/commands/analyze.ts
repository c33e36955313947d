import { analysisToJson, analyzeUnit } from '../../core/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, UsageError, type Command } from '../io.ts';
import { renderAnalysis, renderFindings } from '../render.ts';

export const analyze: Command = {
  name: 'analyze',
  summary: { vi: 'Phân tích kết quả của một đơn vị trong một năm', en: "Analyse one unit's results for a year" },
  usage: 'parindex analyze --unit <id|tên> --year <năm> [--format table|json] [--data <thư mục>]',
  run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'table' }, ...dataOption });
    if (!values.unit) throw new UsageError('--unit is required');
    if (values.format !== 'table' && values.format !== 'json') throw new UsageError('--format must be table or json');
    const analysis = analyzeUnit(datasetFrom(values.data), values.unit, requireYear(values.year));
    if (values.format === 'json') io.out(JSON.stringify(analysisToJson(analysis), null, 2));
    else io.out(`${renderAnalysis(analysis, io.locale)}\n\n${renderFindings(analysis.findings, io.locale)}`);
    return EXIT.ok;
  },
};
