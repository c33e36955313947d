/**
 * Validated core objects → rows. Called inside one transaction after the core has accepted the
 * whole dataset with the incoming documents in place, so nothing invalid is ever written.
 */
import { createHash } from 'node:crypto';
import {
  indicatorDocument,
  unitResultDocument,
  type Change,
  type Framework,
  type GivenScore,
  type Province,
  type ResultsSet,
  type Unit,
  type UnitReport,
  type UnitResult,
} from '../core/index.ts';
import type { Queryable } from './database.ts';
import { queueRevision } from './auditQueue.ts';

/** The cycle a results set belongs to: the framework id, with the year when the id lacks it. */
export function cycleIdOf(year: number, frameworkId: string): string {
  return frameworkId.endsWith(String(year)) ? frameworkId : `${frameworkId}-${year}`;
}

/** jsonb parameters go as JSON text: both drivers would otherwise turn JS arrays into SQL arrays. */
export function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function contentHash(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

export async function saveFramework(tx: Queryable, id: string, document: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO frameworks (id, document, content_hash) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, content_hash = EXCLUDED.content_hash, imported_at = now()`,
    [id, json(document), contentHash(document)],
  );
}

/** Writes the units given (`position`: the unit's place in its province's list, by default its place in `units`). */
export async function saveUnits(tx: Queryable, province: Province, units: { unit: Unit; document: unknown; position?: number }[]): Promise<void> {
  // The province's row keeps what its units file says besides the units: its named peer groups,
  // the place its documents are written at and its body. What the province given leaves out is
  // kept as stored (jsonb `||`: a file naming no groups or no seat never clears them); callers
  // pass the groups already merged by id (`mergeGroups`), so a written list is the whole list.
  const kept = {
    ...(province.groups && { groups: province.groups }),
    ...(province.seat && { seat: province.seat }),
    ...(province.body && { body: province.body }),
    ...(province.baseline && { baseline: province.baseline }),
  };
  await tx.query(
    `INSERT INTO provinces (id, name, document) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, document = provinces.document || EXCLUDED.document, version = provinces.version + 1
     WHERE provinces.name <> EXCLUDED.name OR provinces.document IS DISTINCT FROM provinces.document || EXCLUDED.document`,
    [province.id, province.name, json(kept)],
  );
  // In batches through unnest: a province-wide file is 4,000 units, one statement each took seconds.
  const rows = units.map(({ unit, document, position }, index) => [
    unit.id,
    unit.provinceId,
    unit.name,
    unit.fullName,
    unit.level,
    unit.peerGroup,
    unit.parentId ?? null,
    unit.validFrom ?? null,
    unit.validTo ?? null,
    json(document),
    position ?? index,
  ]);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await tx.query(
      `INSERT INTO units (id, province_id, name, full_name, level, peer_group, parent_id, valid_from, valid_to, document, position)
       SELECT u.id, u.province_id, u.name, u.full_name, u.level, u.peer_group, u.parent_id, u.valid_from, u.valid_to, u.document::jsonb, u.position
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::text[], $11::integer[])
         AS u(id, province_id, name, full_name, level, peer_group, parent_id, valid_from, valid_to, document, position)
       ON CONFLICT (id) DO UPDATE SET province_id = EXCLUDED.province_id, name = EXCLUDED.name, full_name = EXCLUDED.full_name,
         level = EXCLUDED.level, peer_group = EXCLUDED.peer_group, parent_id = EXCLUDED.parent_id, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, document = EXCLUDED.document, position = EXCLUDED.position, version = units.version + 1
       WHERE units.document IS DISTINCT FROM EXCLUDED.document OR units.position <> EXCLUDED.position`,
      batch[0]!.map((_, column) => batch.map((row) => row[column])),
    );
  }
}

const BATCH = 10_000;

/** Rows inserted BATCH at a time: the statement takes `$1` (the cycle) and one array per column from `$2`. */
async function insertRows(tx: Queryable, sql: string, cycleId: string, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await tx.query(sql, [cycleId, ...batch[0]!.map((_, column) => batch.map((row) => row[column]))]);
  }
}

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped (numbers need none). */
function copyValue(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}

type CopyRow = readonly (string | number | bigint | null | undefined)[];

/** A row as a line of COPY's text format (tab-separated). */
function copyLine(row: CopyRow): string {
  let line = copyValue(row[0]);
  for (let i = 1; i < row.length; i++) line += '\t' + copyValue(row[i]);
  return line + '\n';
}

/** Rows as COPY's text format. */
export function copyText(rows: readonly CopyRow[]): string {
  return rows.map(copyLine).join('');
}

const SCORE_COLUMNS = ['cycle_id', 'unit_id', 'code', 'final_total', 'final_appraisal', 'final_survey'] as const;

/**
 * From this many new scores on, they are loaded without the per-row foreign-key trigger (≈ 7 s
 * of PostgreSQL's time for 600,000 rows, ≈ 13 s of the embedded engine's), where the role may:
 * - the superuser (the embedded engine's) switches the triggers off for the transaction, as
 *   pg_restore does, and the new rows' references are then checked in one query;
 * - the tables' owner does what PostgreSQL's manual advises for bulk loads ("Populating a
 *   Database"): the key dropped, the rows loaded, the key added again, which checks every row of
 *   the table in one join (≈ 0,4 s for 600,000 rows, 2 s for 3,6 million). Dropping a key needs
 *   the tables to itself until commit, so the locks are taken first in the transaction, before
 *   any row lock: a write in progress is waited for instead of deadlocking with it;
 * - a role the owner lent the two functions of migration 008 to (the server's least-privilege
 *   role in the two-role set-up, README) does the same through them: they run as the owner;
 * - any other role (a database whose migrations ran as another owner) keeps the per-row check.
 * A failure in between aborts the transaction, whose rollback restores the triggers and the key.
 */
export const BULK_SCORES = 20_000;

export type BulkScores = 'triggers' | 'key' | 'definer';

/** Whether writing `changes` inserts enough new scores to load them in bulk. */
export function isBulkScores(changes: readonly Change[]): boolean {
  let n = 0;
  for (const writes of writesOf(changes).values()) if (writes.added) n += writes.scores.size;
  return n >= BULK_SCORES;
}

/** How this role may load scores in bulk, with the locks that needs taken; call first in the transaction. */
export async function prepareBulkScores(tx: Queryable): Promise<BulkScores | undefined> {
  const [role] = await tx.query<{ superuser: boolean; owner: boolean; lent: boolean }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser, pg_has_role(current_user, relowner, 'USAGE') AS owner,
            coalesce(has_function_privilege(to_regprocedure('bulk_scores_unkey()'), 'EXECUTE'), false) AS lent
       FROM pg_class WHERE oid = 'scores'::regclass`,
  );
  if (role?.superuser) return 'triggers';
  if (!role?.owner && !role?.lent) return undefined;
  await tx.query('LOCK TABLE unit_results, scores IN ACCESS EXCLUSIVE MODE');
  return role.owner ? 'key' : 'definer';
}

const SCORES_UNIT_KEY = 'scores_cycle_id_unit_id_fkey';
const SCORES_KEY = 'scores_pkey';

/** Whether no cycle has scores yet. */
async function emptyScores(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM scores) AS empty');
  return row?.empty === true;
}

/**
 * Final scores of units new to the cycle. They cannot have rows yet (a score row needs its
 * unit_results row, just inserted), so they are plain inserts, in key order (the primary-key
 * index then grows at its right edge: a sixth less on the embedded engine): COPY where the
 * engine has it (`pg` has none without another package), else unnest in batches; in bulk (see
 * BULK_SCORES) when the caller prepared it.
 */
async function insertNewScores(tx: Queryable, cycleId: string, added: readonly UnitResult[], bulk: BulkScores | undefined): Promise<void> {
  let count = 0;
  for (const result of added) count += result.scores.size;
  if (!count) return;
  const unkeyed = count >= BULK_SCORES ? bulk : undefined;
  // Into an empty table (a new database), the primary key is built once after the rows, by a
  // sort, rather than grown row by row (600,000 rows on the embedded engine: 4,4 s of CPU copied
  // with the key, 1,7 + 1,2 s without it then built). The role
  // must own the table (`definer` does not); the table is the transaction's until commit.
  const rebuilt = (unkeyed === 'triggers' || unkeyed === 'key') && (await emptyScores(tx));
  if (rebuilt) {
    await tx.query('LOCK TABLE scores IN ACCESS EXCLUSIVE MODE');
    await tx.query(`ALTER TABLE scores DROP CONSTRAINT ${SCORES_KEY}`);
    // Empty: nothing lost. The table gets a new file of this transaction's, which the embedded
    // engine (wal_level=minimal, pglite.ts) fills and indexes without writing it to the WAL.
    await tx.query('TRUNCATE scores');
  }
  // In key order, units by id and each unit's scores by code, in JavaScript. When the key is
  // built after, its sort finds the rows already in order and stops after one pass (PostgreSQL's
  // sort checks for that first): 600,000 rows on the embedded engine, 2.5 s → 0.8 s for the key,
  // 0.15 s more for the copy. Where the database's collation is not C the check fails and the
  // key is sorted as before.
  const units = [...added].sort((a, b) => compareText(a.unitId, b.unitId));
  const scoresOf = (result: UnitResult) => [...result.scores].sort(([a], [b]) => compareText(a, b));
  if (unkeyed === 'triggers') await tx.query('SET LOCAL session_replication_role = replica');
  if (unkeyed === 'key') await tx.query(`ALTER TABLE scores DROP CONSTRAINT ${SCORES_UNIT_KEY}`);
  if (unkeyed === 'definer') await tx.query('SELECT bulk_scores_unkey()');
  if (tx.copyFrom) await tx.copyFrom('scores', SCORE_COLUMNS, newScoresText(cycleId, units, scoresOf));
  else {
    await insertRows(
      tx,
      `INSERT INTO scores (cycle_id, unit_id, code, final_total, final_appraisal, final_survey)
       SELECT $1, s.unit_id, s.code, s.total, s.appraisal, s.survey FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS s(unit_id, code, total, appraisal, survey)`,
      cycleId,
      units.flatMap((result) =>
        scoresOf(result).map(([code, given]) => [result.unitId, code, given.total ?? null, given.appraisal ?? null, given.survey ?? null]),
      ),
    );
  }
  if (rebuilt) await tx.query(`ALTER TABLE scores ADD CONSTRAINT ${SCORES_KEY} PRIMARY KEY (cycle_id, unit_id, code)`);
  if (unkeyed === 'key')
    await tx.query(`ALTER TABLE scores ADD CONSTRAINT ${SCORES_UNIT_KEY} FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results (cycle_id, unit_id)`);
  if (unkeyed === 'definer') await tx.query('SELECT bulk_scores_rekey()');
  if (unkeyed === 'triggers') {
    await tx.query('SET LOCAL session_replication_role = origin');
    // What the triggers would have checked: every unit of the rows has its unit_results row.
    const unitIds = [...new Set(units.filter((result) => result.scores.size > 0).map((result) => result.unitId))];
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM unit_results WHERE cycle_id = $1 AND unit_id = ANY($2::text[])', [
      cycleId,
      unitIds,
    ]);
    if (n !== unitIds.length) throw new Error(`scores copied without their unit_results rows in ${cycleId}`);
  }
}

/** JavaScript's order of strings (code units), the order the rows were sorted in before. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The new scores as COPY's text format, written straight from the units' scores (issue 16.7: a
 * row array per score, then a line per array, was 600,000 arrays and their strings made for
 * nothing but the text); the same lines as copyText of the rows.
 */
function newScoresText(cycleId: string, units: readonly UnitResult[], scoresOf: (result: UnitResult) => [string, GivenScore][]): string {
  const cycle = copyValue(cycleId);
  const parts: string[] = [];
  for (const result of units) {
    const prefix = `${cycle}\t${copyValue(result.unitId)}\t`;
    let text = '';
    for (const [code, given] of scoresOf(result)) {
      text += `${prefix}${copyValue(code)}\t${copyValue(given.total)}\t${copyValue(given.appraisal)}\t${copyValue(given.survey)}\n`;
    }
    parts.push(text);
  }
  return parts.join('');
}

/** The published figures of a unit as its document writes them (built without its 150 scores). */
function publishedDocument(result: UnitResult, framework: Framework): unknown {
  if (!result.published) return null;
  return unitResultDocument({ ...result, scores: new Map(), indicators: new Map(), deductions: [] }, framework).published ?? null;
}

/** The unit's not-applicable criteria as its document writes them ([{code, reason}]). */
export function notApplicableDocument(result: UnitResult): { code: string; reason: string }[] {
  return [...(result.notApplicable ?? [])].map(([code, reason]) => ({ code, reason }));
}

/** What an import changes in one unit, from the diff: which rows of which tables to write. */
interface UnitWrites {
  added: boolean;
  /** unit_results: published figures, notes, illustrative, not-applicable criteria. */
  row: boolean;
  scores: Set<string>;
  indicators: boolean;
  deductions: boolean;
}

/** writesOf of a list of changes already read (isBulkScores, then saveResults: a province's 1,2 million, read once); lists are not changed once diffed. */
const writesRead = new WeakMap<readonly Change[], Map<string, UnitWrites>>();

function writesOf(changes: readonly Change[]): Map<string, UnitWrites> {
  const known = writesRead.get(changes);
  if (known) return known;
  const units = new Map<string, UnitWrites>();
  writesRead.set(changes, units);
  for (const change of changes) {
    if (change.unitId === undefined) continue;
    let writes = units.get(change.unitId);
    if (!writes) units.set(change.unitId, (writes = { added: false, row: false, scores: new Set(), indicators: false, deductions: false }));
    switch (change.item) {
      case 'unit':
        if (change.change === 'added') writes.added = writes.row = true;
        break;
      case 'score':
        writes.scores.add(change.code!);
        break;
      case 'indicator':
        writes.indicators = true;
        break;
      case 'deduction':
        writes.deductions = true;
        break;
      default:
        writes.row = true;
    }
  }
  return units;
}

/**
 * Writes what `changes` (the diff of the stored results against `set`, for the units `set`
 * lists) says changed: the unit rows, final scores, indicators and deductions of those units
 * only. A unit new to the cycle is inserted whole; in a unit already stored, each changed score
 * is set (or cleared, when the set no longer gives it) and its version bumped, and a changed
 * list of indicators or deductions is replaced. Self and appraised scores stay: a data file
 * carries final scores only. Rows the import does not change keep their version, so an officer
 * editing one of them is not sent back by a re-import of the same figures.
 */
export async function saveResults(
  tx: Queryable,
  set: ResultsSet,
  framework: Framework,
  changes: readonly Change[],
  options: { bulk?: BulkScores } = {},
): Promise<string> {
  const cycleId = cycleIdOf(set.year, set.frameworkId);
  await tx.query(
    `INSERT INTO cycles (id, year, framework_id, publication, notes, phase, assessed_on) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET publication = coalesce(EXCLUDED.publication, cycles.publication), notes = EXCLUDED.notes,
       assessed_on = coalesce(EXCLUDED.assessed_on, cycles.assessed_on), version = cycles.version + 1`,
    [cycleId, set.year, set.frameworkId, json(set.publication ?? null), json(set.notes ?? []), 'published', set.assessedOn ?? null],
  );
  const writes = writesOf(changes);
  if (!writes.size) return cycleId;
  const [{ next } = { next: 0 }] = await tx.query<{ next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM unit_results WHERE cycle_id = $1', [
    cycleId,
  ]);
  const listed = set.units.map((result, index) => ({ result, index, writes: writes.get(result.unitId) })).filter((u) => u.writes !== undefined) as {
    result: UnitResult;
    index: number;
    writes: UnitWrites;
  }[];
  // Rows go in batches through unnest (or COPY): a province-wide file is 4,000 units and
  // 600,000 scores, and one statement per row took minutes on the embedded engine.
  await insertRows(
    tx,
    `INSERT INTO unit_results (cycle_id, unit_id, illustrative, published, notes, position, state, not_applicable)
     SELECT $1, r.unit_id, r.illustrative, r.published::jsonb, r.notes::jsonb, r.position, 'published', r.not_applicable::jsonb
     FROM unnest($2::text[], $3::boolean[], $4::text[], $5::text[], $6::integer[], $7::text[]) AS r(unit_id, illustrative, published, notes, position, not_applicable)
     ON CONFLICT (cycle_id, unit_id) DO UPDATE SET illustrative = EXCLUDED.illustrative, published = EXCLUDED.published,
       notes = EXCLUDED.notes, not_applicable = EXCLUDED.not_applicable, version = unit_results.version + 1`,
    cycleId,
    // A results document is what a province published or exchanged: new rows are published
    // figures; units of a cycle run through the workflow keep their state.
    listed
      .filter((u) => u.writes.row)
      .map(({ result, index }) => [
        result.unitId,
        result.illustrative,
        json(publishedDocument(result, framework)),
        json(result.notes),
        next + index,
        json(notApplicableDocument(result)),
      ]),
  );
  const scoreRow = (unitId: string, code: string, given: GivenScore | undefined) => [
    cycleId,
    unitId,
    code,
    given?.total ?? null,
    given?.appraisal ?? null,
    given?.survey ?? null,
  ];
  await insertNewScores(
    tx,
    cycleId,
    listed.filter((u) => u.writes.added).map((u) => u.result),
    options.bulk,
  );
  await insertRows(
    tx,
    `INSERT INTO scores (cycle_id, unit_id, code, final_total, final_appraisal, final_survey)
     SELECT $1, s.unit_id, s.code, s.total, s.appraisal, s.survey FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS s(unit_id, code, total, appraisal, survey)
     ON CONFLICT (cycle_id, unit_id, code) DO UPDATE SET final_total = EXCLUDED.final_total, final_appraisal = EXCLUDED.final_appraisal,
       final_survey = EXCLUDED.final_survey, version = scores.version + 1, updated_at = now()`,
    cycleId,
    listed
      .filter((u) => !u.writes.added)
      .flatMap(({ result, writes: w }) => [...w.scores].map((code) => scoreRow(result.unitId, code, result.scores.get(code)).slice(1))),
  );
  const replaced = (part: 'indicators' | 'deductions') => listed.filter((u) => u.writes[part] && !u.writes.added).map((u) => u.result.unitId);
  await tx.query('DELETE FROM indicators WHERE cycle_id = $1 AND unit_id = ANY($2::text[])', [cycleId, replaced('indicators')]);
  await insertRows(
    tx,
    'INSERT INTO indicators (cycle_id, unit_id, code, value) SELECT $1, i.unit_id, i.code, i.value::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS i(unit_id, code, value)',
    cycleId,
    listed
      .filter((u) => u.writes.indicators)
      .flatMap(({ result: r }) => [...r.indicators].map(([code, value]) => [r.unitId, code, json(indicatorDocument(value))])),
  );
  await tx.query('DELETE FROM deductions WHERE cycle_id = $1 AND unit_id = ANY($2::text[])', [cycleId, replaced('deductions')]);
  await insertRows(
    tx,
    `INSERT INTO deductions (cycle_id, unit_id, position, criterion, points, reason, documents, note)
     SELECT $1, d.unit_id, d.position, d.criterion, d.points, d.reason, d.documents::jsonb, d.note
     FROM unnest($2::text[], $3::integer[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS d(unit_id, position, criterion, points, reason, documents, note, n)
     ORDER BY d.n`,
    cycleId,
    listed
      .filter((u) => u.writes.deductions)
      .flatMap(({ result: r }) => r.deductions.map((d, position) => [r.unitId, position, d.criterion, d.points, d.reason, json(d.documents), d.note ?? null])),
  );
  return cycleId;
}

export async function saveReport(tx: Queryable, report: UnitReport, document: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO unit_reports (unit_id, year, document) VALUES ($1, $2, $3)
     ON CONFLICT (unit_id, year) DO UPDATE SET document = EXCLUDED.document, version = unit_reports.version + 1`,
    [report.unitId, report.year, json(document)],
  );
}

/** The changes readers may apply to a dataset instead of reading it all again (migration 014). */
export const KEPT_CHANGES = 1000;

/**
 * Marks the transaction's write for readers. `scope`: the write changed only this unit's results
 * in this cycle (a score, a not-applicable mark), so a reader re-reads just that unit
 * (`loadUnitResult`); without it, readers read everything again.
 */
export async function bumpRevision(tx: Queryable, scope?: { cycleId: string; unitId: string }): Promise<void> {
  if (!scope) {
    await tx.query('UPDATE revision SET value = value + 1');
    return;
  }
  // Side by side with other writers: queued, made a revision after the commit (auditQueue.ts).
  if (tx.afterCommit) return queueRevision(tx, scope);
  // One statement: the revision row stays locked to the commit (transactions run one at a time here).
  const [{ value }] = (await tx.query<{ value: bigint }>(
    'WITH bumped AS (UPDATE revision SET value = value + 1 RETURNING value) INSERT INTO revision_changes (revision, cycle_id, unit_id) SELECT value, $1, $2 FROM bumped RETURNING revision AS value',
    [scope.cycleId, scope.unitId],
  )) as [{ value: bigint }];
  if (value % 256n === 0n) await tx.query('DELETE FROM revision_changes WHERE revision <= $1', [String(value - BigInt(KEPT_CHANGES))]);
}

export async function savePlan(tx: Queryable, unitId: string, year: number, document: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO plans (unit_id, year, document) VALUES ($1, $2, $3)
     ON CONFLICT (unit_id, year) DO UPDATE SET document = EXCLUDED.document, version = plans.version + 1`,
    [unitId, year, json(document)],
  );
}
