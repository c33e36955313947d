/**
 * Loaded with `--import` into a server the bench starts with an IPC channel: on the message
 * 'memory' it answers where the process's resident memory is — the main thread's V8 heap, each
 * worker thread's (named: the embedded engine's `pglite`, the job pool's `jobs`), the
 * WebAssembly memories (V8 reserves each in a mapping of several GB: their resident pages), the
 * malloc heap and the other anonymous mappings (glibc's per-thread arenas among them), and what
 * is mapped from files (code) — read from /proc/self/smaps. Does nothing in worker threads.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, type Worker } from 'node:worker_threads';

export interface MemoryParts {
  rss: number;
  /** CPU time of the process so far (all threads), µs. */
  cpu: number;
  /** The main thread's V8 heap: resident, and in use (the rest is free space V8 keeps). */
  mainHeap: number;
  mainHeapUsed: number;
  external: number;
  arrayBuffers: number;
  workers: { name: string; heap: number; used: number }[];
  /** Resident pages of the mappings of ≥ 4 GB (WebAssembly memories with their guard regions). */
  wasm: number;
  /** [heap]: the main arena of malloc. */
  brk: number;
  /** glibc's arenas for threads other than the main one: anonymous mappings of ≤ 64 MB aligned on 64 MB. */
  arenas: number;
  /** Other anonymous mappings: V8's heaps (their pages), thread stacks, code. */
  anonymous: number;
  /** Mapped from files: Node's binary, libraries. */
  files: number;
}

/**
 * The resident bytes of /proc/self/smaps's mappings, by kind. A WebAssembly memory is its
 * accessible pages followed by a reservation of several GB that is never touched (V8's guard
 * region): the mapping just before a reservation of ≥ 4 GB counts as WebAssembly.
 */
function mappings(): Pick<MemoryParts, 'wasm' | 'brk' | 'arenas' | 'anonymous' | 'files'> {
  const list: { start: bigint; end: bigint; name: string; size: number; rss: number }[] = [];
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) list.push({ start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), name: head[3]!, size: 0, rss: 0 });
    const field = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    if (field && list.length) list.at(-1)![field[1] === 'Size' ? 'size' : 'rss'] = Number(field[2]) * 1024;
  }
  const parts = { wasm: 0, brk: 0, arenas: 0, anonymous: 0, files: 0 };
  const ARENA = 64n << 20n;
  list.forEach((m, i) => {
    const next = list[i + 1];
    const wasm = m.name === '' && next?.start === m.end && next.name === '' && next.size >= 4 * 1024 ** 3;
    const arena = m.name === '' && m.start % ARENA === 0n && m.size <= Number(ARENA);
    parts[wasm ? 'wasm' : arena ? 'arenas' : m.name === '[heap]' ? 'brk' : m.name.startsWith('/') ? 'files' : 'anonymous'] += m.rss;
  });
  return parts;
}

if (isMainThread && process.send) {
  const workers = new Set<Worker>();
  subscribe('worker_threads', (message) => {
    const { worker } = message as { worker: Worker };
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
  });
  process.on('message', async (message) => {
    if (message !== 'memory') return;
    const usage = process.memoryUsage();
    const heap = getHeapStatistics();
    const parts: MemoryParts = {
      rss: usage.rss,
      cpu: process.cpuUsage().user + process.cpuUsage().system,
      mainHeap: heap.total_physical_size,
      mainHeapUsed: heap.used_heap_size,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      workers: await Promise.all(
        [...workers].map(async (w) => {
          const stats = await w.getHeapStatistics();
          return { name: w.threadName ?? String(w.threadId), heap: stats.total_physical_size, used: stats.used_heap_size };
        }),
      ),
      ...mappings(),
    };
    process.send!({ memory: parts });
  });
  // The channel does not keep the server alive.
  process.channel?.unref();
}
