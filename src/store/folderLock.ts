/**
 * One process at a time on an embedded database. PGlite keeps the database in the memory of
 * the process that opened it and writes it back to its folder: a second process (another
 * server, or a `parindex user create` while the server runs) would work on its own copy, and
 * whichever closes last silently overwrites the other's changes. A lock file beside the folder
 * holds the owner's process id; a lock whose process is gone (a crash) is taken over (io/lockFile.ts).
 */
import { ParError, issue } from '../core/index.ts';
import { tryLock, type HeldLock } from '../io/lockFile.ts';

export type FolderLock = HeldLock;

export function lockFolder(folder: string): FolderLock {
  const taken = tryLock(`${folder}.lock`);
  if ('lock' in taken) return taken.lock;
  const { owner } = taken;
  throw new ParError(
    issue(
      'store.locked',
      {
        vi: `cơ sở dữ liệu nhúng ${folder} đang được một tiến trình khác dùng (pid ${owner.pid}, từ ${owner.since}), thường là máy chủ đang chạy: hãy dừng máy chủ (Ctrl+C) rồi chạy lại lệnh, hoặc làm việc qua giao diện web/API; nếu nhiều người cùng dùng, hãy chạy trên PostgreSQL (DATABASE_URL)`,
        en: `the embedded database ${folder} is in use by another process (pid ${owner.pid}, since ${owner.since}), usually the running server: stop the server (Ctrl+C) and run the command again, or work through the web app/API; for an installation used by several people, run on PostgreSQL (DATABASE_URL)`,
      },
      { field: 'PARINDEX_DATA_DIR' },
    ),
  );
}
