import { exportTables, type ExportWhat } from '../../io/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { writeOut, yearOption } from '../files.ts';
import { EXIT, parse, requireOption, t, UsageError, type Command } from '../io.ts';
import { about } from './list.ts';

const WHAT = ['results', 'ranking', 'deductions', 'framework', 'plan', 'units'];

export const exportCommand: Command = {
  ...about('export'),
  async run(args, io) {
    const { values } = parse(args, {
      what: { type: 'string', default: 'results' },
      year: { type: 'string' },
      level: { type: 'string' },
      group: { type: 'string' },
      framework: { type: 'string' },
      unit: { type: 'string' },
      province: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      sheet: { type: 'string' },
      ...sourceOptions,
    });
    if (!WHAT.includes(values.what))
      throw new UsageError({ vi: `--what phải là một trong ${WHAT.join(', ')}`, en: `--what must be one of ${WHAT.join(', ')}` });
    requireOption(values.out, 'out', { vi: 'tệp .xlsx hoặc .csv để ghi', en: 'the .xlsx or .csv file to write' });
    if (values.what !== 'framework' && values.what !== 'units')
      requireOption(
        values.year,
        'year',
        values.what === 'plan'
          ? { vi: 'năm kế hoạch, vd. 2024', en: 'the plan year, e.g. 2024' }
          : { vi: 'năm đánh giá, vd. 2023', en: 'the assessment year, e.g. 2023' },
      );
    if (values.what === 'plan') requireOption(values.unit, 'unit', { vi: 'mã đơn vị có kế hoạch', en: 'the id of the unit whose plan it is' });
    if (values.what === 'framework') requireOption(values.framework, 'framework', { vi: 'mã bộ tiêu chí', en: 'the framework id' });
    const tables = exportTables(await datasetFor(values), {
      what: values.what as ExportWhat,
      year: yearOption(values.year),
      level: values.level,
      ...(values.group && { group: values.group }),
      framework: values.framework,
      ...(values.unit && { unit: values.unit }),
    });
    await writeOut(tables, { ...values, out: values.out! }, io.locale);
    io.out(t(io, `Đã xuất ${values.out}`, `Exported to ${values.out}`));
    return EXIT.ok;
  },
};
