/**
 * Import of the core's documents (frameworks, units, results, reports) into the store: the
 * incoming documents are laid over the stored ones, the core validates the whole, and only
 * then is anything written — in one transaction. A dry run returns the changes instead.
 */
import {
  ParError,
  type ErrorCode,
  buildDataset,
  countChanges,
  diffFrameworks,
  frameworkChanges,
  diffResults,
  diffProvince,
  diffUnits,
  mergeGroups,
  mergeUnitEntries,
  documentKind,
  issue,
  readFramework,
  readResults,
  readUnitReport,
  planProblems,
  futurePlanDates,
  diffPlans,
  readPlan,
  readUnits,
  type Change,
  type Dataset,
  type Message,
  type ResultsSet,
  type SourceDocument,
  type UnitGroup,
} from '../core/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import { todayInVietnam } from './clock.ts';
import type { Database, Queryable } from './database.ts';
import { immutable } from './errors.ts';
import { changedUnits, planValidated, type PreviewSummary } from './importPlan.ts';
import { loadDocuments } from './load.ts';
import { excludeWrites } from './auditQueue.ts';
import {
  bumpRevision,
  cycleIdOf,
  BULK_SCORES,
  isBulkScores,
  prepareBulkScores,
  type BulkScores,
  saveFramework,
  savePlan,
  saveReport,
  saveResults,
  saveUnits,
} from './save.ts';

export interface ImportResult {
  dryRun: boolean;
  changes: Change[];
  counts: ReturnType<typeof countChanges>;
  /** What each incoming document became: framework id, province id, cycle id, report key. */
  written: { kind: string; id: string }[];
  /** What the reader should know of what was not done (units a whole-truth file leaves out are kept). */
  notices?: Message[];
}

type Json = Record<string, unknown>;

/** The key two documents of a kind share when one replaces the other. */
function keyOf(d: SourceDocument): string {
  const data = d.data as Json;
  switch (documentKind(data)) {
    case 'framework':
      return `framework:${String(data.id)}`;
    case 'units':
      return `units:${String((data.province as Json | undefined)?.id)}`;
    case 'report':
      return `report:${String(data.unit)}:${String(data.year)}`;
    case 'plan':
      return `plan:${String(data.unit)}:${String(data.year)}`;
    default:
      return `${documentKind(data)}:${d.file}`;
  }
}

/**
 * A units document laid over the stored one of its province: units of the same id are replaced,
 * new ones added, the others kept (a units file never removes a unit; an end date ends one);
 * groups likewise by id (renamed, added, never dropped); the province's own fields (seat, body)
 * and the file's other fields are kept unless the document writes them.
 */
export function overlayUnits(stored: Json, incoming: Json): Json {
  if (!Array.isArray(stored.units) || !Array.isArray(incoming.units)) return incoming;
  const province = { ...(stored.province as Json | undefined), ...(incoming.province as Json | undefined) };
  const groups =
    Array.isArray(stored.groups) && Array.isArray(incoming.groups)
      ? mergeGroups(stored.groups as UnitGroup[], incoming.groups as UnitGroup[])
      : (incoming.groups ?? stored.groups);
  return {
    ...stored,
    ...incoming,
    province,
    ...(groups !== undefined && { groups }),
    units: mergeUnitEntries(stored.units as { id: string }[], incoming.units as { id: string }[]),
  };
}

/** Lays incoming documents over stored ones: same framework/report replaces; units merge by unit id, results by unit. */
export function overlay(stored: SourceDocument[], incoming: SourceDocument[]): SourceDocument[] {
  const result = [...stored];
  for (const d of incoming) {
    const data = d.data as Json;
    if (documentKind(data) === 'units') {
      const index = result.findIndex((s) => keyOf(s) === keyOf(d));
      if (index < 0) result.push(d);
      else result[index] = { file: d.file, data: overlayUnits(result[index]!.data as Json, data) };
      continue;
    }
    if (documentKind(data) === 'results') {
      const index = result.findIndex(
        (s) => documentKind(s.data) === 'results' && (s.data as Json).year === data.year && (s.data as Json).framework === data.framework,
      );
      if (index < 0) {
        result.push(d);
        continue;
      }
      const before = result[index]!.data as Json & { units: Json[] };
      const incomingUnits = (Array.isArray(data.units) ? data.units : []) as Json[];
      const listed = new Set(incomingUnits.map((u) => u.unit));
      const kept = before.units.filter((u) => !listed.has(u.unit)).map((u) => ('illustrative' in u ? u : { ...u, illustrative: before.illustrative === true }));
      const merged = {
        ...before,
        ...data,
        units: [...kept, ...incomingUnits.map((u) => ('illustrative' in u ? u : { ...u, illustrative: data.illustrative === true }))],
      };
      delete (merged as Json).illustrative;
      result[index] = { file: d.file, data: merged };
      continue;
    }
    const key = keyOf(d);
    const index = result.findIndex((s) => keyOf(s) === key);
    if (index >= 0) result[index] = d;
    else result.push(d);
  }
  return result;
}

/** A preview made on data that has changed since (see ValidatedResults). */
export function stale(): ParError {
  return new ParError(
    issue('store.stale', {
      vi: 'dữ liệu đã được sửa trong lúc đọc tệp: hãy nhập lại tệp để xem trước trên số liệu mới',
      en: 'the data was changed while the file was being read: import the file again to preview it on the new figures',
    }),
  );
}

function refuse(code: ErrorCode, vi: string, en: string, file: string, field?: string): never {
  throw new ParError(issue(code, { vi, en }, { file, ...(field && { field }) }));
}

/** The audit keeps at most this many value changes per imported document (and their count). */
const AUDITED_CHANGES = 5000;

/**
 * A results document the caller has already read, merged into the stored results and validated
 * through the core (the io importers do, for the preview): its set and its changes against the
 * stored set, and the dataset it was built on, as `Store.dataset()` returned it. When nothing
 * was written since that dataset was read, the store writes them as they are; otherwise it
 * refuses (`store.stale`), since the document carries the stored values of that time and would
 * undo what was written since: the caller previews again on the new data (`Store.importPreviewed`).
 */
export interface ValidatedResults {
  basis: Dataset;
  results: ResultsSet;
  changes: readonly Change[];
}

export interface ImportOptions {
  dryRun?: boolean;
  /** The one incoming results document, already validated (see ValidatedResults). */
  validated?: ValidatedResults;
  /** The revision `validated.basis` was read at (the Store knows it; unknown = not usable). */
  basisRevision?: bigint;
}

export async function importDocuments(db: Database, incoming: SourceDocument[], actor: Actor, options: ImportOptions = {}): Promise<ImportResult> {
  if (!incoming.length) refuse('import.empty', 'không có tài liệu nào để nhập', 'no document to import', 'request');
  const order = ['framework', 'units', 'results', 'report', 'plan'];
  // Frameworks and units first: results and reports refer to them.
  incoming = [...incoming].sort((a, b) => order.indexOf(documentKind(a.data) ?? '') - order.indexOf(documentKind(b.data) ?? ''));
  // Who may import what is checked before the content is even looked at.
  for (const d of incoming) {
    const data = d.data as Json;
    const kind = documentKind(data);
    if (kind === 'framework') authorize(actor, 'manageFrameworks');
    else if (kind === 'units') authorize(actor, 'manageUnits');
    else if (kind === 'results') authorize(actor, 'importSurvey');
    else if (kind === 'report' || kind === 'plan') authorize(actor, 'editPlan', typeof data.unit === 'string' ? { unitId: data.unit } : {});
    else authorize(actor, 'manageFrameworks');
  }
  return db.transaction(async (tx) => {
    const validated = options.validated;
    // Checked against a revision: the unit writers under way are waited for first (they lock
    // unit rows the bulk path's table locks would wait on), and their queued changes counted.
    if (validated) await excludeWrites(tx);
    // A province-wide file's new scores are loaded in bulk, with the tables locked before anything else.
    const bulk = validated !== undefined && options.dryRun !== true && isBulkScores(validated.changes) ? await prepareBulkScores(tx) : undefined;
    if (validated) {
      if (incoming.length !== 1 || documentKind(incoming[0]!.data) !== 'results') throw new Error('validated results go with their one results document');
      // The revision row is locked until commit: no other write can slip in between the check and the writes.
      const [{ value } = { value: -1n }] = await tx.query<{ value: bigint }>('SELECT value FROM revision FOR UPDATE');
      if (value !== options.basisRevision) throw stale();
      return importValidated(tx, incoming[0]!, validated, actor, options.dryRun === true, bulk);
    }
    // The same fast path for results documents loaded whole (`parindex load`): decided on their size, before anything else.
    const large = options.dryRun !== true && scoresIn(incoming) >= BULK_SCORES ? await prepareBulkScores(tx) : undefined;
    return importAll(tx, incoming, actor, options.dryRun === true, large);
  });
}

/** The units of a cycle whose results are published, as `cycle/unit` keys (all cycles' when no units are named). */
export async function publishedUnits(tx: Queryable, cycleId?: string, unitIds?: string[]): Promise<Set<string>> {
  const rows = cycleId
    ? await tx.query<{ key: string }>(
        "SELECT cycle_id || '/' || unit_id AS key FROM unit_results WHERE cycle_id = $1 AND unit_id = ANY($2::text[]) AND state = 'published'",
        [cycleId, unitIds ?? []],
      )
    : await tx.query<{ key: string }>("SELECT cycle_id || '/' || unit_id AS key FROM unit_results WHERE state = 'published'");
  return new Set(rows.map((r) => r.key));
}

/** The units whose results change: each must be the actor's to import, and none may be published. */
export function guardUnits(
  found: readonly Change[] | string[],
  cycleId: string,
  actor: Actor,
  names: Map<string, { name: string }>,
  published: Set<string>,
): void {
  const units = found.length && typeof found[0] === 'string' ? (found as string[]) : changedUnits(found as readonly Change[]);
  for (const unitId of units) {
    authorize(actor, 'importSurvey', { unitId });
    if (published.has(`${cycleId}/${unitId}`)) {
      throw immutable({
        vi: `kết quả của ${names.get(unitId)?.name ?? unitId} trong kỳ ${cycleId} đã công bố: không nhập đè được; hãy đính chính từng điểm (có lý do) rồi công bố lại`,
        en: `the results of ${names.get(unitId)?.name ?? unitId} in ${cycleId} are published: they cannot be overwritten; correct scores one by one (with a reason) and publish again`,
      });
    }
  }
}

/** Audits one imported document's changes; returns their counts. */
async function auditImport(
  tx: Queryable,
  actor: Actor,
  file: string,
  target: { kind: string; id: string },
  own: readonly Change[],
): Promise<ReturnType<typeof countChanges>> {
  const counts = countChanges(own);
  await appendAudit(tx, {
    actorId: actor.userId,
    action: `import.${target.kind}`,
    subject: target.kind === 'results' ? `cycle/${target.id}` : `${target.kind}/${target.id}`,
    after: { file, counts, changes: own.slice(0, AUDITED_CHANGES) },
  });
  return counts;
}

/**
 * A results document validated by the caller on the dataset that is still the stored one. The
 * store's rule for results stays: the units the document lists are replaced, the others kept
 * (so the changes are those of the listed units, and of the set's publication).
 */
async function importValidated(
  tx: Queryable,
  d: SourceDocument,
  validated: ValidatedResults,
  actor: Actor,
  dryRun: boolean,
  bulk: BulkScores | undefined,
): Promise<ImportResult> {
  const { basis, results: set } = validated;
  const { cycleId, found, notices } = planValidated(d.file, validated);
  guardUnits(found, cycleId, actor, basis.units, await publishedUnits(tx, cycleId, changedUnits(found)));
  if (!dryRun) {
    await saveResults(tx, set, basis.frameworks.get(set.frameworkId)!, found, { bulk });
    await auditImport(tx, actor, d.file, { kind: 'results', id: cycleId }, found);
    await bumpRevision(tx);
  }
  return { dryRun, changes: [...found], counts: countChanges(found), written: [{ kind: 'results', id: cycleId }], ...(notices.length && { notices }) };
}

/** Any documents: laid over everything stored, the whole validated by the core, then written. */
/** How many scores the results documents give (their units' `scores` entries). */
function scoresIn(incoming: SourceDocument[]): number {
  let n = 0;
  for (const d of incoming) {
    if (documentKind(d.data) !== 'results') continue;
    const units = (d.data as { units?: unknown }).units;
    if (!Array.isArray(units)) continue;
    for (const u of units) {
      const scores = (u as { scores?: unknown } | null)?.scores;
      if (scores && typeof scores === 'object') n += Object.keys(scores).length;
    }
  }
  return n;
}

/**
 * The set `buildDataset` read from a results document new to the store, the only incoming one of
 * its year and framework: the overlay left that document as it came, so `next` holds its set as
 * readResults gives it (a province-wide file is read once, not twice).
 */
function readAlready(next: Dataset, stored: Dataset, incoming: SourceDocument[], data: Json): ResultsSet | undefined {
  const same = (s: { year: number; frameworkId: string }) => s.year === data.year && s.frameworkId === data.framework;
  if (stored.results.some(same)) return undefined;
  const documents = incoming.filter(
    (d) => documentKind(d.data) === 'results' && (d.data as Json).year === data.year && (d.data as Json).framework === data.framework,
  );
  if (documents.length !== 1) return undefined;
  const sets = next.results.filter(same);
  return sets.length === 1 ? sets[0] : undefined;
}

async function importAll(tx: Queryable, incoming: SourceDocument[], actor: Actor, dryRun: boolean, bulk?: BulkScores): Promise<ImportResult> {
  const storedDocuments = await loadDocuments(tx);
  const stored = buildDataset(storedDocuments);
  const usedFrameworks = new Set((await tx.query<{ framework_id: string }>('SELECT DISTINCT framework_id FROM cycles')).map((r) => r.framework_id));
  const hashes = new Map((await tx.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM frameworks')).map((r) => [r.id, r.content_hash]));
  // The core validates everything together: a results file against its framework, units against results …
  const next: Dataset = buildDataset(overlay(storedDocuments, incoming));
  const published = await publishedUnits(tx);
  const changes: Change[] = [];
  const notices: Message[] = [];
  const written: ImportResult['written'] = [];
  const audited: ReturnType<typeof countChanges>[] = [];
  for (const d of incoming) {
    const data = d.data as Json;
    const before = changes.length;
    switch (documentKind(data)) {
      case 'framework': {
        authorize(actor, 'manageFrameworks');
        const framework = readFramework(data, d.file);
        const own = stored.frameworks.get(framework.id);
        // A new framework is previewed against the one it replaces (its `derivedFrom`, else the latest earlier one of its level).
        const compared = own ? { against: own.id, changes: diffFrameworks(own, framework) } : frameworkChanges(stored.frameworks, framework);
        const found = compared.changes;
        if (!own && compared.against) {
          notices.push({
            vi: `Bộ tiêu chí mới ${framework.id}: thay đổi so với bộ tiêu chí ${compared.against} mà nó thay thế (theo bảng đối chiếu tiêu chí)`,
            en: `New framework ${framework.id}: changes against ${compared.against}, the framework it replaces (through the crosswalk)`,
          });
        }
        // Compared by meaning, not by text: the same framework written another way is no change.
        if (found.length && usedFrameworks.has(framework.id)) {
          refuse(
            'framework.inUse',
            `bộ tiêu chí ${framework.id} đã được dùng cho một kỳ đánh giá nên không sửa được; hãy nhập với mã mới`,
            `framework ${framework.id} is used by a cycle and cannot change; import it under a new id`,
            d.file,
            'id',
          );
        }
        changes.push(...found);
        if (!dryRun && (found.length || !hashes.has(framework.id))) await saveFramework(tx, framework.id, data);
        written.push({ kind: 'framework', id: framework.id });
        break;
      }
      case 'units': {
        authorize(actor, 'manageUnits');
        const { registry, entries, changes: found, kept } = unitsOver(storedDocuments, data, d.file, stored);
        changes.push(...found);
        if (kept) {
          notices.push({
            vi: `${kept} đơn vị không có trong tệp được giữ nguyên: nhập tệp không xóa đơn vị (ghi ngày hết hiệu lực để kết thúc một đơn vị)`,
            en: `${kept} units the file leaves out are kept: an import never removes units (write an end date to end one)`,
          });
        }
        const touched = new Set(found.map((c) => c.unitId));
        const rows = registry.units.map((unit, position) => ({ unit, document: entries[position], position })).filter((u) => touched.has(u.unit.id));
        if (!dryRun) await saveUnits(tx, registry.province, rows);
        written.push({ kind: 'units', id: registry.province.id });
        break;
      }
      case 'results': {
        const set = readAlready(next, stored, incoming, data) ?? readResults(data, (id) => next.frameworks.get(id), d.file);
        const cycleId = cycleIdOf(set.year, set.frameworkId);
        const storedSet = stored.results.find((s) => s.year === set.year && s.frameworkId === set.frameworkId);
        const listed = new Set(set.units.map((u) => u.unitId));
        const beforeListed = storedSet && { ...storedSet, units: storedSet.units.filter((u) => listed.has(u.unitId)) };
        const found = diffResults(beforeListed, set);
        // Into a new cycle every listed unit is added: its units, without reading 1,2 million changes for them.
        guardUnits(storedSet ? found : set.units.map((u) => u.unitId), cycleId, actor, next.units, published);
        // Not push(...found): a province-wide import has more changes than a call takes arguments.
        for (const change of found) changes.push(change);
        if (!dryRun) await saveResults(tx, set, next.frameworks.get(set.frameworkId)!, found, bulk && isBulkScores(found) ? { bulk } : {});
        written.push({ kind: 'results', id: cycleIdOf(set.year, set.frameworkId) });
        break;
      }
      case 'report': {
        const report = readUnitReport(data, d.file);
        authorize(actor, 'editPlan', { unitId: report.unitId });
        if (!dryRun) await saveReport(tx, report, data);
        written.push({ kind: 'report', id: `${report.unitId}/${report.year}` });
        break;
      }
      case 'plan': {
        const plan = readPlan(data, d.file);
        authorize(actor, 'editPlan', { unitId: plan.unitId });
        // A plan written is checked against its framework: criteria of tasks, tracking and reports exist, values fit the rules.
        const problems = [...planProblems(next, plan, d.file), ...futurePlanDates(plan, todayInVietnam(), d.file)];
        if (problems.length) throw new ParError(problems);
        changes.push(
          ...diffPlans(
            stored.plans.find((p) => p.unitId === plan.unitId && p.year === plan.year),
            plan,
          ),
        );
        if (!dryRun) await savePlan(tx, plan.unitId, plan.year, data);
        written.push({ kind: 'plan', id: `${plan.unitId}/${plan.year}` });
        break;
      }
    }
    if (!dryRun) audited.push(await auditImport(tx, actor, d.file, written.at(-1)!, changes.slice(before)));
  }
  if (!dryRun) await bumpRevision(tx);
  // The counts of the whole: those of its documents, as the audit counted them (each read once).
  const counts = dryRun ? countChanges(changes) : sumCounts(audited);
  return { dryRun, changes, counts, written, ...(notices.length && { notices }) };
}

function sumCounts(all: ReturnType<typeof countChanges>[]): ReturnType<typeof countChanges> {
  const sum = { added: 0, changed: 0, removed: 0 };
  for (const c of all) {
    sum.added += c.added;
    sum.changed += c.changed;
    sum.removed += c.removed;
  }
  return sum;
}

/**
 * A units document over the stored units of its province: the province's whole list after it,
 * as the core read it (lineage checked both ways), the raw entries in the same order, what
 * changed unit by unit and field by field, and how many stored units the document leaves out.
 */
export function unitsOver(storedDocuments: SourceDocument[], data: unknown, file: string, stored: Dataset) {
  const incoming = data as Json;
  const provinceId = String((incoming.province as Json | undefined)?.id);
  const before = storedDocuments.find((s) => documentKind(s.data) === 'units' && (s.data as Json & { province: Json }).province?.id === provinceId);
  const merged = before ? overlayUnits(before.data as Json, incoming) : incoming;
  const registry = readUnits(merged, file);
  const storedUnits = new Map([...stored.units].filter(([, u]) => u.provinceId === registry.province.id));
  const listed = new Set(Array.isArray(incoming.units) ? (incoming.units as Json[]).map((u) => u.id) : []);
  const kept = [...storedUnits.keys()].filter((id) => !listed.has(id)).length;
  const changes = [
    ...diffProvince(
      stored.provinces.find((p) => p.id === registry.province.id),
      registry.province,
    ),
    ...diffUnits(storedUnits, registry.units),
  ];
  return { registry, entries: merged.units as unknown[], changes, kept };
}

/**
 * A dry run summarised where the file was read (`summarizeValidated`, in a worker thread): the
 * store adds what needs the database — the actor may import each unit the file changes, and none
 * of them is published — and answers as a dry run of the whole document would.
 */
export async function checkPreviewSummary(
  db: Database,
  summary: PreviewSummary,
  actor: Actor,
  names: Map<string, { name: string }>,
): Promise<ImportResult & { changesTotal: number; unitsChanged: string[] }> {
  authorize(actor, 'importSurvey');
  await db.transaction(async (tx) =>
    guardUnits(summary.unitsChanged, summary.cycleId, actor, names, await publishedUnits(tx, summary.cycleId, summary.unitsChanged)),
  );
  return {
    dryRun: true,
    changes: summary.changes,
    counts: summary.counts,
    written: [{ kind: 'results', id: summary.cycleId }],
    ...(summary.notices.length && { notices: summary.notices }),
    changesTotal: summary.changesTotal,
    unitsChanged: summary.unitsChanged,
  };
}
