import { z } from 'zod';
import { frameworkFile, planFile, resultsFile, unitReportFile, unitsFile } from '../../core/index.ts';
import { EXIT, parse, UsageError, type Command } from '../io.ts';
import { about } from './list.ts';

const schemas = { framework: frameworkFile, results: resultsFile, units: unitsFile, report: unitReportFile, plan: planFile } as const;

/** JSON Schema of each data file kind, generated from the same zod schemas the platform validates with. */
export const schema: Command = {
  ...about('schema'),
  run(args, io) {
    const { positionals } = parse(args, {}, true);
    const kind = positionals[0] as keyof typeof schemas | undefined;
    if (!kind || !(kind in schemas)) {
      const kinds = Object.keys(schemas).join(', ');
      throw new UsageError({
        vi: `cần loại tệp: ${kinds}${kind ? ` (không có "${kind}")` : ''}`,
        en: `give a file kind: ${kinds}${kind ? ` (not "${kind}")` : ''}`,
      });
    }
    io.out(JSON.stringify(z.toJSONSchema(schemas[kind], { io: 'input', unrepresentable: 'any' }), null, 2));
    return EXIT.ok;
  },
};
