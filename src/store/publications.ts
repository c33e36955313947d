/**
 * Publication: the cycle's results as they stand are frozen into an immutable snapshot with
 * the province's decision number and date. A correction is another publication of the same
 * cycle with its own decision and a reason; the database refuses any edit of a snapshot.
 */
import { ParError, issue, type ResultsFile } from '../core/index.ts';
import { SYSTEM, authorize, decide, type Actor } from '../workflow/policy.ts';
import { STATE_LABELS, type AssessmentState } from '../workflow/states.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { notFound } from './errors.ts';
import { loadDocuments } from './load.ts';
import { bumpRevision, json } from './save.ts';
import { unitNames } from './unitNames.ts';

export interface PublicationRecord {
  id: number;
  cycleId: string;
  sequence: number;
  decision: string;
  decidedOn: string | null;
  reason: string | null;
  createdAt: string;
  snapshot: ResultsFile;
  /** The audit trail's head at the decision (its own entry): printed with the published results, it anchors the trail outside the database. */
  auditHead: { sequence: number; hash: string } | null;
}

interface Row {
  id: bigint;
  cycle_id: string;
  sequence: number;
  decision: string;
  decided_on: string | null;
  reason: string | null;
  created_at: Date;
  snapshot: ResultsFile;
  audit_sequence: bigint | null;
  audit_hash: string | null;
}

const record = (r: Row): PublicationRecord => ({
  id: Number(r.id),
  cycleId: r.cycle_id,
  sequence: r.sequence,
  decision: r.decision,
  decidedOn: r.decided_on,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
  snapshot: r.snapshot,
  auditHead: r.audit_sequence === null || r.audit_hash === null ? null : { sequence: Number(r.audit_sequence), hash: r.audit_hash },
});

export async function listPublications(q: Queryable, cycleId: string): Promise<PublicationRecord[]> {
  return (await q.query<Row>('SELECT * FROM publications WHERE cycle_id = $1 ORDER BY sequence', [cycleId])).map(record);
}

/**
 * Results imported as published (a province's past years, the demo's 2022 and 2023) have no
 * snapshot: their figures are the stored rows, so a correction written on them would reach every
 * reader at once. Before the first one is written, the rows as they are become the first snapshot,
 * under the decision the results carry; readers keep it until the correction's own decision.
 */
export async function keepImportedPublication(tx: Queryable, cycleId: string): Promise<void> {
  const [cycle] = await tx.query<{ publication: { decision?: string; date?: string } | null }>('SELECT publication FROM cycles WHERE id = $1 FOR UPDATE', [cycleId]);
  if (!cycle || (await tx.query('SELECT 1 FROM publications WHERE cycle_id = $1 LIMIT 1', [cycleId])).length) return;
  const decision = cycle.publication?.decision ?? 'kết quả đã công bố (dữ liệu nhập)';
  const date = cycle.publication?.date ?? null;
  const snapshot = (await loadDocuments(tx)).find((d) => d.file === `db:cycles/${cycleId}`)!.data;
  const head = await appendAudit(tx, { actorId: SYSTEM.userId, action: 'publication.publish', subject: `cycle/${cycleId}`, after: { sequence: 1, decision, date, imported: true } });
  await tx.query('INSERT INTO publications (cycle_id, sequence, decision, decided_on, snapshot, audit_sequence, audit_hash) VALUES ($1, 1, $2, $3, $4, $5, $6)', [cycleId, decision, date, json(snapshot), head.sequence, head.hash]);
}

export interface PublishRequest {
  cycleId: string;
  decision: string;
  decidedOn?: string;
  /** Required for a correction (every publication after the first). */
  reason?: string;
}

export async function publish(db: Database, request: PublishRequest, actor: Actor): Promise<PublicationRecord> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx.query<{ id: string }>('SELECT id FROM cycles WHERE id = $1 FOR UPDATE', [request.cycleId]);
    if (!cycle) throw notFound({ vi: `không có kỳ đánh giá ${request.cycleId}`, en: `no cycle ${request.cycleId}` }, 'cycle');
    const previous = await listPublications(tx, request.cycleId);
    const states = await tx.query<{ unit_id: string; state: AssessmentState }>('SELECT unit_id, state FROM unit_results WHERE cycle_id = $1 ORDER BY position', [request.cycleId]);
    const correction = states.length > 0 && states.every((s) => s.state === 'published');
    authorize(actor, correction ? 'correct' : 'publish');
    // The decision publishes the whole cycle: every unit's appraisal must be over.
    const waiting = states.filter((s) => !decide(actor, correction ? 'correct' : 'publish', { unitId: s.unit_id, state: s.state }).allowed);
    if (waiting.length) {
      const names = await unitNames(tx, waiting.map((s) => s.unit_id));
      const list = (locale: 'vi' | 'en') => waiting.map((s) => `${names.get(s.unit_id)} (${STATE_LABELS[s.state][locale]})`).join(', ');
      throw new ParError(
        issue(
          'publication.notReady',
          {
            vi: `chưa công bố được: ${waiting.length} đơn vị chưa thẩm định xong hoặc chưa trả lời phúc tra — ${list('vi')}`,
            en: `cannot publish yet: ${waiting.length} units are not through appraisal or re-check — ${list('en')}`,
          },
          { field: 'cycle' },
        ),
      );
    }
    if (previous.length && !request.reason?.trim()) {
      throw new ParError(
        issue('publication.reasonRequired', { vi: 'kết quả đã công bố: đính chính cần nêu lý do', en: 'results are already published: a correction needs a reason' }, { field: 'reason' }),
      );
    }
    if (previous.some((p) => p.decision === request.decision)) {
      throw new ParError(issue('publication.duplicateDecision', { vi: `quyết định ${request.decision} đã được dùng`, en: `decision ${request.decision} was already used` }, { field: 'decision' }));
    }
    // The decision's own entry comes first: the publication keeps it as the trail's head.
    const head = await appendAudit(tx, {
      actorId: actor.userId,
      action: previous.length ? 'publication.correct' : 'publication.publish',
      subject: `cycle/${request.cycleId}`,
      after: { sequence: previous.length + 1, decision: request.decision, date: request.decidedOn ?? null },
      ...(request.reason && { reason: request.reason }),
    });
    // The decision goes into the results themselves, so that every figure read from them names
    // it, and the trail's head with it, so that every published document prints it.
    const publication = { decision: request.decision, ...(request.decidedOn && { date: request.decidedOn }), auditHead: `${head.sequence}:${head.hash}` };
    await tx.query("UPDATE cycles SET publication = (coalesce(publication, '{}'::jsonb) - 'date') || $2::jsonb WHERE id = $1", [request.cycleId, json(publication)]);
    const snapshot = (await loadDocuments(tx)).find((d) => d.file === `db:cycles/${request.cycleId}`)!.data;
    const [row] = await tx.query<Row>(
      'INSERT INTO publications (cycle_id, sequence, decision, decided_on, reason, snapshot, audit_sequence, audit_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
      [request.cycleId, previous.length + 1, request.decision, request.decidedOn ?? null, request.reason ?? null, json(snapshot), head.sequence, head.hash],
    );
    await tx.query("UPDATE cycles SET phase = 'published', version = version + 1 WHERE id = $1", [request.cycleId]);
    await tx.query("UPDATE unit_results SET state = 'published', version = version + 1 WHERE cycle_id = $1 AND state <> 'published'", [request.cycleId]);
    await bumpRevision(tx);
    return record(row!);
  });
}
