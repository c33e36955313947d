import { join } from 'node:path';
import { configFrom } from '../../server/config.ts';
import { restoreDatabase } from '../../store/backup.ts';
import { anchorRestore, auditSealPaths, openDatabase } from '../../store/index.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { serverDatabase, serverEvidence } from './backup.ts';
import { about } from './list.ts';

export const restore: Command = {
  ...about('restore'),
  async run(args, io) {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } }, true);
    const [file, ...extra] = positionals;
    if (!file || extra.length)
      throw new UsageError({ vi: 'cần đúng một tệp sao lưu: parindex restore <tệp> [--force]', en: 'one backup file: parindex restore <file> [--force]' });
    const result = await restoreDatabase(serverDatabase(), file, { force: values.force === true, evidence: serverEvidence() });
    // The restored head goes into the anchor file as a restore: the rolled-back entries' anchors no longer bind the trail.
    const config = configFrom(process.env, process.cwd());
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') });
    try {
      const head = await anchorRestore(db, auditSealPaths(process.env, config.dataFolder));
      if (head)
        io.out(
          t(
            io,
            `Nhật ký thay đổi khôi phục đến mục ${head.sequence} (đã ghi mốc khôi phục)`,
            `Audit trail restored to entry ${head.sequence} (restore anchor written)`,
          ),
        );
    } finally {
      await db.close();
    }
    io.out(
      t(
        io,
        `Đã khôi phục ${result.engine} từ ${file} (${result.evidenceFiles} tệp minh chứng)`,
        `Restored ${result.engine} from ${file} (${result.evidenceFiles} evidence files)`,
      ),
    );
    if (result.keptAs)
      io.out(
        t(
          io,
          `Thư mục cũ được giữ lại: ${result.keptAs} (xoá khi không cần nữa)`,
          `The previous folder is kept as ${result.keptAs} (delete it when no longer needed)`,
        ),
      );
    return EXIT.ok;
  },
};
