/**
 * Survey points: computed by the core from the valid responses (not replaced, not excluded),
 * kept with their explanation as the preview, then written as the survey part of each unit's
 * results through the ordinary score write (audited, checked by the core), to be published
 * with the appraisal by the cycle's decision.
 */
import { fromMicro, issue, ParError, parsePoints, toDecimalString, type Framework, type Message, type Points } from '../core/index.ts';
import { pointsByNode, scoreAll, tallyResponses, type CriterionPoints } from '../core/survey/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { getScore, writeScore } from './scores.ts';
import type { SurveyRecord } from './survey.ts';
import { validAnswers } from './surveyResponses.ts';

export interface StoredPoints {
  unit: string;
  code: string;
  node: string;
  points: string | null;
  maxPoints: string;
  valid: number;
  explanation: Message;
}

export interface NodePreview {
  unit: string;
  node: string;
  /** The survey part the criteria add up to; null while one is not scored. */
  points: string | null;
  /** The survey part stored now. */
  current: string | null;
}

/** Computes every unit's survey points from the valid responses and keeps them as the preview. Audited. */
export async function computeSurveyPoints(
  db: Database,
  survey: SurveyRecord,
  framework: Framework,
  actor: Actor,
): Promise<{ criteria: StoredPoints[]; nodes: NodePreview[] }> {
  authorize(actor, 'importSurvey');
  return db.transaction(async (tx) => {
    const units = (await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1 ORDER BY position', [survey.cycleId])).map(
      (r) => r.unit_id,
    );
    const valid = await validAnswers(tx, survey.cycleId);
    const tally = tallyResponses(survey.questionnaire, valid);
    const scored = scoreAll(survey.questionnaire, tally, units, { rounding: framework.settings.pointsRounding, precision: framework.settings.precision });
    await tx.query('DELETE FROM survey_points WHERE cycle_id = $1', [survey.cycleId]);
    const all: (CriterionPoints & { unit: string })[] = [...scored].flatMap(([unit, list]) => list.map((c) => ({ ...c, unit })));
    await tx.query(
      `INSERT INTO survey_points (cycle_id, unit_id, code, node, points, max_points, valid, explanation)
       SELECT $1, u, c, n, p, m, v, e::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[], $8::text[]) AS x(u, c, n, p, m, v, e)`,
      [
        survey.cycleId,
        all.map((c) => c.unit),
        all.map((c) => c.code),
        all.map((c) => c.node),
        all.map((c) => c.points),
        all.map((c) => c.maxPoints),
        all.map((c) => c.valid),
        all.map((c) => JSON.stringify(c.explanation)),
      ],
    );
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.compute',
      subject: `cycle/${survey.cycleId}/survey`,
      after: { responses: valid.length, units: units.length },
    });
    return { criteria: await storedPoints(tx, survey.cycleId), nodes: await nodePreview(tx, survey.cycleId, scored) };
  });
}

async function nodePreview(q: Queryable, cycleId: string, scored: Map<string, CriterionPoints[]>): Promise<NodePreview[]> {
  const byNode = [...scored].map(([unit, list]) => [unit, pointsByNode(list)] as const);
  const nodes = [...new Set(byNode.flatMap(([, m]) => [...m.keys()]))];
  // The survey part stored now, for every unit and node at once (not one read per unit: 120 units were 240 queries).
  const current = new Map(
    (
      await q.query<{ unit_id: string; code: string; final_survey: bigint | null }>(
        'SELECT unit_id, code, final_survey FROM scores WHERE cycle_id = $1 AND code = ANY($2::text[])',
        [cycleId, nodes],
      )
    ).map((r) => [`${r.unit_id}\u0000${r.code}`, r.final_survey === null ? null : toDecimalString(fromMicro(Number(r.final_survey)))]),
  );
  const out: NodePreview[] = [];
  for (const [unit, points] of byNode) {
    for (const [node, p] of points) {
      out.push({ unit, node, points: p === null ? null : toDecimalString(p), current: current.get(`${unit}\u0000${node}`) ?? null });
    }
  }
  return out;
}

/** The points last computed, with their explanations (one unit's, or every unit's). */
export async function storedPoints(q: Queryable, cycleId: string, unit?: string): Promise<StoredPoints[]> {
  const rows = await q.query<{ unit_id: string; code: string; node: string; points: bigint | null; max_points: bigint; valid: number; explanation: Message }>(
    `SELECT p.unit_id, p.code, p.node, p.points, p.max_points, p.valid, p.explanation FROM survey_points p JOIN unit_results r ON r.cycle_id = p.cycle_id AND r.unit_id = p.unit_id
     WHERE p.cycle_id = $1 AND ($2::text IS NULL OR p.unit_id = $2) ORDER BY r.position, p.code`,
    [cycleId, unit ?? null],
  );
  return rows.map((r) => ({
    unit: r.unit_id,
    code: r.code,
    node: r.node,
    points: r.points === null ? null : toDecimalString(fromMicro(Number(r.points))),
    maxPoints: toDecimalString(fromMicro(Number(r.max_points))),
    valid: r.valid,
    explanation: r.explanation,
  }));
}

/**
 * Writes the previewed points as the survey part of each unit's results (every unit whose
 * criteria are all scored, or the units named): one audited score write per unit and node.
 */
export async function applySurveyPoints(
  db: Database,
  cycleId: string,
  actor: Actor,
  only?: string[],
): Promise<{ unit: string; node: string; points: string }[]> {
  authorize(actor, 'importSurvey');
  const stored = await storedPoints(db, cycleId);
  if (!stored.length)
    throw new ParError(
      issue(
        'survey.notReady',
        { vi: 'chưa tính điểm điều tra: hãy tính và xem trước', en: 'the survey points are not computed yet: compute and preview them first' },
        { field: 'points' },
      ),
    );
  const byUnitNode = new Map<string, { unit: string; node: string; micro: number | null }>();
  for (const p of stored) {
    if (only && !only.includes(p.unit)) continue;
    const key = `${p.unit}\u0000${p.node}`;
    const before = byUnitNode.get(key) ?? { unit: p.unit, node: p.node, micro: 0 };
    const micro = p.points === null || before.micro === null ? null : before.micro + parsePoints(p.points);
    byUnitNode.set(key, { ...before, micro });
  }
  const written: { unit: string; node: string; points: string }[] = [];
  for (const { unit, node, micro } of byUnitNode.values()) {
    if (micro === null) continue;
    const points = fromMicro(micro) as Points;
    const current = await getScore(db, cycleId, unit, node);
    if (current?.final?.survey === toDecimalString(points)) continue;
    await writeScore(db, { cycleId, unitId: unit, code: node, version: current?.version ?? 0, patch: { final: { survey: points } } }, actor);
    written.push({ unit, node, points: toDecimalString(points) });
  }
  await db.transaction((tx) => appendAudit(tx, { actorId: actor.userId, action: 'survey.apply', subject: `cycle/${cycleId}/survey`, after: { written } }));
  return written;
}
