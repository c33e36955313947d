import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { ParError, issue } from '../../core/index.ts';
import { importWorkbook, readWorkbook, writeFileAtomic, type ImportKind, type ImportOutcome } from '../../io/index.ts';
import { checkFileSize } from '../../io/limits.ts';
import { renderChanges } from '../changes.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { limitsOption, yearOption } from '../files.ts';
import { EXIT, parse, t, UsageError, type Command, type CommandIo } from '../io.ts';

const KINDS = ['results', 'survey', 'indicators', 'framework', 'plan'];
const LEVELS = ['department', 'district', 'commune'];

function summary(outcome: ImportOutcome, io: CommandIo): string {
  if (outcome.kind === 'framework') {
    const f = outcome.framework;
    return t(io, `Bộ tiêu chí ${f.id} (${f.year}): ${f.nodes.size} chỉ số, tiêu chí`, `Framework ${f.id} (${f.year}): ${f.nodes.size} nodes`);
  }
  if (outcome.kind === 'plan') {
    const p = outcome.document;
    return t(io, `Kế hoạch ${p.unit} năm ${p.year}: ${p.tasks?.length ?? 0} nhiệm vụ`, `Plan ${p.unit} ${p.year}: ${p.tasks?.length ?? 0} tasks`);
  }
  const r = outcome.results;
  return t(io, `Kết quả năm ${r.year} (${r.frameworkId}): ${r.units.length} đơn vị`, `Results ${r.year} (${r.frameworkId}): ${r.units.length} units`);
}

export const importCommand: Command = {
  name: 'import',
  summary: { vi: 'Nhập tệp Excel/CSV (kết quả, điểm điều tra, chỉ tiêu, bộ tiêu chí): xem trước thay đổi hoặc ghi tài liệu', en: 'Import an Excel/CSV file (results, survey scores, indicators, framework): preview the changes or write the document' },
  usage:
    'parindex import <tệp> --kind results|survey|indicators|framework|plan [--unit <mã> (plan)] [--dry-run] [--out <tài-liệu.yaml>] [--year <năm>] [--framework <mã>] [--replace] [--sheet <trang>] [--max-size <MB>] [--format text|json] [--all]  (mã thoát 3 nếu dữ liệu sai)',
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        kind: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string' },
        year: { type: 'string' },
        framework: { type: 'string' },
        replace: { type: 'boolean', default: false },
        sheet: { type: 'string' },
        'max-size': { type: 'string' },
        format: { type: 'string', default: 'text' },
        all: { type: 'boolean', default: false },
        id: { type: 'string' },
        name: { type: 'string' },
        level: { type: 'string' },
        unit: { type: 'string' },
        ...dataOption,
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give one file to import');
    if (!values.kind || !KINDS.includes(values.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    if (values.level && !LEVELS.includes(values.level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
    const path = resolve(positionals[0]!);
    const file = positionals[0]!;
    const limits = limitsOption(values['max-size']);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new ParError(issue('import.fileMissing', { vi: `không mở được tệp ${file}`, en: `cannot open ${file}` }, { file }));
    }
    // Refused by its size before a byte is read.
    checkFileSize(size, limits, file);
    const dataset = datasetFrom(values.data);
    const workbook = await readWorkbook(readFileSync(path), { file, limits });
    const outcome = importWorkbook(workbook, dataset, {
      kind: values.kind as ImportKind,
      year: yearOption(values.year),
      framework: values.framework,
      replace: values.replace,
      sheet: values.sheet,
      id: values.id,
      name: values.name,
      level: values.level as 'district' | undefined,
      ...(values.unit && { unit: values.unit }),
    });
    const document = stringify(outcome.document, { lineWidth: 0 });
    if (values.format === 'json') {
      io.out(JSON.stringify({ kind: outcome.kind, changes: outcome.changes, notices: outcome.notices, ignoredColumns: outcome.ignoredColumns, document: outcome.document }, null, 2));
    } else {
      const lines = [summary(outcome, io), renderChanges(outcome.changes, io.locale, values.all ? Infinity : 200)];
      for (const notice of outcome.notices) lines.push(`${t(io, 'Lưu ý', 'Note')}: ${notice[io.locale]}`);
      if (outcome.ignoredColumns.length) lines.push(`${t(io, 'Cột không dùng', 'Columns not used')}: ${outcome.ignoredColumns.join('; ')}`);
      if (values['dry-run']) lines.push(t(io, 'Chạy thử (--dry-run): chưa ghi gì.', 'Dry run: nothing written.'));
      (values.out || values['dry-run'] ? io.out : io.err)(lines.join('\n'));
    }
    if (values['dry-run']) return EXIT.ok;
    if (values.out) {
      writeFileAtomic(resolve(values.out), document);
      if (values.format === 'text') io.out(t(io, `Đã ghi ${values.out}`, `Written to ${values.out}`));
    } else if (values.format === 'text') io.out(document);
    return EXIT.ok;
  },
};
