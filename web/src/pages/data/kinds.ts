/**
 * The kinds of file one imports and who may import them. Free of the DOM (its test runs
 * under Node against the policy table itself).
 */
export type Kind = 'results' | 'survey' | 'indicators' | 'framework' | 'plan' | 'units';
export const KINDS: Kind[] = ['results', 'survey', 'indicators', 'framework', 'plan', 'units'];

/** Kinds read against a year's results (a framework and a year), as opposed to a framework or a plan. */
export const isResultsKind = (kind: Kind) => kind === 'results' || kind === 'survey' || kind === 'indicators';

/** The session's user as far as permissions go (SessionUser in session.ts). */
type Who = { role: string; unitId?: string | null } | null;

/**
 * Who may import what — the rows of src/workflow/policy.ts the import route checks (importSurvey,
 * manageFrameworks, manageUnits: the province; editPlan: the province, or a unit editor for its own unit).
 * The server decides; this only keeps the screen from offering what would be refused.
 */
export function importableKinds(user: Who): Kind[] {
  if (user?.role === 'admin') return KINDS;
  if (user?.role === 'unitEditor' && user.unitId) return ['plan'];
  return [];
}

/** The units whose plan the user may read (readPlan): all for the province and the council, one's own for a unit. */
export const readsEveryPlan = (user: Who) => user?.role === 'admin' || user?.role === 'appraiser';

/** Whether the user may read this unit's plan (readPlan): the province and the council any, a unit's staff their own. */
export const mayReadPlan = (user: Who, unitId: string) =>
  readsEveryPlan(user) || ((user?.role === 'unitEditor' || user?.role === 'unitViewer') && user.unitId === unitId);

/** Whether the user may read a unit's assessment file, its evidence and its trail (readAssessment, readAudit) once submitted: the province and the council any, a unit's staff their own. */
export const mayReadFile = (user: Who, unitId: string) =>
  user?.role === 'admin' || user?.role === 'appraiser' || ((user?.role === 'unitEditor' || user?.role === 'unitViewer') && user.unitId === unitId);
