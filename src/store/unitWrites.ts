/**
 * What the administration's unit operations (add, change, end, merger) share: the province's
 * stored units document changed entry by entry, the whole data validated again by the core
 * (lineage both ways, results and plans still naming known units), only the changed units
 * written, one audit entry, in one transaction.
 */
import { z } from 'zod';
import { buildDataset, diffUnits, documentKind, issue, ParError, readUnits, unitEntry, type Change, type Dataset, type Unit } from '../core/index.ts';
import { bilingual, isoDate } from '../core/validation.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError, notFound } from './errors.ts';
import { loadDocuments } from './load.ts';
import { bumpRevision, saveUnits } from './save.ts';

export type Json = Record<string, unknown>;

export const unitSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: bilingual({ vi: 'chữ thường không dấu, số và dấu gạch ngang, vd. xa-ban-bo', en: 'lower case, digits and dashes' }) })
  .max(120);

/** The fields of a unit the administration writes, named as the units document names them. */
export const unitFields = {
  name: z.string().trim().min(1).max(200),
  fullName: z.string().trim().min(1).max(300),
  level: unitSlug,
  type: z.string().trim().min(1).max(100),
  peerGroup: unitSlug,
  validFrom: isoDate,
  validTo: isoDate,
  aliases: z.array(z.string().trim().min(1).max(200)).max(50),
  note: z.string().trim().min(1).max(2000),
  /** Who issues and signs the unit's report; parentBody null: none (a company). */
  document: z
    .object({
      issuingBody: z.string().trim().min(1).max(200).optional(),
      parentBody: z.string().trim().min(1).max(200).nullable().optional(),
      abbreviation: z.string().trim().min(1).max(50).optional(),
      place: z.string().trim().min(1).max(100).optional(),
      signerTitle: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
};

/** The entry with `fields` written over it; a field given as null is removed (an empty optional field). */
export function withFields(entry: Json, fields: Json): Json {
  const next = { ...entry };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null || (Array.isArray(value) && value.length === 0) || (key === 'document' && typeof value === 'object' && Object.keys(value).length === 0))
      delete next[key];
    else next[key] = value;
  }
  return next;
}

/** A unit as the administration reads it: the core's unit and its row's version. */
export interface UnitRecord extends Unit {
  version: number;
}

export interface UnitWriteResult {
  /** The units the operation changed, with their new versions. */
  units: UnitRecord[];
  changes: Change[];
}

export async function unitVersions(q: Queryable, ids?: string[]): Promise<Map<string, number>> {
  const rows = ids
    ? await q.query<{ id: string; version: number }>('SELECT id, version FROM units WHERE id = ANY($1::text[])', [ids])
    : await q.query<{ id: string; version: number }>('SELECT id, version FROM units');
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** The unit of `id` locked for the change, refused when it is unknown or its version is not the one read. */
export async function lockedUnit(
  tx: Queryable,
  id: string,
  version: number | undefined,
  current: (id: string) => Unit | undefined,
): Promise<{ province: string; version: number }> {
  const [row] = await tx.query<{ province_id: string; version: number }>('SELECT province_id, version FROM units WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound({ vi: `không có đơn vị ${id}`, en: `no unit ${id}` }, 'unit');
  if (version !== undefined && version !== row.version) {
    throw new ConflictError(
      {
        vi: `đơn vị ${current(id)?.name ?? id} vừa được người khác sửa: hãy tải lại rồi sửa tiếp`,
        en: `unit ${current(id)?.name ?? id} was just changed by someone else: reload and edit again`,
      },
      { ...current(id), version: row.version },
    );
  }
  return { province: row.province_id, version: row.version };
}

/**
 * Changes a province's units: `change` gets the stored entries (the units document's, as written)
 * and the current units, and returns the new entries. Refused as a whole when the core refuses.
 */
export async function writeUnits(
  db: Database,
  actor: Actor,
  audit: { action: string; subject: string; reason?: string },
  change: (tx: Queryable, stored: Dataset) => Promise<{ province: string; entries: (entries: Json[]) => Json[] }>,
): Promise<UnitWriteResult> {
  authorize(actor, 'manageUnits');
  return db.transaction(async (tx) => {
    const documents = await loadDocuments(tx);
    const stored = buildDataset(documents);
    const { province, entries } = await change(tx, stored);
    const index = documents.findIndex((d) => documentKind(d.data) === 'units' && ((d.data as Json).province as Json).id === province);
    if (index < 0) throw notFound({ vi: `không có tỉnh ${province}`, en: `no province ${province}` }, 'province');
    const before = documents[index]!.data as Json;
    // Entries the core wrote back from a unit (unitEntry) or stored as written: both read the same.
    const next = { ...before, units: entries((before.units as Json[]).map((u) => ({ ...u }))) };
    const file = `db:units/${province}`;
    const registry = readUnits(next, file);
    // Results, reports and plans must still name known units: the core checks the whole.
    buildDataset(documents.map((d, i) => (i === index ? { file, data: next } : d)));
    const storedUnits = new Map([...stored.units].filter(([, u]) => u.provinceId === province));
    const changes = diffUnits(storedUnits, registry.units);
    if (!changes.length) {
      throw new ParError(issue('units.noChange', { vi: 'không có gì thay đổi', en: 'nothing changes' }));
    }
    const touched = new Set(changes.map((c) => c.unitId));
    const rows = registry.units.map((unit, position) => ({ unit, document: (next.units as Json[])[position], position })).filter((u) => touched.has(u.unit.id));
    await saveUnits(tx, registry.province, rows);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: audit.action,
      subject: audit.subject,
      before: rows.filter((r) => storedUnits.has(r.unit.id)).map((r) => unitEntry(storedUnits.get(r.unit.id)!)),
      after: { units: rows.map((r) => unitEntry(r.unit)), changes },
      ...(audit.reason && { reason: audit.reason }),
    });
    await bumpRevision(tx);
    const versions = await unitVersions(tx, [...touched] as string[]);
    return { units: rows.map((r) => ({ ...r.unit, version: versions.get(r.unit.id)! })), changes };
  });
}
