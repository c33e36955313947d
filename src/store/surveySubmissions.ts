/**
 * Online survey responses, committed in groups: the responses that arrive while a group is being
 * written wait (a few milliseconds) and are written together by one statement in one transaction,
 * with one audit entry per cycle for the group. Each sender is answered only once its response is
 * committed, so nothing acknowledged is lost; a single-use link is consumed in the same statement
 * that stores its response, and a link used twice within one group waits for the next group (where
 * it is refused as used). One commit, and so one disk flush, serves a group instead of each
 * response: 500 submissions a second need only a few dozen commits.
 */
import { issue, ParError } from '../core/index.ts';
import type { Answers } from '../core/survey/index.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './database.ts';
import { ANONYMOUS } from '../workflow/policy.ts';
import { tokenHash } from './survey.ts';

export interface Submission {
  token: string;
  answers: Answers;
  /** The keyed mark of the sender's network (never the address). */
  network: string | undefined;
  singleUse: boolean;
}

interface Pending {
  hash: string;
  answers: string;
  network: string | null;
  singleUse: boolean;
  resolve(id: number): void;
  reject(error: unknown): void;
}

export interface SubmissionQueue {
  /** The stored response's id, once committed; refused when the survey is not open or a single-use link was used. */
  submit(submission: Submission): Promise<number>;
  /** Resolves when everything queued is written (at shutdown). */
  drain(): Promise<void>;
}

export const closedSurvey = () =>
  new ParError(issue('survey.notReady', { vi: 'khảo sát không nhận phiếu lúc này', en: 'the survey is not taking responses now' }, { field: 'state' }));
export const usedLink = () =>
  new ParError(
    issue('survey.inUse', { vi: 'đường dẫn này đã được dùng để gửi phiếu', en: 'this link was already used to send a response' }, { field: 'token' }),
  );

/**
 * One statement per group: consume the single-use links (each once), take an id for every
 * response whose link is valid and whose survey is open, insert them, and answer each input's
 * position with its id (or why not). The ids are drawn in a CTE so that each maps to its input.
 */
const WRITE_GROUP = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS i(hash, answers, network, n)
  ),
  used AS (
    UPDATE survey_links l SET used_at = now() FROM input i
    WHERE l.token_hash = i.hash AND l.single_use AND l.used_at IS NULL
      AND EXISTS (SELECT 1 FROM surveys s WHERE s.cycle_id = l.cycle_id AND s.state = 'open')
    RETURNING l.token_hash
  ),
  accepted AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('survey_responses', 'id')) AS id, i.n, i.answers, i.network,
      l.cycle_id, l.unit_id, l.group_id, s.questionnaire_version
    FROM input i JOIN survey_links l ON l.token_hash = i.hash JOIN surveys s ON s.cycle_id = l.cycle_id
    WHERE s.state = 'open' AND (NOT l.single_use OR i.hash IN (SELECT token_hash FROM used))
    ORDER BY i.n
  ),
  -- Written whether or not the answer below reads it (a data-modifying CTE always runs).
  stored AS (
    INSERT INTO survey_responses (id, cycle_id, unit_id, group_id, channel, answers, questionnaire_version, network)
    OVERRIDING SYSTEM VALUE
    SELECT id, cycle_id, unit_id, group_id, 'online', answers::jsonb, questionnaire_version, network FROM accepted
    RETURNING id
  )
  SELECT i.n, a.id, a.cycle_id, l.single_use, s.state
  FROM input i LEFT JOIN accepted a ON a.n = i.n
    LEFT JOIN survey_links l ON l.token_hash = i.hash LEFT JOIN surveys s ON s.cycle_id = l.cycle_id
  ORDER BY i.n`;

interface Options {
  /** Responses per group at most. */
  maxGroup?: number;
  /** Groups written at once (each holds a database connection). */
  parallel?: number;
}

export function submissionQueue(db: Database, { maxGroup = 500, parallel = 2 }: Options = {}): SubmissionQueue {
  const waiting: Pending[] = [];
  let running = 0;
  let idle: (() => void)[] = [];

  async function write(group: Pending[]): Promise<void> {
    try {
      const rows = await db.transaction(async (tx) => {
        const result = await tx.query<{ n: bigint; id: bigint | null; cycle_id: string | null; single_use: boolean | null; state: string | null }>(
          WRITE_GROUP,
          [group.map((p) => p.hash), group.map((p) => p.answers), group.map((p) => p.network)],
        );
        const byCycle = new Map<string, { responses: number; singleUse: number; first: number; last: number }>();
        for (const r of result) {
          if (r.id === null || r.cycle_id === null) continue;
          const id = Number(r.id);
          const c = byCycle.get(r.cycle_id) ?? { responses: 0, singleUse: 0, first: id, last: id };
          c.responses++;
          if (r.single_use) c.singleUse++;
          c.first = Math.min(c.first, id);
          c.last = Math.max(c.last, id);
          byCycle.set(r.cycle_id, c);
        }
        // One entry per cycle and group: how many responses, their ids' range, the single-use links consumed (no answers: they stay in their immutable rows).
        for (const [cycle, c] of byCycle)
          await appendAudit(tx, {
            actorId: ANONYMOUS.userId,
            action: 'survey.online',
            subject: `cycle/${cycle}/survey`,
            after: { responses: c.responses, ids: [c.first, c.last], singleUseLinks: c.singleUse },
          });
        return result;
      });
      for (const r of rows) {
        const p = group[Number(r.n) - 1]!;
        if (r.id !== null) p.resolve(Number(r.id));
        else if (r.state === 'open' && r.single_use) p.reject(usedLink());
        else p.reject(closedSurvey());
      }
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  }

  function next(): void {
    while (running < parallel && waiting.length) {
      // A single-use link twice in one group: the later ones wait for the next group (and are refused there).
      const group: Pending[] = [];
      const later: Pending[] = [];
      const seen = new Set<string>();
      while (waiting.length && group.length < maxGroup) {
        const p = waiting.shift()!;
        if (p.singleUse && seen.has(p.hash)) later.push(p);
        else {
          seen.add(p.hash);
          group.push(p);
        }
      }
      waiting.unshift(...later);
      running++;
      void write(group).finally(() => {
        running--;
        next();
      });
    }
    if (!running && !waiting.length) {
      const done = idle;
      idle = [];
      for (const resolve of done) resolve();
    }
  }

  return {
    submit({ token, answers, network, singleUse }) {
      return new Promise<number>((resolve, reject) => {
        waiting.push({ hash: tokenHash(token), answers: JSON.stringify(answers), network: network ?? null, singleUse, resolve, reject });
        // Start on the next turn of the event loop: the requests already read join this group.
        if (waiting.length === 1) setImmediate(next);
      });
    },
    drain() {
      if (!running && !waiting.length) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
