import { auditTable, writeFileAtomic, writeTables } from '../../io/index.ts';
import { listAudit, verifyAudit } from '../../store/index.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';

export const audit: Command = {
  name: 'audit',
  summary: { vi: 'Nhật ký thay đổi: kiểm tra chuỗi băm, xuất JSON/Excel/CSV', en: 'Audit trail: verify the hash chain, export as JSON, Excel or CSV' },
  usage: 'parindex audit verify | audit export [--subject <tiền tố>] [--out <tệp.json|.xlsx|.csv>]   (mã thoát 1 nếu chuỗi bị sửa)',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { subject: { type: 'string' }, out: { type: 'string' } });
    return withStore(async (store) => {
      if (sub === 'verify') {
        const check = await verifyAudit(store.db);
        if (check.valid) {
          io.out(t(io, `Nhật ký nguyên vẹn: ${check.entries} mục`, `Audit trail intact: ${check.entries} entries`));
          return EXIT.ok;
        }
        io.err(t(io, `Nhật ký bị sửa tại mục ${check.brokenAt}`, `Audit trail altered at entry ${check.brokenAt}`));
        return EXIT.findings;
      }
      if (sub === 'export') {
        const entries = await listAudit(store.db, values.subject ?? '');
        const format = values.out?.match(/\.(xlsx|csv)$/)?.[1] as 'xlsx' | 'csv' | undefined;
        if (format) writeFileAtomic(values.out!, await writeTables([auditTable(entries)], { format, locale: io.locale }));
        else if (values.out) writeFileAtomic(values.out, JSON.stringify(entries, null, 2));
        else io.out(JSON.stringify(entries, null, 2));
        return EXIT.ok;
      }
      throw new UsageError('audit verify | export');
    });
  },
};
