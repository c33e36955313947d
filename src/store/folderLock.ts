/**
 * One process at a time on an embedded database. PGlite keeps the database in the memory of
 * the process that opened it and writes it back to its folder: a second process (another
 * server, or a `parindex user create` while the server runs) would work on its own copy, and
 * whichever closes last silently overwrites the other's changes. A lock file beside the folder
 * holds the owner's process id; a lock whose process is gone (a crash) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ParError, issue } from '../core/index.ts';

export interface FolderLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Owner {
  pid: number;
  host: string;
  since: string;
}

function ownerOf(path: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Locks this process holds (a second open in the same process is refused too). */
const held = new Set<string>();

export function lockFolder(folder: string): FolderLock {
  const path = `${folder}.lock`;
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (held.has(path)) throw Object.assign(new Error('held'), { code: 'EEXIST' });
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      held.add(path);
      return {
        release() {
          if (!held.delete(path)) return;
          if (ownerOf(path)?.pid === me.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = held.has(path) ? me : ownerOf(path);
      // Another machine's process cannot be checked: only a lock of this host is judged stale.
      // Our own pid in a lock we do not hold is a previous life (a container restarts as pid 1).
      const live = held.has(path) || (owner !== undefined && (owner.host !== me.host || (owner.pid !== me.pid && alive(owner.pid))));
      if (owner && live) {
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
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${path}`);
}
