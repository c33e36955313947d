/**
 * Survey responses: submitted online through a link (anonymous: a unit, a group, the answers,
 * the time and a keyed mark of the sender's network), entered from paper by the province's
 * staff, or imported from a file in one transaction. Rows are never changed: a correction is
 * a new response naming the one it replaces, and a decision on a flagged response is a new row.
 */
import { issue, ParError } from '../core/index.ts';
import type { Answers, Flag, Response } from '../core/survey/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { notFound } from './errors.ts';
import { copyText, json } from './save.ts';
import type { SurveyRecord } from './survey.ts';
import { closedSurvey, submissionQueue, type SubmissionQueue } from './surveySubmissions.ts';

const closed = closedSurvey;

const queues = new WeakMap<Database, SubmissionQueue>();

/**
 * One online response through a token, committed with those arriving at the same time
 * (surveySubmissions.ts): refused when the survey is not open or a single-use token was used.
 */
export function submitOnline(db: Database, token: string, answers: Answers, network: string | undefined, singleUse: boolean): Promise<number> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = submissionQueue(db)));
  return queue.submit({ token, answers, network, singleUse });
}

export interface PaperEntry {
  unit: string;
  group: string;
  answers: Answers;
  formNumber?: string;
  /** The day the form was filled in (ISO), when known; else the entry's time is the response's. */
  collectedOn?: string;
}

function requireCollecting(survey: SurveyRecord): void {
  if (survey.state === 'design') throw closed();
}

async function checkUnit(tx: Queryable, cycleId: string, unit: string, field: string): Promise<void> {
  const [member] = await tx.query('SELECT 1 FROM unit_results WHERE cycle_id = $1 AND unit_id = $2', [cycleId, unit]);
  if (!member)
    throw new ParError(issue('survey.unknownUnit', { vi: `đơn vị ${unit} không thuộc kỳ đánh giá`, en: `unit ${unit} is not in the cycle` }, { field, unit }));
}

/** A paper form keyed in by the province's staff (answers already checked by the core). Audited. */
export async function enterPaper(db: Database, survey: SurveyRecord, entry: PaperEntry, actor: Actor): Promise<number> {
  authorize(actor, 'importSurvey');
  requireCollecting(survey);
  return db.transaction(async (tx) => {
    await checkUnit(tx, survey.cycleId, entry.unit, 'unit');
    if (entry.formNumber) {
      const [seen] = await tx.query<{ id: bigint }>(
        `SELECT r.id FROM survey_responses r WHERE r.cycle_id = $1 AND r.unit_id = $2 AND r.form_number = $3 AND NOT EXISTS (SELECT 1 FROM survey_responses n WHERE n.replaces = r.id)`,
        [survey.cycleId, entry.unit, entry.formNumber],
      );
      if (seen)
        throw new ParError(
          issue(
            'survey.duplicateForm',
            {
              vi: `phiếu số ${entry.formNumber} của đơn vị này đã được nhập (phiếu #${seen.id})`,
              en: `form ${entry.formNumber} of this unit was already entered (response #${seen.id})`,
            },
            { field: 'formNumber' },
          ),
        );
    }
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO survey_responses (cycle_id, unit_id, group_id, channel, answers, questionnaire_version, form_number, entered_by, submitted_at)
       VALUES ($1, $2, $3, 'paper', $4, $5, $6, $7, coalesce(($8::date::timestamp AT TIME ZONE 'UTC') + interval '5 hours', now())) RETURNING id`,
      [
        survey.cycleId,
        entry.unit,
        entry.group,
        json(entry.answers),
        survey.questionnaireVersion,
        entry.formNumber ?? null,
        actor.userId,
        entry.collectedOn ?? null,
      ],
    );
    const id = Number(row!.id);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.paperEntry',
      subject: `cycle/${survey.cycleId}/unit/${entry.unit}/survey`,
      after: { response: id, group: entry.group, formNumber: entry.formNumber ?? null, answers: entry.answers },
    });
    return id;
  });
}

/** A correction: a new response replacing one (which then no longer counts), with a reason. Audited. */
export async function correctResponse(db: Database, survey: SurveyRecord, responseId: number, answers: Answers, reason: string, actor: Actor): Promise<number> {
  authorize(actor, 'importSurvey');
  if (!reason.trim())
    throw new ParError(issue('survey.reasonRequired', { vi: 'sửa một phiếu phải ghi lý do', en: 'a correction needs a reason' }, { field: 'reason' }));
  return db.transaction(async (tx) => {
    const [old] = await tx.query<{ unit_id: string; group_id: string; answers: Answers; channel: string; form_number: string | null; replaced: boolean }>(
      `SELECT unit_id, group_id, answers, channel, form_number, EXISTS (SELECT 1 FROM survey_responses n WHERE n.replaces = r.id) AS replaced FROM survey_responses r WHERE cycle_id = $1 AND id = $2`,
      [survey.cycleId, responseId],
    );
    if (!old) throw notFound({ vi: `không có phiếu #${responseId}`, en: `no response #${responseId}` }, 'response');
    if (old.replaced)
      throw new ParError(
        issue(
          'survey.inUse',
          { vi: `phiếu #${responseId} đã được sửa bằng một phiếu khác`, en: `response #${responseId} was already replaced` },
          { field: 'response' },
        ),
      );
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO survey_responses (cycle_id, unit_id, group_id, channel, answers, questionnaire_version, form_number, entered_by, replaces, submitted_at)
       SELECT cycle_id, unit_id, group_id, channel, $3, questionnaire_version, form_number, $4, id, submitted_at FROM survey_responses WHERE cycle_id = $1 AND id = $2 RETURNING id`,
      [survey.cycleId, responseId, json(answers), actor.userId],
    );
    const id = Number(row!.id);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.correct',
      subject: `cycle/${survey.cycleId}/unit/${old.unit_id}/survey`,
      before: { response: responseId, answers: old.answers },
      after: { response: id, answers },
      reason,
    });
    return id;
  });
}

export interface ImportedResponse extends PaperEntry {}

/** Responses read from a file, all in one transaction (answers already checked by the core). Audited once. */
export async function importResponses(db: Database, survey: SurveyRecord, rows: ImportedResponse[], batch: string, actor: Actor): Promise<number> {
  authorize(actor, 'importSurvey');
  requireCollecting(survey);
  return db.transaction(async (tx) => {
    const units = new Set(
      (await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1', [survey.cycleId])).map((r) => r.unit_id),
    );
    const unknown = rows.flatMap((r, i) =>
      units.has(r.unit)
        ? []
        : [
            issue(
              'survey.unknownUnit',
              { vi: `đơn vị ${r.unit} không thuộc kỳ đánh giá`, en: `unit ${r.unit} is not in the cycle` },
              { field: `${i}.unit`, unit: r.unit },
            ),
          ],
    );
    if (unknown.length) throw new ParError(unknown.slice(0, 200));
    const now = new Date().toISOString();
    if (tx.copyFrom) {
      // The embedded engine loads from memory in one COPY (≈ 3× faster than unnest for 100,000 rows).
      const text = copyText(
        rows.map((r) => [
          survey.cycleId,
          r.unit,
          r.group,
          'file',
          JSON.stringify(r.answers),
          survey.questionnaireVersion,
          r.formNumber ?? null,
          batch,
          actor.userId,
          r.collectedOn ? `${r.collectedOn}T05:00:00Z` : now,
        ]),
      );
      await tx.copyFrom(
        'survey_responses',
        ['cycle_id', 'unit_id', 'group_id', 'channel', 'answers', 'questionnaire_version', 'form_number', 'batch', 'entered_by', 'submitted_at'],
        text,
      );
      // The embedded engine runs no autovacuum: without statistics the planner takes 100,000
      // responses for a few hundred, and reading the valid answers (computeSurveyPoints) probed
      // an index per response and sorted on disk (850 ms against 420 ms after it).
      await tx.query('ANALYZE survey_responses');
      await appendAudit(tx, {
        actorId: actor.userId,
        action: 'survey.import',
        subject: `cycle/${survey.cycleId}/survey`,
        after: { batch, responses: rows.length },
      });
      return rows.length;
    }
    const CHUNK = 20_000;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await tx.query(
        `INSERT INTO survey_responses (cycle_id, unit_id, group_id, channel, answers, questionnaire_version, form_number, batch, entered_by, submitted_at)
         SELECT $1, r.unit, r.grp, 'file', r.answers::jsonb, $2, r.form, $3, $4, coalesce((r.day::date::timestamp AT TIME ZONE 'UTC') + interval '5 hours', now())
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS r(unit, grp, answers, form, day)`,
        [
          survey.cycleId,
          survey.questionnaireVersion,
          batch,
          actor.userId,
          chunk.map((r) => r.unit),
          chunk.map((r) => r.group),
          chunk.map((r) => JSON.stringify(r.answers)),
          chunk.map((r) => r.formNumber ?? null),
          chunk.map((r) => r.collectedOn ?? null),
        ],
      );
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.import',
      subject: `cycle/${survey.cycleId}/survey`,
      after: { batch, responses: rows.length },
    });
    return rows.length;
  });
}

export interface StoredResponse extends Response {
  /** The latest staff decision on it, if any. */
  decision?: { decision: 'accept' | 'exclude'; reason: string; flag: string };
  formNumber?: string;
  batch?: string;
}

/** The latest decision on each decided response of cycle $1: one pass, joined by hash (a per-response lookup was most of reading 100,000). */
const LATEST_DECISIONS = `SELECT DISTINCT ON (response_id) response_id, decision, reason, flag FROM survey_decisions WHERE cycle_id = $1 ORDER BY response_id, id DESC`;

/**
 * The answers that count (not replaced by a correction, not excluded by the latest decision): what
 * the points are computed from. Identical answers of a unit's group come once with their count
 * (read and parsed once: a scale questionnaire repeats few patterns), then repeat in the list.
 */
export async function validAnswers(q: Queryable, cycleId: string): Promise<{ unit: string; group: string; answers: Answers }[]> {
  const rows = await q.query<{ unit_id: string; group_id: string; answers: string; n: number }>(
    `SELECT r.unit_id, r.group_id, r.answers::text AS answers, count(*)::int AS n
     FROM survey_responses r
     LEFT JOIN (${LATEST_DECISIONS}) d ON d.response_id = r.id
     WHERE r.cycle_id = $1 AND d.decision IS DISTINCT FROM 'exclude'
       AND NOT EXISTS (SELECT 1 FROM survey_responses n WHERE n.replaces = r.id)
     GROUP BY r.unit_id, r.group_id, r.answers`,
    [cycleId],
  );
  const out: { unit: string; group: string; answers: Answers }[] = [];
  for (const r of rows) {
    const one = { unit: r.unit_id, group: r.group_id, answers: JSON.parse(r.answers) as Answers };
    for (let i = 0; i < r.n; i++) out.push(one);
  }
  return out;
}

/** The responses that count unless excluded: every response not replaced by a correction, with its latest decision. */
export async function currentResponses(q: Queryable, cycleId: string): Promise<StoredResponse[]> {
  const rows = await q.query<{
    id: bigint;
    unit_id: string;
    group_id: string;
    channel: Response['channel'];
    answers: string;
    at: string;
    network: string | null;
    form_number: string | null;
    batch: string | null;
    decision: string | null;
    reason: string | null;
    flag: string | null;
  }>(
    `SELECT r.id, r.unit_id, r.group_id, r.channel, r.answers::text AS answers, to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       r.network, r.form_number, r.batch, d.decision, d.reason, d.flag
     FROM survey_responses r
     LEFT JOIN (${LATEST_DECISIONS}) d ON d.response_id = r.id
     WHERE r.cycle_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_responses n WHERE n.replaces = r.id)
     ORDER BY r.id`,
    [cycleId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    unit: r.unit_id,
    group: r.group_id,
    channel: r.channel,
    answers: JSON.parse(r.answers) as Answers,
    at: r.at,
    ...(r.network !== null && { network: r.network }),
    ...(r.form_number !== null && { formNumber: r.form_number }),
    ...(r.batch !== null && { batch: r.batch }),
    ...(r.decision !== null && { decision: { decision: r.decision as 'accept' | 'exclude', reason: r.reason!, flag: r.flag! } }),
  }));
}

/** Accepts or excludes the responses of a flag (a batch), with a reason. Audited. */
export async function decideFlag(db: Database, cycleId: string, flag: Flag, decision: 'accept' | 'exclude', reason: string, actor: Actor): Promise<number> {
  authorize(actor, 'importSurvey');
  if (!reason.trim())
    throw new ParError(
      issue(
        'survey.reasonRequired',
        { vi: 'quyết định về phiếu bị đánh dấu phải ghi lý do', en: 'a decision on flagged responses needs a reason' },
        { field: 'reason' },
      ),
    );
  return db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO survey_decisions (cycle_id, response_id, flag, decision, reason, decided_by) SELECT $1, id, $2, $3, $4, $5 FROM unnest($6::bigint[]) AS id',
      [cycleId, flag.id, decision, reason, actor.userId, flag.responses],
    );
    await appendAudit(tx, {
      actorId: actor.userId,
      action: `survey.${decision}`,
      subject: `cycle/${cycleId}/unit/${flag.unit}/survey`,
      after: { flag: flag.id, kind: flag.kind, responses: flag.responses },
      reason,
    });
    return flag.responses.length;
  });
}
