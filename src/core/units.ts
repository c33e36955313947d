/**
 * Assessed units (đơn vị): departments, districts and communes of a province, with their
 * validity dates and lineage, so that history stays readable after merges and after the
 * district level ended on 1/7/2025.
 */
import { z } from 'zod';
import { parseDocument } from './document.ts';
import { ParError, issue, type Issue, type Message } from './errors.ts';
import { levelSlug } from './framework/schema.ts';
import type { UnitLevel } from './framework/types.ts';
import { searchKey } from './text.ts';
import { isoDate, parseWith } from './validation.ts';

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
  /** Peer groups the province's units file names (a unit's `peerGroup` refers to one). */
  groups?: UnitGroup[];
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
  /** Other spellings to match in imported files and in report texts ("Thành phố"). */
  aliases: string[];
  note?: string;
}

export interface UnitRegistry {
  province: Province;
  units: Unit[];
}

/** The peer group of units of a level when the units file names none: `lai-chau-district`. */
export const defaultGroupId = (provinceId: string, level: UnitLevel) => `${provinceId}-${level}`;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'chữ thường, số và dấu gạch ngang / lower case, digits and dashes' });

export const unitsFile = z
  .object({
    kind: z.literal('units'),
    province: z.object({ id: slug, name: z.string().min(1) }).strict(),
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
            aliases: z.array(z.string().min(1)).optional(),
            note: z.string().optional(),
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
    if (ids.has(u.id)) issues.push(issue('units.duplicate', { vi: `mã đơn vị ${u.id} bị trùng`, en: `unit id ${u.id} appears twice` }, { file, field: `units.${i}.id` }));
    ids.add(u.id);
    if (u.validFrom && u.validTo && u.validTo < u.validFrom) {
      issues.push(issue('units.validity', { vi: 'ngày hết hiệu lực trước ngày hiệu lực', en: 'validTo is before validFrom' }, { file, field: `units.${i}.validTo` }));
    }
  }
  const groups = new Set<string>();
  for (const [i, g] of (raw.groups ?? []).entries()) {
    if (groups.has(g.id)) issues.push(issue('units.duplicateGroup', { vi: `mã nhóm đơn vị ${g.id} bị trùng`, en: `group id ${g.id} appears twice` }, { file, field: `groups.${i}.id` }));
    groups.add(g.id);
  }
  raw.units.forEach((u, i) => {
    // A file that names its groups names every group its units are ranked in.
    if (raw.groups && u.peerGroup && !groups.has(u.peerGroup)) {
      issues.push(
        issue(
          'units.unknownGroup',
          { vi: `không có nhóm đơn vị ${u.peerGroup} trong danh sách nhóm (groups): ${[...groups].join(', ')}`, en: `no group ${u.peerGroup} in the file's groups: ${[...groups].join(', ')}` },
          { file, field: `units.${i}.peerGroup` },
        ),
      );
    }
    for (const ref of [...(u.predecessors ?? []), ...(u.successors ?? []), ...(u.parent ? [u.parent] : [])]) {
      if (!ids.has(ref)) issues.push(issue('units.unknownReference', { vi: `không có đơn vị ${ref}`, en: `no unit ${ref}` }, { file, field: `units.${i}` }));
    }
  });
  if (issues.length) throw new ParError(issues);
  return {
    province: raw.groups ? { ...raw.province, groups: raw.groups.map((g) => ({ id: g.id, name: g.name, ...(g.nameEn && { nameEn: g.nameEn }) })) } : raw.province,
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
      aliases: u.aliases ?? [],
      note: u.note,
    })),
  };
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
    const near = key ? keyed.filter(({ keys }) => keys.some((n) => n.includes(key))).map(({ unit }) => unit).slice(0, 5) : [];
    const hint = near.length
      ? { vi: `; có phải: ${near.map((u) => `${u.name} (${u.id})`).join(', ')}?`, en: `; did you mean: ${near.map((u) => `${u.name} (${u.id})`).join(', ')}?` }
      : { vi: '', en: '' };
    throw new ParError(
      found.length === 0
        ? issue('unit.notFound', { vi: `không tìm thấy đơn vị "${query}"${hint.vi}`, en: `no unit matches "${query}"${hint.en}` }, { field: 'unit' })
        : issue(
            'unit.ambiguous',
            { vi: `"${query}" khớp nhiều đơn vị: ${found.map((u) => u.fullName).join(', ')}`, en: `"${query}" matches several units: ${found.map((u) => u.fullName).join(', ')}` },
            { field: 'unit' },
          ),
    );
  };
}
