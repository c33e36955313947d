/**
 * One process at a time: a lock folder made with mkdir (atomic on every file system), holding
 * the owner's process id so that a lock left by a process that died is taken over. Used where
 * two processes on one machine may do the same job at once (two test files building the web
 * app on a fresh clone).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOptions {
  /** How long to wait for another holder before giving up (ms). */
  timeoutMs?: number;
  pollMs?: number;
}

export async function withFolderLock<T>(lock: string, job: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const started = Date.now();
  while (!tryTake(lock)) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Chờ quá ${Math.round(timeoutMs / 1000)} giây mà tiến trình ${owner(lock) ?? '?'} vẫn giữ khoá ${lock} / waited too long for the process holding the lock`);
    }
    await sleep(options.pollMs ?? 100);
  }
  try {
    return await job();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryTake(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = owner(lock);
    // A holder that has not yet written its id is alive by definition; one whose process is gone left the lock behind.
    if (pid === undefined || isAlive(pid)) return false;
    rmSync(lock, { recursive: true, force: true });
    return false;
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  return true;
}

function owner(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
