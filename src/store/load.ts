/**
 * Rows → the core's documents. The store keeps the data the core reads in tables (scores per
 * criterion, indicators, deductions …) and hands it back as the same documents the data files
 * hold, so that the core validates and computes stored data exactly as it does files.
 */
import {
  fromMicro,
  givenScoreDocument,
  readFramework,
  toNumber,
  type Framework,
  type GivenScore,
  type ResultsFile,
  type SourceDocument,
  type UnitResultFile,
} from '../core/index.ts';
import type { Queryable } from './database.ts';

type Json = Record<string, unknown>;

const micro = (value: string | null): number | undefined => (value === null ? undefined : Number(value));

/** `scorePage`: units whose scores one statement returns (tests: pages of a few units). */
export async function loadDocuments(q: Queryable, options: { scorePage?: number } = {}): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  const frameworks = new Map<string, Framework>();
  for (const row of await q.query<{ id: string; document: Json; content_hash: string }>('SELECT id, document, content_hash FROM frameworks ORDER BY id')) {
    documents.push({ file: `db:frameworks/${row.id}`, data: row.document });
    frameworks.set(row.id, frameworkOf(row.id, row.content_hash, row.document));
  }
  const provinces = await q.query<{ id: string; name: string; document: Json }>('SELECT id, name, document FROM provinces ORDER BY id');
  const units = await q.query<{ province_id: string; document: Json }>('SELECT province_id, document FROM units ORDER BY province_id, position');
  for (const province of provinces) {
    const list = units.filter((u) => u.province_id === province.id).map((u) => u.document);
    if (list.length)
      documents.push({
        file: `db:units/${province.id}`,
        data: {
          kind: 'units',
          province: {
            id: province.id,
            name: province.name,
            ...(province.document.seat !== undefined && { seat: province.document.seat }),
            ...(province.document.body !== undefined && { body: province.document.body }),
            ...(province.document.baseline !== undefined && { baseline: province.document.baseline }),
          },
          ...(province.document.groups !== undefined && { groups: province.document.groups }),
          units: list,
        },
      });
  }
  documents.push(...(await loadResultsDocuments(q, frameworks, options.scorePage ?? SCORE_PAGE)));
  for (const row of await q.query<{ unit_id: string; year: number; document: Json }>(
    'SELECT unit_id, year, document FROM unit_reports ORDER BY unit_id, year',
  )) {
    documents.push({ file: `db:reports/${row.unit_id}/${row.year}`, data: row.document });
  }
  for (const row of await q.query<{ unit_id: string; year: number; document: Json }>('SELECT unit_id, year, document FROM plans ORDER BY unit_id, year')) {
    documents.push({ file: `db:plans/${row.unit_id}/${row.year}`, data: row.document });
  }
  return documents;
}

/**
 * One unit's results in one cycle, as the cycle's results document holding that unit alone, with
 * the cycle's framework: what a write of that unit's scores is checked on and what a reader
 * replaces in its dataset (the core reads each unit of a results document on its own, so the
 * unit reads the same alone as among the others). Undefined when the unit is not in the cycle.
 *
 * One statement (issue 16): the cycle, its framework's hash, the unit's row and its scores,
 * indicators and deductions as JSON text — six statements before, each parsed, planned and
 * answered apart, inside every score write.
 */
export async function loadUnitResult(q: Queryable, cycleId: string, unitId: string): Promise<{ framework: Framework; document: SourceDocument } | undefined> {
  const [row] = await q.query<
    CycleRow & ResultRow & { unit_notes: string[]; content_hash: string; scores: string | null; indicators: string | null; deductions: string | null }
  >(
    `SELECT c.id, c.year, c.framework_id, c.publication, c.notes, c.assessed_on, f.content_hash,
       r.cycle_id, r.unit_id, r.illustrative, r.published, r.notes AS unit_notes, r.not_applicable,
       (SELECT json_agg(json_build_array(s.code, s.final_total::text, s.final_appraisal::text, s.final_survey::text) ORDER BY s.code)
          FROM scores s WHERE s.cycle_id = r.cycle_id AND s.unit_id = r.unit_id
            AND (s.final_total IS NOT NULL OR s.final_appraisal IS NOT NULL OR s.final_survey IS NOT NULL))::text AS scores,
       (SELECT json_agg(json_build_array(i.code, i.value) ORDER BY i.code) FROM indicators i WHERE i.cycle_id = r.cycle_id AND i.unit_id = r.unit_id)::text AS indicators,
       (SELECT json_agg(json_build_array(d.criterion, d.points::text, d.reason, d.documents, d.note) ORDER BY d.position)
          FROM deductions d WHERE d.cycle_id = r.cycle_id AND d.unit_id = r.unit_id)::text AS deductions
     FROM cycles c JOIN frameworks f ON f.id = c.framework_id JOIN unit_results r ON r.cycle_id = c.id
     WHERE c.id = $1 AND r.unit_id = $2`,
    [cycleId, unitId],
  );
  if (!row) return undefined;
  const framework = (await storedFramework(q, row.framework_id, row.content_hash))!;
  const scores = (row.scores ? JSON.parse(row.scores) : []) as ScoreRow[];
  const at = { cycle_id: cycleId, unit_id: unitId };
  const indicators = ((row.indicators ? JSON.parse(row.indicators) : []) as [string, Json][]).map(([code, value]) => ({ ...at, code, value }));
  const deductions = ((row.deductions ? JSON.parse(row.deductions) : []) as [string, string, string, Json[], string | null][]).map(
    ([criterion, points, reason, documents, note]) => ({ ...at, criterion, points, reason, documents, note }),
  );
  const [document] = assembleResults(
    [row],
    [{ ...row, notes: row.unit_notes }],
    scores.length ? [{ ...at, scores }] : [],
    indicators,
    deductions,
    new Map([[row.framework_id, framework]]),
  );
  return { framework, document: document! };
}

/** A stored framework, read by the core once per content (`hash`: its content hash when the caller read it already). */
export async function storedFramework(q: Queryable, id: string, hash?: string): Promise<Framework | undefined> {
  const known = frameworkCache.get(id);
  if (known && hash === undefined) {
    const [row] = await q.query<{ content_hash: string }>('SELECT content_hash FROM frameworks WHERE id = $1', [id]);
    hash = row?.content_hash;
  }
  if (known && known.hash === hash) return known.framework;
  const [stored] = await q.query<{ document: Json; content_hash: string }>('SELECT document, content_hash FROM frameworks WHERE id = $1', [id]);
  return stored && frameworkOf(id, stored.content_hash, stored.document);
}

/** A cycle's framework (read by the core once per content, as `storedFramework`); undefined when there is no such cycle. */
export async function cycleFramework(q: Queryable, cycleId: string): Promise<Framework | undefined> {
  const [row] = await q.query<{ framework_id: string; content_hash: string }>(
    'SELECT c.framework_id, f.content_hash FROM cycles c JOIN frameworks f ON f.id = c.framework_id WHERE c.id = $1',
    [cycleId],
  );
  return row && storedFramework(q, row.framework_id, row.content_hash);
}

/** Frameworks read once per stored document, known by its content hash (the column the import writes). */
const frameworkCache = new Map<string, { hash: string; framework: Framework }>();

function frameworkOf(id: string, hash: string, document: Json): Framework {
  const known = frameworkCache.get(id);
  if (known?.hash === hash) return known.framework;
  const framework = readFramework(document, `db:frameworks/${id}`);
  if (frameworkCache.size > 32) frameworkCache.clear();
  frameworkCache.set(id, { hash, framework });
  return framework;
}

/** Units whose scores one statement of a full read returns (see loadResultsDocuments). */
const SCORE_PAGE = 250;

async function loadResultsDocuments(q: Queryable, frameworks: Map<string, Framework>, pageSize: number): Promise<SourceDocument[]> {
  const cycles = await q.query<CycleRow>('SELECT id, year, framework_id, publication, notes, assessed_on FROM cycles ORDER BY year, id');
  const results = await q.query<ResultRow>(
    'SELECT cycle_id, unit_id, illustrative, published, notes, not_applicable FROM unit_results ORDER BY cycle_id, position',
  );
  const units = unitDocuments(results);
  const cycleFramework = new Map(cycles.map((c) => [c.id, frameworks.get(c.framework_id)]));
  // One row per unit, its scores as JSON text: a province's cycle is 600,000 scores, and reading
  // them as rows cost the embedded engine's driver ≈ 10 s (every field of every row sliced and
  // decoded apart). Points travel as text, so they stay exact whatever their size. Read
  // `pageSize` units at a time and each page turned into the documents' scores before the next:
  // the whole result at once (≈ 30 MB of text at 4,000 units, then its parsed arrays) grew the
  // embedded engine's WebAssembly memory, which never shrinks, and the heaps of both threads.
  let after: [string, string] | undefined;
  for (;;) {
    const page = await q.query<{ cycle_id: string; unit_id: string; scores: string }>(
      `SELECT cycle_id, unit_id, json_agg(json_build_array(code, final_total::text, final_appraisal::text, final_survey::text) ORDER BY code)::text AS scores
       FROM scores WHERE (final_total IS NOT NULL OR final_appraisal IS NOT NULL OR final_survey IS NOT NULL)${after ? ' AND (cycle_id, unit_id) > ($1, $2)' : ''}
       GROUP BY cycle_id, unit_id ORDER BY cycle_id, unit_id LIMIT ${pageSize}`,
      after ?? [],
    );
    for (const row of page) addScores(units, cycleFramework, row.cycle_id, row.unit_id, JSON.parse(row.scores) as ScoreRow[]);
    if (page.length < pageSize) break;
    const last = page.at(-1)!;
    after = [last.cycle_id, last.unit_id];
  }
  const indicators = await q.query<{ cycle_id: string; unit_id: string; code: string; value: Json }>(
    'SELECT cycle_id, unit_id, code, value FROM indicators ORDER BY cycle_id, unit_id, code',
  );
  const deductions = await q.query<DeductionRow>(
    'SELECT cycle_id, unit_id, criterion, points, reason, documents, note FROM deductions ORDER BY cycle_id, unit_id, position',
  );
  addIndicators(units, indicators);
  addDeductions(units, deductions);
  return cycleDocuments(cycles, results, units);
}

type CycleRow = { id: string; year: number; framework_id: string; publication: Json | null; notes: string[]; assessed_on: string | null };
type ResultRow = {
  cycle_id: string;
  unit_id: string;
  illustrative: boolean;
  published: Json | null;
  notes: string[];
  not_applicable: { code: string; reason: string }[];
};
/** A final score as read: code, total, appraisal part, survey part (micro-points as text). */
type ScoreRow = [string, string | null, string | null, string | null];
type At = { cycle_id: string; unit_id: string };
type DeductionRow = At & { criterion: string; points: bigint | string; reason: string; documents: Json[]; note: string | null };

/** The cycles' results documents from their rows (all units of each, or one unit alone). */
function assembleResults(
  cycles: CycleRow[],
  results: ResultRow[],
  scores: (At & { scores: ScoreRow[] })[],
  indicators: (At & { code: string; value: Json })[],
  deductions: DeductionRow[],
  frameworks: Map<string, Framework>,
): SourceDocument[] {
  const units = unitDocuments(results);
  const cycleFramework = new Map(cycles.map((c) => [c.id, frameworks.get(c.framework_id)]));
  for (const row of scores) addScores(units, cycleFramework, row.cycle_id, row.unit_id, row.scores);
  addIndicators(units, indicators);
  addDeductions(units, deductions);
  return cycleDocuments(cycles, results, units);
}

/** A unit's entry in its cycle's document, by `unitKey`. */
type UnitDocuments = Map<string, UnitResultFile>;

const unitKey = (cycleId: string, unitId: string) => `${cycleId}\u0000${unitId}`;

function unitDocuments(results: ResultRow[]): UnitDocuments {
  const units: UnitDocuments = new Map();
  for (const r of results) {
    units.set(unitKey(r.cycle_id, r.unit_id), {
      unit: r.unit_id,
      illustrative: r.illustrative,
      ...(r.not_applicable.length > 0 && { notApplicable: r.not_applicable }),
      ...(r.published && { published: r.published }),
      ...(r.notes.length > 0 && { notes: r.notes }),
    } as UnitResultFile);
  }
  return units;
}

/** A unit's final scores into its document, each as the framework's node reads it. */
function addScores(units: UnitDocuments, cycleFramework: Map<string, Framework | undefined>, cycleId: string, unitId: string, scores: ScoreRow[]): void {
  const unit = units.get(unitKey(cycleId, unitId));
  if (!unit) return;
  const nodes = cycleFramework.get(cycleId)?.nodes;
  for (const [code, total, appraisal, survey] of scores) {
    const given: GivenScore = {
      ...(total !== null && { total: fromMicro(micro(total)!) }),
      ...(appraisal !== null && { appraisal: fromMicro(micro(appraisal)!) }),
      ...(survey !== null && { survey: fromMicro(micro(survey)!) }),
    };
    (unit.scores ??= {})[code] = givenScoreDocument(given, nodes?.get(code)?.source ?? 'mixed');
  }
}

function addIndicators(units: UnitDocuments, indicators: (At & { code: string; value: Json })[]): void {
  for (const i of indicators) {
    const unit = units.get(unitKey(i.cycle_id, i.unit_id));
    if (unit) (unit.indicators ??= {})[i.code] = i.value as never;
  }
}

function addDeductions(units: UnitDocuments, deductions: DeductionRow[]): void {
  for (const d of deductions) {
    const unit = units.get(unitKey(d.cycle_id, d.unit_id));
    if (!unit) continue;
    (unit.deductions ??= []).push({
      criterion: d.criterion,
      points: toNumber(fromMicro(Number(d.points))),
      reason: d.reason,
      ...(d.documents.length > 0 && { documents: d.documents as never }),
      ...(d.note !== null && { note: d.note }),
    });
  }
}

function cycleDocuments(cycles: CycleRow[], results: ResultRow[], units: UnitDocuments): SourceDocument[] {
  return cycles.map((c) => {
    const data: ResultsFile = {
      kind: 'results',
      year: c.year,
      framework: c.framework_id,
      ...(c.assessed_on && { assessedOn: c.assessed_on }),
      ...(c.publication && { publication: c.publication as ResultsFile['publication'] }),
      ...(c.notes.length > 0 && { notes: c.notes }),
      units: results.filter((r) => r.cycle_id === c.id).map((r) => units.get(unitKey(r.cycle_id, r.unit_id))!),
    };
    return { file: `db:cycles/${c.id}`, data };
  });
}
