/**
 * Publication: the cycle's results as they stand are frozen into an immutable snapshot with
 * the province's decision number and date. A correction is another publication of the same
 * cycle with its own decision and a reason; the database refuses any edit of a snapshot.
 */
import { ParError, buildDataset, computeYear, fromMicro, issue, rankOf, toDecimalString, type Issue, type ResultsFile } from '../core/index.ts';
import { todayInVietnam } from './clock.ts';
import { SYSTEM, authorize, decide, type Actor } from '../workflow/policy.ts';
import { STATE_LABELS, type AssessmentState } from '../workflow/states.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { notFound } from './errors.ts';
import { loadDocuments } from './load.ts';
import { bumpRevision, json } from './save.ts';
import { unitNames } from './unitNames.ts';
import { councilForPublication } from './council.ts';
import type { Shaped } from './tables.ts';

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
  /** Units left out of the decision (their total unknown), each with the province's reason. */
  excluded: Exclusion[];
  /** The appraisal council's decision the publication cites (store/council.ts), when one is recorded. */
  council: PublishedCouncil | null;
}

export type PublishedCouncil = NonNullable<Awaited<ReturnType<typeof councilForPublication>>>;

export interface Exclusion {
  unit: string;
  reason: string;
}

/** A row of `publications` (store/tables.ts: checked against the migrations). */
type Row = Shaped<'publications', { snapshot: ResultsFile; excluded: Exclusion[]; council?: PublishedCouncil | null }>;

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
  excluded: r.excluded ?? [],
  council: r.council ?? null,
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
  const [cycle] = await tx.query<{ publication: { decision?: string; date?: string } | null }>('SELECT publication FROM cycles WHERE id = $1 FOR UPDATE', [
    cycleId,
  ]);
  if (!cycle || (await tx.query('SELECT 1 FROM publications WHERE cycle_id = $1 LIMIT 1', [cycleId])).length) return;
  const decision = cycle.publication?.decision ?? 'kết quả đã công bố (dữ liệu nhập)';
  const date = cycle.publication?.date ?? null;
  const snapshot = (await loadDocuments(tx)).find((d) => d.file === `db:cycles/${cycleId}`)!.data;
  const head = await appendAudit(tx, {
    actorId: SYSTEM.userId,
    action: 'publication.publish',
    subject: `cycle/${cycleId}`,
    after: { sequence: 1, decision, date, imported: true },
  });
  await tx.query(
    'INSERT INTO publications (cycle_id, sequence, decision, decided_on, snapshot, audit_sequence, audit_hash) VALUES ($1, 1, $2, $3, $4, $5, $6)',
    [cycleId, decision, date, json(snapshot), head.sequence, head.hash],
  );
}

export interface PublishRequest {
  cycleId: string;
  decision: string;
  decidedOn?: string;
  /** Required for a correction (every publication after the first). */
  reason?: string;
  /** Units whose total is not known, left out of the decision, each with a reason. */
  excluded?: Exclusion[];
}

export interface PreviewRow {
  unit: string;
  name: string;
  /** Decimal text ("78.12"), or null when the core cannot compute it (scores missing). */
  total: string | null;
  rank?: number;
  /** How many units the rank is among (the unit's peer group). */
  of: number;
}

/** What a decision would publish now: every unit of the cycle with its total and rank, as computed. */
export async function publicationPreview(tx: Queryable, cycleId: string): Promise<PreviewRow[]> {
  const documents = (await loadDocuments(tx)).filter((d) => !d.file.startsWith('db:cycles/') || d.file === `db:cycles/${cycleId}`);
  const dataset = buildDataset(documents);
  const set = dataset.results[0];
  const framework = set && dataset.frameworks.get(set.frameworkId);
  const states = await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1 ORDER BY position', [cycleId]);
  const names = await unitNames(
    tx,
    states.map((s) => s.unit_id),
  );
  const computation = set && framework ? computeYear(set, framework, (id) => dataset.units.get(id)?.peerGroup ?? 'all') : undefined;
  return states.map(({ unit_id: unit }) => {
    const total = computation?.scores.get(unit)?.total;
    const rank = computation?.scores.has(unit) ? rankOf(computation, unit) : undefined;
    return {
      unit,
      name: names.get(unit) ?? unit,
      total: total === undefined ? null : toDecimalString(fromMicro(total)),
      ...(rank?.rank !== undefined && { rank: rank.rank }),
      of: rank?.of ?? 0,
    };
  });
}

/** What a decision would be refused for (publicationProblems), with what it would record when there is nothing. */
async function problemsOf(
  tx: Queryable,
  request: PublishRequest,
  actor: Actor,
  previous: readonly PublicationRecord[],
  states: readonly { unit_id: string; state: AssessmentState }[],
  options: { preview?: boolean } = {},
): Promise<{ issues: Issue[]; excluded: Exclusion[]; council: PublishedCouncil | null }> {
  const correction = states.length > 0 && states.every((s) => s.state === 'published');
  authorize(actor, correction ? 'correct' : 'publish');
  const issues: Issue[] = [];
  // The decision publishes the whole cycle: every unit's appraisal must be over.
  const waiting = states.filter((s) => !decide(actor, correction ? 'correct' : 'publish', { unitId: s.unit_id, state: s.state }).allowed);
  if (waiting.length) {
    const names = await unitNames(
      tx,
      waiting.map((s) => s.unit_id),
    );
    const list = (locale: 'vi' | 'en') => waiting.map((s) => `${names.get(s.unit_id)} (${STATE_LABELS[s.state][locale]})`).join(', ');
    issues.push(
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
  // No unit's total may be unknown, unless the decision leaves that unit out with a reason.
  // A correction keeps the units its predecessor left out unless it names its own.
  const excluded = (request.excluded ?? previous.at(-1)?.excluded ?? []).map((e) => ({ unit: e.unit, reason: e.reason?.trim() }));
  issues.push(...(await exclusionProblems(tx, request.cycleId, excluded)));
  // At the preview the units without a total are the rows the province gives a reason for: asked at the confirmation.
  const left = new Set(excluded.map((e) => e.unit));
  // A unit still in appraisal is said once, as not ready: its scores may yet come.
  const notThrough = new Set(waiting.map((s) => s.unit_id));
  const unknown = options.preview ? [] : (await unknownTotals(tx, request.cycleId)).filter((id) => !left.has(id) && !notThrough.has(id));
  if (unknown.length) {
    const names = await unitNames(tx, unknown);
    issues.push(
      ...unknown.map((id) =>
        issue(
          'publication.unknownTotal',
          {
            vi: `chưa công bố được: chưa tính được tổng điểm của ${names.get(id) ?? id} (thiếu điểm); hãy bổ sung điểm, hoặc loại đơn vị khỏi quyết định kèm lý do`,
            en: `cannot publish: the total of ${names.get(id) ?? id} is not known (scores missing); complete its scores, or leave the unit out of the decision with a reason`,
          },
          { unit: id, field: 'excluded' },
        ),
      ),
    );
  }
  if (previous.length && !request.reason?.trim()) {
    issues.push(
      issue(
        'publication.reasonRequired',
        { vi: 'kết quả đã công bố: đính chính cần nêu lý do', en: 'results are already published: a correction needs a reason' },
        { field: 'reason' },
      ),
    );
  }
  if (request.decision !== undefined && previous.some((p) => p.decision === request.decision)) {
    issues.push(
      issue(
        'publication.duplicateDecision',
        { vi: `quyết định ${request.decision} đã được dùng`, en: `decision ${request.decision} was already used` },
        { field: 'decision' },
      ),
    );
  }
  // A decision is signed before it is published: its date cannot be after today where it is signed.
  const today = todayInVietnam();
  if (request.decidedOn && request.decidedOn > today) {
    issues.push(
      issue(
        'publication.futureDate',
        {
          vi: `ngày quyết định ${dmy(request.decidedOn)} chưa đến (hôm nay ${dmy(today)})`,
          en: `the decision date ${request.decidedOn} is after today (${today})`,
        },
        { field: 'date' },
      ),
    );
  }
  // Where the cycle's settings require it, the council's approving decision; cited when recorded.
  let council: PublishedCouncil | null = null;
  try {
    council = await councilForPublication(tx, request.cycleId);
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    issues.push(...error.issues);
  }
  return { issues, excluded: excluded as Exclusion[], council };
}

/** 2025-05-15 → 15/05/2025, as the decision's date is written on the form. */
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Every problem the confirmation of a decision would be refused for, listed at once, each at its
 * field (the decision number used, the date after today, an exclusion without a reason, units not
 * through appraisal, …), without writing anything: asked at the preview, so that the confirmation
 * — which checks them all again, the state may have changed — has nothing new to say. At the
 * preview (`preview`), units whose total is unknown are not refused: the preview lists them for a reason.
 */
export async function publicationProblems(
  db: Queryable,
  request: Omit<PublishRequest, 'decision'> & { decision?: string },
  actor: Actor,
  options: { preview?: boolean } = {},
): Promise<Issue[]> {
  const [cycle] = await db.query<{ id: string }>('SELECT id FROM cycles WHERE id = $1', [request.cycleId]);
  if (!cycle) throw notFound({ vi: `không có kỳ đánh giá ${request.cycleId}`, en: `no cycle ${request.cycleId}` }, 'cycle');
  const previous = await listPublications(db, request.cycleId);
  const states = await db.query<{ unit_id: string; state: AssessmentState }>('SELECT unit_id, state FROM unit_results WHERE cycle_id = $1 ORDER BY position', [
    request.cycleId,
  ]);
  return (await problemsOf(db, request as PublishRequest, actor, previous, states, options)).issues;
}

/** The units of the cycle whose total the core cannot compute (a component without any score …). */
async function unknownTotals(tx: Queryable, cycleId: string): Promise<string[]> {
  return (await publicationPreview(tx, cycleId)).filter((r) => r.total === null).map((r) => r.unit);
}

/** The exclusions that name no unit of the cycle, twice the same unit, or no reason. */
async function exclusionProblems(tx: Queryable, cycleId: string, excluded: readonly Exclusion[]): Promise<Issue[]> {
  const inCycle = new Set((await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1', [cycleId])).map((r) => r.unit_id));
  const seen = new Set<string>();
  const issues = excluded.flatMap((e, i) => {
    const out = [];
    if (!inCycle.has(e.unit))
      out.push(
        issue(
          'publication.excludedUnknown',
          { vi: `kỳ ${cycleId} không có đơn vị ${e.unit}`, en: `cycle ${cycleId} has no unit ${e.unit}` },
          { field: `excluded.${i}.unit`, unit: e.unit },
        ),
      );
    if (seen.has(e.unit))
      out.push(
        issue(
          'publication.excludedTwice',
          { vi: `đơn vị ${e.unit} được loại trừ hai lần`, en: `unit ${e.unit} is excluded twice` },
          { field: `excluded.${i}.unit`, unit: e.unit },
        ),
      );
    if (!e.reason?.trim())
      out.push(
        issue(
          'publication.exclusionReason',
          { vi: `loại đơn vị ${e.unit} khỏi quyết định phải có lý do`, en: `leaving unit ${e.unit} out of the decision needs a reason` },
          { field: `excluded.${i}.reason`, unit: e.unit },
        ),
      );
    seen.add(e.unit);
    return out;
  });
  return issues;
}

export async function publish(db: Database, request: PublishRequest, actor: Actor): Promise<PublicationRecord> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx.query<{ id: string }>('SELECT id FROM cycles WHERE id = $1 FOR UPDATE', [request.cycleId]);
    if (!cycle) throw notFound({ vi: `không có kỳ đánh giá ${request.cycleId}`, en: `no cycle ${request.cycleId}` }, 'cycle');
    const previous = await listPublications(tx, request.cycleId);
    const states = await tx.query<{ unit_id: string; state: AssessmentState }>(
      'SELECT unit_id, state FROM unit_results WHERE cycle_id = $1 ORDER BY position',
      [request.cycleId],
    );
    const { issues, excluded, council } = await problemsOf(tx, request, actor, previous, states);
    if (issues.length) throw new ParError(issues);
    // The decision's own entry comes first: the publication keeps it as the trail's head.
    const head = await appendAudit(tx, {
      actorId: actor.userId,
      action: previous.length ? 'publication.correct' : 'publication.publish',
      subject: `cycle/${request.cycleId}`,
      after: {
        sequence: previous.length + 1,
        decision: request.decision,
        date: request.decidedOn ?? null,
        ...(excluded.length > 0 && { excluded }),
        ...(council && { council: council.summary.vi }),
      },
      ...(request.reason && { reason: request.reason }),
    });
    // The decision goes into the results themselves, so that every figure read from them names
    // it, and the trail's head with it, so that every published document prints it.
    const publication = {
      decision: request.decision,
      ...(request.decidedOn && { date: request.decidedOn }),
      auditHead: `${head.sequence}:${head.hash}`,
      ...(council && { council: council.summary.vi }),
    };
    await tx.query("UPDATE cycles SET publication = (coalesce(publication, '{}'::jsonb) - 'date') || $2::jsonb WHERE id = $1", [
      request.cycleId,
      json(publication),
    ]);
    const snapshot = (await loadDocuments(tx)).find((d) => d.file === `db:cycles/${request.cycleId}`)!.data;
    const [row] = await tx.query<Row>(
      'INSERT INTO publications (cycle_id, sequence, decision, decided_on, reason, snapshot, audit_sequence, audit_hash, excluded, council) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *',
      [
        request.cycleId,
        previous.length + 1,
        request.decision,
        request.decidedOn ?? null,
        request.reason ?? null,
        json(snapshot),
        head.sequence,
        head.hash,
        json(excluded),
        json(council),
      ],
    );
    await tx.query("UPDATE cycles SET phase = 'published', version = version + 1 WHERE id = $1", [request.cycleId]);
    await tx.query("UPDATE unit_results SET state = 'published', version = version + 1 WHERE cycle_id = $1 AND state <> 'published'", [request.cycleId]);
    await bumpRevision(tx);
    return record(row!);
  });
}
