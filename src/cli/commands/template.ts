import { templateTables, type ImportKind } from '../../io/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { writeOut, yearOption } from '../files.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';

const KINDS = ['results', 'survey', 'indicators', 'framework'];

export const template: Command = {
  name: 'template',
  summary: { vi: 'Tạo mẫu Excel/CSV để nhập kết quả, điểm điều tra, chỉ tiêu hoặc bộ tiêu chí', en: 'Make an Excel/CSV template for results, survey scores, indicators or a framework' },
  usage: 'parindex template --kind results|survey|indicators|framework [--framework <mã>] [--year <năm>] [--detail components|criteria|all] --out <tệp.xlsx|.csv> [--separator ";"|","]',
  async run(args, io) {
    const { values } = parse(args, {
      kind: { type: 'string', default: 'results' },
      framework: { type: 'string' },
      year: { type: 'string' },
      detail: { type: 'string', default: 'components' },
      out: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      ...dataOption,
    });
    if (!KINDS.includes(values.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    if (!['components', 'criteria', 'all'].includes(values.detail)) throw new UsageError('--detail must be components, criteria or all');
    if (!values.out) throw new UsageError('--out is required');
    const tables = templateTables(datasetFrom(values.data), {
      kind: values.kind as ImportKind,
      framework: values.framework,
      year: yearOption(values.year),
      detail: values.detail as 'components' | 'criteria' | 'all',
    });
    await writeOut(tables, { ...values, out: values.out }, io.locale);
    io.out(t(io, `Đã tạo mẫu ${values.out}`, `Template written to ${values.out}`));
    return EXIT.ok;
  },
};
