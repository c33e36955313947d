/**
 * One process at a time: a lock file created exclusively (`wx`), holding its owner's process
 * id, host and start time. A lock whose process on this host is gone (a crash) is taken over;
 * another host's lock cannot be checked and is respected. The embedded database folder is held
 * this way for as long as it is open; the web build takes one while it rebuilds web/dist.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface HeldLock {
  release(): void;
}

/** Locks this process holds (a second take in the same process waits or is refused too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function justCreated(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 5000;
  } catch {
    return false;
  }
}

/** Takes the lock at `path`, or says who holds it. */
export function tryLock(path: string): { lock: HeldLock } | { owner: LockOwner } {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (held.has(path)) throw Object.assign(new Error('held'), { code: 'EEXIST' });
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      held.add(path);
      return {
        lock: {
          release() {
            if (!held.delete(path)) return;
            if (ownerOf(path)?.pid === me.pid) rmSync(path, { force: true });
          },
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock without a readable owner is being written this instant (create and write are two
      // steps), unless it is old: then it is a crash's leftover.
      const owner = held.has(path) ? me : (ownerOf(path) ?? (justCreated(path) ? { pid: 0, host: me.host, since: me.since } : undefined));
      // Our own pid in a lock we do not hold is a previous life (a container restarts as pid 1).
      const live = held.has(path) || (owner !== undefined && (owner.pid === 0 || owner.host !== me.host || (owner.pid !== me.pid && alive(owner.pid))));
      if (owner && live) return { owner };
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${path}`);
}

/** Runs `job` holding the lock at `path`, waiting (up to `timeoutMs`) while another process holds it. */
export async function withLock<T>(path: string, job: () => Promise<T>, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const started = Date.now();
  for (;;) {
    const taken = tryLock(path);
    if ('lock' in taken) {
      try {
        return await job();
      } finally {
        taken.lock.release();
      }
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Chờ quá ${Math.round(timeoutMs / 1000)} giây mà tiến trình ${taken.owner.pid} vẫn giữ khoá ${path} / waited ${Math.round(timeoutMs / 1000)} s for process ${taken.owner.pid} holding ${path}`,
      );
    }
    await sleep(options.pollMs ?? 100);
  }
}
