/**
 * Who appraises what, and how far they are: an agency's worklist (its assigned criteria that
 * each unit scored itself, with the appraisal and the explanation waiting for an answer), and the
 * council lead's overall progress per agency and per unit.
 */
import { fromMicro, readFramework, toDecimalString } from '../core/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import type { AssessmentState } from '../workflow/states.ts';
import { appraisalSettings, assignmentsOf, coveringAssignment, withAgency } from './appraisalSetup.ts';
import type { Queryable } from './database.ts';
import { cycleOrFail } from './cycles.ts';

const text = (value: bigint | null) => (value === null ? null : toDecimalString(fromMicro(Number(value))));

export interface WorkItem {
  unit: string;
  unitName: string;
  state: AssessmentState;
  code: string;
  name: string;
  agency: string | null;
  self: string | null;
  appraised: string | null;
  reason: string | null;
  /** The explanation of the open round, when the unit gave one. */
  explanation: { id: number; round: number; text: string; outcome: 'accepted' | 'kept' | null; version: number } | null;
}

export interface Progress {
  total: number;
  appraised: number;
  explanations: number;
  answered: number;
}

const empty = (): Progress => ({ total: 0, appraised: 0, explanations: 0, answered: 0 });

/**
 * The worklist of the actor: an agency's staff get their agency's criteria across every unit past
 * its submission; the council and the province get every criterion, with progress per agency and
 * per unit (`agency` narrows the items to one agency, `none` to the council's own).
 */
export async function worklist(q: Queryable, cycleId: string, actor: Actor, filter: { agency?: string } = {}) {
  const who = await withAgency(q, actor);
  authorize(who, 'readAppraisalProgress');
  const cycle = await cycleOrFail(q, cycleId);
  const settings = await appraisalSettings(q, cycleId);
  const [framework] = await q.query<{ document: unknown }>('SELECT document FROM frameworks WHERE id = $1', [cycle.framework]);
  const nodes = readFramework(framework!.document).nodes;
  const assignments = await assignmentsOf(q, cycleId);
  const agencies = await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM appraisal_agencies WHERE id IN (SELECT agency_id FROM appraisal_assignments WHERE cycle_id = $1) ORDER BY id',
    [cycleId],
  );
  const rows = await q.query<{
    unit_id: string;
    name: string;
    state: AssessmentState;
    code: string;
    self_points: bigint | null;
    appraised_points: bigint | null;
    reason: string | null;
  }>(
    `SELECT r.unit_id, u.name, r.state, s.code, s.self_points, s.appraised_points, s.reason
     FROM unit_results r JOIN units u ON u.id = r.unit_id JOIN scores s ON s.cycle_id = r.cycle_id AND s.unit_id = r.unit_id
     WHERE r.cycle_id = $1 AND r.state <> 'draft' AND s.self_points IS NOT NULL ORDER BY r.position, s.code`,
    [cycleId],
  );
  const explanations = await q.query<{
    id: bigint;
    unit_id: string;
    code: string;
    round: number;
    text: string;
    outcome: 'accepted' | 'kept' | null;
    version: number;
  }>('SELECT id, unit_id, code, round, text, outcome, version FROM explanations WHERE cycle_id = $1 AND round = $2', [cycleId, Math.min(settings.round, 2)]);
  const explained = new Map(explanations.map((e) => [`${e.unit_id}/${e.code}`, e]));
  const mine = who.agencyId ?? (filter.agency === undefined ? undefined : filter.agency === 'none' ? null : filter.agency);
  const byAgency = new Map<string | null, Progress>();
  const byUnit = new Map<string, Progress & { unit: string; name: string; state: AssessmentState }>();
  const items: WorkItem[] = [];
  for (const row of rows) {
    // Only the criteria an agency appraises: survey-sourced ones come from the survey file.
    const node = nodes.get(row.code);
    if (!node || node.source === 'survey') continue;
    const agency = coveringAssignment(assignments, row.code)?.agency ?? null;
    if (who.agencyId && agency !== who.agencyId) continue;
    const e = explained.get(`${row.unit_id}/${row.code}`);
    const count = (p: Progress) => {
      p.total++;
      if (row.appraised_points !== null) p.appraised++;
      if (e) p.explanations++;
      if (e?.outcome) p.answered++;
    };
    count(byAgency.get(agency) ?? byAgency.set(agency, empty()).get(agency)!);
    count(byUnit.get(row.unit_id) ?? byUnit.set(row.unit_id, { ...empty(), unit: row.unit_id, name: row.name, state: row.state }).get(row.unit_id)!);
    if (mine !== undefined && agency !== mine) continue;
    items.push({
      unit: row.unit_id,
      unitName: row.name,
      state: row.state,
      code: row.code,
      name: node.name,
      agency,
      self: text(row.self_points),
      appraised: text(row.appraised_points),
      reason: row.reason,
      explanation: e ? { id: Number(e.id), round: e.round, text: e.text, outcome: e.outcome, version: e.version } : null,
    });
  }
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return {
    cycleId,
    process: settings.process,
    round: settings.round,
    agency: who.agencyId ? { id: who.agencyId, name: names.get(who.agencyId) ?? who.agencyId } : null,
    assignments: assignments.filter((a) => !who.agencyId || a.agency === who.agencyId).map((a) => ({ ...a, name: nodes.get(a.code)?.name ?? a.code })),
    progress: [...byAgency].map(([id, p]) => ({ agency: id, name: id === null ? null : (names.get(id) ?? id), ...p })),
    units: [...byUnit.values()],
    items,
  };
}
