import { join } from 'node:path';
import { configFrom } from '../../server/config.ts';
import { backupDatabase, type BackupLocation } from '../../store/backup.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { about } from './list.ts';

/** The database the server uses (DATABASE_URL, or the embedded one in PARINDEX_DATA_DIR). */
export function serverDatabase(): BackupLocation {
  const config = configFrom(process.env, process.cwd());
  return config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') };
}

/** The server's evidence folder (PARINDEX_DATA_DIR/evidence), which backups carry. */
export function serverEvidence(): string {
  return join(configFrom(process.env, process.cwd()).dataFolder, 'evidence');
}

export const backup: Command = {
  ...about('backup'),
  async run(args, io) {
    const { values } = parse(args, { out: { type: 'string' } });
    if (!values.out) throw new UsageError({ vi: 'cần --out <tệp> để ghi bản sao lưu', en: '--out <file> is required' });
    const result = await backupDatabase(serverDatabase(), values.out, { evidence: serverEvidence() });
    const size = (result.bytes / 1024 / 1024).toFixed(1);
    io.out(
      t(
        io,
        `Đã sao lưu ${result.engine} vào ${values.out} (${size} MB, ${result.evidenceFiles} tệp minh chứng)`,
        `Backed up ${result.engine} to ${values.out} (${size} MB, ${result.evidenceFiles} evidence files)`,
      ),
    );
    return EXIT.ok;
  },
};
