/**
 * How the province organises a cycle's appraisal: the appraising agencies and their staff, which
 * components or criteria each appraises, and the process with its calendar (the two-round
 * explanation process: the date the unit sees the preliminary scores, each round's window). The
 * policy table decides who may; this file resolves an appraiser's agency and a criterion's owner.
 */
import type { ErrorCode } from '../core/errorCodes.ts';
import { ParError, issue, readFramework } from '../core/index.ts';
import { authorize, type Actor, type Target } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { cycleOrFail } from './cycles.ts';
import { notFound } from './errors.ts';
import { bumpRevision } from './save.ts';
import type { Shaped } from './tables.ts';

export interface Agency {
  id: string;
  name: string;
  /** Usernames of its staff (appraisers). */
  users: string[];
}

export interface Assignment {
  code: string;
  agency: string;
}

export interface AppraisalSettings {
  cycleId: string;
  process: 'single' | 'twoRound';
  /** From this day the unit sees its preliminary appraised scores and may explain. */
  preliminaryFrom: string | null;
  rounds: { from: string | null; to: string | null }[];
  /** 1 or 2: the open round; 3: both rounds closed. */
  round: number;
  /** Publication needs the council's approving decision. */
  councilRequired: boolean;
  version: number;
}

const refuse = (code: string, vi: string, en: string, field: string) => new ParError(issue(code as ErrorCode, { vi, en }, { field }));

/** The appraiser's agency, when they belong to one; other actors unchanged. */
export async function withAgency(q: Queryable, actor: Actor): Promise<Actor> {
  if (actor.role !== 'appraiser' || actor.agencyId) return actor;
  const [row] = await q.query<{ agency_id: string }>('SELECT agency_id FROM appraisal_agency_users WHERE user_id::text = $1', [actor.userId]);
  return row ? { ...actor, agencyId: row.agency_id } : actor;
}

export async function assignmentsOf(q: Queryable, cycleId: string): Promise<Assignment[]> {
  return q.query<Assignment>('SELECT code, agency_id AS agency FROM appraisal_assignments WHERE cycle_id = $1 ORDER BY code', [cycleId]);
}

/** The assignment that covers a code (itself or its nearest assigned ancestor). */
export function coveringAssignment(assignments: readonly Assignment[], code: string): Assignment | undefined {
  let best: Assignment | undefined;
  for (const a of assignments) if ((code === a.code || code.startsWith(`${a.code}.`)) && (!best || a.code.length > best.code.length)) best = a;
  return best;
}

/** The actor with their agency, and the policy target for a criterion of a unit. */
export async function criterionTarget(
  q: Queryable,
  cycleId: string,
  actor: Actor,
  target: Target & { code: string },
  /** The cycle's assignments when the caller read them already (a score write, with the unit's row). */
  assignments?: readonly Assignment[],
): Promise<{ actor: Actor; target: Target }> {
  const who = await withAgency(q, actor);
  const owner = coveringAssignment(assignments ?? (await assignmentsOf(q, cycleId)), target.code);
  return { actor: who, target: { ...target, assignedTo: owner?.agency ?? null } };
}

export async function listAgencies(q: Queryable): Promise<Agency[]> {
  const agencies = await q.query<{ id: string; name: string }>('SELECT id, name FROM appraisal_agencies ORDER BY id');
  const users = await q.query<{ agency_id: string; username: string }>(
    'SELECT m.agency_id, u.username FROM appraisal_agency_users m JOIN users u ON u.id = m.user_id ORDER BY u.username',
  );
  return agencies.map((a) => ({ ...a, users: users.filter((u) => u.agency_id === a.id).map((u) => u.username) }));
}

/** Creates or renames an agency and sets its staff (appraisers; each belongs to one agency). */
export async function saveAgency(db: Database, agency: Agency, actor: Actor): Promise<Agency> {
  authorize(actor, 'manageAppraisal');
  return db.transaction(async (tx) => {
    const users = agency.users.length
      ? await tx.query<{ id: bigint; username: string; role: string }>('SELECT id, username, role FROM users WHERE username = ANY($1::text[])', [agency.users])
      : [];
    const issues = agency.users.flatMap((name, i) => {
      const user = users.find((u) => u.username === name);
      if (!user) return [issue('agency.unknownUser', { vi: `không có người dùng ${name}`, en: `no user ${name}` }, { field: `users.${i}` })];
      if (user.role !== 'appraiser')
        return [issue('agency.notAppraiser', { vi: `${name} không phải người dùng thẩm định`, en: `${name} is not an appraiser` }, { field: `users.${i}` })];
      return [];
    });
    if (issues.length) throw new ParError(issues);
    const [before] = await tx.query<{ name: string }>('SELECT name FROM appraisal_agencies WHERE id = $1 FOR UPDATE', [agency.id]);
    await tx.query(
      'INSERT INTO appraisal_agencies (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, version = appraisal_agencies.version + 1',
      [agency.id, agency.name],
    );
    await tx.query('DELETE FROM appraisal_agency_users WHERE agency_id = $1', [agency.id]);
    for (const user of users) {
      await tx.query(
        'INSERT INTO appraisal_agency_users (user_id, agency_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET agency_id = EXCLUDED.agency_id',
        [user.id, agency.id],
      );
    }
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'appraisal.agency',
      subject: `agency/${agency.id}`,
      ...(before && { before: { name: before.name } }),
      after: { name: agency.name, users: agency.users },
    });
    await bumpRevision(tx);
    return agency;
  });
}

/**
 * Replaces the cycle's assignments. Every code must be a node of the cycle's framework and no
 * assigned node may lie under another (one criterion, one agency).
 */
export async function assignCriteria(db: Database, cycleId: string, assignments: readonly Assignment[], actor: Actor): Promise<Assignment[]> {
  authorize(actor, 'manageAppraisal');
  return db.transaction(async (tx) => {
    const cycle = await cycleOrFail(tx, cycleId);
    const [framework] = await tx.query<{ document: unknown }>('SELECT document FROM frameworks WHERE id = $1', [cycle.framework]);
    const nodes = readFramework(framework!.document).nodes;
    const agencies = new Set((await tx.query<{ id: string }>('SELECT id FROM appraisal_agencies')).map((r) => r.id));
    const issues = assignments.flatMap((a, i) => {
      const out = [];
      if (!nodes.has(a.code))
        out.push(
          issue(
            'assignment.unknownCriterion',
            { vi: `bộ tiêu chí không có mã ${a.code}`, en: `the framework has no code ${a.code}` },
            { field: `assignments.${i}.code`, node: a.code },
          ),
        );
      if (!agencies.has(a.agency))
        out.push(
          issue(
            'assignment.unknownAgency',
            { vi: `không có cơ quan thẩm định ${a.agency}`, en: `no appraising agency ${a.agency}` },
            { field: `assignments.${i}.agency` },
          ),
        );
      const over = assignments.find((b) => b !== a && (a.code === b.code || a.code.startsWith(`${b.code}.`)));
      if (over) {
        out.push(
          issue(
            'assignment.overlap',
            {
              vi: `${a.code} đã thuộc phần giao ${over.code} (${over.agency}): mỗi tiêu chí một cơ quan`,
              en: `${a.code} is already within ${over.code} (${over.agency}): one agency per criterion`,
            },
            { field: `assignments.${i}.code`, node: a.code },
          ),
        );
      }
      return out;
    });
    if (issues.length) throw new ParError(issues);
    const before = await assignmentsOf(tx, cycleId);
    await tx.query('DELETE FROM appraisal_assignments WHERE cycle_id = $1', [cycleId]);
    for (const a of assignments)
      await tx.query('INSERT INTO appraisal_assignments (cycle_id, code, agency_id) VALUES ($1, $2, $3)', [cycleId, a.code, a.agency]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'appraisal.assign',
      subject: `cycle/${cycleId}`,
      before: { assignments: before },
      after: { assignments },
    });
    await bumpRevision(tx);
    return assignmentsOf(tx, cycleId);
  });
}

type SettingsRow = Omit<Shaped<'appraisal_settings', { process: 'single' | 'twoRound' }>, 'cycle_id'>;

/** The cycle's settings; a cycle nobody set runs the single process (as before), no council required. */
export async function appraisalSettings(q: Queryable, cycleId: string, lock = false): Promise<AppraisalSettings> {
  const [row] = await q.query<SettingsRow>(
    `SELECT process, to_char(preliminary_from, 'YYYY-MM-DD') AS preliminary_from, to_char(round1_from, 'YYYY-MM-DD') AS round1_from, to_char(round1_to, 'YYYY-MM-DD') AS round1_to,
       to_char(round2_from, 'YYYY-MM-DD') AS round2_from, to_char(round2_to, 'YYYY-MM-DD') AS round2_to, round, council_required, version
     FROM appraisal_settings WHERE cycle_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [cycleId],
  );
  if (!row) return { cycleId, process: 'single', preliminaryFrom: null, rounds: [], round: 1, councilRequired: false, version: 0 };
  return {
    cycleId,
    process: row.process,
    preliminaryFrom: row.preliminary_from,
    rounds: [
      { from: row.round1_from, to: row.round1_to },
      { from: row.round2_from, to: row.round2_to },
    ],
    round: row.round,
    councilRequired: row.council_required,
    version: row.version,
  };
}

export interface SettingsInput {
  process: 'single' | 'twoRound';
  preliminaryFrom?: string;
  rounds?: { from: string; to: string }[];
  councilRequired: boolean;
  /** The version read (0 when none was set). */
  version: number;
}

export async function saveAppraisalSettings(db: Database, cycleId: string, input: SettingsInput, actor: Actor): Promise<AppraisalSettings> {
  authorize(actor, 'manageAppraisal');
  const rounds = input.rounds ?? [];
  if (input.process === 'twoRound') {
    const issues = [];
    if (!input.preliminaryFrom)
      issues.push(
        issue(
          'appraisal.preliminaryFrom',
          { vi: 'phải đặt ngày gửi kết quả thẩm định sơ bộ cho đơn vị', en: 'the day the unit sees the preliminary scores is missing' },
          { field: 'preliminaryFrom' },
        ),
      );
    if (rounds.length !== 2)
      issues.push(
        issue(
          'appraisal.rounds',
          { vi: 'quy trình hai vòng: đặt thời hạn giải trình của vòng 1 và vòng 2', en: 'the two-round process needs the windows of round 1 and round 2' },
          { field: 'rounds' },
        ),
      );
    rounds.forEach((r, i) => {
      if (r.from > r.to)
        issues.push(
          issue(
            'appraisal.window',
            { vi: `vòng ${i + 1}: ngày bắt đầu sau ngày kết thúc`, en: `round ${i + 1}: starts after it ends` },
            { field: `rounds.${i}` },
          ),
        );
    });
    if (rounds.length === 2 && rounds[1]!.from < rounds[0]!.from)
      issues.push(issue('appraisal.window', { vi: 'vòng 2 bắt đầu trước vòng 1', en: 'round 2 starts before round 1' }, { field: 'rounds.1' }));
    if (issues.length) throw new ParError(issues);
  }
  return db.transaction(async (tx) => {
    await cycleOrFail(tx, cycleId);
    const current = await appraisalSettings(tx, cycleId, true);
    if (current.version !== input.version)
      throw refuse('store.stale', 'cài đặt vừa được người khác sửa: tải lại rồi sửa tiếp', 'the settings were just changed: reload and edit again', 'version');
    const values = [
      cycleId,
      input.process,
      input.preliminaryFrom ?? null,
      rounds[0]?.from ?? null,
      rounds[0]?.to ?? null,
      rounds[1]?.from ?? null,
      rounds[1]?.to ?? null,
      input.councilRequired,
    ];
    await tx.query(
      `INSERT INTO appraisal_settings (cycle_id, process, preliminary_from, round1_from, round1_to, round2_from, round2_to, council_required) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (cycle_id) DO UPDATE SET process = $2, preliminary_from = $3, round1_from = $4, round1_to = $5, round2_from = $6, round2_to = $7, council_required = $8, version = appraisal_settings.version + 1`,
      values,
    );
    const after = await appraisalSettings(tx, cycleId);
    const strip = ({ version: _v, cycleId: _c, ...rest }: AppraisalSettings) => rest;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'appraisal.settings',
      subject: `cycle/${cycleId}`,
      ...(current.version > 0 && { before: strip(current) }),
      after: strip(after),
    });
    await bumpRevision(tx);
    return after;
  });
}

/** The two-round process's refusal when a cycle does not run it. */
export function twoRoundOnly(settings: AppraisalSettings): void {
  if (settings.process !== 'twoRound') {
    throw refuse(
      'appraisal.notTwoRound',
      `kỳ ${settings.cycleId} không theo quy trình giải trình hai vòng (Sở Nội vụ chọn trong cài đặt thẩm định)`,
      `cycle ${settings.cycleId} does not run the two-round explanation process (the province chooses it in the appraisal settings)`,
      'process',
    );
  }
}

export async function agencyName(q: Queryable, id: string): Promise<string> {
  const [row] = await q.query<{ name: string }>('SELECT name FROM appraisal_agencies WHERE id = $1', [id]);
  if (!row) throw notFound({ vi: `không có cơ quan thẩm định ${id}`, en: `no appraising agency ${id}` }, 'agency');
  return row.name;
}
