import { join } from 'node:path';
import { configFrom } from '../../server/config.ts';
import { migrate as applyMigrations, openDatabase, schemaVersion } from '../../store/index.ts';
import { EXIT, parse, t, type Command } from '../io.ts';
import { about } from './list.ts';

export const migrate: Command = {
  ...about('migrate'),
  async run(args, io) {
    parse(args, {});
    const config = configFrom(process.env, process.cwd());
    const location = config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') };
    const db = await openDatabase({ ...location, migrate: false });
    try {
      const applied = await applyMigrations(db);
      const version = await schemaVersion(db);
      io.out(
        applied.length
          ? t(
              io,
              `Đã áp dụng ${applied.length} bản cập nhật (${applied.join(', ')}); phiên bản cấu trúc CSDL: ${version} (${db.engine})`,
              `Applied ${applied.length} migrations (${applied.join(', ')}); schema version: ${version} (${db.engine})`,
            )
          : t(io, `Phiên bản cấu trúc CSDL: ${version} (${db.engine}), đã mới nhất`, `Schema version: ${version} (${db.engine}), up to date`),
      );
    } finally {
      await db.close();
    }
    return EXIT.ok;
  },
};
