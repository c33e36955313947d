/**
 * Work that takes seconds (a batch of reports, a robustness run over a province) as a job: the
 * POST that starts it answers at once with the job's id; `GET /api/jobs/:id` gives its state and
 * progress; its result is fetched once it is done. A job belongs to the user who started it (no
 * one else sees it, not even that it exists); each user has a few unfinished jobs at most; a
 * finished job is kept for a while, then forgotten. In memory: a restart loses the jobs (their
 * work is redone by asking again), which is what a worker pool's jobs are.
 */
import { randomBytes } from 'node:crypto';
import { ParError, issue, type Issue } from '../core/index.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export type JobResult = { type: 'json'; value: unknown } | { type: 'file'; bytes: Uint8Array; contentType: string; fileName: string };

export interface Job {
  id: string;
  kind: string;
  owner: string;
  state: JobState;
  progress: { done: number; total: number };
  createdAt: string;
  finishedAt?: string;
  result?: JobResult;
  issues?: Issue[];
}

export interface JobQueue {
  /** Starts `run` as a job of `owner`; refused (429) when the owner has `perUser` unfinished jobs. */
  start(owner: string, kind: string, total: number, run: (progress: (done: number) => void) => Promise<JobResult>): Job;
  /** The job if it is `owner`'s, else undefined (another user's job is not found). */
  get(id: string, owner: string): Job | undefined;
}

export function createJobQueue(options: { perUser?: number; keepMs?: number; now?: () => number } = {}): JobQueue {
  const { perUser = 3, keepMs = 30 * 60_000, now = Date.now } = options;
  const jobs = new Map<string, Job & { finished?: number }>();
  const forget = () => {
    for (const [id, job] of jobs) if (job.finished !== undefined && now() - job.finished > keepMs) jobs.delete(id);
  };
  return {
    start(owner, kind, total, run) {
      forget();
      const open = [...jobs.values()].filter((j) => j.owner === owner && (j.state === 'queued' || j.state === 'running')).length;
      if (open >= perUser) {
        throw new ParError(
          issue('auth.rateLimited', {
            vi: `bạn đang có ${open} việc chưa xong: hãy chờ một việc xong rồi bắt đầu việc mới`,
            en: `you have ${open} jobs still running: wait for one to finish before starting another`,
          }),
        );
      }
      const job: Job & { finished?: number } = {
        id: randomBytes(12).toString('hex'),
        kind,
        owner,
        state: 'queued',
        progress: { done: 0, total },
        createdAt: new Date(now()).toISOString(),
      };
      jobs.set(job.id, job);
      const finish = () => {
        job.finished = now();
        job.finishedAt = new Date(job.finished).toISOString();
      };
      // Started on the next turn: the POST answers first.
      setImmediate(() => {
        job.state = 'running';
        run((done) => (job.progress = { done: Math.min(done, total), total }))
          .then((result) => {
            job.result = result;
            job.progress = { done: total, total };
            job.state = 'done';
            finish();
          })
          .catch((error: unknown) => {
            job.issues =
              error instanceof ParError
                ? error.issues
                : [{ code: 'job.failed' as const, message: { vi: 'việc bị lỗi máy chủ', en: 'the job failed with a server error' } }];
            job.state = 'failed';
            finish();
          });
      });
      return job;
    },
    get(id, owner) {
      forget();
      const job = jobs.get(id);
      return job && job.owner === owner ? job : undefined;
    },
  };
}

/** What `GET /api/jobs/:id` answers: everything but the result itself. */
export function jobStatus(job: Job) {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    createdAt: job.createdAt,
    ...(job.finishedAt && { finishedAt: job.finishedAt }),
    ...(job.state === 'done' && { result: `/api/jobs/${job.id}/result` }),
    ...(job.issues && { issues: job.issues }),
  };
}
