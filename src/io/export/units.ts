/**
 * A province's units as tables, importable again (`--kind units`): the «Thông tin» sheet names
 * the province with its seat and body, the «Đơn vị» sheet holds one row per unit with its
 * validity, lineage and document header data, the «Nhóm» sheet the province's peer groups.
 * The template is the same layout with the province and its groups filled in and no unit rows.
 */
import { ParError, issue, type Dataset, type Province, type Unit } from '../../core/index.ts';
import type { OutTable } from '../table/output.ts';
import {
  GROUP_COLUMNS,
  GROUPS_SHEET,
  KIND_FIELD,
  LEVELS,
  NO_PARENT_BODY_CELL,
  UNIT_LIST_COLUMNS,
  UNITS_INFO,
  UNITS_SHEET,
  SHEETS,
  termLabel,
} from '../table/vocabulary.ts';
import { column, termColumn } from './columns.ts';

/** How the sheet writes a level: the vocabulary's label for a known level, else the level's own slug. */
export function levelLabel(level: string): string {
  return LEVELS.find((l) => l.key === level)?.label ?? level;
}

/** The province a units file is about: the one named, else the only one there is. */
export function provinceOf(dataset: Dataset, id: string | undefined): Province | undefined {
  if (id) return dataset.provinces.find((p) => p.id === id);
  if (dataset.provinces.length > 1) {
    const ids = dataset.provinces.map((p) => p.id).join(', ');
    throw new ParError(
      issue(
        'units.provinceRequired',
        { vi: `có nhiều tỉnh (${ids}): chọn một tỉnh`, en: `there are several provinces (${ids}): choose one` },
        { field: 'province' },
      ),
    );
  }
  return dataset.provinces[0];
}

function infoTable(province: Province | undefined): OutTable {
  return {
    name: termLabel(SHEETS, 'info'),
    keyValue: true,
    columns: [column('', 'text', { width: 24 }), column('', 'text', { width: 60 })],
    rows: [
      [KIND_FIELD.label, 'units'],
      [termLabel(UNITS_INFO, 'province'), province?.id ?? null],
      [termLabel(UNITS_INFO, 'provinceName'), province?.name ?? null],
      [termLabel(UNITS_INFO, 'seat'), province?.seat ?? null],
      [termLabel(UNITS_INFO, 'body'), province?.body ?? null],
    ],
  };
}

/** The province's named peer groups (a unit's «Nhóm xếp hạng» is one of their ids). */
function groupsTable(province: Province | undefined): OutTable {
  return {
    name: GROUPS_SHEET.label,
    title: [`Nhóm xếp hạng${province ? ` — ${province.name}` : ''}`],
    columns: [
      termColumn(GROUP_COLUMNS, 'stt', 'integer', { width: 6 }),
      termColumn(GROUP_COLUMNS, 'id', 'text', { width: 22 }),
      termColumn(GROUP_COLUMNS, 'name', 'text', { width: 36 }),
      termColumn(GROUP_COLUMNS, 'nameEn', 'text', { width: 36 }),
    ],
    rows: (province?.groups ?? []).map((g, i) => [i + 1, g.id, g.name, g.nameEn ?? null]),
  };
}

function unitsTable(province: Province | undefined, units: readonly Unit[]): OutTable {
  const list = (values: readonly string[]) => (values.length ? values.join('; ') : null);
  return {
    name: UNITS_SHEET.label,
    title: [`Danh sách đơn vị được đánh giá${province ? ` — ${province.name}` : ''}`],
    columns: [
      termColumn(UNIT_LIST_COLUMNS, 'stt', 'integer', { width: 6 }),
      termColumn(UNIT_LIST_COLUMNS, 'id', 'text', { width: 18 }),
      termColumn(UNIT_LIST_COLUMNS, 'name', 'text', { width: 22 }),
      termColumn(UNIT_LIST_COLUMNS, 'fullName', 'text', { width: 32 }),
      termColumn(UNIT_LIST_COLUMNS, 'level', 'text', {
        width: 16,
        validation: { type: 'list', values: LEVELS.map((l) => l.label), message: { vi: 'Chọn một cấp', en: 'Pick a level' } },
      }),
      termColumn(UNIT_LIST_COLUMNS, 'type', 'text', { width: 12 }),
      termColumn(UNIT_LIST_COLUMNS, 'peerGroup', 'text', { width: 20 }),
      termColumn(UNIT_LIST_COLUMNS, 'parent', 'text', { width: 16 }),
      termColumn(UNIT_LIST_COLUMNS, 'validFrom', 'date', { width: 12 }),
      termColumn(UNIT_LIST_COLUMNS, 'validTo', 'date', { width: 12 }),
      termColumn(UNIT_LIST_COLUMNS, 'predecessors', 'text', { width: 24 }),
      termColumn(UNIT_LIST_COLUMNS, 'successors', 'text', { width: 24 }),
      termColumn(UNIT_LIST_COLUMNS, 'aliases', 'text', { width: 28 }),
      termColumn(UNIT_LIST_COLUMNS, 'issuingBody', 'text', { width: 24 }),
      termColumn(UNIT_LIST_COLUMNS, 'parentBody', 'text', { width: 24 }),
      termColumn(UNIT_LIST_COLUMNS, 'abbreviation', 'text', { width: 12 }),
      termColumn(UNIT_LIST_COLUMNS, 'place', 'text', { width: 16 }),
      termColumn(UNIT_LIST_COLUMNS, 'signerTitle', 'text', { width: 20 }),
      termColumn(UNIT_LIST_COLUMNS, 'note', 'text', { width: 30 }),
    ],
    rows: units.map((u, i) => [
      i + 1,
      u.id,
      u.name,
      u.fullName,
      levelLabel(u.level),
      u.type ?? null,
      u.peerGroup,
      u.parentId ?? null,
      u.validFrom ? { date: u.validFrom } : null,
      u.validTo ? { date: u.validTo } : null,
      list(u.predecessors),
      list(u.successors),
      list(u.aliases),
      u.document?.issuingBody ?? null,
      u.document?.parentBody === null ? NO_PARENT_BODY_CELL : (u.document?.parentBody ?? null),
      u.document?.abbreviation ?? null,
      u.document?.place ?? null,
      u.document?.signerTitle ?? null,
      u.note ?? null,
    ]),
    freezeColumns: 3,
  };
}

/** The units of a province (`--what units`), every field, importable again to the same data. */
export function unitListTables(dataset: Dataset, provinceId?: string): OutTable[] {
  const province = provinceOf(dataset, provinceId);
  if (provinceId && !province)
    throw new ParError(issue('export.provinceNotFound', { vi: `không có tỉnh «${provinceId}»`, en: `no province "${provinceId}"` }, { field: 'province' }));
  const units = province ? [...dataset.units.values()].filter((u) => u.provinceId === province.id) : [];
  return [infoTable(province), unitsTable(province, units), groupsTable(province)];
}

/** The units template: the province filled in, no rows yet. */
export function unitTemplateTables(dataset: Dataset, provinceId?: string): OutTable[] {
  const province = provinceId ? (dataset.provinces.find((p) => p.id === provinceId) ?? { id: provinceId, name: '' }) : provinceOf(dataset, undefined);
  return [infoTable(province), unitsTable(province, []), groupsTable(province)];
}
