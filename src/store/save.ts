/**
 * Validated core objects → rows. Called inside one transaction after the core has accepted the
 * whole dataset with the incoming documents in place, so nothing invalid is ever written.
 */
import { createHash } from 'node:crypto';
import {
  indicatorDocument,
  unitResultDocument,
  type Framework,
  type ResultsSet,
  type Unit,
  type UnitReport,
} from '../core/index.ts';
import type { Queryable } from './database.ts';

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

export async function saveUnits(tx: Queryable, province: { id: string; name: string }, units: { unit: Unit; document: unknown }[]): Promise<void> {
  await tx.query('INSERT INTO provinces (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, version = provinces.version + 1 WHERE provinces.name <> EXCLUDED.name', [
    province.id,
    province.name,
  ]);
  for (const [position, { unit, document }] of units.entries()) {
    await tx.query(
      `INSERT INTO units (id, province_id, name, full_name, level, peer_group, parent_id, valid_from, valid_to, document, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET province_id = EXCLUDED.province_id, name = EXCLUDED.name, full_name = EXCLUDED.full_name,
         level = EXCLUDED.level, peer_group = EXCLUDED.peer_group, parent_id = EXCLUDED.parent_id, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, document = EXCLUDED.document, position = EXCLUDED.position, version = units.version + 1
       WHERE units.document IS DISTINCT FROM EXCLUDED.document OR units.position <> EXCLUDED.position`,
      [unit.id, unit.provinceId, unit.name, unit.fullName, unit.level, unit.peerGroup, unit.parentId ?? null, unit.validFrom ?? null, unit.validTo ?? null, json(document), position],
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

/** Writes the units of a results set: each listed unit's final scores, indicators and deductions are replaced. */
export async function saveResults(tx: Queryable, set: ResultsSet, framework: Framework): Promise<string> {
  const cycleId = cycleIdOf(set.year, set.frameworkId);
  await tx.query(
    `INSERT INTO cycles (id, year, framework_id, publication, notes, phase) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET publication = coalesce(EXCLUDED.publication, cycles.publication), notes = EXCLUDED.notes, version = cycles.version + 1`,
    [cycleId, set.year, set.frameworkId, json(set.publication ?? null), json(set.notes ?? []), 'published'],
  );
  const [{ next } = { next: 0 }] = await tx.query<{ next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM unit_results WHERE cycle_id = $1', [cycleId]);
  const unitIds = set.units.map((u) => u.unitId);
  // Rows go in batches through unnest: a province-wide file is 4,000 units and 600,000 scores,
  // and one statement per row took minutes on the embedded engine.
  await insertRows(
    tx,
    `INSERT INTO unit_results (cycle_id, unit_id, illustrative, published, notes, position, state)
     SELECT $1, r.unit_id, r.illustrative, r.published::jsonb, r.notes::jsonb, r.position, 'published'
     FROM unnest($2::text[], $3::boolean[], $4::text[], $5::text[], $6::integer[]) AS r(unit_id, illustrative, published, notes, position)
     ON CONFLICT (cycle_id, unit_id) DO UPDATE SET illustrative = EXCLUDED.illustrative, published = EXCLUDED.published,
       notes = EXCLUDED.notes, version = unit_results.version + 1`,
    cycleId,
    // A results document is what a province published or exchanged: new rows are published
    // figures; units of a cycle run through the workflow keep their state.
    set.units.map((result, index) => [result.unitId, result.illustrative, json(unitResultDocument(result, framework).published ?? null), json(result.notes), next + index]),
  );
  // Self and appraised scores stay: a data file carries final scores only.
  await tx.query('UPDATE scores SET final_total = NULL, final_appraisal = NULL, final_survey = NULL, version = version + 1 WHERE cycle_id = $1 AND unit_id = ANY($2::text[]) AND (final_total IS NOT NULL OR final_appraisal IS NOT NULL OR final_survey IS NOT NULL)', [cycleId, unitIds]);
  await insertRows(
    tx,
    `INSERT INTO scores (cycle_id, unit_id, code, final_total, final_appraisal, final_survey)
     SELECT $1, s.unit_id, s.code, s.total, s.appraisal, s.survey FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS s(unit_id, code, total, appraisal, survey)
     ON CONFLICT (cycle_id, unit_id, code) DO UPDATE SET final_total = EXCLUDED.final_total, final_appraisal = EXCLUDED.final_appraisal,
       final_survey = EXCLUDED.final_survey, updated_at = now()`,
    cycleId,
    set.units.flatMap((r) => [...r.scores].map(([code, given]) => [r.unitId, code, given.total ?? null, given.appraisal ?? null, given.survey ?? null])),
  );
  await tx.query('DELETE FROM indicators WHERE cycle_id = $1 AND unit_id = ANY($2::text[])', [cycleId, unitIds]);
  await insertRows(
    tx,
    'INSERT INTO indicators (cycle_id, unit_id, code, value) SELECT $1, i.unit_id, i.code, i.value::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS i(unit_id, code, value)',
    cycleId,
    set.units.flatMap((r) => [...r.indicators].map(([code, value]) => [r.unitId, code, json(indicatorDocument(value))])),
  );
  await tx.query('DELETE FROM deductions WHERE cycle_id = $1 AND unit_id = ANY($2::text[])', [cycleId, unitIds]);
  await insertRows(
    tx,
    `INSERT INTO deductions (cycle_id, unit_id, position, criterion, points, reason, documents, note)
     SELECT $1, d.unit_id, d.position, d.criterion, d.points, d.reason, d.documents::jsonb, d.note
     FROM unnest($2::text[], $3::integer[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS d(unit_id, position, criterion, points, reason, documents, note, n)
     ORDER BY d.n`,
    cycleId,
    set.units.flatMap((r) => r.deductions.map((d, position) => [r.unitId, position, d.criterion, d.points, d.reason, json(d.documents), d.note ?? null])),
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

export async function bumpRevision(tx: Queryable): Promise<void> {
  await tx.query('UPDATE revision SET value = value + 1');
}

export async function savePlan(tx: Queryable, unitId: string, year: number, document: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO plans (unit_id, year, document) VALUES ($1, $2, $3)
     ON CONFLICT (unit_id, year) DO UPDATE SET document = EXCLUDED.document, version = plans.version + 1`,
    [unitId, year, json(document)],
  );
}
