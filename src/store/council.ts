/**
 * The appraisal council's record for a cycle (Hội đồng thẩm định): its members, the meeting, the
 * vote on the whole result or item by item with the approval share, the minutes as a stored
 * document. Where the cycle's settings require it, a publication refuses without an approving
 * decision; the publication keeps the decision it cites.
 */
import { ParError, issue } from '../core/index.ts';
import { checkCouncil, councilOutcome, type CouncilInput } from '../core/appraisal/council.ts';
import { fractionToNumber } from '../core/fraction.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appraisalSettings, withAgency } from './appraisalSetup.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { cycleOrFail } from './cycles.ts';
import { ConflictError } from './errors.ts';
import { bumpRevision, json } from './save.ts';
import type { Shaped } from './tables.ts';

export interface CouncilRecord extends CouncilInput {
  cycleId: string;
  minutes: { id: number; number: string; name: string } | null;
  items: (CouncilInput['items'][number] & { of: number; share: string; approved: boolean })[];
  approved: boolean;
  summary: { vi: string; en: string };
  recordedBy: string;
  recordedAt: string;
  version: number;
}

/** A row of `councils` as read (store/tables.ts: checked against the migrations). */
type Row = Omit<Shaped<'councils', { members: CouncilInput['members']; scope: 'whole' | 'items'; items: CouncilInput['items'] }>, 'cycle_id'>;

export async function councilOf(q: Queryable, cycleId: string): Promise<CouncilRecord | null> {
  const [row] = await q.query<Row>(
    "SELECT decision, to_char(meeting_on, 'YYYY-MM-DD') AS meeting_on, members, scope, items, minutes_document, recorded_by, recorded_at, version FROM councils WHERE cycle_id = $1",
    [cycleId],
  );
  if (!row) return null;
  const input: CouncilInput = { decision: row.decision, meetingOn: row.meeting_on, members: row.members, scope: row.scope, items: row.items };
  const outcome = councilOutcome(input);
  const [minutes] =
    row.minutes_document === null
      ? []
      : await q.query<{ id: bigint; number: string; name: string }>('SELECT id, number, name FROM documents WHERE id = $1', [row.minutes_document]);
  return {
    cycleId,
    ...input,
    items: outcome.items.map((i) => ({
      subject: i.subject,
      approve: i.approve,
      of: i.of,
      share: String(Math.round(fractionToNumber(i.share) * 10) / 10),
      approved: i.approved,
    })),
    approved: outcome.approved,
    summary: outcome.summary,
    minutes: minutes ? { id: Number(minutes.id), number: minutes.number, name: minutes.name } : null,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    version: row.version,
  };
}

export async function recordCouncil(
  db: Database,
  cycleId: string,
  input: CouncilInput & { minutes?: number; version: number },
  actor: Actor,
): Promise<CouncilRecord> {
  return db.transaction(async (tx) => {
    authorize(await withAgency(tx, actor), 'leadAppraisal');
    const cycle = await cycleOrFail(tx, cycleId);
    if (cycle.phase === 'published') {
      throw new ParError(
        issue(
          'council.published',
          {
            vi: 'kết quả đã công bố: biên bản hội đồng đã được trích dẫn, không sửa',
            en: 'the results are published: the council record they cite cannot change',
          },
          { field: 'cycle' },
        ),
      );
    }
    checkCouncil(input);
    if (input.minutes !== undefined && !(await tx.query('SELECT 1 FROM documents WHERE id = $1', [input.minutes])).length) {
      throw new ParError(
        issue(
          'council.minutes',
          { vi: `không có văn bản ${input.minutes} (biên bản họp)`, en: `no document ${input.minutes} (the minutes)` },
          { field: 'minutes' },
        ),
      );
    }
    const current = await councilOf(tx, cycleId);
    if ((current?.version ?? 0) !== input.version)
      throw new ConflictError(
        { vi: 'biên bản hội đồng vừa được sửa: tải lại rồi sửa tiếp', en: 'the council record was just changed: reload and edit again' },
        current,
      );
    await tx.query(
      `INSERT INTO councils (cycle_id, decision, meeting_on, members, scope, items, minutes_document, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (cycle_id) DO UPDATE SET decision = $2, meeting_on = $3, members = $4, scope = $5, items = $6, minutes_document = $7, recorded_by = $8, recorded_at = now(), version = councils.version + 1`,
      [cycleId, input.decision, input.meetingOn, json(input.members), input.scope, json(input.items), input.minutes ?? null, actor.userId],
    );
    const written = (await councilOf(tx, cycleId))!;
    const brief = (c: CouncilRecord) => ({
      decision: c.decision,
      meetingOn: c.meetingOn,
      members: c.members,
      scope: c.scope,
      items: c.items,
      minutes: c.minutes?.id ?? null,
      approved: c.approved,
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'council.record',
      subject: `cycle/${cycleId}`,
      ...(current && { before: brief(current) }),
      after: brief(written),
    });
    await bumpRevision(tx);
    return written;
  });
}

/** What a publication cites: the council's decision, or null where none is recorded and none is required. */
export async function councilForPublication(
  tx: Queryable,
  cycleId: string,
): Promise<{ decision: string; meetingOn: string; approved: boolean; summary: { vi: string; en: string }; minutes: number | null } | null> {
  const settings = await appraisalSettings(tx, cycleId);
  const council = await councilOf(tx, cycleId);
  if (settings.councilRequired && !council) {
    throw new ParError(
      issue(
        'publication.councilRequired',
        {
          vi: 'chưa công bố được: kỳ này cần kết luận của Hội đồng thẩm định (chưa ghi biên bản hội đồng)',
          en: 'cannot publish: this cycle needs the appraisal council’s decision (none is recorded)',
        },
        { field: 'council' },
      ),
    );
  }
  if (settings.councilRequired && council && !council.approved) {
    throw new ParError(
      issue(
        'publication.councilNotApproved',
        { vi: `chưa công bố được: ${council.summary.vi}`, en: `cannot publish: ${council.summary.en}` },
        { field: 'council' },
      ),
    );
  }
  return council
    ? { decision: council.decision, meetingOn: council.meetingOn, approved: council.approved, summary: council.summary, minutes: council.minutes?.id ?? null }
    : null;
}
