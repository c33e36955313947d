import { join } from 'node:path';
import { configFrom } from '../../server/config.ts';
import { migrate as applyMigrations, openDatabase, schemaVersion } from '../../store/index.ts';
import { EXIT, parse, t, type Command } from '../io.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: { vi: 'Cập nhật cấu trúc cơ sở dữ liệu (DATABASE_URL hoặc CSDL nhúng)', en: 'Apply database migrations (DATABASE_URL or the embedded database)' },
  usage: 'parindex migrate',
  async run(args, io) {
    parse(args, {});
    const config = configFrom(process.env, process.cwd());
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') });
    try {
      // openDatabase already migrates; running again reports that nothing is left.
      const applied = await applyMigrations(db);
      io.out(t(io, `Phiên bản cấu trúc CSDL: ${await schemaVersion(db)} (${db.engine})${applied.length ? '' : ', đã mới nhất'}`, `Schema version: ${await schemaVersion(db)} (${db.engine})${applied.length ? '' : ', up to date'}`));
    } finally {
      await db.close();
    }
    return EXIT.ok;
  },
};
