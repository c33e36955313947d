import { auditTable, writeFileAtomic, writePiecesAtomic, writeTables } from '../../io/index.ts';
import { listAudit, verifyAudit } from '../../store/index.ts';
import { auditCsvPieces, auditJsonLines, auditJsonPieces } from '../auditPages.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';
import { about } from './list.ts';

/** What each break means, for the one reading the verdict. */
const BREAKS = {
  altered: { vi: 'nội dung, liên kết hoặc vị trí không khớp mã băm', en: 'its content, link or position does not match its hash' },
  unkeyed: {
    vi: 'mục không ký bằng khoá của máy chủ nơi chuỗi đã được ký (viết lại không có khoá)',
    en: "an entry not hashed with the server's key where the chain is keyed (rewritten without the key)",
  },
  noKey: {
    vi: 'mục được ký bằng khoá của máy chủ nhưng không có khoá để kiểm tra (PARINDEX_AUDIT_KEY_FILE)',
    en: 'a keyed entry and no key to check it (PARINDEX_AUDIT_KEY_FILE)',
  },
  missing: {
    vi: 'mục đã ghi mốc bên ngoài không còn trong bảng (các mục cuối bị xoá hoặc bảng bị làm trống)',
    en: 'an entry anchored outside is gone from the table (last entries deleted or the table emptied)',
  },
  anchor: { vi: 'mục đã ghi mốc bên ngoài mang mã băm khác', en: 'an entry anchored outside carries another hash' },
} as const;

export const audit: Command = {
  ...about('audit'),
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { subject: { type: 'string' }, out: { type: 'string' }, head: { type: 'string' } });
    const anchor = values.head === undefined ? undefined : /^(\d+):([0-9a-f]{64})$/.exec(values.head);
    if (values.head !== undefined && !anchor)
      throw new UsageError({
        vi: '--head <số thứ tự>:<mã băm sha256>, như audit verify đã in',
        en: '--head <sequence>:<sha256 hash>, as printed by audit verify',
      });
    return withStore(async (store) => {
      if (sub === 'verify') {
        const check = await verifyAudit(store.db, anchor ? { sequence: Number(anchor[1]), hash: anchor[2]! } : undefined);
        if (check.valid) {
          io.out(
            t(
              io,
              `Nhật ký nguyên vẹn: ${check.entries} mục, khớp ${check.anchors} mốc ghi bên ngoài`,
              `Audit trail intact: ${check.entries} entries, ${check.anchors} anchors outside the table hold`,
            ),
          );
          // Committed entries not chained yet (PostgreSQL's queue): normally chained within milliseconds.
          if (check.unsealed > 0)
            io.out(
              t(
                io,
                `${check.unsealed} mục đã ghi đang chờ nối vào chuỗi (máy chủ nối khi ghi tiếp hoặc khi khởi động lại)`,
                `${check.unsealed} committed entries wait to be chained (the server chains them on its next write or start)`,
              ),
            );
          // The chain cannot show its own end was cut off: this line, kept elsewhere, can (--head).
          if (check.head)
            io.out(
              t(
                io,
                `Mục cuối (ghi lại để lần sau kiểm tra bằng --head): ${check.head.sequence}:${check.head.hash}`,
                `Last entry (keep it to check next time with --head): ${check.head.sequence}:${check.head.hash}`,
              ),
            );
          return EXIT.ok;
        }
        io.err(
          t(
            io,
            `Nhật ký bị sửa tại mục ${check.brokenAt}: ${BREAKS[check.reason ?? 'altered'].vi}`,
            `Audit trail altered at entry ${check.brokenAt}: ${BREAKS[check.reason ?? 'altered'].en}`,
          ),
        );
        if (check.anchor)
          io.err(
            t(
              io,
              `Mốc đã ghi: mục ${check.anchor.sequence}:${check.anchor.hash} (${check.anchor.source})`,
              `Anchor written down: entry ${check.anchor.sequence}:${check.anchor.hash} (${check.anchor.source})`,
            ),
          );
        return EXIT.findings;
      }
      if (sub === 'export') {
        const prefix = values.subject ?? '';
        const format = values.out?.match(/\.(xlsx|csv)$/)?.[1] as 'xlsx' | 'csv' | undefined;
        // A workbook is built whole; CSV and JSON go a page at a time, never holding the trail.
        if (format === 'xlsx') writeFileAtomic(values.out!, await writeTables([auditTable(await listAudit(store.db, prefix))], { format, locale: io.locale }));
        else if (format === 'csv') await writePiecesAtomic(values.out!, auditCsvPieces(store.db, prefix, io.locale));
        else if (values.out) await writePiecesAtomic(values.out, auditJsonPieces(store.db, prefix));
        else for await (const line of auditJsonLines(store.db, prefix)) io.out(line);
        return EXIT.ok;
      }
      throw new UsageError({ vi: 'cần lệnh con: audit verify | export', en: 'audit verify | export' });
    });
  },
};
