/**
 * Backups of either engine, and their restore.
 * - The embedded engine (PGlite): its folder as PGlite dumps it (a gzipped tarball, taken after
 *   a CHECKPOINT), restored by starting PGlite on it in a new folder that then replaces the old.
 * - PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore` in one transaction
 *   (the PostgreSQL client tools must be installed, as with any PostgreSQL server).
 * A restore never replaces a database holding data unless asked (`force`); the embedded
 * folder it replaces is kept beside it (`<folder>.before-restore-<time>`).
 */
import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { ParError, issue } from '../core/index.ts';
import type { Engine } from './database.ts';
import { lockFolder } from './folderLock.ts';
import { durableOptions, openPglite, syncDirectory, syncFolder, syncPath } from './pglite.ts';

/** Where the database is: a PostgreSQL server (with an optional schema) or an embedded folder. */
export type BackupLocation = { url: string; schema?: string } | { folder: string };

export interface BackupResult {
  engine: Engine;
  bytes: number;
}

export interface RestoreResult {
  engine: Engine;
  /** The embedded folder replaced by the restore, kept under this name. */
  keptAs?: string;
}

const GZIP = [0x1f, 0x8b];
const PGDMP = 'PGDMP';

function formatOf(bytes: Uint8Array): Engine | undefined {
  if (bytes[0] === GZIP[0] && bytes[1] === GZIP[1]) return 'pglite';
  if (new TextDecoder().decode(bytes.subarray(0, 5)) === PGDMP) return 'postgres';
  return undefined;
}

const engineNames = { pglite: { vi: 'CSDL nhúng', en: 'the embedded database' }, postgres: { vi: 'PostgreSQL', en: 'PostgreSQL' } };

/** Written whole or not at all, and on disk when this returns. */
function writeDurably(path: string, write: (temporary: string) => Promise<void> | void): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  return (async () => {
    try {
      await write(temporary);
      syncPath(temporary);
      renameSync(temporary, path);
      syncDirectory(dirname(path));
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  })();
}

/** The connection string without its password, which goes by PGPASSWORD (not seen in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password && { PGPASSWORD: password }) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new ParError(
            issue('backup.toolMissing', {
              vi: `không tìm thấy ${command}: hãy cài công cụ dòng lệnh của PostgreSQL (gói postgresql-client, cùng phiên bản với máy chủ trở lên)`,
              en: `${command} was not found: install PostgreSQL's client tools (package postgresql-client, the server's version or newer)`,
            }),
          ),
        );
      } else reject(error);
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ParError(issue('backup.toolFailed', { vi: `${command} thất bại (mã ${code}): ${stderr.trim()}`, en: `${command} failed (exit ${code}): ${stderr.trim()}` })));
    });
  });
}

function hasEmbeddedDatabase(folder: string): boolean {
  return existsSync(join(folder, 'PG_VERSION'));
}

export async function backupDatabase(location: BackupLocation, out: string): Promise<BackupResult> {
  if ('folder' in location) {
    if (!hasEmbeddedDatabase(location.folder)) {
      throw new ParError(issue('backup.empty', { vi: `không có cơ sở dữ liệu nhúng nào trong ${location.folder} để sao lưu`, en: `there is no embedded database in ${location.folder} to back up` }, { field: 'PARINDEX_DATA_DIR' }));
    }
    const db = await openPglite(location.folder);
    try {
      // Data files brought up to date, so the copy needs no WAL replay to be read.
      await db.query('CHECKPOINT');
      const dump = new Uint8Array(await (await db.pglite.dumpDataDir('gzip')).arrayBuffer());
      await writeDurably(out, (temporary) => writeFileSync(temporary, dump, { flag: 'wx' }));
      return { engine: 'pglite', bytes: dump.length };
    } finally {
      await db.close();
    }
  }
  const { dbname, env } = connection(location.url);
  await writeDurably(out, (temporary) =>
    run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...(location.schema ? [`--schema=${location.schema}`] : []), `--file=${temporary}`, `--dbname=${dbname}`], env),
  );
  return { engine: 'postgres', bytes: readFileSync(out).length };
}

function notEmpty(where: { vi: string; en: string }): ParError {
  return new ParError(
    issue(
      'restore.notEmpty',
      {
        vi: `${where.vi} đã có dữ liệu: khôi phục sẽ thay thế toàn bộ; thêm --force nếu đúng là muốn vậy (nên sao lưu trước bằng parindex backup)`,
        en: `${where.en} already holds data: a restore replaces all of it; add --force if that is what you want (back it up first with parindex backup)`,
      },
      { field: 'force' },
    ),
  );
}

export async function restoreDatabase(location: BackupLocation, file: string, options: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ParError(issue('restore.unreadable', { vi: 'không đọc được tệp sao lưu này', en: 'this backup file cannot be read' }, { file }));
  }
  const engine: Engine = 'folder' in location ? 'pglite' : 'postgres';
  const format = formatOf(bytes);
  if (format !== engine) {
    throw new ParError(
      issue(
        'restore.format',
        format
          ? {
              vi: `đây là bản sao lưu của ${engineNames[format].vi}, không khôi phục được vào ${engineNames[engine].vi}; để chuyển dữ liệu giữa hai loại, hãy dùng parindex export/load`,
              en: `this is a backup of ${engineNames[format].en} and cannot be restored into ${engineNames[engine].en}; to move data between them, use parindex export/load`,
            }
          : { vi: 'đây không phải bản sao lưu do parindex backup tạo', en: 'this is not a backup made by parindex backup' },
        { file },
      ),
    );
  }
  if ('folder' in location) return restoreEmbedded(location.folder, bytes, options);
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ tables: string }>('SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = coalesce($1, current_schema())', [location.schema ?? null])
    ).rows;
    if (Number(row!.tables) > 0 && !options.force) throw notEmpty(location.schema ? { vi: `Lược đồ ${location.schema}`, en: `Schema ${location.schema}` } : { vi: 'Cơ sở dữ liệu PostgreSQL', en: 'The PostgreSQL database' });
  } finally {
    await client.end();
  }
  // One transaction: the dumped objects are dropped and rebuilt, or nothing changes.
  const { dbname, env } = connection(location.url);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
  return { engine: 'postgres' };
}

async function restoreEmbedded(folder: string, bytes: Uint8Array, { force, now = new Date() }: { force?: boolean; now?: Date }): Promise<RestoreResult> {
  mkdirSync(dirname(folder), { recursive: true });
  const lock = lockFolder(folder);
  try {
    const present = existsSync(folder) && readdirSync(folder).length > 0;
    if (present && !force) throw notEmpty({ vi: `Cơ sở dữ liệu nhúng ${folder}`, en: `The embedded database ${folder}` });
    // Built beside the folder and checked before anything is replaced.
    const restoring = `${folder}.restoring`;
    rmSync(restoring, { recursive: true, force: true });
    try {
      const db = await PGlite.create(durableOptions(restoring, { loadDataDir: new Blob([bytes]) }));
      try {
        await db.query('SELECT max(version) FROM schema_migrations');
      } finally {
        await db.close();
      }
      syncFolder(restoring);
    } catch (error) {
      rmSync(restoring, { recursive: true, force: true });
      throw error;
    }
    let keptAs: string | undefined;
    if (!present) rmSync(folder, { recursive: true, force: true });
    else {
      keptAs = `${folder}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(folder, keptAs);
    }
    renameSync(restoring, folder);
    syncDirectory(dirname(folder));
    return { engine: 'pglite', ...(keptAs && { keptAs }) };
  } finally {
    lock.release();
  }
}
