import { stringify } from 'yaml';
import { listDocuments, readDocument } from '../../io/dataFolder.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { renderChanges } from '../changes.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';

export const load: Command = {
  name: 'load',
  summary: { vi: 'Nạp tệp dữ liệu (bộ tiêu chí, đơn vị, kết quả, báo cáo) vào cơ sở dữ liệu của máy chủ, trong một giao dịch', en: "Load data files (frameworks, units, results, reports) into the server's database, in one transaction" },
  usage: 'parindex load <tệp|thư mục>… [--dry-run]   (mã thoát 3 nếu dữ liệu sai; không ghi gì)',
  async run(args, io) {
    const { values, positionals } = parse(args, { 'dry-run': { type: 'boolean', default: false } }, true);
    if (!positionals.length) throw new UsageError({ vi: 'cần các tệp hoặc thư mục để nạp', en: 'give files or folders to load' });
    const documents = positionals.flatMap(listDocuments).map(readDocument);
    return withStore(async (store) => {
      const result = await store.importDocuments(documents, SYSTEM, { dryRun: values['dry-run'] });
      io.out(renderChanges(result.changes, io.locale));
      io.out(
        values['dry-run']
          ? t(io, `Xem trước: chưa ghi gì (${stringify(result.counts).trim().replace(/\n/g, ', ')})`, `Preview: nothing written (${stringify(result.counts).trim().replace(/\n/g, ', ')})`)
          : t(io, `Đã nạp: ${result.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`, `Loaded: ${result.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`),
      );
      return EXIT.ok;
    });
  },
};
