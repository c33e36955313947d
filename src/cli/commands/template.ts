import { templateTables, type ImportKind } from '../../io/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { writeOut, yearOption } from '../files.ts';
import { EXIT, parse, requireOption, t, UsageError, type Command } from '../io.ts';
import { about } from './list.ts';

const KINDS = ['results', 'survey', 'indicators', 'framework', 'plan', 'units'];

export const template: Command = {
  ...about('template'),
  async run(args, io) {
    const { values } = parse(args, {
      kind: { type: 'string', default: 'results' },
      framework: { type: 'string' },
      year: { type: 'string' },
      detail: { type: 'string', default: 'components' },
      unit: { type: 'string' },
      province: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      ...sourceOptions,
    });
    if (!KINDS.includes(values.kind))
      throw new UsageError({ vi: `--kind phải là một trong ${KINDS.join(', ')}`, en: `--kind must be one of ${KINDS.join(', ')}` });
    if (!['components', 'criteria', 'all'].includes(values.detail))
      throw new UsageError({ vi: '--detail phải là components, criteria hoặc all', en: '--detail must be components, criteria or all' });
    const out = requireOption(values.out, 'out', { vi: 'tệp .xlsx hoặc .csv để ghi', en: 'the .xlsx or .csv file to write' });
    const tables = templateTables(await datasetFor(values), {
      kind: values.kind as Exclude<ImportKind, 'lineage'>,
      framework: values.framework,
      year: yearOption(values.year),
      detail: values.detail as 'components' | 'criteria' | 'all',
      ...(values.unit && { unit: values.unit }),
      ...(values.province && { province: values.province }),
    });
    await writeOut(tables, { ...values, out }, io.locale);
    io.out(t(io, `Đã tạo mẫu ${out}`, `Template written to ${out}`));
    return EXIT.ok;
  },
};
