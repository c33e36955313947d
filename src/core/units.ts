/**
 * Assessed units (đơn vị): departments, districts and communes of a province, with their
 * validity dates and lineage, so that history stays readable after merges and after the
 * district level ended on 1/7/2025.
 */
import { z } from 'zod';
import { parseDocument } from './document.ts';
import type { Change } from './changes.ts';
import { ParError, issue, type Issue, type Message } from './errors.ts';
import { formatDate } from './format.ts';
import { levelSlug } from './framework/schema.ts';
import type { UnitLevel } from './framework/types.ts';
import { searchKey } from './text.ts';
import { bilingual, isoDate, parseWith } from './validation.ts';
import { BASELINE_RULES, LINEAGE_KINDS, lineageDetailProblems, type BaselineRule, type LineageDetail } from './lineage.ts';

/** The known levels in words, for messages (never `district`): "cấp huyện" / "district level". */
export const LEVEL_NAMES: Readonly<Record<string, Message>> = {
  province: { vi: 'cấp tỉnh', en: 'province level' },
  ministry: { vi: 'cấp bộ, ngành Trung ương', en: 'ministry level' },
  department: { vi: 'cấp sở, ban, ngành', en: 'department level' },
  district: { vi: 'cấp huyện', en: 'district level' },
  commune: { vi: 'cấp xã', en: 'commune level' },
};

/** A level in words: the built-in name of a known level, else the slug itself ("cấp khu-kinh-te"). */
export function levelName(level: UnitLevel): Message {
  return LEVEL_NAMES[level] ?? { vi: `cấp ${level}`, en: `${level} level` };
}

/** A peer group (khối): units ranked together, with the name headings and sheets carry. */
export interface UnitGroup {
  id: string;
  name: string;
  nameEn?: string;
}

export interface Province {
  id: string;
  name: string;
  /** Place written on its units' documents ("Lai Châu, ngày …"); default: the province's name. */
  seat?: string;
  /** The province's body, parent of its departments' headers ("UBND TỈNH LAI CHÂU"). */
  body?: string;
  /** Peer groups the province's units file names (a unit's `peerGroup` refers to one). */
  groups?: UnitGroup[];
  /** What a unit without its own previous result is compared with, unless its framework says (core/lineage.ts). */
  baseline?: BaselineRule;
}

/** Who issues and signs a unit's documents (Nghị định 30/2020, Phụ lục I); every part optional, defaults by level and type. */
export interface UnitDocument {
  /** "SỞ TƯ PHÁP" */
  issuingBody?: string;
  /** The body above it ("UBND TỈNH LAI CHÂU"); null: none (a company). */
  parentBody?: string | null;
  /** "STP" in "Số: …/BC-STP". */
  abbreviation?: string;
  /** "Lai Châu" in "Lai Châu, ngày …". */
  place?: string;
  /** "GIÁM ĐỐC"; "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" by default for a people's committee. */
  signerTitle?: string;
}

export interface Unit {
  id: string;
  /** Short name as used in rankings: "Tam Đường", "TP. Lai Châu". */
  name: string;
  /** Official name of the body: "UBND huyện Tam Đường". */
  fullName: string;
  level: UnitLevel;
  /** Kind as written in Vietnamese: huyện, thành phố, xã, phường, sở… */
  type?: string;
  provinceId: string;
  /** Units ranked together; defaults to province + level. */
  peerGroup: string;
  parentId?: string;
  validFrom?: string;
  validTo?: string;
  /** Units this one was formed from / became (merges, the 2025 reform). */
  predecessors: string[];
  successors: string[];
  /** What is known of the links from its predecessors: kind, date, shares (core/lineage.ts); optional. */
  lineage?: LineageDetail[];
  /** Other spellings to match in imported files and in report texts ("Thành phố"). */
  aliases: string[];
  note?: string;
  document?: UnitDocument;
}

export interface UnitRegistry {
  province: Province;
  units: Unit[];
}

/** The peer group of units of a level when the units file names none: `lai-chau-district`. */
export const defaultGroupId = (provinceId: string, level: UnitLevel) => `${provinceId}-${level}`;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: bilingual({ vi: 'chữ thường, số và dấu gạch ngang', en: 'lower case, digits and dashes' }) });

export const unitsFile = z
  .object({
    kind: z.literal('units'),
    province: z
      .object({
        id: slug,
        name: z.string().min(1),
        seat: z.string().trim().min(1).optional(),
        body: z.string().trim().min(1).optional(),
        baseline: z.enum(BASELINE_RULES).optional(),
      })
      .strict(),
    groups: z.array(z.object({ id: slug, name: z.string().trim().min(1), nameEn: z.string().trim().min(1).optional() }).strict()).optional(),
    units: z
      .array(
        z
          .object({
            id: slug,
            name: z.string().trim().min(1),
            fullName: z.string().trim().min(1).optional(),
            level: levelSlug,
            type: z.string().optional(),
            peerGroup: slug.optional(),
            parent: slug.optional(),
            validFrom: isoDate.optional(),
            validTo: isoDate.optional(),
            predecessors: z.array(slug).optional(),
            successors: z.array(slug).optional(),
            /** Per predecessor: the kind of change, its date and the share of this unit that came from it. */
            lineage: z
              .array(
                z
                  .object({
                    from: slug,
                    kind: z.enum(LINEAGE_KINDS).optional(),
                    date: isoDate.optional(),
                    population: z.number().gt(0).max(1).optional(),
                    area: z.number().gt(0).max(1).optional(),
                  })
                  .strict(),
              )
              .optional(),
            aliases: z.array(z.string().min(1)).optional(),
            note: z.string().optional(),
            document: z
              .object({
                issuingBody: z.string().trim().min(1).optional(),
                parentBody: z.string().trim().min(1).nullable().optional(),
                abbreviation: z.string().trim().min(1).optional(),
                place: z.string().trim().min(1).optional(),
                signerTitle: z.string().trim().min(1).optional(),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export function readUnits(data: unknown, file?: string): UnitRegistry {
  const raw = parseWith(unitsFile, data, { file });
  const issues: Issue[] = [];
  const ids = new Set<string>();
  for (const [i, u] of raw.units.entries()) {
    if (ids.has(u.id))
      issues.push(issue('units.duplicate', { vi: `mã đơn vị ${u.id} bị trùng`, en: `unit id ${u.id} appears twice` }, { file, field: `units.${i}.id` }));
    ids.add(u.id);
    if (u.validFrom && u.validTo && u.validTo < u.validFrom) {
      issues.push(
        issue('units.validity', { vi: 'ngày hết hiệu lực trước ngày hiệu lực', en: 'validTo is before validFrom' }, { file, field: `units.${i}.validTo` }),
      );
    }
  }
  const groups = new Set<string>();
  for (const [i, g] of (raw.groups ?? []).entries()) {
    if (groups.has(g.id))
      issues.push(
        issue('units.duplicateGroup', { vi: `mã nhóm đơn vị ${g.id} bị trùng`, en: `group id ${g.id} appears twice` }, { file, field: `groups.${i}.id` }),
      );
    groups.add(g.id);
  }
  raw.units.forEach((u, i) => {
    // A file that names its groups names every group its units are ranked in.
    if (raw.groups && u.peerGroup && !groups.has(u.peerGroup)) {
      issues.push(
        issue(
          'units.unknownGroup',
          {
            vi: `không có nhóm đơn vị ${u.peerGroup} trong danh sách nhóm (groups): ${[...groups].join(', ')}`,
            en: `no group ${u.peerGroup} in the file's groups: ${[...groups].join(', ')}`,
          },
          { file, field: `units.${i}.peerGroup` },
        ),
      );
    }
    for (const ref of [...(u.predecessors ?? []), ...(u.successors ?? []), ...(u.parent ? [u.parent] : [])]) {
      if (!ids.has(ref)) issues.push(issue('units.unknownReference', { vi: `không có đơn vị ${ref}`, en: `no unit ${ref}` }, { file, field: `units.${i}` }));
    }
  });
  if (!issues.length) issues.push(...lineageProblems(raw.units, file), ...lineageDetailProblems(raw.units, file));
  if (issues.length) throw new ParError(issues);
  const { baseline, ...province } = raw.province;
  return {
    province: {
      ...(raw.groups ? { ...province, groups: raw.groups.map((g) => ({ id: g.id, name: g.name, ...(g.nameEn && { nameEn: g.nameEn }) })) } : province),
      ...(baseline && { baseline }),
    },
    units: raw.units.map((u) => ({
      id: u.id,
      name: u.name,
      fullName: u.fullName ?? u.name,
      level: u.level,
      type: u.type,
      provinceId: raw.province.id,
      peerGroup: u.peerGroup ?? defaultGroupId(raw.province.id, u.level),
      parentId: u.parent,
      validFrom: u.validFrom,
      validTo: u.validTo,
      predecessors: u.predecessors ?? [],
      successors: u.successors ?? [],
      ...(u.lineage?.length && { lineage: u.lineage.map((l) => ({ ...l })) }),
      aliases: u.aliases ?? [],
      note: u.note,
      ...(u.document && { document: { ...u.document } }),
    })),
  };
}

/** A unit as its units document writes it (the fields lineage is checked on; others kept as they are). */
export interface UnitEntry {
  id: string;
  name: string;
  validFrom?: string;
  validTo?: string;
  predecessors?: string[];
  successors?: string[];
  lineage?: LineageDetail[];
  [field: string]: unknown;
}

/** The day after an ISO date (2025-06-30 → 2025-07-01). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before an ISO date (2025-07-01 → 2025-06-30). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Lineage checked on both sides: a unit is not its own predecessor or successor; a successor's
 * predecessor lists it back among its successors and the other way round; and their dates meet,
 * the successor's `validFrom` the day after the predecessor's `validTo` (no gap, no overlap).
 * Every issue names both units and the field to fix.
 */
export function lineageProblems(units: readonly UnitEntry[], file?: string): Issue[] {
  const issues: Issue[] = [];
  const index = new Map(units.map((u, i) => [u.id, i]));
  const named = (u: UnitEntry) => `${u.name} (${u.id})`;
  const pairs = new Map<string, [number, number]>();
  units.forEach((u, i) => {
    for (const [list, other, vi, en, viOther, enOther] of [
      ['predecessors', 'successors', 'đơn vị tiền thân', 'predecessor', 'đơn vị kế thừa', 'successors'],
      ['successors', 'predecessors', 'đơn vị kế thừa', 'successor', 'đơn vị tiền thân', 'predecessors'],
    ] as const) {
      for (const ref of u[list] ?? []) {
        if (ref === u.id) {
          issues.push(
            issue(
              'units.lineageSelf',
              { vi: `${named(u)} ghi chính mình là ${vi} (${list})`, en: `${named(u)} lists itself as its own ${en} (${list})` },
              { file, field: `units.${i}.${list}` },
            ),
          );
          continue;
        }
        const j = index.get(ref);
        if (j === undefined) continue;
        const o = units[j]!;
        if (!(o[other] ?? []).includes(u.id)) {
          issues.push(
            issue(
              'units.lineageOneSided',
              {
                vi: `${named(u)} ghi ${named(o)} là ${vi} (${list}), nhưng ${named(o)} không ghi lại ${named(u)} trong ${viOther} (${other}): ghi cả hai phía`,
                en: `${named(u)} lists ${named(o)} as a ${en} (${list}), but ${named(o)} does not list ${named(u)} among its ${enOther} (${other}): write both sides`,
              },
              { file, field: `units.${j}.${other}` },
            ),
          );
        }
        const [p, s] = list === 'predecessors' ? [j, i] : [i, j];
        pairs.set(`${p}>${s}`, [p, s]);
      }
    }
  });
  for (const [p, s] of pairs.values()) {
    const before = units[p]!;
    const after = units[s]!;
    // A boundary transfer moves part of a unit that goes on: its dates are checked with the link's (lineageDetailProblems).
    if (after.lineage?.some((l) => l.from === before.id && l.kind === 'transfer')) continue;
    if (!before.validTo) {
      issues.push(
        issue(
          'units.lineageDates',
          {
            vi: `${named(before)} có đơn vị kế thừa ${named(after)} nhưng thiếu ngày hết hiệu lực (validTo)`,
            en: `${named(before)} has a successor, ${named(after)}, but no end date (validTo)`,
          },
          { file, field: `units.${p}.validTo` },
        ),
      );
      continue;
    }
    const expected = dayAfter(before.validTo);
    if (!after.validFrom) {
      issues.push(
        issue(
          'units.lineageDates',
          {
            vi: `${named(after)} kế thừa ${named(before)} nhưng thiếu ngày hiệu lực (validFrom): phải là ${formatDate(expected)}, ngày liền sau ngày ${formatDate(before.validTo)} ${named(before)} hết hiệu lực`,
            en: `${named(after)} succeeds ${named(before)} but has no start date (validFrom): it must be ${expected}, the day after ${named(before)} ends on ${before.validTo}`,
          },
          { file, field: `units.${s}.validFrom` },
        ),
      );
      continue;
    }
    if (after.validFrom === expected) continue;
    const gap = after.validFrom > expected;
    issues.push(
      issue(
        gap ? 'units.lineageGap' : 'units.lineageOverlap',
        {
          vi: `${gap ? 'khoảng trống' : 'chồng lấn'} ngày hiệu lực: ${named(before)} hết hiệu lực ngày ${formatDate(before.validTo)} nhưng đơn vị kế thừa ${named(after)} có hiệu lực từ ngày ${formatDate(after.validFrom)} (validFrom); phải là ${formatDate(expected)}, ngày liền sau`,
          en: `${gap ? 'a gap' : 'an overlap'} in validity: ${named(before)} ends on ${before.validTo} but its successor ${named(after)} starts on ${after.validFrom} (validFrom); it must be ${expected}, the day after`,
        },
        { file, field: `units.${s}.validFrom` },
      ),
    );
  }
  return issues;
}

/**
 * Completes the other side of every lineage link: a unit listed as a predecessor gets the
 * successor in its `successors`, and the other way round (entries are copied, never mutated).
 */
export function linkLineage<T extends UnitEntry>(units: readonly T[]): T[] {
  const out = units.map((u) => ({ ...u }));
  const byId = new Map(out.map((u) => [u.id, u]));
  const add = (unit: T | undefined, list: 'predecessors' | 'successors', id: string) => {
    if (!unit || unit.id === id || (unit[list] ?? []).includes(id)) return;
    (unit as UnitEntry)[list] = [...(unit[list] ?? []), id];
  };
  for (const u of [...out]) {
    for (const p of u.predecessors ?? []) add(byId.get(p), 'successors', u.id);
    for (const s of u.successors ?? []) add(byId.get(s), 'predecessors', u.id);
  }
  return out;
}

/**
 * Units laid over a province's stored list: an incoming unit replaces the stored one of the same
 * id, a new one is added at the end; units the incoming list leaves out are kept (a units file
 * never removes a unit: an end date, `validTo`, ends it).
 */
export function mergeUnitEntries<T extends { id: string }>(stored: readonly T[], incoming: readonly T[]): T[] {
  const byId = new Map(incoming.map((u) => [u.id, u]));
  const merged = stored.map((u) => byId.get(u.id) ?? u);
  const known = new Set(stored.map((u) => u.id));
  return [...merged, ...incoming.filter((u) => !known.has(u.id))];
}

/**
 * A unit as its units document writes it (the inverse of readUnits): defaults left out
 * (full name equal to the name, the level's default peer group, empty lists).
 */
export function unitEntry(unit: Unit): UnitEntry {
  const { provinceId, parentId, peerGroup, fullName, predecessors, successors, aliases, ...rest } = unit;
  const entry: UnitEntry = {
    ...rest,
    ...(fullName !== unit.name && { fullName }),
    ...(peerGroup !== `${provinceId}-${unit.level}` && { peerGroup }),
    ...(parentId && { parent: parentId }),
    ...(predecessors.length && { predecessors }),
    ...(successors.length && { successors }),
    ...(aliases.length && { aliases }),
  };
  for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
  return entry;
}

/** The fields of a unit a change lists, in the order a person reads them. */
export const UNIT_FIELDS = [
  'name',
  'fullName',
  'level',
  'type',
  'peerGroup',
  'parentId',
  'validFrom',
  'validTo',
  'predecessors',
  'successors',
  'lineage',
  'aliases',
  'note',
] as const;

/** The parts of a unit's `document` a change lists (`document.issuingBody`, …). */
export const UNIT_DOCUMENT_FIELDS = ['issuingBody', 'parentBody', 'abbreviation', 'place', 'signerTitle'] as const;

/** How a change writes a parent body explicitly set to none (a company's header). */
export const NO_PARENT_BODY = '—';

const unitValue = (unit: Unit, field: (typeof UNIT_FIELDS)[number]): string | undefined => {
  const value = unit[field];
  // A link's details as one reads them: "tam-duong (merger, population 0.7)".
  if (field === 'lineage')
    return unit.lineage?.length
      ? unit.lineage
          .map(
            (l) =>
              `${l.from}${[l.kind, l.date, l.population !== undefined && `population ${l.population}`, l.area !== undefined && `area ${l.area}`].filter(Boolean).length ? ` (${[l.kind, l.date, l.population !== undefined && `population ${l.population}`, l.area !== undefined && `area ${l.area}`].filter(Boolean).join(', ')})` : ''}`,
          )
          .join('; ')
      : undefined;
  if (Array.isArray(value)) return value.length ? value.join(', ') : undefined;
  return value === undefined || value === '' ? undefined : String(value);
};

const documentValue = (unit: Unit, field: (typeof UNIT_DOCUMENT_FIELDS)[number]): string | undefined => {
  const value = unit.document?.[field];
  return value === null ? NO_PARENT_BODY : value === undefined || value === '' ? undefined : value;
};

/**
 * Peer groups laid over the stored ones by id: a group of the same id is renamed, a new one
 * added at the end, the stored ones the incoming list leaves out kept (a file never drops a
 * group, as it never drops a unit).
 */
export function mergeGroups(stored: readonly UnitGroup[] | undefined, incoming: readonly UnitGroup[] | undefined): UnitGroup[] | undefined {
  if (!incoming) return stored && [...stored];
  if (!stored) return [...incoming];
  return mergeUnitEntries(stored, incoming);
}

/** What an import changes in a province's own data: its seat, its body, its named groups (before → after). */
export function diffProvince(before: Province | undefined, after: Province): Change[] {
  const changes: Change[] = [];
  const compare = (item: string, was: string | undefined, now: string | undefined, extra: Partial<Change>) => {
    if (was === now) return;
    changes.push({
      change: was === undefined ? 'added' : now === undefined ? 'removed' : 'changed',
      item,
      ...extra,
      ...(was !== undefined && { before: was }),
      ...(now !== undefined && { after: now }),
    });
  };
  for (const field of ['seat', 'body'] as const) compare('province', before?.[field], after[field], { part: field });
  const old = new Map((before?.groups ?? []).map((g) => [g.id, g]));
  for (const group of after.groups ?? []) {
    const was = old.get(group.id);
    if (!was) compare('group', undefined, group.name, { code: group.id });
    else for (const field of ['name', 'nameEn'] as const) compare('group', was[field], group[field], { code: group.id, part: field });
  }
  return changes;
}

/** What an import changes in a province's units, unit by unit and field by field (before → after). */
export function diffUnits(before: ReadonlyMap<string, Unit>, after: readonly Unit[]): Change[] {
  const changes: Change[] = [];
  for (const unit of after) {
    const old = before.get(unit.id);
    if (!old) {
      changes.push({ change: 'added', unitId: unit.id, item: 'unit', after: unit.name });
      continue;
    }
    for (const field of UNIT_FIELDS) {
      const [was, now] = [unitValue(old, field), unitValue(unit, field)];
      if (was === now) continue;
      changes.push({
        change: was === undefined ? 'added' : now === undefined ? 'removed' : 'changed',
        unitId: unit.id,
        item: 'unit',
        part: field,
        ...(was !== undefined && { before: was }),
        ...(now !== undefined && { after: now }),
      });
    }
    for (const field of UNIT_DOCUMENT_FIELDS) {
      const [was, now] = [documentValue(old, field), documentValue(unit, field)];
      if (was === now) continue;
      changes.push({
        change: was === undefined ? 'added' : now === undefined ? 'removed' : 'changed',
        unitId: unit.id,
        item: 'unit',
        part: `document.${field}`,
        ...(was !== undefined && { before: was }),
        ...(now !== undefined && { after: now }),
      });
    }
  }
  return changes;
}

export function parseUnits(text: string, file?: string): UnitRegistry {
  return readUnits(parseDocument(text, file), file);
}

/** Was the unit in existence on that date (ISO)? */
export function isActiveOn(unit: Unit, date: string): boolean {
  return (!unit.validFrom || unit.validFrom <= date) && (!unit.validTo || date <= unit.validTo);
}

/**
 * Finds a unit by id or by name, ignoring case and diacritics ("tam duong", "UBND huyện Tam Đường").
 * Throws a clear error when nothing or more than one unit matches.
 */
export function findUnit(units: readonly Unit[], query: string): Unit {
  return unitFinder(units)(query);
}

/**
 * `findUnit` for many queries against the same units (an imported table of thousands of
 * rows): the names are folded once, and exact names are looked up in a map.
 */
export function unitFinder(units: readonly Unit[]): (query: string) => Unit {
  const byId = new Map(units.map((u) => [u.id, u]));
  const keyed = units.map((u) => ({ unit: u, keys: [...new Set([u.name, u.fullName, ...u.aliases].map(searchKey))] }));
  const byKey = new Map<string, Unit[]>();
  for (const { unit, keys } of keyed) for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), unit]);
  return (query) => {
    const exact = byId.get(query);
    if (exact) return exact;
    const key = searchKey(query);
    let found = byKey.get(key) ?? [];
    if (found.length === 0) found = keyed.filter(({ keys }) => keys.some((n) => n.endsWith(` ${key}`) || key.endsWith(` ${n}`))).map(({ unit }) => unit);
    if (found.length === 1) return found[0]!;
    // Nothing matches whole words: suggest the units whose names contain what was typed ("tam" → Tam Đường).
    const near = key
      ? keyed
          .filter(({ keys }) => keys.some((n) => n.includes(key)))
          .map(({ unit }) => unit)
          .slice(0, 5)
      : [];
    const hint = near.length
      ? { vi: `; có phải: ${near.map((u) => `${u.name} (${u.id})`).join(', ')}?`, en: `; did you mean: ${near.map((u) => `${u.name} (${u.id})`).join(', ')}?` }
      : { vi: '', en: '' };
    throw new ParError(
      found.length === 0
        ? issue('unit.notFound', { vi: `không tìm thấy đơn vị "${query}"${hint.vi}`, en: `no unit matches "${query}"${hint.en}` }, { field: 'unit' })
        : issue(
            'unit.ambiguous',
            {
              vi: `"${query}" khớp nhiều đơn vị: ${found.map((u) => u.fullName).join(', ')}`,
              en: `"${query}" matches several units: ${found.map((u) => u.fullName).join(', ')}`,
            },
            { field: 'unit' },
          ),
    );
  };
}
