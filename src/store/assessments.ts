/**
 * The assessment workflow on stored data: opening a cycle, and moving one unit's assessment
 * through its states. Who may do it comes from the policy table, whether it may happen now
 * from the pure workflow rules (src/workflow); this file only reads and writes rows.
 */
import { formatDate, levelName, missingSelfAssessment, ParError, issue, parsePoints, readFramework, type Issue, type Points } from '../core/index.ts';
import { authorize, type Actor, type Action } from '../workflow/policy.ts';
import type { AssessmentState, Transition } from '../workflow/states.ts';
import { checkTransition, type CriterionRow } from '../workflow/transition.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError } from './errors.ts';
import { bumpRevision, cycleIdOf } from './save.ts';
import { listScores } from './scores.ts';
import { notInCycle } from './unitNames.ts';
import { withAgency } from './appraisalSetup.ts';
import { checkRoundsClosed } from './explanations.ts';

export interface Assessment {
  cycleId: string;
  unitId: string;
  state: AssessmentState;
  version: number;
}

export async function assessmentOf(q: Queryable, cycleId: string, unitId: string, lock = false): Promise<Assessment> {
  const [row] = await q.query<{ state: AssessmentState; version: number }>(
    `SELECT state, version FROM unit_results WHERE cycle_id = $1 AND unit_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [cycleId, unitId],
  );
  if (!row) throw await notInCycle(q, cycleId, unitId);
  return { cycleId, unitId, state: row.state, version: row.version };
}

export interface OpenCycle {
  year: number;
  frameworkId: string;
}

/** Opens a cycle: every unit of the framework's level that exists in the year starts in draft. */
export interface OpenedCycle {
  id: string;
  units: string[];
  /**
   * Units whose validity dates do not cover the whole year: opened with a warning when they exist
   * for part of it (`cycle.unitPartYear`), left out when they do not exist in it at all
   * (`cycle.unitLeftOut`); each issue names its unit.
   */
  warnings: Issue[];
  /** The units of the level left out, with the reason. */
  leftOut: { unit: string; reason: { vi: string; en: string } }[];
}

/** A date as written on documents (30/06/2025). */
const dmy = (iso: string) => formatDate(iso);

export async function openCycle(db: Database, request: OpenCycle, actor: Actor): Promise<OpenedCycle> {
  authorize(actor, 'manageCycles');
  return db.transaction(async (tx) => {
    const [framework] = await tx.query<{ level: string; year: number }>(
      "SELECT document->>'level' AS level, (document->>'year')::int AS year FROM frameworks WHERE id = $1",
      [request.frameworkId],
    );
    if (!framework)
      throw new ParError(
        issue(
          'cycle.unknownFramework',
          { vi: `không có bộ tiêu chí ${request.frameworkId}`, en: `no framework ${request.frameworkId}` },
          { field: 'framework' },
        ),
      );
    if (framework.year !== request.year) {
      throw new ParError(
        issue(
          'cycle.frameworkYear',
          {
            vi: `bộ tiêu chí ${request.frameworkId} dùng cho năm ${framework.year}, không phải ${request.year}`,
            en: `framework ${request.frameworkId} is for ${framework.year}, not ${request.year}`,
          },
          { field: 'year' },
        ),
      );
    }
    const id = cycleIdOf(request.year, request.frameworkId);
    if ((await tx.query('SELECT 1 FROM cycles WHERE id = $1', [id])).length) {
      throw new ParError(issue('cycle.exists', { vi: `kỳ đánh giá ${id} đã có`, en: `cycle ${id} already exists` }, { field: 'year' }));
    }
    const ofLevel = await tx.query<{ id: string; name: string; valid_from: string | null; valid_to: string | null }>(
      `SELECT id, name, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM units WHERE level = $1 ORDER BY position`,
      [framework.level],
    );
    const first = `${request.year}-01-01`;
    const last = `${request.year}-12-31`;
    const units: { id: string }[] = [];
    const warnings: Issue[] = [];
    const leftOut: OpenedCycle['leftOut'] = [];
    for (const unit of ofLevel) {
      const from = unit.valid_from;
      const to = unit.valid_to;
      const range = {
        vi: `hiệu lực ${from ? `từ ${dmy(from)}` : ''}${from && to ? ' ' : ''}${to ? `đến ${dmy(to)}` : ''}`,
        en: `valid ${from ? `from ${dmy(from)}` : ''}${from && to ? ' ' : ''}${to ? `to ${dmy(to)}` : ''}`,
      };
      if ((to !== null && to < first) || (from !== null && from > last)) {
        const reason = {
          vi: `${unit.name} (${range.vi}) không tồn tại trong năm ${request.year}: không mở hồ sơ`,
          en: `${unit.name} (${range.en}) does not exist in ${request.year}: no file opened`,
        };
        leftOut.push({ unit: unit.id, reason });
        warnings.push(issue('cycle.unitLeftOut', reason, { unit: unit.id }));
        continue;
      }
      units.push({ id: unit.id });
      if ((to !== null && to < last) || (from !== null && from > first)) {
        warnings.push(
          issue(
            'cycle.unitPartYear',
            {
              vi: `${unit.name} chỉ có hiệu lực một phần năm ${request.year} (${range.vi}): hồ sơ vẫn được mở, hãy kiểm tra đơn vị có phải đánh giá cả năm không`,
              en: `${unit.name} exists for part of ${request.year} only (${range.en}): its file is opened; check whether it is assessed for the whole year`,
            },
            { unit: unit.id },
          ),
        );
      }
    }
    if (!units.length) {
      const level = levelName(framework.level);
      throw new ParError([
        issue(
          'cycle.noUnits',
          { vi: `năm ${request.year} không có đơn vị ${level.vi}`, en: `no unit at ${level.en} exists in ${request.year}` },
          { field: 'year' },
        ),
        ...warnings,
      ]);
    }
    await tx.query("INSERT INTO cycles (id, year, framework_id, phase) VALUES ($1, $2, $3, 'assessment')", [id, request.year, request.frameworkId]);
    for (const [position, unit] of units.entries()) {
      await tx.query("INSERT INTO unit_results (cycle_id, unit_id, state, position) VALUES ($1, $2, 'draft', $3)", [id, unit.id, position]);
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'cycle.open',
      subject: `cycle/${id}`,
      after: {
        year: request.year,
        framework: request.frameworkId,
        units: units.map((u) => u.id),
        ...(leftOut.length > 0 && { leftOut: leftOut.map((l) => ({ unit: l.unit, reason: l.reason.vi })) }),
      },
    });
    await bumpRevision(tx);
    return { id, units: units.map((u) => u.id), warnings, leftOut };
  });
}

export interface TransitionCommand {
  cycleId: string;
  unitId: string;
  transition: Transition;
  reason?: string;
  /** The assessment version the actor saw (optional: when given, a stale one gets 409). */
  version?: number;
}

const ACTION_OF: Record<Transition, Action> = {
  submit: 'submit',
  startAppraisal: 'startAppraisal',
  returnToUnit: 'returnToUnit',
  completeAppraisal: 'completeAppraisal',
  requestRecheck: 'requestRecheck',
  answerRecheck: 'answerRecheck',
  publish: 'publish',
  correct: 'correct',
};

async function criterionRows(tx: Queryable, cycleId: string, unitId: string): Promise<CriterionRow[]> {
  const scores = await listScores(tx, cycleId, unitId);
  const counts = new Map(
    (
      await tx.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM evidence WHERE cycle_id = $1 AND unit_id = $2 GROUP BY code', [
        cycleId,
        unitId,
      ])
    ).map((r) => [r.code, r.n]),
  );
  const points = (text: string | null): Points | undefined => (text === null ? undefined : parsePoints(text));
  return scores.map((s) => ({
    code: s.code,
    ...(s.self !== null && { selfScore: points(s.self) }),
    ...(s.comment !== null && { explanation: s.comment }),
    evidenceCount: counts.get(s.code) ?? 0,
    ...(s.appraised !== null && { appraisedScore: points(s.appraised) }),
    ...(s.reason !== null && { appraisalReason: s.reason }),
  }));
}

/** The criteria the unit has not yet self-assessed (neither a self score, nor an indicator, nor a not-applicable mark). */
async function missingCriteria(tx: Queryable, cycleId: string, unitId: string): Promise<{ code: string; name: string }[]> {
  const [row] = await tx.query<{ document: unknown }>('SELECT f.document FROM cycles c JOIN frameworks f ON f.id = c.framework_id WHERE c.id = $1', [cycleId]);
  if (!row) return [];
  const scores = await listScores(tx, cycleId, unitId);
  const scored = new Set(scores.filter((s) => s.self !== null || s.indicator !== null).map((s) => s.code));
  const notApplicable = new Set(scores.filter((s) => s.notApplicable !== null).map((s) => s.code));
  return missingSelfAssessment(readFramework(row.document), { scored, notApplicable }).map((n) => ({ code: n.code, name: n.name }));
}

export async function transition(db: Database, command: TransitionCommand, caller: Actor): Promise<Assessment> {
  const { cycleId, unitId } = command;
  return db.transaction(async (tx) => {
    const current = await assessmentOf(tx, cycleId, unitId, true);
    // An appraiser of an agency takes none of the council's steps (policy: assignment 'council').
    const actor = await withAgency(tx, caller);
    // Who may (role and unit) first; then whether it can happen now, with the precise reason.
    authorize(actor, ACTION_OF[command.transition], { unitId });
    if (command.transition === 'publish' || command.transition === 'correct') {
      // One unit alone is never published: a decision publishes the cycle, with its snapshot.
      throw new ParError(
        issue(
          'workflow.publishByDecision',
          {
            vi: `kết quả được công bố (hoặc đính chính) cho cả kỳ theo quyết định, không theo từng đơn vị: POST /api/cycles/${cycleId}/publications với số quyết định và ngày (hoặc parindex cycle publish)`,
            en: `results are published (or corrected) for the whole cycle by a decision, not unit by unit: POST /api/cycles/${cycleId}/publications with the decision number and date (or parindex cycle publish)`,
          },
          { field: 'transition' },
        ),
      );
    }
    if (command.version !== undefined && command.version !== current.version) {
      throw new ConflictError({ vi: 'hồ sơ vừa được người khác chuyển trạng thái', en: 'the assessment was just moved by someone else' }, current);
    }
    const to = checkTransition({
      transition: command.transition,
      from: current.state,
      rows: await criterionRows(tx, cycleId, unitId),
      ...(command.transition === 'submit' && { missing: await missingCriteria(tx, cycleId, unitId) }),
      ...(command.reason !== undefined && { reason: command.reason }),
    });
    authorize(actor, ACTION_OF[command.transition], { unitId, state: current.state });
    // The two-round explanation process: the appraisal completes once both rounds are closed.
    if (command.transition === 'completeAppraisal') await checkRoundsClosed(tx, cycleId);
    if (command.transition === 'completeAppraisal' || command.transition === 'answerRecheck') {
      // The appraised score is final where the council gave one; otherwise the self score stands.
      // It is the appraisal part: survey points already imported (a mixed component) are kept.
      await tx.query(
        `UPDATE scores SET final_total = coalesce(appraised_points, self_points) + coalesce(final_survey, 0),
           final_appraisal = CASE WHEN final_survey IS NULL THEN NULL ELSE coalesce(appraised_points, self_points) END,
           version = version + 1, updated_at = now()
         WHERE cycle_id = $1 AND unit_id = $2 AND (appraised_points IS NOT NULL OR self_points IS NOT NULL)`,
        [cycleId, unitId],
      );
    }
    const [row] = await tx.query<{ version: number }>(
      'UPDATE unit_results SET state = $3, version = version + 1 WHERE cycle_id = $1 AND unit_id = $2 RETURNING version',
      [cycleId, unitId, to],
    );
    await appendAudit(tx, {
      actorId: actor.userId,
      action: `assessment.${command.transition}`,
      subject: `cycle/${cycleId}/unit/${unitId}`,
      before: { state: current.state },
      after: { state: to },
      ...(command.reason !== undefined && { reason: command.reason }),
    });
    await bumpRevision(tx);
    return { cycleId, unitId, state: to, version: row!.version };
  });
}
