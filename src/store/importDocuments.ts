/**
 * Import of the core's documents (frameworks, units, results, reports) into the store: the
 * incoming documents are laid over the stored ones, the core validates the whole, and only
 * then is anything written — in one transaction. A dry run returns the changes instead.
 */
import {
  ParError,
  buildDataset,
  countChanges,
  diffFrameworks,
  diffResults,
  documentKind,
  issue,
  readFramework,
  readResults,
  readUnitReport,
  readPlan,
  readUnits,
  type Change,
  type Dataset,
  type SourceDocument,
} from '../core/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './database.ts';
import { immutable } from './errors.ts';
import { loadDocuments } from './load.ts';
import { bumpRevision, contentHash, cycleIdOf, saveFramework, savePlan, saveReport, saveResults, saveUnits } from './save.ts';

export interface ImportResult {
  dryRun: boolean;
  changes: Change[];
  counts: ReturnType<typeof countChanges>;
  /** What each incoming document became: framework id, province id, cycle id, report key. */
  written: { kind: string; id: string }[];
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

/** Lays incoming documents over stored ones: same framework/province/report replaces; results merge by unit. */
export function overlay(stored: SourceDocument[], incoming: SourceDocument[]): SourceDocument[] {
  const result = [...stored];
  for (const d of incoming) {
    const data = d.data as Json;
    if (documentKind(data) === 'results') {
      const index = result.findIndex((s) => documentKind(s.data) === 'results' && (s.data as Json).year === data.year && (s.data as Json).framework === data.framework);
      if (index < 0) {
        result.push(d);
        continue;
      }
      const before = result[index]!.data as Json & { units: Json[] };
      const incomingUnits = (Array.isArray(data.units) ? data.units : []) as Json[];
      const listed = new Set(incomingUnits.map((u) => u.unit));
      const kept = before.units.filter((u) => !listed.has(u.unit)).map((u) => ('illustrative' in u ? u : { ...u, illustrative: before.illustrative === true }));
      const merged = { ...before, ...data, units: [...kept, ...incomingUnits.map((u) => ('illustrative' in u ? u : { ...u, illustrative: data.illustrative === true }))] };
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

function refuse(code: string, vi: string, en: string, file: string, field?: string): never {
  throw new ParError(issue(code, { vi, en }, { file, ...(field && { field }) }));
}

/** The audit keeps at most this many value changes per imported document (and their count). */
const AUDITED_CHANGES = 5000;

export async function importDocuments(db: Database, incoming: SourceDocument[], actor: Actor, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
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
    const storedDocuments = await loadDocuments(tx);
    const stored = buildDataset(storedDocuments);
    const usedFrameworks = new Set((await tx.query<{ framework_id: string }>('SELECT DISTINCT framework_id FROM cycles')).map((r) => r.framework_id));
    const hashes = new Map((await tx.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM frameworks')).map((r) => [r.id, r.content_hash]));
    // The core validates everything together: a results file against its framework, units against results …
    const next: Dataset = buildDataset(overlay(storedDocuments, incoming));
    const published = new Set((await tx.query<{ key: string }>("SELECT cycle_id || '/' || unit_id AS key FROM unit_results WHERE state = 'published'")).map((r) => r.key));
    const changes: Change[] = [];
    const written: ImportResult['written'] = [];
    for (const d of incoming) {
      const data = d.data as Json;
      const before = changes.length;
      switch (documentKind(data)) {
        case 'framework': {
          authorize(actor, 'manageFrameworks');
          const framework = readFramework(data, d.file);
          const found = diffFrameworks(stored.frameworks.get(framework.id), framework);
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
          if (!options.dryRun && (found.length || !hashes.has(framework.id))) await saveFramework(tx, framework.id, data);
          written.push({ kind: 'framework', id: framework.id });
          break;
        }
        case 'units': {
          authorize(actor, 'manageUnits');
          const registry = readUnits(data, d.file);
          for (const unit of registry.units) {
            const before = stored.units.get(unit.id);
            if (!before) changes.push({ change: 'added', unitId: unit.id, item: 'unit', after: unit.name });
            else if (JSON.stringify(before) !== JSON.stringify(unit)) changes.push({ change: 'changed', unitId: unit.id, item: 'unit', before: before.name, after: unit.name });
          }
          const raw = (data.units as unknown[]).map((document, i) => ({ unit: registry.units[i]!, document }));
          if (!options.dryRun) await saveUnits(tx, registry.province, raw);
          written.push({ kind: 'units', id: registry.province.id });
          break;
        }
        case 'results': {
          const set = readResults(data, (id) => next.frameworks.get(id), d.file);
          const cycleId = cycleIdOf(set.year, set.frameworkId);
          const storedSet = stored.results.find((s) => s.year === set.year && s.frameworkId === set.frameworkId);
          const beforeListed = storedSet && { ...storedSet, units: storedSet.units.filter((u) => set.units.some((x) => x.unitId === u.unitId)) };
          const found = diffResults(beforeListed, set);
          for (const unitId of new Set(found.map((c) => c.unitId).filter((u) => u !== undefined))) {
            authorize(actor, 'importSurvey', { unitId });
            if (published.has(`${cycleId}/${unitId}`)) {
              throw immutable({
                vi: `kết quả của ${next.units.get(unitId)?.name ?? unitId} trong kỳ ${cycleId} đã công bố: không nhập đè được; hãy đính chính từng điểm (có lý do) rồi công bố lại`,
                en: `the results of ${next.units.get(unitId)?.name ?? unitId} in ${cycleId} are published: they cannot be overwritten; correct scores one by one (with a reason) and publish again`,
              });
            }
          }
          // Not push(...found): a province-wide import has more changes than a call takes arguments.
          for (const change of found) changes.push(change);
          if (!options.dryRun) await saveResults(tx, set, next.frameworks.get(set.frameworkId)!);
          written.push({ kind: 'results', id: cycleIdOf(set.year, set.frameworkId) });
          break;
        }
        case 'report': {
          const report = readUnitReport(data, d.file);
          authorize(actor, 'editPlan', { unitId: report.unitId });
          if (!options.dryRun) await saveReport(tx, report, data);
          written.push({ kind: 'report', id: `${report.unitId}/${report.year}` });
          break;
        }
        case 'plan': {
          const plan = readPlan(data, d.file);
          authorize(actor, 'editPlan', { unitId: plan.unitId });
          if (!options.dryRun) await savePlan(tx, plan.unitId, plan.year, data);
          written.push({ kind: 'plan', id: `${plan.unitId}/${plan.year}` });
          break;
        }
      }
      if (!options.dryRun) {
        const own = changes.slice(before);
        const target = written.at(-1)!;
        await appendAudit(tx, {
          actorId: actor.userId,
          action: `import.${target.kind}`,
          subject: target.kind === 'results' ? `cycle/${target.id}` : `${target.kind}/${target.id}`,
          after: { file: d.file, counts: countChanges(own), changes: own.slice(0, AUDITED_CHANGES) },
        });
      }
    }
    if (!options.dryRun) await bumpRevision(tx);
    return { dryRun: options.dryRun === true, changes, counts: countChanges(changes), written };
  });
}
