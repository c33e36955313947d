/**
 * The store the HTTP layer and the CLI use: the database plus the dataset the core computes
 * on, rebuilt only when a write changed the revision (so reads cost one small query), and
 * seen through the reader's view: the public sees published results only, a unit its own
 * drafts too (its plan and report texts included), the appraisal council everything submitted
 * and every unit's plan and texts, the province everything. Published
 * cycles read as their latest publication's snapshot for everyone but the province, so that a
 * correction is seen only once it is published with its own decision.
 */
import { buildDataset, ParError, readResults, type Dataset, type SourceDocument, type UnitResult } from '../core/index.ts';
import { decide, type Actor } from '../workflow/policy.ts';
import type { AssessmentState } from '../workflow/states.ts';
import type { Database, EngineCall, Queryable } from './database.ts';
import { importDocuments, type ImportResult, type ValidatedResults } from './importDocuments.ts';
import { recordDerivation, replaceUnits, type UnitPatch } from './datasetPatches.ts';
import { loadDocuments, loadUnitResult } from './load.ts';
import { groupWrites } from './writeGroups.ts';
import { cycleIdOf, KEPT_CHANGES } from './save.ts';

export interface Store {
  readonly db: Database;
  /** The data `actor` may read (everything when no actor is given: the server's own use). */
  dataset(actor?: Actor): Promise<Dataset>;
  /**
   * A figure computed by the core from the dataset `actor` may read, kept until the data
   * changes: the same request on unchanged data never recomputes.
   */
  computed<T>(key: string, actor: Actor | undefined, compute: (dataset: Dataset) => T | Promise<T>): Promise<T>;
  /**
   * `validated`: the results the caller already validated on a dataset this store returned (a
   * file import's preview); written as they are if nothing was written since, else refused
   * (`store.stale`).
   */
  importDocuments(documents: SourceDocument[], actor: Actor, options?: { dryRun?: boolean; validated?: ValidatedResults }): Promise<ImportResult>;
  /**
   * A file read into a document against the stored data (`preview`, the io importer) and
   * imported from that reading; when another write lands in between, the file is read again on
   * the new data (up to 3 times), so that its document never carries stored values of before.
   */
  importPreviewed<P extends Preview>(
    file: string,
    preview: (dataset: Dataset) => P | Promise<P>,
    actor: Actor,
    options?: { dryRun?: boolean },
  ): Promise<{ preview: P; stored: ImportResult }>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

/** What a file's reading gives the store: its document, and for results the validated set and its changes. */
export interface Preview {
  document: unknown;
  results?: ValidatedResults['results'];
  changes?: ValidatedResults['changes'];
}

const PREVIEW_ATTEMPTS = 3;

interface Snapshot {
  revision: bigint;
  /** The data as stored: what the province works on (a correction not yet published included). */
  full: Dataset;
  /** The data as published: a cycle with a publication reads as its latest snapshot. */
  published: Dataset;
  /** The cycles `published` reads from a publication's snapshot (the stored rows do not show there). */
  publishedCycles: Set<string>;
  states: Map<string, AssessmentState>;
  views: Map<string, Dataset>;
  figures: Map<string, unknown>;
}

const MAX_FIGURES = 2000;

/** The key of what an actor may read; actors with the same key see the same data. */
function viewKey(actor: Actor | undefined): string {
  if (!actor || actor.role === 'admin') return 'all';
  if (actor.role === 'appraiser') return 'appraiser';
  if ((actor.role === 'unitEditor' || actor.role === 'unitViewer') && actor.unitId) return `unit:${actor.unitId}`;
  return 'public';
}

function viewOf(snapshot: Snapshot, actor: Actor | undefined): Dataset {
  const key = viewKey(actor);
  if (key === 'all') return snapshot.full;
  let view = snapshot.views.get(key);
  if (!view) {
    const base = snapshot.published;
    const visible = (year: number, frameworkId: string, unitId: string) => {
      const state = snapshot.states.get(`${cycleIdOf(year, frameworkId)}/${unitId}`) ?? 'published';
      return decide(actor!, state === 'published' ? 'readPublished' : 'readAssessment', { unitId, state }).allowed;
    };
    // A unit's plan and report texts are its drafts: a reader who may not see them builds the report from figures only.
    const drafts = (unitId: string) => decide(actor!, 'readPlan', { unitId }).allowed;
    view = {
      ...base,
      results: base.results
        .map((set) => ({ ...set, units: set.units.filter((u) => visible(set.year, set.frameworkId, u.unitId)) }))
        .filter((set) => set.units.length > 0),
      reports: base.reports.filter((r) => drafts(r.unitId)),
      plans: base.plans.filter((p) => drafts(p.unitId)),
    };
    snapshot.views.set(key, view);
  }
  return view;
}

/** Everything read again: the stored documents, built and validated by the core. */
async function fullSnapshot(tx: Queryable): Promise<Snapshot> {
  const [{ value }] = (await tx.query<{ value: bigint }>('SELECT value FROM revision')) as [{ value: bigint }];
  const states = await tx.query<{ key: string; state: AssessmentState }>("SELECT cycle_id || '/' || unit_id AS key, state FROM unit_results");
  const documents = await loadDocuments(tx);
  const full = buildDataset(documents);
  // Corrections are edited on the stored rows and reach readers only with their own decision.
  const snapshots = new Map(
    (
      await tx.query<{ cycle_id: string; snapshot: unknown }>(
        'SELECT DISTINCT ON (cycle_id) cycle_id, snapshot FROM publications ORDER BY cycle_id, sequence DESC',
      )
    ).map((r) => [`db:cycles/${r.cycle_id}`, r.snapshot]),
  );
  const published = snapshots.size
    ? buildDataset(documents.map((d) => (snapshots.has(d.file) ? { file: `${d.file}#published`, data: snapshots.get(d.file) } : d)))
    : full;
  const publishedCycles = new Set([...snapshots.keys()].map((file) => file.slice('db:cycles/'.length)));
  return { revision: value, full, published, publishedCycles, states: new Map(states.map((s) => [s.key, s.state])), views: new Map(), figures: new Map() };
}

/**
 * The snapshot brought to the stored revision by re-reading only the units the writes since
 * changed, when every write since said which unit it changed (`bumpRevision` with a scope, the
 * rows of migration 014); else undefined. Each unit is read and validated by the core as a full
 * read would (its cycle's document holding it alone), and replaces its entry in place.
 */
async function patched(tx: Queryable, base: Snapshot): Promise<Snapshot | undefined> {
  const [{ value }] = (await tx.query<{ value: bigint }>('SELECT value FROM revision')) as [{ value: bigint }];
  if (value === base.revision) return base;
  const changes = await tx.query<{ cycle_id: string; unit_id: string }>(
    'SELECT cycle_id, unit_id FROM revision_changes WHERE revision > $1 AND revision <= $2',
    [String(base.revision), String(value)],
  );
  if (BigInt(changes.length) !== value - base.revision) return undefined;
  const byCycle = new Map<string, Map<string, UnitResult>>();
  for (const { cycle_id: cycleId, unit_id: unitId } of changes) {
    if (byCycle.get(cycleId)?.has(unitId)) continue;
    const loaded = await loadUnitResult(tx, cycleId, unitId);
    if (!loaded) return undefined;
    let unit: UnitResult | undefined;
    try {
      unit = readResults(loaded.document.data, (id) => (id === loaded.framework.id ? loaded.framework : undefined), loaded.document.file).units[0];
    } catch {
      return undefined; // the full read reports it
    }
    if (!unit) return undefined;
    byCycle.set(cycleId, (byCycle.get(cycleId) ?? new Map()).set(unitId, unit));
  }
  // The changed units by cycle, as the worker threads receive them too (datasetPatches.ts).
  const patchOf = (dataset: Dataset, skip: Set<string>): UnitPatch[] =>
    dataset.results.flatMap((set) => {
      const cycleId = cycleIdOf(set.year, set.frameworkId);
      const units = skip.has(cycleId) ? undefined : byCycle.get(cycleId);
      return units ? [{ year: set.year, frameworkId: set.frameworkId, units: [...units.values()] }] : [];
    });
  const replace = (dataset: Dataset, skip: Set<string>): Dataset | undefined => {
    const patch = patchOf(dataset, skip);
    const { dataset: next, replaced } = replaceUnits(dataset, patch);
    const expected = [...byCycle].filter(([cycleId]) => !skip.has(cycleId)).reduce((n, [, units]) => n + units.size, 0);
    if (replaced !== expected) return undefined;
    recordDerivation(next, dataset, patch);
    return next;
  };
  const full = replace(base.full, new Set());
  const published = base.published === base.full ? full : replace(base.published, base.publishedCycles);
  if (!full || !published) return undefined;
  // The readers' views carried over (the states do not change here): the same units replaced where the view shows them.
  const views = new Map<string, Dataset>();
  for (const [key, view] of base.views) {
    const patch = patchOf(view, base.publishedCycles);
    const next = replaceUnits(view, patch).dataset;
    recordDerivation(next, view, patch);
    views.set(key, next);
  }
  return { ...base, revision: value, full, published, views, figures: new Map() };
}

export function createStore(database: Database): Store {
  // Writes made through this store mark the moment they committed, so that a revision check
  // shared by concurrent readers is never reused by a request that follows a local write.
  let lastLocalCommit = 0;
  const db: Database = {
    engine: database.engine,
    query: database.query.bind(database),
    script: database.script.bind(database),
    close: database.close.bind(database),
    async transaction(work, options) {
      const result = await database.transaction(work, options);
      lastLocalCommit = performance.now();
      return result;
    },
    ...(database.inEngine && {
      async inEngine<T>(call: EngineCall, args: unknown[]) {
        const result = await database.inEngine!<T>(call, args);
        lastLocalCommit = performance.now();
        return result;
      },
    }),
  };
  // Score writes arriving while one runs share the next transaction where transactions run one at a time.
  groupWrites(db);
  let check: { started: number; value: Promise<bigint> } | undefined;
  /** The revision, read once for all readers arriving while a read is in flight (single flight). */
  const revision = () => {
    if (!check || check.started <= lastLocalCommit) {
      const value = db.query<{ value: bigint }>('SELECT value FROM revision').then((rows) => rows[0]!.value);
      const entry = { started: performance.now(), value };
      check = entry;
      value.then(
        () => setImmediate(() => check === entry && (check = undefined)),
        () => check === entry && (check = undefined),
      );
    }
    return check.value;
  };
  let cached: Snapshot | undefined;
  /** The revision each dataset handed out was read at. */
  const revisions = new WeakMap<Dataset, bigint>();
  let loading: Promise<Snapshot> | undefined;
  const current = async (): Promise<Snapshot> => {
    const now = await revision();
    if (cached?.revision === now) return cached;
    // Readers arriving together share one rebuild; a few writes of one unit each (scores) are
    // applied to the cached dataset, anything else reads everything again.
    const base = cached;
    loading ??= db
      .transaction(async (tx) =>
        base && now > base.revision && now - base.revision <= BigInt(KEPT_CHANGES) ? ((await patched(tx, base)) ?? (await fullSnapshot(tx))) : fullSnapshot(tx),
      )
      .finally(() => (loading = undefined));
    cached = await loading;
    revisions.set(cached.full, cached.revision);
    return cached;
  };
  const store: Store = {
    db,
    dataset: async (actor) => viewOf(await current(), actor),
    async computed<T>(key: string, actor: Actor | undefined, compute: (dataset: Dataset) => T | Promise<T>) {
      const snapshot = await current();
      const full = `${viewKey(actor)}|${key}`;
      if (snapshot.figures.has(full)) return snapshot.figures.get(full) as T | Promise<T>;
      const value = compute(viewOf(snapshot, actor));
      if (snapshot.figures.size >= MAX_FIGURES) snapshot.figures.clear();
      snapshot.figures.set(full, value);
      // A figure computed elsewhere (a worker thread) that fails is not kept: the next reader tries again.
      if (value instanceof Promise) value.catch(() => snapshot.figures.get(full) === value && snapshot.figures.delete(full));
      return value;
    },
    importDocuments: (documents, actor, options) => {
      const basis = options?.validated?.basis;
      return importDocuments(db, documents, actor, { ...options, ...(basis && revisions.has(basis) && { basisRevision: revisions.get(basis) }) });
    },
    async importPreviewed(file, preview, actor, options = {}) {
      for (let attempt = 1; ; attempt++) {
        const dataset = await store.dataset();
        const read = await preview(dataset);
        const validated = read.results && read.changes ? { validated: { basis: dataset, results: read.results, changes: read.changes } } : {};
        try {
          return { preview: read, stored: await store.importDocuments([{ file, data: read.document }], actor, { ...options, ...validated }) };
        } catch (error) {
          if (!(error instanceof ParError && error.issues[0]?.code === 'store.stale') || attempt === PREVIEW_ATTEMPTS) throw error;
        }
      }
    },
    async isEmpty() {
      return (await db.query('SELECT 1 FROM frameworks LIMIT 1')).length === 0;
    },
    close: () => db.close(),
  };
  return store;
}
