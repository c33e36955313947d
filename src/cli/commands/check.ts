import { analysisToJson, analyzeUnit } from '../../core/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireOption, requireYear, UNIT_OPTION, UsageError, type Command } from '../io.ts';
import { renderFindings } from '../render.ts';

export const check: Command = {
  name: 'check',
  summary: { vi: 'Kiểm tra nhất quán số liệu công bố và báo cáo với số liệu tính ra', en: 'Check published and reported figures against the computation' },
  usage: 'parindex check --unit <id|tên> --year <năm> [--format text|json] [--data <thư mục>]  (mã thoát 1 nếu có lỗi)',
  run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'text' }, ...dataOption });
    const unit = requireOption(values.unit, 'unit', UNIT_OPTION);
    const year = requireYear(values.year);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError({ vi: `--format phải là text hoặc json, không phải "${values.format}"`, en: `--format must be text or json, not "${values.format}"` });
    const analysis = analyzeUnit(datasetFrom(values.data), unit, year);
    // The same findings as in `analyze --format json`, printed and computed figures at full precision.
    if (values.format === 'json') io.out(JSON.stringify(analysisToJson(analysis).findings, null, 2));
    else io.out(renderFindings(analysis.findings, io.locale));
    return analysis.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};
