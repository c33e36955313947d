import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { ParError, issue, type Dataset } from '../../core/index.ts';
import { importWorkbook, readWorkbook, writeFileAtomic, type ImportKind, type ImportOutcome } from '../../io/index.ts';
import { checkFileSize } from '../../io/limits.ts';
import { renderChanges } from '../changes.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { limitsOption, yearOption } from '../files.ts';
import { EXIT, levelOption, parse, t, UsageError, type Command, type CommandIo } from '../io.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { about } from './list.ts';

const KINDS = ['results', 'survey', 'indicators', 'framework', 'plan', 'units', 'lineage'];

function summary(outcome: ImportOutcome, io: CommandIo): string {
  if (outcome.kind === 'framework') {
    const f = outcome.framework;
    return t(io, `Bộ tiêu chí ${f.id} (${f.year}): ${f.nodes.size} chỉ số, tiêu chí`, `Framework ${f.id} (${f.year}): ${f.nodes.size} nodes`);
  }
  if (outcome.kind === 'plan') {
    const p = outcome.document;
    const periods = (p.tracking ?? []).reduce((n, t) => n + t.values.length, 0);
    return t(
      io,
      `Kế hoạch ${p.unit} năm ${p.year}: ${p.tasks?.length ?? 0} nhiệm vụ, ${periods} số liệu theo dõi của ${p.tracking?.length ?? 0} tiêu chí, ${p.reports?.length ?? 0} báo cáo trong lịch`,
      `Plan ${p.unit} ${p.year}: ${p.tasks?.length ?? 0} tasks, ${periods} tracked values of ${p.tracking?.length ?? 0} criteria, ${p.reports?.length ?? 0} reports in the calendar`,
    );
  }
  if (outcome.kind === 'units') {
    const d = outcome.document;
    return t(
      io,
      `Đơn vị của ${d.province.name} (${d.province.id}): ${d.units.length} đơn vị`,
      `Units of ${d.province.name} (${d.province.id}): ${d.units.length} units`,
    );
  }
  const r = outcome.results;
  return t(io, `Kết quả năm ${r.year} (${r.frameworkId}): ${r.units.length} đơn vị`, `Results ${r.year} (${r.frameworkId}): ${r.units.length} units`);
}

export const importCommand: Command = {
  ...about('import'),
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
        province: { type: 'string' },
        database: { type: 'boolean', default: false },
        ...dataOption,
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError({ vi: 'cần đúng một tệp để nhập', en: 'give one file to import' });
    if (!values.kind || !KINDS.includes(values.kind))
      throw new UsageError({ vi: `--kind phải là một trong ${KINDS.join(', ')}`, en: `--kind must be one of ${KINDS.join(', ')}` });
    const level = levelOption(values.level);
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError({ vi: '--format phải là text hoặc json', en: '--format must be text or json' });
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
    checkFileSize(size, limits);
    if (values.database && (values.out || values.data))
      throw new UsageError({ vi: '--database không dùng cùng --out hay --data', en: '--database goes without --out and --data' });
    const workbook = await readWorkbook(readFileSync(path), { file, limits });
    const importOf = (dataset: Dataset) =>
      importWorkbook(workbook, dataset, {
        kind: values.kind as ImportKind,
        year: yearOption(values.year),
        framework: values.framework,
        replace: values.replace,
        sheet: values.sheet,
        id: values.id,
        name: values.name,
        ...(level && { level }),
        ...(values.unit && { unit: values.unit }),
        ...(values.province && { province: values.province }),
      });
    if (values.database) return intoDatabase(importOf, { file, dryRun: values['dry-run'], json: values.format === 'json', all: values.all }, io);
    const outcome = importOf(datasetFrom(values.data));
    const document = stringify(outcome.document, { lineWidth: 0 });
    if (values.format === 'json') {
      io.out(
        JSON.stringify(
          { kind: outcome.kind, changes: outcome.changes, notices: outcome.notices, ignoredColumns: outcome.ignoredColumns, document: outcome.document },
          null,
          2,
        ),
      );
    } else {
      const lines = [summary(outcome, io), renderChanges(outcome.changes, io.locale, values.all ? Infinity : 200), ...remarks(outcome, io)];
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

function remarks(outcome: ImportOutcome, io: CommandIo): string[] {
  const lines = outcome.notices.map((notice) => `${t(io, 'Lưu ý', 'Note')}: ${notice[io.locale]}`);
  if (outcome.ignoredColumns.length) lines.push(`${t(io, 'Cột không dùng', 'Columns not used')}: ${outcome.ignoredColumns.join('; ')}`);
  return lines;
}

/**
 * The file read against the server's database and imported into it in one transaction, as
 * the installation's operator (the same path as `POST /api/import/file`): the changes are the
 * store's, against what it holds; a refusal writes nothing.
 */
async function intoDatabase(
  importOf: (dataset: Dataset) => ImportOutcome,
  options: { file: string; dryRun: boolean; json: boolean; all: boolean },
  io: CommandIo,
): Promise<number> {
  const { withStore } = await import('../store.ts');
  return withStore(async (store) => {
    const { preview: outcome, stored } = await store.importPreviewed(options.file, importOf, SYSTEM, { dryRun: options.dryRun });
    if (options.json) {
      io.out(
        JSON.stringify(
          {
            kind: outcome.kind,
            dryRun: stored.dryRun,
            changes: stored.changes,
            written: stored.written,
            notices: [...outcome.notices, ...(stored.notices ?? [])],
            ignoredColumns: outcome.ignoredColumns,
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const lines = [
      summary(outcome, io),
      renderChanges(stored.changes, io.locale, options.all ? Infinity : 200),
      ...remarks({ ...outcome, notices: [...outcome.notices, ...(stored.notices ?? [])] }, io),
    ];
    lines.push(
      options.dryRun
        ? t(io, 'Chạy thử (--dry-run): chưa ghi gì vào cơ sở dữ liệu.', 'Dry run: nothing written to the database.')
        : t(
            io,
            `Đã nhập vào cơ sở dữ liệu: ${stored.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`,
            `Imported into the database: ${stored.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`,
          ),
    );
    io.out(lines.join('\n'));
    return EXIT.ok;
  });
}
