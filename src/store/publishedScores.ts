/**
 * A published assessment's scores as everyone but the province reads them: as of the latest
 * decision. A correction being prepared (a final score and its reason written on the stored row)
 * is not shown before its own decision, as the analysis and the ranking do not show it: the final
 * scores are the published results' (the snapshot those read), and a row written since the decision
 * reads as the audit trail recorded it just before the first such write.
 */
import { toDecimalString, type GivenScore, type UnitResult } from '../core/index.ts';
import type { Queryable } from './database.ts';
import { listScores, type ScoreRecord } from './scores.ts';

const decimal = (points: GivenScore['total']) => (points === undefined ? null : toDecimalString(points));

export async function publishedScores(q: Queryable, cycleId: string, unitId: string, published: UnitResult | undefined): Promise<ScoreRecord[]> {
  const rows = await listScores(q, cycleId, unitId);
  const [decision] = await q.query<{ sequence: bigint | null }>(
    "SELECT max(sequence) AS sequence FROM audit_log WHERE subject = $1 AND action LIKE 'publication.%'",
    [`cycle/${cycleId}`],
  );
  // Results imported as published, with no decision taken here since: the stored rows are what was published.
  if (decision?.sequence === null || decision?.sequence === undefined) return rows;
  const prefix = `cycle/${cycleId}/unit/${unitId}/criterion/`;
  const since = await q.query<{ subject: string; before: Omit<ScoreRecord, 'version' | 'updatedAt'> | null }>(
    "SELECT subject, before FROM audit_log WHERE subject LIKE $1 AND action IN ('score.write', 'score.correct') AND sequence > $2 ORDER BY sequence",
    [`${prefix}%`, decision.sequence],
  );
  const asPublished = new Map<string, Omit<ScoreRecord, 'version' | 'updatedAt'> | null>();
  for (const entry of since) {
    const code = entry.subject.slice(prefix.length);
    if (!asPublished.has(code)) asPublished.set(code, entry.before);
  }
  const out: ScoreRecord[] = [];
  for (const row of rows) {
    const was = asPublished.has(row.code) ? asPublished.get(row.code) : row;
    // A row first written after the decision did not exist when it was taken.
    if (!was) continue;
    const given = published?.scores.get(row.code);
    const final = given?.total === undefined ? null : { total: decimal(given.total)!, appraisal: decimal(given.appraisal), survey: decimal(given.survey) };
    out.push({ ...row, self: was.self, appraised: was.appraised, reason: was.reason, comment: was.comment, indicator: was.indicator, final });
  }
  return out;
}
