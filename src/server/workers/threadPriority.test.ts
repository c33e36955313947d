/**
 * The pool's worker threads run at a lower priority than the server's event loop
 * (threadPriority.ts): read back from what Linux reports of each thread of the process.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildDataset } from '../../core/index.ts';
import { demoDocuments } from '../../io/dataFolder.ts';
import { createWorkerPool } from './pool.ts';
import { threadId, WORKER_NICE } from './threadPriority.ts';

/** Each thread of this process with its nice value (field 19 of /proc/PID/task/TID/stat). */
function threads(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      nice.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return nice;
}

test('the pool’s worker threads run at the lower priority; the server’s thread keeps its own', {
  skip: !existsSync('/proc/thread-self') && 'not Linux',
}, async () => {
  const main = threadId()!;
  const before = threads();
  assert.ok(![...before.values()].includes(WORKER_NICE), 'no thread runs lowered before the pool');
  const pool = createWorkerPool({ size: 2 });
  try {
    // A job on each worker: both have loaded and lowered themselves.
    const dataset = buildDataset(demoDocuments());
    await Promise.all([0, 1].map(() => pool.run('province', dataset, { year: 2023, level: undefined, group: undefined })));
    const after = threads();
    const lowered = [...after].filter(([tid, nice]) => nice === WORKER_NICE && !before.has(tid));
    assert.equal(lowered.length, 2, `two new threads at nice ${WORKER_NICE}: ${JSON.stringify([...after])}`);
    assert.equal(after.get(main), before.get(main), 'the event loop’s thread is left as it was');
  } finally {
    await pool.close();
  }
});
