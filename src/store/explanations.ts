/**
 * The two-round explanation process (giải trình): from the day the province sets, the unit sees
 * its preliminary appraised scores and may explain criterion by criterion, with documents, inside
 * the round's window; the agency the criterion is assigned to answers — accepted with the new
 * score, or kept — with a reason, which becomes the criterion's final deduction reason; the
 * council closes round 1, then round 2, after which the appraisal can be completed. Every step is
 * audited on the criterion, so its history shows it.
 */
import type { ErrorCode } from '../core/errorCodes.ts';
import { ParError, formatDate, formatPoints, fromMicro, issue, toDecimalString, type Framework, type Points } from '../core/index.ts';
import { authorize, decide, type Actor } from '../workflow/policy.ts';
import type { AssessmentState } from '../workflow/states.ts';
import { appraisalSettings, criterionTarget, twoRoundOnly, withAgency, type AppraisalSettings } from './appraisalSetup.ts';
import { assessmentOf } from './assessments.ts';
import { appendAudit } from './audit.ts';
import { todayInVietnam } from './clock.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError, notFound } from './errors.ts';
import { cycleFramework } from './load.ts';
import { json } from './save.ts';
import { checkByCore } from './scoreCheck.ts';
import type { ScoreRecord } from './scores.ts';
import type { Shaped } from './tables.ts';

const refuse = (code: string, vi: string, en: string, field: string) => new ParError(issue(code as ErrorCode, { vi, en }, { field }));
const text = (value: bigint | null) => (value === null ? null : toDecimalString(fromMicro(Number(value))));

/** Whether the unit sees its preliminary appraised scores today. */
export const preliminaryVisible = (settings: AppraisalSettings, today = todayInVietnam()): boolean =>
  settings.process === 'twoRound' && settings.preliminaryFrom !== null && today >= settings.preliminaryFrom;

/** Whether the current round's window is open today (the unit may explain). */
export function roundOpen(settings: AppraisalSettings, today = todayInVietnam()): boolean {
  const window = settings.rounds[settings.round - 1];
  return preliminaryVisible(settings, today) && settings.round <= 2 && !!window?.from && !!window.to && today >= window.from && today <= window.to;
}

export interface Explanation {
  id: number;
  code: string;
  round: number;
  text: string;
  documents: number[];
  /** The appraised score the unit explained against. */
  appraisedBefore: string | null;
  explainedBy: string;
  explainedAt: string;
  outcome: 'accepted' | 'kept' | null;
  newPoints: string | null;
  answerReason: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  version: number;
}

/** A row of `explanations` (store/tables.ts: checked against the migrations). */
type Row = Shaped<'explanations', { documents: number[]; outcome: 'accepted' | 'kept' | null }>;

const record = (r: Row): Explanation => ({
  id: Number(r.id),
  code: r.code,
  round: r.round,
  text: r.text,
  documents: r.documents,
  appraisedBefore: text(r.appraised_before),
  explainedBy: r.explained_by,
  explainedAt: r.explained_at.toISOString(),
  outcome: r.outcome,
  newPoints: text(r.new_points),
  answerReason: r.answer_reason,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at?.toISOString() ?? null,
  version: r.version,
});

export async function explanationsOf(q: Queryable, cycleId: string, unitId: string): Promise<Explanation[]> {
  return (await q.query<Row>('SELECT * FROM explanations WHERE cycle_id = $1 AND unit_id = $2 ORDER BY code, round', [cycleId, unitId])).map(record);
}

const subject = (cycleId: string, unitId: string, code: string) => `cycle/${cycleId}/unit/${unitId}/criterion/${code}`;

export interface ExplainCommand {
  cycleId: string;
  unitId: string;
  code: string;
  text: string;
  /** Stored documents (store/documents.ts) the unit cites; each is linked to the criterion. */
  documents: number[];
  /** 0 for a new explanation, else the version read (to change it before it is answered). */
  version: number;
}

export async function explain(db: Database, command: ExplainCommand, actor: Actor, today = todayInVietnam()): Promise<Explanation> {
  const { cycleId, unitId, code } = command;
  return db.transaction(async (tx) => {
    const assessment = await assessmentOf(tx, cycleId, unitId, true);
    authorize(actor, 'explain', { unitId, state: assessment.state });
    const settings = await appraisalSettings(tx, cycleId);
    twoRoundOnly(settings);
    if (!preliminaryVisible(settings, today)) {
      throw refuse(
        'explanation.notYet',
        `kết quả thẩm định sơ bộ chưa gửi đơn vị${settings.preliminaryFrom ? ` (từ ngày ${formatDate(settings.preliminaryFrom)})` : ''}: chưa giải trình được`,
        `the preliminary appraisal is not sent to the unit yet${settings.preliminaryFrom ? ` (from ${formatDate(settings.preliminaryFrom)})` : ''}: nothing to explain yet`,
        'round',
      );
    }
    if (settings.round > 2) throw refuse('explanation.closed', 'hai vòng giải trình đã kết thúc', 'both explanation rounds are closed', 'round');
    const window = settings.rounds[settings.round - 1]!;
    if (!roundOpen(settings, today)) {
      throw refuse(
        'explanation.window',
        `vòng ${settings.round} nhận giải trình từ ${window.from ? formatDate(window.from) : '?'} đến ${window.to ? formatDate(window.to) : '?'}; hôm nay ${formatDate(today)} ngoài thời hạn`,
        `round ${settings.round} takes explanations from ${window.from ? formatDate(window.from) : '?'} to ${window.to ? formatDate(window.to) : '?'}; today ${formatDate(today)} is outside it`,
        'round',
      );
    }
    const [score] = await tx.query<{ appraised_points: bigint | null; self_points: bigint | null }>(
      'SELECT appraised_points, self_points FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3',
      [cycleId, unitId, code],
    );
    if (!score || score.appraised_points === null) {
      throw refuse(
        'explanation.notAppraised',
        `tiêu chí ${code} chưa có điểm thẩm định sơ bộ: không có gì để giải trình`,
        `criterion ${code} has no preliminary appraised score: nothing to explain`,
        'code',
      );
    }
    if (!command.text.trim()) throw refuse('explanation.text', 'phải ghi nội dung giải trình', 'the explanation is missing', 'text');
    for (const [i, id] of command.documents.entries()) {
      const linked = await tx.query('SELECT 1 FROM document_links WHERE document_id = $1 AND cycle_id = $2 AND unit_id = $3 LIMIT 1', [id, cycleId, unitId]);
      if (!linked.length)
        throw refuse(
          'explanation.document',
          `văn bản ${id} không thuộc hồ sơ của đơn vị: tải lên trước rồi chọn`,
          `document ${id} is not in the unit's file: upload it first`,
          `documents.${i}`,
        );
      await tx.query('INSERT INTO document_links (document_id, cycle_id, unit_id, code, linked_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        id,
        cycleId,
        unitId,
        code,
        actor.userId,
      ]);
    }
    const [current] = await tx.query<Row>('SELECT * FROM explanations WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 AND round = $4 FOR UPDATE', [
      cycleId,
      unitId,
      code,
      settings.round,
    ]);
    if ((current?.version ?? 0) !== command.version)
      throw new ConflictError(
        { vi: 'giải trình này vừa được sửa: tải lại rồi sửa tiếp', en: 'this explanation was just changed: reload and edit again' },
        current ? record(current) : null,
      );
    if (current?.outcome)
      throw refuse(
        'explanation.answered',
        `giải trình tiêu chí ${code} vòng ${settings.round} đã được trả lời`,
        `the round ${settings.round} explanation of ${code} is already answered`,
        'code',
      );
    const [row] = current
      ? await tx.query<Row>(
          'UPDATE explanations SET text = $2, documents = $3, explained_by = $4, explained_at = now(), version = version + 1 WHERE id = $1 RETURNING *',
          [current.id, command.text.trim(), json(command.documents), actor.userId],
        )
      : await tx.query<Row>(
          'INSERT INTO explanations (cycle_id, unit_id, code, round, text, documents, appraised_before, explained_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
          [cycleId, unitId, code, settings.round, command.text.trim(), json(command.documents), score.appraised_points, actor.userId],
        );
    const written = record(row!);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'explanation.submit',
      subject: subject(cycleId, unitId, code),
      ...(current && { before: { round: current.round, text: current.text, documents: current.documents } }),
      after: { round: written.round, text: written.text, documents: written.documents, against: written.appraisedBefore },
    });
    return written;
  });
}

export interface AnswerCommand {
  cycleId: string;
  unitId: string;
  code: string;
  outcome: 'accepted' | 'kept';
  /** The new appraised score when accepted. */
  points?: Points;
  reason: string;
  /** The explanation's version read. */
  version: number;
}

export async function answerExplanation(db: Database, command: AnswerCommand, actor: Actor): Promise<Explanation> {
  const { cycleId, unitId, code } = command;
  return db.transaction(async (tx) => {
    const assessment = await assessmentOf(tx, cycleId, unitId, true);
    const scoped = await criterionTarget(tx, cycleId, actor, { unitId, code, state: assessment.state });
    authorize(scoped.actor, 'answerExplanation', scoped.target);
    const settings = await appraisalSettings(tx, cycleId);
    twoRoundOnly(settings);
    if (settings.round > 2)
      throw refuse(
        'explanation.closed',
        'hai vòng giải trình đã kết thúc: kết quả là cuối cùng',
        'both explanation rounds are closed: the results are final',
        'round',
      );
    const [current] = await tx.query<Row>('SELECT * FROM explanations WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 AND round = $4 FOR UPDATE', [
      cycleId,
      unitId,
      code,
      settings.round,
    ]);
    if (!current)
      throw notFound(
        { vi: `đơn vị chưa giải trình tiêu chí ${code} ở vòng ${settings.round}`, en: `the unit has not explained ${code} in round ${settings.round}` },
        'code',
      );
    if (current.version !== command.version)
      throw new ConflictError({ vi: 'giải trình vừa thay đổi: tải lại rồi trả lời', en: 'the explanation just changed: reload and answer' }, record(current));
    const reason = command.reason.trim();
    if (!reason) throw refuse('explanation.reason', 'trả lời giải trình phải nêu lý do', 'an answer needs a reason', 'reason');
    const [score] = await tx.query<{ appraised_points: bigint | null; self_points: bigint | null; reason: string | null }>(
      'SELECT appraised_points, self_points, reason FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 FOR UPDATE',
      [cycleId, unitId, code],
    );
    let points = score?.appraised_points ?? null;
    let framework: Framework | undefined;
    if (command.outcome === 'accepted') {
      if (command.points === undefined)
        throw refuse('explanation.points', 'chấp nhận giải trình: ghi điểm thẩm định mới', 'accepting an explanation: give the new appraised score', 'points');
      framework = await cycleFramework(tx, cycleId);
      const node = framework?.nodes.get(code);
      const max = node?.maxPoints ?? node?.cap;
      if (command.points < 0 || (max !== undefined && command.points > max)) {
        throw new ParError(
          issue(
            'score.outOfRange',
            {
              vi: `điểm phải từ 0 đến ${formatPoints(max!)} (tối đa của ${code})`,
              en: `points must be between 0 and ${formatPoints(max!, { locale: 'en' })} (the maximum of ${code})`,
            },
            { field: 'points', node: code },
          ),
        );
      }
      points = BigInt(command.points);
    }
    // The answer's reason is the criterion's final reason: the report and the recoverable points read it.
    await tx.query(
      'UPDATE scores SET appraised_points = $4, reason = $5, version = version + 1, updated_at = now() WHERE cycle_id = $1 AND unit_id = $2 AND code = $3',
      [cycleId, unitId, code, points, reason],
    );
    // The core's checks of any appraised score (bounds, the sum under the parent); a refusal rolls back.
    if (command.outcome === 'accepted') await checkByCore(tx, cycleId, unitId, code, { appraised: command.points! }, framework);
    const [row] = await tx.query<Row>(
      'UPDATE explanations SET outcome = $2, new_points = $3, answer_reason = $4, answered_by = $5, answered_at = now(), version = version + 1 WHERE id = $1 RETURNING *',
      [current.id, command.outcome, command.outcome === 'accepted' ? points : null, reason, actor.userId],
    );
    const written = record(row!);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'explanation.answer',
      subject: subject(cycleId, unitId, code),
      before: { appraised: text(score?.appraised_points ?? null), reason: score?.reason ?? null },
      after: { round: written.round, outcome: written.outcome, appraised: text(points) },
      reason,
    });
    return written;
  });
}

/** Closes the open round: every explanation of it must be answered. After round 2 the appraisal can be completed. */
export async function closeRound(db: Database, cycleId: string, round: number, actor: Actor): Promise<AppraisalSettings> {
  return db.transaction(async (tx) => {
    authorize(await withAgency(tx, actor), 'leadAppraisal');
    const settings = await appraisalSettings(tx, cycleId, true);
    twoRoundOnly(settings);
    if (settings.round !== round) {
      throw refuse(
        'appraisal.round',
        settings.round > 2 ? 'hai vòng giải trình đã kết thúc' : `vòng đang mở là vòng ${settings.round}`,
        settings.round > 2 ? 'both rounds are closed' : `the open round is round ${settings.round}`,
        'round',
      );
    }
    const open = await tx.query<{ unit_id: string; code: string }>(
      'SELECT unit_id, code FROM explanations WHERE cycle_id = $1 AND round = $2 AND outcome IS NULL ORDER BY unit_id, code',
      [cycleId, round],
    );
    if (open.length) {
      throw new ParError(
        open.map((e) =>
          issue(
            'appraisal.unanswered',
            { vi: `giải trình tiêu chí ${e.code} của ${e.unit_id} chưa được trả lời`, en: `the explanation of ${e.code} by ${e.unit_id} is not answered` },
            { unit: e.unit_id, node: e.code, field: 'round' },
          ),
        ),
      );
    }
    await tx.query('UPDATE appraisal_settings SET round = round + 1, version = version + 1 WHERE cycle_id = $1', [cycleId]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'appraisal.closeRound',
      subject: `cycle/${cycleId}`,
      before: { round },
      after: { round: round + 1 },
    });
    return appraisalSettings(tx, cycleId);
  });
}

/** Completing a unit's appraisal in the two-round process waits for both rounds to close. */
export async function checkRoundsClosed(tx: Queryable, cycleId: string): Promise<void> {
  const settings = await appraisalSettings(tx, cycleId);
  if (settings.process === 'twoRound' && settings.round <= 2) {
    throw refuse(
      'appraisal.roundsOpen',
      `vòng giải trình ${settings.round} chưa kết thúc: hoàn thành thẩm định sau khi đóng vòng 2`,
      `explanation round ${settings.round} is still open: complete the appraisal after round 2 closes`,
      'round',
    );
  }
}

/**
 * Once the unit sees the preliminary scores, appraised scores change only through answers to its
 * explanations (each with its reason, in the criterion's history), never silently.
 */
export async function checkDirectAppraisal(tx: Queryable, cycleId: string, state: AssessmentState): Promise<void> {
  if (state !== 'underAppraisal') return;
  const settings = await appraisalSettings(tx, cycleId);
  if (preliminaryVisible(settings)) {
    throw refuse(
      'appraisal.throughAnswers',
      'kết quả thẩm định sơ bộ đã gửi đơn vị: điểm chỉ thay đổi qua trả lời giải trình',
      'the preliminary appraisal is sent to the unit: scores change only by answering its explanations',
      'appraised',
    );
  }
}

/** A unit user reads no appraised score before the day the province sends the preliminary appraisal. */
export async function hidePreliminary(q: Queryable, cycleId: string, actor: Actor, state: AssessmentState, rows: ScoreRecord[]): Promise<ScoreRecord[]> {
  if (actor.role !== 'unitEditor' && actor.role !== 'unitViewer') return rows;
  if (state !== 'submitted' && state !== 'underAppraisal') return rows;
  const settings = await appraisalSettings(q, cycleId);
  if (settings.process !== 'twoRound' || preliminaryVisible(settings)) return rows;
  return rows.map((r) => ({ ...r, appraised: null, reason: null }));
}

export interface CriterionExplanations {
  code: string;
  name: string;
  self: string | null;
  appraised: string | null;
  reason: string | null;
  explanations: Explanation[];
}

/** The unit's explanation sheet: the calendar, and each appraised criterion with its explanations and answers. */
export async function explanationSheet(q: Queryable, cycleId: string, unitId: string, actor: Actor) {
  const { state } = await assessmentOf(q, cycleId, unitId);
  authorize(actor, state === 'published' ? 'readPublished' : 'readAssessment', { unitId, state });
  const settings = await appraisalSettings(q, cycleId);
  const today = todayInVietnam();
  const unitReader = actor.role === 'unitEditor' || actor.role === 'unitViewer';
  const visible =
    !unitReader ||
    preliminaryVisible(settings, today) ||
    state === 'appraised' ||
    state === 'published' ||
    state === 'recheckRequested' ||
    state === 'recheckAnswered';
  const nodes = (await cycleFramework(q, cycleId))!.nodes;
  const scores = await q.query<{ code: string; self_points: bigint | null; appraised_points: bigint | null; reason: string | null }>(
    'SELECT code, self_points, appraised_points, reason FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND appraised_points IS NOT NULL ORDER BY code',
    [cycleId, unitId],
  );
  const explanations = await explanationsOf(q, cycleId, unitId);
  const criteria: CriterionExplanations[] = visible
    ? scores.map((s) => ({
        code: s.code,
        name: nodes.get(s.code)?.name ?? s.code,
        self: text(s.self_points),
        appraised: text(s.appraised_points),
        reason: s.reason,
        explanations: explanations.filter((e) => e.code === s.code),
      }))
    : [];
  const who = await withAgency(q, actor);
  return {
    cycleId,
    unitId,
    state,
    process: settings.process,
    preliminaryFrom: settings.preliminaryFrom,
    rounds: settings.rounds,
    round: settings.round,
    today,
    visible,
    open: roundOpen(settings, today) && state === 'underAppraisal',
    mayExplain: decide(actor, 'explain', { unitId, state }).allowed && roundOpen(settings, today),
    mayAnswer: decide(who, 'answerExplanation', { unitId, state }).allowed && settings.round <= 2,
    criteria,
  };
}

/** The same for the unit's audit trail: no entry that wrote an appraised score or its reason before that day. */
export async function hidePreliminaryTrail<E extends { action: string; before?: unknown; after?: unknown }>(
  q: Queryable,
  cycleId: string,
  actor: Actor,
  state: AssessmentState,
  entries: E[],
): Promise<E[]> {
  if (actor.role !== 'unitEditor' && actor.role !== 'unitViewer') return entries;
  if (state !== 'submitted' && state !== 'underAppraisal') return entries;
  const settings = await appraisalSettings(q, cycleId);
  if (settings.process !== 'twoRound' || preliminaryVisible(settings)) return entries;
  const field = (value: unknown, key: string) => (value && typeof value === 'object' ? ((value as Record<string, unknown>)[key] ?? null) : null);
  return entries.filter(
    (e) =>
      e.action !== 'score.write' || (field(e.before, 'appraised') === field(e.after, 'appraised') && field(e.before, 'reason') === field(e.after, 'reason')),
  );
}
