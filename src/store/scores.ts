/**
 * One criterion's stored score for a unit in a cycle: the self score, the appraised score and
 * the final score the core reads, with reason and comment. Every write names the version it
 * read; a stale version is refused with the current row (optimistic concurrency).
 */
import { ParError, fromMicro, issue, parsePoints, toDecimalString, type IndicatorFile, type NodeSource, type Points } from '../core/index.ts';
import { authorize, decide, type Actor, type Target } from '../workflow/policy.ts';
import { criterionTarget, type Assignment } from './appraisalSetup.ts';
import { checkDirectAppraisal } from './explanations.ts';
import type { AssessmentState } from '../workflow/states.ts';
import { appendWriteAudit } from './audit.ts';
import { shareWrites } from './auditQueue.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError } from './errors.ts';
import { storedFramework } from './load.ts';
import { changesResults, checkByCore } from './scoreCheck.ts';
import { bumpRevision, json } from './save.ts';
import { keepImportedPublication } from './publications.ts';
import { notInCycle } from './unitNames.ts';
import type { RowOf } from './tables.ts';
import { writeTransaction } from './writeGroups.ts';

export interface ScoreRecord {
  cycleId: string;
  unitId: string;
  code: string;
  /** Decimal texts with a dot ("7.409775"): exact, never a float. */
  self: string | null;
  appraised: string | null;
  /** Null when nothing final is stored; a total of null when only one part of a mixed criterion is known yet. */
  final: { total: string | null; appraisal: string | null; survey: string | null } | null;
  reason: string | null;
  comment: string | null;
  /** The measured values behind a rule-scored criterion (10 of 46 procedures …), as the unit declared them. */
  indicator: IndicatorFile | null;
  /** The reason when the criterion is marked not applicable to the unit (không áp dụng), else null. */
  notApplicable: string | null;
  version: number;
  updatedAt: string;
}

/** A row of `scores` (store/tables.ts: checked against the migrations), with its indicator values joined. */
type Row = RowOf<'scores'> & { indicator: IndicatorFile | null };

const text = (value: bigint | null) => (value === null ? null : toDecimalString(fromMicro(Number(value))));

function record(row: Row): ScoreRecord {
  return {
    cycleId: row.cycle_id,
    unitId: row.unit_id,
    code: row.code,
    self: text(row.self_points),
    appraised: text(row.appraised_points),
    final:
      row.final_total === null && row.final_appraisal === null && row.final_survey === null
        ? null
        : { total: text(row.final_total), appraisal: text(row.final_appraisal), survey: text(row.final_survey) },
    reason: row.reason,
    comment: row.comment,
    indicator: row.indicator,
    notApplicable: null,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

type Marks = { code: string; reason: string }[];

/** The unit's not-applicable criteria in the cycle, as stored ([{code, reason}]). */
async function marksOf(q: Queryable, cycleId: string, unitId: string, lock = false): Promise<Marks> {
  const [row] = await q.query<{ not_applicable: Marks }>(
    `SELECT not_applicable FROM unit_results WHERE cycle_id = $1 AND unit_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [cycleId, unitId],
  );
  return row?.not_applicable ?? [];
}

/** A criterion marked not applicable and not scored: a row of version 0 carrying the mark. */
const markedRow = (cycleId: string, unitId: string, code: string, reason: string): ScoreRecord => ({
  cycleId,
  unitId,
  code,
  self: null,
  appraised: null,
  final: null,
  reason: null,
  comment: null,
  indicator: null,
  notApplicable: reason,
  version: 0,
  updatedAt: new Date(0).toISOString(),
});

/** The rows with their marks, and a row for each marked criterion that has none, in code order. */
function withMarks(rows: ScoreRecord[], marks: Marks, cycleId: string, unitId: string): ScoreRecord[] {
  if (!marks.length) return rows;
  const reasons = new Map(marks.map((m) => [m.code, m.reason]));
  const out = rows.map((row) => (reasons.has(row.code) ? { ...row, notApplicable: reasons.get(row.code)! } : row));
  for (const [code, reason] of reasons) if (!rows.some((r) => r.code === code)) out.push(markedRow(cycleId, unitId, code, reason));
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The marked criterion that covers a code (itself, or an ancestor: 2.2 covers 2.2.1). */
function markOver(marks: Marks, code: string): { code: string; reason: string } | undefined {
  return marks.find((m) => code === m.code || code.startsWith(`${m.code}.`));
}

const COLUMNS = 'cycle_id, unit_id, code, self_points, appraised_points, final_total, final_appraisal, final_survey, reason, comment, version, updated_at';
const SELECT = `SELECT s.cycle_id, s.unit_id, s.code, s.self_points, s.appraised_points, s.final_total, s.final_appraisal, s.final_survey, s.reason, s.comment,
  i.value AS indicator, s.version, s.updated_at
  FROM scores s LEFT JOIN indicators i ON i.cycle_id = s.cycle_id AND i.unit_id = s.unit_id AND i.code = s.code`;

/** A unit's rows, with the criteria that have only an indicator value (imported) as rows of version 0. */
export async function listScores(q: Queryable, cycleId: string, unitId: string): Promise<ScoreRecord[]> {
  const rows = await q.query<Row>(
    `${SELECT} WHERE s.cycle_id = $1 AND s.unit_id = $2
     UNION ALL
     SELECT i.cycle_id, i.unit_id, i.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i.value, 0, now() FROM indicators i
     WHERE i.cycle_id = $1 AND i.unit_id = $2 AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.cycle_id = i.cycle_id AND s.unit_id = i.unit_id AND s.code = i.code)
     ORDER BY code`,
    [cycleId, unitId],
  );
  return withMarks(rows.map(record), await marksOf(q, cycleId, unitId), cycleId, unitId);
}

/** `marks`: the unit's not-applicable marks when the caller read them already. */
export async function getScore(q: Queryable, cycleId: string, unitId: string, code: string, marks?: Marks): Promise<ScoreRecord | undefined> {
  const [row] = await q.query<Row>(`${SELECT} WHERE s.cycle_id = $1 AND s.unit_id = $2 AND s.code = $3`, [cycleId, unitId, code]);
  const reason = (marks ?? (await marksOf(q, cycleId, unitId))).find((m) => m.code === code)?.reason ?? null;
  if (!row) return reason === null ? undefined : markedRow(cycleId, unitId, code, reason);
  return { ...record(row), notApplicable: reason };
}

/** What a write may change; absent fields keep their value, null clears. */
export interface ScorePatch {
  self?: Points | null;
  appraised?: Points | null;
  final?: { total?: Points; appraisal?: Points; survey?: Points } | null;
  reason?: string | null;
  comment?: string | null;
  indicator?: IndicatorFile | null;
  /**
   * true: the criterion does not apply to the unit (không áp dụng), for `reason` (required); its
   * scores, and those below it, are cleared. false: it applies again. Written alone.
   */
  notApplicable?: boolean;
}

export interface ScoreWrite {
  cycleId: string;
  unitId: string;
  code: string;
  /** The version the writer read; 0 when it saw no row. */
  version: number;
  patch: ScorePatch;
}

/**
 * Writes one score. The new value is checked by the core against the framework (code exists,
 * 0 ≤ points ≤ max, children within the parent) by rebuilding the cycle's results in the
 * same transaction; anything it refuses rolls the write back.
 */
/**
 * Who writes what: the unit its self score and explanation (comment) while in draft; the
 * appraisal council the appraised score and the reason; the province the final score (survey
 * scores, and corrections of published results, which need a reason).
 */
function authorizeFields(actor: Actor, patch: ScorePatch, unitId: string, state: AssessmentState, criterion: Target): void {
  if ('self' in patch || 'comment' in patch || 'indicator' in patch) authorize(actor, 'editSelfAssessment', { unitId, state });
  if ('appraised' in patch || ('reason' in patch && !('final' in patch))) authorize(actor, 'appraise', { ...criterion, unitId, state });
  if ('final' in patch) {
    authorize(actor, state === 'published' ? 'correct' : 'importSurvey', { unitId, state });
    if (state === 'published' && !patch.reason?.trim()) {
      throw new ParError(
        issue(
          'score.correctionReason',
          { vi: 'sửa điểm đã công bố là đính chính: phải ghi lý do', en: 'changing a published score is a correction: a reason is required' },
          { field: 'reason' },
        ),
      );
    }
  }
}

/**
 * A score write's unit row, locked to the commit, with its cycle's appraisal assignments and the
 * criterion's current row ($1 cycle, $2 unit, $3 code) — one statement for what took two. The
 * current row is read in the statement's snapshot: when another writer of the unit commits while
 * this one waits for the lock, it may be older than the committed one — the UPDATE's version
 * condition (or the INSERT's conflict) then refuses the write as a conflict, as reading it after
 * the lock would have.
 */
export const LOCKED_OWNER = `SELECT c.framework_id, f.content_hash, r.state, r.not_applicable,
         (SELECT coalesce(json_agg(json_build_object('code', a.code, 'agency', a.agency_id) ORDER BY a.code), '[]') FROM appraisal_assignments a WHERE a.cycle_id = r.cycle_id) AS assignments,
         r.cycle_id, r.unit_id, s.code, s.self_points, s.appraised_points, s.final_total, s.final_appraisal, s.final_survey, s.reason, s.comment,
         i.value AS indicator, s.version, s.updated_at
       FROM unit_results r JOIN cycles c ON c.id = r.cycle_id JOIN frameworks f ON f.id = c.framework_id
         LEFT JOIN scores s ON s.cycle_id = r.cycle_id AND s.unit_id = r.unit_id AND s.code = $3
         LEFT JOIN indicators i ON i.cycle_id = s.cycle_id AND i.unit_id = s.unit_id AND i.code = s.code
       WHERE r.cycle_id = $1 AND r.unit_id = $2 FOR UPDATE OF r`;

/** The current row of `code` from LOCKED_OWNER's columns, as getScore gives it. */
function currentOf(row: Omit<Row, 'code'> & { code: string | null }, code: string, marks: Marks): ScoreRecord | undefined {
  const reason = marks.find((m) => m.code === code)?.reason ?? null;
  if (row.code === null) return reason === null ? undefined : markedRow(row.cycle_id, row.unit_id, code, reason);
  return { ...record(row as Row), notApplicable: reason };
}

export async function writeScore(db: Database, write: ScoreWrite, actor: Actor): Promise<ScoreRecord> {
  // The embedded engine in its thread runs the whole write there (engineCalls.ts).
  if (db.inEngine) return db.inEngine<ScoreRecord>('writeScore', [write, actor]);
  if (write.patch.notApplicable !== undefined) return writeNotApplicable(db, write, actor);
  const { cycleId, unitId, code, patch } = write;
  return writeTransaction(db, async (tx) => {
    await shareWrites(tx);
    // The unit's row locked to the commit: writes of one unit are checked one after another
    // (their sums under a parent), writes of other units go side by side.
    // With the cycle's appraisal assignments (one statement less; they are read unlocked either way).
    const [owner] = await tx.query<
      { framework_id: string; content_hash: string; state: AssessmentState; not_applicable: Marks; assignments: Assignment[] } & Omit<Row, 'code'> & {
          code: string | null;
        }
    >(LOCKED_OWNER, [cycleId, unitId, code]);
    if (!owner) throw await notInCycle(tx, cycleId, unitId);
    // Appraising: only the agency the criterion is assigned to (or the council, for the rest).
    const scoped = await criterionTarget(tx, cycleId, actor, { unitId, code, state: owner.state }, owner.assignments);
    authorizeFields(scoped.actor, patch, unitId, owner.state, scoped.target);
    if ('appraised' in patch) await checkDirectAppraisal(tx, cycleId, owner.state);
    if (owner.state === 'published') await keepImportedPublication(tx, cycleId);
    // The marks were read with the unit's row, locked: they cannot change under this write.
    const marks = owner.not_applicable ?? [];
    const current = currentOf(owner, code, marks);
    if ((current?.version ?? 0) !== write.version) {
      throw new ConflictError(
        {
          vi: 'điểm này vừa được người khác sửa: hãy tải lại giá trị hiện tại rồi sửa tiếp',
          en: 'this score was changed by someone else: reload the current value and edit again',
        },
        current ?? null,
      );
    }
    // A criterion that does not apply takes no score (clearing one is fine).
    const over = markOver(marks, code);
    const scoring = (['self', 'appraised', 'final', 'indicator'] as const).some((f) => patch[f] !== undefined && patch[f] !== null);
    if (over && scoring) throw notApplicableScore(unitId, code, over);
    // Read once per framework content (cached): the write reads its nodes.
    const framework = (await storedFramework(tx, owner.framework_id, owner.content_hash))!;
    const final = 'final' in patch ? finalAfter(patch.final, current?.final ?? null, framework.nodes.get(code)?.source) : undefined;
    const values = [
      cycleId,
      unitId,
      code,
      'self' in patch ? patch.self : current && current.self !== null ? parsePoints(current.self) : null,
      'appraised' in patch ? patch.appraised : current && current.appraised !== null ? parsePoints(current.appraised) : null,
      final ? final.total : pointsOf(current?.final?.total),
      final ? final.appraisal : pointsOf(current?.final?.appraisal),
      final ? final.survey : pointsOf(current?.final?.survey),
      'reason' in patch ? patch.reason : (current?.reason ?? null),
      'comment' in patch ? patch.comment : (current?.comment ?? null),
    ];
    const rows = current
      ? await tx.query<Omit<Row, 'indicator'>>(
          `UPDATE scores SET self_points = $4, appraised_points = $5, final_total = $6, final_appraisal = $7, final_survey = $8, reason = $9, comment = $10,
             version = version + 1, updated_at = now() WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 AND version = $11 RETURNING ${COLUMNS}`,
          [...values, write.version],
        )
      : await tx.query<Omit<Row, 'indicator'>>(
          `INSERT INTO scores (cycle_id, unit_id, code, self_points, appraised_points, final_total, final_appraisal, final_survey, reason, comment)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
          values,
        );
    if (!rows.length) {
      throw new ConflictError(
        { vi: 'điểm này vừa được người khác sửa', en: 'this score was just changed by someone else' },
        (await getScore(tx, cycleId, unitId, code)) ?? null,
      );
    }
    if (patch.indicator === null) await tx.query('DELETE FROM indicators WHERE cycle_id = $1 AND unit_id = $2 AND code = $3', [cycleId, unitId, code]);
    else if (patch.indicator) {
      await tx.query(
        `INSERT INTO indicators (cycle_id, unit_id, code, value) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cycle_id, unit_id, code) DO UPDATE SET value = EXCLUDED.value, version = indicators.version + 1`,
        [cycleId, unitId, code, json(patch.indicator)],
      );
    }
    // The core reads the indicator too: one its rule cannot use (a ratio above 1 …) is refused here.
    await checkByCore(tx, cycleId, unitId, code, patch, framework);
    const written = record({ ...rows[0]!, indicator: 'indicator' in patch ? (patch.indicator ?? null) : (current?.indicator ?? null) });
    const { version: _v, updatedAt: _u, ...before } = current ?? ({} as Partial<ScoreRecord>);
    const { version: _v2, updatedAt: _u2, ...after } = written;
    // A correction of a published cycle may add its first snapshot (keepImportedPublication): readers read all again.
    const scope = owner.state === 'published' ? undefined : { cycleId, unitId };
    // A write of self or appraised scores, comments or reasons leaves every reader's dataset, and
    // the figures computed from it, as they are (scoreCheck.ts `changesResults`): no revision.
    const moves = changesResults(patch);
    const queued = await appendWriteAudit(
      tx,
      {
        actorId: actor.userId,
        action: owner.state === 'published' ? 'score.correct' : 'score.write',
        subject: `cycle/${cycleId}/unit/${unitId}/criterion/${code}`,
        ...(current && { before }),
        after,
        ...(patch.reason && { reason: patch.reason }),
      },
      moves ? scope : undefined,
    );
    if (moves && !queued) await bumpRevision(tx, scope);
    return written;
  });
}

function notApplicableScore(unitId: string, code: string, over: { code: string; reason: string }): ParError {
  const under = over.code === code ? '' : ` (thuộc ${over.code})`;
  const underEn = over.code === code ? '' : ` (under ${over.code})`;
  return new ParError(
    issue(
      'score.notApplicable',
      {
        vi: `đơn vị ${unitId}: tiêu chí ${code}${under} được ghi không áp dụng (${over.reason}), không chấm điểm; bỏ dấu không áp dụng trước nếu tiêu chí có áp dụng`,
        en: `unit ${unitId}: criterion ${code}${underEn} is marked not applicable (${over.reason}) and takes no score; remove the mark first if it applies`,
      },
      { field: 'notApplicable', node: code },
    ),
  );
}

/**
 * Marks a criterion not applicable to the unit, with its reason, or applicable again. Marking
 * clears the scores, indicator values and deductions of the criterion and of everything below
 * it (the core refuses them on a criterion that does not apply); the audit entry keeps what was
 * there. Who may: the unit's editor on its draft, the council while appraising, the province
 * correcting a published result.
 */
async function writeNotApplicable(db: Database, write: ScoreWrite, actor: Actor): Promise<ScoreRecord> {
  const { cycleId, unitId, code, patch } = write;
  const mark = patch.notApplicable!;
  const reason = patch.reason?.trim();
  const others = Object.keys(patch).filter((k) => k !== 'notApplicable' && k !== 'reason');
  if (others.length) {
    throw new ParError(
      issue(
        'score.notApplicableAlone',
        { vi: `ghi không áp dụng riêng, không kèm ${others.join(', ')}`, en: `mark not applicable on its own, without ${others.join(', ')}` },
        { field: others[0]! },
      ),
    );
  }
  if (mark && !reason) {
    throw new ParError(
      issue(
        'score.notApplicableReason',
        {
          vi: `đơn vị ${unitId}: ghi tiêu chí ${code} không áp dụng phải có lý do`,
          en: `unit ${unitId}: marking criterion ${code} not applicable needs a reason`,
        },
        { field: 'reason', node: code },
      ),
    );
  }
  return writeTransaction(db, async (tx) => {
    await shareWrites(tx);
    const [owner] = await tx.query<{ state: AssessmentState }>('SELECT r.state FROM unit_results r WHERE r.cycle_id = $1 AND r.unit_id = $2 FOR UPDATE', [
      cycleId,
      unitId,
    ]);
    if (!owner) throw await notInCycle(tx, cycleId, unitId);
    const { actor: who, target } = await criterionTarget(tx, cycleId, actor, { unitId, code, state: owner.state });
    const action =
      owner.state === 'published' ? 'correct' : decide(who, 'appraise', { unitId, state: owner.state }).allowed ? 'appraise' : 'editSelfAssessment';
    authorize(who, action, target);
    if (owner.state === 'published') await keepImportedPublication(tx, cycleId);
    const current = await getScore(tx, cycleId, unitId, code);
    if ((current?.version ?? 0) !== write.version) {
      throw new ConflictError(
        {
          vi: 'tiêu chí này vừa được người khác sửa: hãy tải lại giá trị hiện tại rồi sửa tiếp',
          en: 'this criterion was changed by someone else: reload the current value and edit again',
        },
        current ?? null,
      );
    }
    const marks = (await marksOf(tx, cycleId, unitId)).filter((m) => m.code !== code);
    if (mark) marks.push({ code, reason: reason! });
    marks.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    await tx.query('UPDATE unit_results SET not_applicable = $3::jsonb, version = version + 1 WHERE cycle_id = $1 AND unit_id = $2', [
      cycleId,
      unitId,
      json(marks),
    ]);
    const cleared: ScoreRecord[] = [];
    if (mark) {
      const below = `${code}.%`;
      for (const row of await listScores(tx, cycleId, unitId)) {
        if (
          (row.code === code || row.code.startsWith(`${code}.`)) &&
          (row.self !== null || row.appraised !== null || row.final !== null || row.indicator !== null)
        )
          cleared.push(row);
      }
      await tx.query(
        `UPDATE scores SET self_points = NULL, appraised_points = NULL, final_total = NULL, final_appraisal = NULL, final_survey = NULL, version = version + 1, updated_at = now()
         WHERE cycle_id = $1 AND unit_id = $2 AND (code = $3 OR code LIKE $4)`,
        [cycleId, unitId, code, below],
      );
      await tx.query('DELETE FROM indicators WHERE cycle_id = $1 AND unit_id = $2 AND (code = $3 OR code LIKE $4)', [cycleId, unitId, code, below]);
      await tx.query('DELETE FROM deductions WHERE cycle_id = $1 AND unit_id = $2 AND (criterion = $3 OR criterion LIKE $4)', [cycleId, unitId, code, below]);
    }
    // The core reads the mark: an unknown code, or one without a maximum, is refused here.
    await checkByCore(tx, cycleId, unitId, code, { notApplicable: mark });
    const written = (await getScore(tx, cycleId, unitId, code)) ?? markedRow(cycleId, unitId, code, '');
    const strip = (r: ScoreRecord | undefined) => {
      if (!r) return undefined;
      const { version: _v, updatedAt: _u, ...rest } = r;
      return rest;
    };
    await appendWriteAudit(tx, {
      actorId: actor.userId,
      action: owner.state === 'published' ? 'score.correct' : 'score.write',
      subject: `cycle/${cycleId}/unit/${unitId}/criterion/${code}`,
      ...(current && { before: strip(current) }),
      after: { ...strip(written)!, notApplicable: mark ? reason! : null, ...(cleared.length > 0 && { cleared: cleared.map((r) => strip(r)) }) },
      ...(reason && { reason }),
    });
    await bumpRevision(tx, owner.state === 'published' ? undefined : { cycleId, unitId });
    return mark ? written : { ...written, notApplicable: null };
  });
}

const pointsOf = (value: string | null | undefined): Points | null => (value === null || value === undefined ? null : parsePoints(value));

interface FinalParts {
  total: Points | null;
  appraisal: Points | null;
  survey: Points | null;
}

/**
 * The final score a write leaves. A total given is kept as given. Parts given without a total,
 * on a mixed criterion, join the other part stored (given, or the stored total less the stored
 * part) and the total is their sum; without the other part the total stays unknown — as a survey
 * import leaves it (io/import/patch.ts), never the part plus 0. On a single-source criterion the
 * part is the total.
 */
export function finalAfter(given: ScorePatch['final'], stored: ScoreRecord['final'], source: NodeSource | undefined): FinalParts {
  if (given === null || given === undefined) return { total: null, appraisal: null, survey: null };
  const appraisal = given.appraisal ?? null;
  const survey = given.survey ?? null;
  if (given.total !== undefined) return { total: given.total, appraisal, survey };
  if (source !== 'mixed') return { total: ((appraisal ?? 0) + (survey ?? 0)) as Points, appraisal, survey };
  const total = pointsOf(stored?.total);
  const storedPart = (part: 'appraisal' | 'survey'): Points | null => {
    const other = part === 'appraisal' ? 'survey' : 'appraisal';
    const known = pointsOf(stored?.[part]);
    if (known !== null) return known;
    const otherKnown = pointsOf(stored?.[other]);
    return total !== null && otherKnown !== null ? ((total - otherKnown) as Points) : null;
  };
  const a = appraisal ?? storedPart('appraisal');
  const v = survey ?? storedPart('survey');
  return { total: a !== null && v !== null ? ((a + v) as Points) : null, appraisal: a, survey: v };
}
