/**
 * Backups of either engine, and their restore.
 * - The embedded engine (PGlite): its folder as PGlite dumps it (a gzipped tarball, taken after
 *   a CHECKPOINT), restored by starting PGlite on it in a new folder that then replaces the old.
 * - PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore` in one transaction
 *   (the PostgreSQL client tools must be installed, as with any PostgreSQL server).
 * A restore never replaces a database holding data unless asked (`force`); the embedded
 * folder it replaces is kept beside it (`<folder>.before-restore-<time>`).
 * The backup file holds the dump and the evidence files (`backupArchive.ts`), so that a restore
 * gives back the documents the rows name too; a backup of before (the dump alone) still restores.
 */
import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { ParError, issue } from '../core/index.ts';
import type { Engine } from './database.ts';
import { entryBytes, readArchive, writeArchive } from './backupArchive.ts';
import { folderEvidenceFiles } from './evidenceFiles.ts';
import { lockFolder } from './folderLock.ts';
import { durableOptions, openPglite, syncDirectory, syncFolder, syncPath } from './pglite.ts';

/** Where the database is: a PostgreSQL server (with an optional schema) or an embedded folder. */
export type BackupLocation = { url: string; schema?: string } | { folder: string };

export interface BackupResult {
  engine: Engine;
  bytes: number;
  /** Evidence files written into the backup. */
  evidenceFiles: number;
}

export interface RestoreResult {
  engine: Engine;
  /** Evidence files the backup held, now in the evidence folder. */
  evidenceFiles: number;
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
      else
        reject(
          new ParError(
            issue('backup.toolFailed', { vi: `${command} thất bại (mã ${code}): ${stderr.trim()}`, en: `${command} failed (exit ${code}): ${stderr.trim()}` }),
          ),
        );
    });
  });
}

function hasEmbeddedDatabase(folder: string): boolean {
  return existsSync(join(folder, 'PG_VERSION'));
}

/** The evidence files of a folder laid out by `folderEvidenceFiles` (`ab/abcd…`), as archive parts. */
function evidenceParts(folder: string | undefined): { name: string; file: string }[] {
  if (!folder || !existsSync(folder)) return [];
  const parts: { name: string; file: string }[] = [];
  for (const prefix of readdirSync(folder)
    .filter((f) => /^[0-9a-f]{2}$/.test(f))
    .sort()) {
    for (const name of readdirSync(join(folder, prefix))
      .filter((f) => /^[0-9a-f]{64}$/.test(f) && f.startsWith(prefix))
      .sort())
      parts.push({ name: `evidence/${name}`, file: join(folder, prefix, name) });
  }
  return parts;
}

/**
 * `evidence`: the evidence folder (`folderEvidenceFiles`), whose files go into the backup with
 * the database (taken after the dump: a file is written before the row that names it commits, so
 * every file a dumped row names is there).
 */
export async function backupDatabase(location: BackupLocation, out: string, options: { evidence?: string } = {}): Promise<BackupResult> {
  const dump = join(dirname(out), `.${basename(out)}.${process.pid}.database`);
  rmSync(dump, { force: true });
  try {
    let engine: Engine;
    if ('folder' in location) {
      if (!hasEmbeddedDatabase(location.folder)) {
        throw new ParError(
          issue(
            'backup.empty',
            {
              vi: `không có cơ sở dữ liệu nhúng nào trong ${location.folder} để sao lưu`,
              en: `there is no embedded database in ${location.folder} to back up`,
            },
            { field: 'PARINDEX_DATA_DIR' },
          ),
        );
      }
      const db = await openPglite(location.folder);
      try {
        // Data files brought up to date, so the copy needs no WAL replay to be read.
        await db.query('CHECKPOINT');
        writeFileSync(dump, new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer()), { flag: 'wx' });
      } finally {
        await db.close();
      }
      engine = 'pglite';
    } else {
      const { dbname, env } = connection(location.url);
      await run(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          ...(location.schema ? [`--schema=${location.schema}`] : []),
          `--file=${dump}`,
          `--dbname=${dbname}`,
        ],
        env,
      );
      engine = 'postgres';
    }
    const evidence = evidenceParts(options.evidence);
    await writeDurably(out, (temporary) => writeArchive(temporary, [{ name: 'database', file: dump }, ...evidence]));
    return { engine, bytes: statSync(out).size, evidenceFiles: evidence.length };
  } finally {
    rmSync(dump, { force: true });
  }
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

/**
 * `evidence`: the evidence folder the backup's evidence files are put back into (each checked
 * against its SHA-256 name first: a damaged backup restores nothing).
 */
export async function restoreDatabase(
  location: BackupLocation,
  file: string,
  options: { force?: boolean; now?: Date; evidence?: string } = {},
): Promise<RestoreResult> {
  let bytes: Buffer;
  let entries;
  try {
    entries = readArchive(file);
    const database = entries?.find((e) => e.name === 'database');
    bytes = entries ? (database ? entryBytes(file, database) : Buffer.alloc(0)) : readFileSync(file);
  } catch {
    throw new ParError(issue('restore.unreadable', { vi: 'không đọc được tệp sao lưu này', en: 'this backup file cannot be read' }, { file }));
  }
  const evidence = (entries ?? []).filter((e) => e.name.startsWith('evidence/'));
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
  const putEvidence = async () => {
    for (const entry of evidence) {
      const content = entryBytes(file, entry);
      const expected = entry.name.slice('evidence/'.length);
      if (createHash('sha256').update(content).digest('hex') !== expected) {
        throw new ParError(
          issue(
            'restore.evidenceDamaged',
            {
              vi: `tệp minh chứng ${expected} trong bản sao lưu bị hỏng: không khôi phục gì`,
              en: `evidence file ${expected} in the backup is damaged: nothing restored`,
            },
            { file },
          ),
        );
      }
    }
    if (!evidence.length) return;
    if (!options.evidence) throw new Error('the backup holds evidence files: the evidence folder to restore them into is needed');
    const files = folderEvidenceFiles(options.evidence);
    for (const entry of evidence) await files.put(entryBytes(file, entry));
  };
  if ('folder' in location) {
    await checkEmbeddedTarget(location.folder, options);
    await putEvidence();
    return { ...(await restoreEmbedded(location.folder, bytes, options)), evidenceFiles: evidence.length };
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ tables: string }>('SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = coalesce($1, current_schema())', [
        location.schema ?? null,
      ])
    ).rows;
    if (Number(row!.tables) > 0 && !options.force)
      throw notEmpty(
        location.schema
          ? { vi: `Lược đồ ${location.schema}`, en: `Schema ${location.schema}` }
          : { vi: 'Cơ sở dữ liệu PostgreSQL', en: 'The PostgreSQL database' },
      );
  } finally {
    await client.end();
  }
  await putEvidence();
  // One transaction: the dumped objects are dropped and rebuilt, or nothing changes.
  const { dbname, env } = connection(location.url);
  const scratch = entries ? mkdtempSync(join(tmpdir(), 'parindex-restore-')) : undefined;
  const dump = scratch ? join(scratch, 'database.dump') : file;
  try {
    if (scratch) writeFileSync(dump, bytes, { flag: 'wx', mode: 0o600 });
    await run(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, dump],
      env,
    );
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  return { engine: 'postgres', evidenceFiles: evidence.length };
}

/** Refused before anything is written (evidence included) when the folder holds data and `force` is not given. */
async function checkEmbeddedTarget(folder: string, { force }: { force?: boolean }): Promise<void> {
  const present = existsSync(folder) && readdirSync(folder).length > 0;
  if (present && !force) throw notEmpty({ vi: `Cơ sở dữ liệu nhúng ${folder}`, en: `The embedded database ${folder}` });
}

async function restoreEmbedded(
  folder: string,
  bytes: Uint8Array,
  { force, now = new Date() }: { force?: boolean; now?: Date },
): Promise<Omit<RestoreResult, 'evidenceFiles'>> {
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
