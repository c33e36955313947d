import { templateTables, type ImportKind } from '../../io/index.ts';
import { dataOption } from '../data.ts';
import { databaseOption, datasetFor, writeOut, yearOption } from '../files.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';

const KINDS = ['results', 'survey', 'indicators', 'framework', 'plan'];

export const template: Command = {
  name: 'template',
  summary: { vi: 'Tạo mẫu Excel/CSV để nhập kết quả, điểm điều tra, chỉ tiêu, bộ tiêu chí hoặc nhiệm vụ kế hoạch', en: 'Make an Excel/CSV template for results, survey scores, indicators, a framework or plan tasks' },
  usage: 'parindex template --kind results|survey|indicators|framework|plan [--framework <mã>] [--year <năm>] [--detail components|criteria|all] [--unit <mã> (plan)] --out <tệp.xlsx|.csv> [--separator ";"|","] [--database]',
  async run(args, io) {
    const { values } = parse(args, {
      kind: { type: 'string', default: 'results' },
      framework: { type: 'string' },
      year: { type: 'string' },
      detail: { type: 'string', default: 'components' },
      unit: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      ...dataOption,
      ...databaseOption,
    });
    if (!KINDS.includes(values.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    if (!['components', 'criteria', 'all'].includes(values.detail)) throw new UsageError('--detail must be components, criteria or all');
    if (!values.out) throw new UsageError('--out is required');
    const tables = templateTables(await datasetFor(values), {
      kind: values.kind as ImportKind,
      framework: values.framework,
      year: yearOption(values.year),
      detail: values.detail as 'components' | 'criteria' | 'all',
      ...(values.unit && { unit: values.unit }),
    });
    await writeOut(tables, { ...values, out: values.out }, io.locale);
    io.out(t(io, `Đã tạo mẫu ${values.out}`, `Template written to ${values.out}`));
    return EXIT.ok;
  },
};
