import { analyzeUnit } from '../../core/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, UsageError, type Command } from '../io.ts';
import { renderFindings } from '../render.ts';

export const check: Command = {
  name: 'check',
  summary: { vi: 'Kiểm tra nhất quán số liệu công bố và báo cáo với số liệu tính ra', en: 'Check published and reported figures against the computation' },
  usage: 'parindex check --unit <id|tên> --year <năm> [--format text|json] [--data <thư mục>]  (mã thoát 1 nếu có lỗi)',
  run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'text' }, ...dataOption });
    if (!values.unit) throw new UsageError('--unit is required');
    const analysis = analyzeUnit(datasetFrom(values.data), values.unit, requireYear(values.year));
    if (values.format === 'json') {
      io.out(JSON.stringify(analysis.findings.map((f) => ({ ...f, printed: undefined, computed: undefined })), null, 2));
    } else io.out(renderFindings(analysis.findings, io.locale));
    return analysis.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};
