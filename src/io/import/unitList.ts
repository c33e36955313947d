/**
 * A province's units from a workbook (`--kind units`, the layout of the units export and
 * template): each row adds a unit or changes the one of its id; a cell left empty keeps the
 * stored value; units the file leaves out are kept (a unit ends by its «Hiệu lực đến ngày»,
 * never by being left out). Lineage is completed on the other side (a successor's row naming
 * its predecessors records the merger on both), then the core checks the province's whole list:
 * every problem is placed at the cell of the row and column to fix (`Đơn vị!J5: …`).
 * The «Thông tin» sheet may change the province's seat and body, the «Nhóm» sheet add or
 * rename peer groups (a group is never dropped); what a file leaves out is kept as stored.
 */
import {
  ParError,
  defaultGroupId,
  diffProvince,
  diffUnits,
  issue,
  linkLineage,
  mergeGroups,
  mergeUnitEntries,
  readUnits,
  unitEntry,
  unitFinder,
  type Change,
  type Dataset,
  type Issue,
  type Message,
  type Province,
  type Unit,
  type UnitEntry,
  type UnitGroup,
} from '../../core/index.ts';
import { provinceOf } from '../export/units.ts';
import { atCell, cellIssue, headerKey, type CellAt } from '../table/cells.ts';
import { findHeader } from '../table/header.ts';
import type { Sheet, Workbook } from '../table/types.ts';
import { readDate, readText } from '../table/values.ts';
import {
  GROUP_COLUMNS,
  GROUPS_SHEET,
  isNoParentBody,
  LEVELS,
  matchTerm,
  SHEETS,
  UNIT_LIST_COLUMNS,
  UNITS_INFO,
  UNITS_SHEET,
  type UnitListColumn,
} from '../table/vocabulary.ts';
import { infoText, readInfoSheet } from './infoSheet.ts';
import { readKeyedTable, rowsOf, type TableRow } from './columns.ts';

export interface UnitsImport {
  kind: 'units';
  /** The province's whole units document after the import (what a data folder's units.yaml becomes). */
  document: { kind: 'units'; province: Omit<Province, 'groups'>; groups?: UnitGroup[]; units: UnitEntry[] };
  /** The province's units after the import, as the core read them. */
  units: Unit[];
  changes: Change[];
  notices: Message[];
  ignoredColumns: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function unitsSheet(workbook: Workbook): Sheet | undefined {
  const named = workbook.sheets.find((s) => matchTerm([UNITS_SHEET], s.name, true));
  if (named) return named;
  const isId = (key: string) =>
    matchTerm(
      UNIT_LIST_COLUMNS.filter((c) => c.key === 'id'),
      key,
    )?.key === 'id';
  return workbook.sheets.find(
    (s) => matchTerm(SHEETS, s.name, true)?.key !== 'info' && !matchTerm([GROUPS_SHEET], s.name, true) && s.name !== 'Hướng dẫn' && findHeader(s, isId),
  );
}

const DOCUMENT_COLUMNS = ['issuingBody', 'parentBody', 'abbreviation', 'place', 'signerTitle'] as const;

/**
 * The «Nhóm» sheet over the stored groups: a row with a known id renames that group (an empty
 * cell keeps the stored name), a new id adds one (its name required). Problems at their cell.
 */
function readGroups(sheet: Sheet, stored: readonly UnitGroup[], issues: Issue[], file: string | undefined): UnitGroup[] | undefined {
  const table = readKeyedTable(sheet, GROUP_COLUMNS, { anchors: ['id'], required: ['id'], file });
  const known = new Map(stored.map((g) => [g.id, g]));
  const seen = new Map<string, number>();
  const groups: UnitGroup[] = [];
  for (const row of rowsOf(table)) {
    const text = (key: 'id' | 'name' | 'nameEn') => (row.has(key) ? atCell(row.at(key), issues, () => readText(row.value(key))) : undefined);
    const id = text('id');
    const name = text('name');
    const nameEn = text('nameEn');
    if (id === undefined) {
      if (name !== undefined || nameEn !== undefined)
        issues.push(cellIssue('import.groupId', { vi: 'thiếu mã nhóm', en: 'the group id is missing' }, row.at('id')));
      continue;
    }
    if (!SLUG.test(id)) {
      issues.push(
        cellIssue(
          'import.groupId',
          { vi: `mã nhóm «${id}» chỉ gồm chữ thường không dấu, số và dấu gạch ngang`, en: `group id "${id}" takes lower-case letters, digits and dashes only` },
          row.at('id'),
        ),
      );
      continue;
    }
    if (seen.has(id)) {
      issues.push(
        cellIssue(
          'import.duplicateGroup',
          { vi: `nhóm ${id} có hai dòng (đã có ở dòng ${seen.get(id)})`, en: `group ${id} is on two rows (also row ${seen.get(id)})` },
          row.at('id'),
        ),
      );
      continue;
    }
    seen.set(id, row.row);
    const before = known.get(id);
    if (!before && name === undefined) {
      issues.push(
        cellIssue('import.groupName', { vi: `nhóm mới ${id} cần tên`, en: `new group ${id} needs a name` }, row.has('name') ? row.at('name') : row.at('id')),
      );
      continue;
    }
    const groupName = name ?? before!.name;
    const groupNameEn = nameEn ?? before?.nameEn;
    groups.push({ id, name: groupName, ...(groupNameEn !== undefined && { nameEn: groupNameEn }) });
  }
  return groups.length ? groups : undefined;
}

/** The level as the sheet writes it: a known level's label («Cấp xã», xa, commune) or a level's slug. */
function readLevel(text: string): string {
  const known = matchTerm(LEVELS, text, true)?.key;
  if (known) return known;
  if (SLUG.test(text)) return text;
  const choices = LEVELS.map((l) => `«${l.label}»`).join(', ');
  throw new ParError(
    issue('import.choice', {
      vi: `cấp «${text}» không hợp lệ: chọn ${choices} hoặc mã cấp (chữ thường)`,
      en: `level "${text}" is not valid: choose ${choices} or a level id (lower case)`,
    }),
  );
}

const splitList = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);

export function importUnits(workbook: Workbook, dataset: Dataset, options: { province?: string } = {}): UnitsImport {
  const sheet = unitsSheet(workbook);
  if (!sheet) {
    throw new ParError(
      issue(
        'import.sheetMissing',
        {
          vi: `không có trang «${UNITS_SHEET.label}» với cột «Mã đơn vị»: dùng mẫu đơn vị (parindex template --kind units)`,
          en: `no «${UNITS_SHEET.label}» sheet with a «Mã đơn vị» column: use the units template`,
        },
        { file: workbook.file, field: 'sheet' },
      ),
    );
  }
  const info = workbook.sheets.find((s) => matchTerm(SHEETS, s.name, true)?.key === 'info');
  const fields = info ? readInfoSheet(info, UNITS_INFO) : new Map();
  const provinceId = options.province ?? infoText(fields, 'province');
  const known = provinceOf(dataset, provinceId);
  const provinceName = infoText(fields, 'provinceName');
  if (!known && !(provinceId && provinceName)) {
    throw new ParError(
      issue(
        'units.provinceRequired',
        provinceId
          ? {
              vi: `tỉnh «${provinceId}» chưa có: ghi «Tên tỉnh» ở trang «Thông tin»`,
              en: `province "${provinceId}" is new: write its name («Tên tỉnh») on the «Thông tin» sheet`,
            }
          : {
              vi: 'chưa có tỉnh nào: ghi «Mã tỉnh» và «Tên tỉnh» ở trang «Thông tin»',
              en: 'there is no province yet: write «Mã tỉnh» and «Tên tỉnh» on the «Thông tin» sheet',
            },
        { file: workbook.file, field: 'province' },
      ),
    );
  }
  const issues: Issue[] = [];
  // The province's seat and body: a value written changes the stored one, an empty cell keeps it.
  const { groups: storedGroups, ...stored0 } = known ?? { id: provinceId!, name: provinceName! };
  const province: Omit<Province, 'groups'> = { ...stored0 };
  for (const key of ['seat', 'body'] as const) {
    const entry = fields.get(key)?.[0];
    const value = entry && atCell(entry.at, issues, () => infoText(fields, key));
    if (value !== undefined) province[key] = value;
  }
  const groupsSheet = workbook.sheets.find((s) => matchTerm([GROUPS_SHEET], s.name, true));
  const groups = mergeGroups(storedGroups, groupsSheet ? readGroups(groupsSheet, storedGroups ?? [], issues, workbook.file) : undefined);
  const groupIds = new Set((groups ?? []).map((g) => g.id));
  const table = readKeyedTable(sheet, UNIT_LIST_COLUMNS, { anchors: ['id'], required: ['id'], file: workbook.file });
  const storedUnits = [...dataset.units.values()].filter((u) => u.provinceId === province.id);
  const stored = new Map(storedUnits.map((u) => [u.id, u]));
  const rows = new Map<string, TableRow<UnitListColumn>>();
  const incoming: UnitEntry[] = [];
  const read = [...rowsOf(table)];
  // Lineage may name units by id or by name, among the stored units and the file's new ones.
  // (A cell Excel could not compute is reported where the row is read, not here.)
  const textOf = (value: Parameters<typeof readText>[0]) => {
    try {
      return readText(value);
    } catch {
      return undefined;
    }
  };
  const newIds = read.map((row) => textOf(row.value('id'))).filter((id): id is string => id !== undefined && SLUG.test(id) && !stored.has(id));
  const names = new Map(read.map((row) => [textOf(row.value('id')), textOf(row.value('name'))]));
  const finder = unitFinder([
    ...dataset.units.values(),
    ...newIds.map((id) => ({ id, name: names.get(id) ?? id, fullName: names.get(id) ?? id, aliases: [] }) as unknown as Unit),
  ]);
  for (const row of read) {
    const text = (key: UnitListColumn) => (row.has(key) ? atCell(row.at(key), issues, () => readText(row.value(key))) : undefined);
    const id = text('id');
    if (id === undefined) {
      if (text('name')) issues.push(cellIssue('import.unitId', { vi: 'thiếu mã đơn vị', en: 'the unit id is missing' }, row.at('id')));
      continue;
    }
    if (!SLUG.test(id)) {
      issues.push(
        cellIssue(
          'import.unitId',
          {
            vi: `mã đơn vị «${id}» chỉ gồm chữ thường không dấu, số và dấu gạch ngang`,
            en: `unit id "${id}" takes lower-case letters, digits and dashes only`,
          },
          row.at('id'),
        ),
      );
      continue;
    }
    if (rows.has(id)) {
      issues.push(
        cellIssue(
          'import.duplicateUnit',
          { vi: `đơn vị ${id} có hai dòng (đã có ở dòng ${rows.get(id)!.row})`, en: `unit ${id} is on two rows (also row ${rows.get(id)!.row})` },
          row.at('id'),
        ),
      );
      continue;
    }
    const elsewhere = dataset.units.get(id);
    if (elsewhere && elsewhere.provinceId !== province.id) {
      issues.push(
        cellIssue(
          'import.unitProvince',
          { vi: `mã ${id} đã là đơn vị của tỉnh ${elsewhere.provinceId}`, en: `id ${id} is already a unit of ${elsewhere.provinceId}` },
          row.at('id'),
        ),
      );
      continue;
    }
    rows.set(id, row);
    const before = stored.get(id);
    const entry: UnitEntry = before ? unitEntry(before) : { id, name: '' };
    const set = (field: string, value: unknown) => value !== undefined && (entry[field] = value);
    set('name', text('name'));
    set('fullName', text('fullName'));
    const level = text('level');
    if (level !== undefined)
      set(
        'level',
        atCell(row.at('level'), issues, () => readLevel(level)),
      );
    set('type', text('type'));
    const peerGroup = text('peerGroup');
    if (peerGroup !== undefined) {
      // A province that names its groups ranks its units in one of them (or the level's default group).
      const level = typeof entry.level === 'string' ? entry.level : undefined;
      if (groupIds.size && !groupIds.has(peerGroup) && (!level || peerGroup !== defaultGroupId(province.id, level))) {
        const list = [...groupIds].join(', ');
        issues.push(
          cellIssue(
            'import.unknownGroup',
            {
              vi: `không có nhóm «${peerGroup}»: chọn một trong các mã nhóm ${list}, hoặc thêm nhóm đó ở trang «${GROUPS_SHEET.label}» của tệp Excel`,
              en: `no group "${peerGroup}": choose one of the group ids ${list}, or add the group on the «${GROUPS_SHEET.label}» sheet of the Excel file`,
            },
            row.at('peerGroup'),
          ),
        );
      } else set('peerGroup', peerGroup);
    }
    const parent = text('parent');
    if (parent !== undefined) set('parent', ref(parent, row.at('parent')));
    for (const key of ['validFrom', 'validTo'] as const)
      if (row.has(key))
        set(
          key,
          atCell(row.at(key), issues, () => readDate(row.value(key))),
        );
    for (const key of ['predecessors', 'successors'] as const) {
      const list = text(key);
      if (list !== undefined)
        set(
          key,
          splitList(list, /[;,\n]+/)
            .map((item) => ref(item, row.at(key)))
            .filter((x) => x !== undefined),
        );
    }
    const aliases = text('aliases');
    if (aliases !== undefined) set('aliases', splitList(aliases, /[;\n]+/));
    set('note', text('note'));
    // The unit's document header data: a value written changes that part, an empty cell keeps it.
    const document: Record<string, string | null> = { ...((entry.document as Record<string, string | null> | undefined) ?? {}) };
    let written = false;
    for (const key of DOCUMENT_COLUMNS) {
      const value = text(key);
      if (value === undefined) continue;
      document[key] = key === 'parentBody' && isNoParentBody(value) ? null : value;
      written = true;
    }
    if (written) entry.document = document;
    // The level's default group is written by leaving it out, as the units document does.
    if (typeof entry.level === 'string' && entry.peerGroup === defaultGroupId(province.id, entry.level)) delete entry.peerGroup;
    if (!before) {
      if (!entry.name) issues.push(cellIssue('import.unitName', { vi: `đơn vị mới ${id} cần tên`, en: `new unit ${id} needs a name` }, row.at('name')));
      if (!entry.level) issues.push(cellIssue('import.unitLevel', { vi: `đơn vị mới ${id} cần cấp`, en: `new unit ${id} needs a level` }, row.at('level')));
    }
    incoming.push(entry);
  }
  function ref(text: string, at: CellAt): string | undefined {
    if (SLUG.test(text) && (dataset.units.has(text) || newIds.includes(text))) return text;
    try {
      return finder(text).id;
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
      for (const i of error.issues) issues.push(cellIssue('import.unitNotFound', i.message, at));
      return undefined;
    }
  }
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file: i.file ?? workbook.file })));
  // Units the file leaves out are kept; lineage written on one side is completed on the other.
  const entries = linkLineage(mergeUnitEntries(storedUnits.map(unitEntry), incoming));
  const document = { kind: 'units' as const, province, ...(groups && { groups }), units: entries };
  let registry;
  try {
    registry = readUnits(document, workbook.file);
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    throw new ParError(error.issues.map((i) => placed(i, entries, rows, sheet.name) ?? { ...i, file: workbook.file }));
  }
  const changes = [...diffProvince(known, registry.province), ...diffUnits(stored, registry.units)];
  return {
    kind: 'units',
    document,
    units: registry.units,
    changes,
    notices: workbook.notices,
    ignoredColumns: table.ignored.filter((c) => headerKey(c) !== 'stt'),
  };
}

const FIELD_COLUMNS: Record<string, UnitListColumn> = {
  document: 'issuingBody',
  parent: 'parent',
  name: 'name',
  fullName: 'fullName',
  level: 'level',
  type: 'type',
  peerGroup: 'peerGroup',
  validFrom: 'validFrom',
  validTo: 'validTo',
  predecessors: 'predecessors',
  successors: 'successors',
  aliases: 'aliases',
  note: 'note',
  id: 'id',
};

/** A core issue on `units.3.validFrom` placed at the cell of that unit's row and column, when the file has them. */
function placed(found: Issue, entries: UnitEntry[], rows: Map<string, TableRow<UnitListColumn>>, sheet: string): Issue | undefined {
  const match = /^units\.(\d+)(?:\.(\w+)(?:\.(\w+))?)?/.exec(found.field ?? '');
  const entry = match && entries[Number(match[1])];
  const row = entry && rows.get(entry.id);
  if (!row) return undefined;
  const documentPart =
    match![2] === 'document' && (DOCUMENT_COLUMNS as readonly string[]).includes(match![3] ?? '') ? (match![3] as UnitListColumn) : undefined;
  const key = documentPart ?? FIELD_COLUMNS[match![2] ?? 'id'] ?? 'id';
  const at: CellAt = row.has(key) ? row.at(key) : { ...row.at('id'), header: row.at('id').header };
  return cellIssue(found.code, found.message, { ...at, sheet });
}
