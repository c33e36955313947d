/**
 * A lineage table as the resolutions publish them (`--kind lineage`): one row per link, with the
 * old unit, the new unit, the effective date, and optionally the kind of change and the shares
 * (population, area) of the new unit that came from the old one. Units are named by id or name.
 * Each row writes both sides: the new unit lists the old among its predecessors (with the link's
 * kind and shares) and begins on the date, the old one lists the new among its successors and
 * ends the day before (a boundary transfer leaves both going on). Then the core checks the
 * province's whole list. Every problem is placed at the cell to fix (`Sheet1!C4: …`); the result
 * is the province's units document, stored as a units import is (one transaction, audited).
 */
import {
  ParError,
  dayBefore,
  diffUnits,
  issue,
  LINEAGE_KINDS,
  readUnits,
  unitEntry,
  unitFinder,
  type Issue,
  type LineageDetail,
  type LineageKind,
  type UnitEntry,
} from '../../core/index.ts';
import { provinceOf } from '../export/units.ts';
import { atCell, cellIssue, headerKey, type CellAt } from '../table/cells.ts';
import { findHeader } from '../table/header.ts';
import type { Workbook } from '../table/types.ts';
import { readDate, readDecimal, readText } from '../table/values.ts';
import { matchTerm, type Term } from '../table/vocabulary.ts';
import { readKeyedTable, rowsOf, type TableRow } from './columns.ts';
import type { UnitsImport } from './unitList.ts';

export const LINEAGE_COLUMNS = [
  { key: 'from', label: 'Đơn vị cũ', aliases: ['don vi tien than', 'tien than', 'old unit', 'predecessor', 'from'] },
  { key: 'to', label: 'Đơn vị mới', aliases: ['don vi ke thua', 'ke thua', 'new unit', 'successor', 'to'] },
  { key: 'date', label: 'Ngày hiệu lực', aliases: ['hieu luc tu ngay', 'effective date', 'date'] },
  { key: 'kind', label: 'Hình thức', aliases: ['hinh thuc sap xep', 'loai', 'kind'] },
  { key: 'population', label: 'Tỷ lệ dân số', aliases: ['ty le', 'share', 'population share', 'population'] },
  { key: 'area', label: 'Tỷ lệ diện tích', aliases: ['area share', 'area'] },
] as const satisfies readonly Term[];
type LineageColumn = (typeof LINEAGE_COLUMNS)[number]['key'];

const KIND_TERMS: Term<LineageKind>[] = [
  { key: 'split', label: 'Chia tách', aliases: ['chia', 'tach', 'split'] },
  { key: 'merger', label: 'Sáp nhập', aliases: ['hop nhat', 'nhap', 'merger', 'merge'] },
  { key: 'rename', label: 'Đổi tên', aliases: ['rename'] },
  { key: 'transfer', label: 'Điều chỉnh địa giới', aliases: ['dieu chinh', 'dieu chinh dia gioi hanh chinh', 'transfer', 'boundary transfer'] },
];

/** A share as written: 0,7 or 70 or 70% (a value above 1 is read as percent). */
function readShare(value: Parameters<typeof readDecimal>[0]): number | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const percent = text?.endsWith('%');
  const n = readDecimal(percent ? text!.slice(0, -1).trim() : value);
  if (n === undefined) return undefined;
  const share = percent || n > 1 ? n / 100 : n;
  if (!(share > 0 && share <= 1))
    throw new ParError(issue('import.share', { vi: 'tỷ lệ phải lớn hơn 0 và không quá 1 (100%)', en: 'a share must be above 0 and at most 1 (100%)' }));
  return share;
}

export function importLineage(workbook: Workbook, dataset: Parameters<typeof provinceOf>[0], options: { province?: string } = {}): UnitsImport {
  const sheet = workbook.sheets.find((s) =>
    findHeader(
      s,
      (key) =>
        matchTerm(
          LINEAGE_COLUMNS.filter((c) => c.key === 'from'),
          key,
        )?.key === 'from',
    ),
  );
  if (!sheet) {
    throw new ParError(
      issue(
        'import.sheetMissing',
        { vi: 'không có trang nào có cột «Đơn vị cũ» (đơn vị tiền thân)', en: 'no sheet has an «Đơn vị cũ» (old unit) column' },
        { file: workbook.file, field: 'sheet' },
      ),
    );
  }
  const table = readKeyedTable(sheet, LINEAGE_COLUMNS, { anchors: ['from'], required: ['from', 'to', 'date'], file: workbook.file });
  const issues: Issue[] = [];
  const rows: { row: TableRow<LineageColumn>; from: string; to: string; date: string; kind?: LineageKind; population?: number; area?: number }[] = [];
  const finder = unitFinder([...dataset.units.values()]);
  const unit = (at: CellAt, text: string | undefined) => {
    if (text === undefined) {
      issues.push(cellIssue('import.unitRequired', { vi: 'thiếu đơn vị', en: 'the unit is missing' }, at));
      return undefined;
    }
    try {
      return finder(text).id;
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
      for (const i of error.issues) issues.push(cellIssue('import.unitNotFound', i.message, at));
      return undefined;
    }
  };
  for (const row of rowsOf(table)) {
    const text = (key: LineageColumn) => (row.has(key) ? atCell(row.at(key), issues, () => readText(row.value(key))) : undefined);
    const from = unit(row.at('from'), text('from'));
    const to = unit(row.at('to'), text('to'));
    const date = atCell(row.at('date'), issues, () => readDate(row.value('date')));
    if (date === undefined && !issues.some((i) => i.field?.endsWith(`${row.at('date').row}`)))
      issues.push(cellIssue('import.dateRequired', { vi: 'thiếu ngày hiệu lực', en: 'the effective date is missing' }, row.at('date')));
    const kindText = text('kind');
    let kind: LineageKind | undefined;
    if (kindText !== undefined) {
      kind =
        matchTerm(KIND_TERMS, kindText, true)?.key ?? ((LINEAGE_KINDS as readonly string[]).find((k) => k === headerKey(kindText)) as LineageKind | undefined);
      if (!kind)
        issues.push(
          cellIssue(
            'import.choice',
            {
              vi: `hình thức «${kindText}» không hợp lệ: chọn ${KIND_TERMS.map((k) => `«${k.label}»`).join(', ')}`,
              en: `kind "${kindText}" is not valid: choose ${LINEAGE_KINDS.join(', ')}`,
            },
            row.at('kind'),
          ),
        );
    }
    const population = row.has('population') ? atCell(row.at('population'), issues, () => readShare(row.value('population'))) : undefined;
    const area = row.has('area') ? atCell(row.at('area'), issues, () => readShare(row.value('area'))) : undefined;
    if (from && to && from === to)
      issues.push(cellIssue('units.lineageSelf', { vi: 'đơn vị cũ và đơn vị mới là một', en: 'the old and the new unit are the same' }, row.at('to')));
    if (from && to && date)
      rows.push({ row, from, to, date, ...(kind && { kind }), ...(population !== undefined && { population }), ...(area !== undefined && { area }) });
  }
  if (!rows.length && !issues.length)
    issues.push(issue('import.empty', { vi: 'bảng không có dòng nào', en: 'the table has no rows' }, { file: workbook.file, field: sheet.name }));
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file: i.file ?? workbook.file })));

  // One province: the one asked, else the new units'.
  const provinceId = options.province ?? dataset.units.get(rows[0]!.to)!.provinceId;
  const province = provinceOf(dataset, provinceId)!;
  const stored = [...dataset.units.values()].filter((u) => u.provinceId === province.id);
  for (const r of rows) {
    for (const key of ['from', 'to'] as const) {
      const other = dataset.units.get(r[key])!;
      if (other.provinceId !== province.id)
        issues.push(
          cellIssue(
            'units.mergerProvinces',
            {
              vi: `${other.name} thuộc tỉnh khác (${other.provinceId}): bảng chỉ ghi đơn vị của ${province.name}`,
              en: `${other.name} is of another province (${other.provinceId}): the table takes ${province.name}'s units only`,
            },
            r.row.at(key),
          ),
        );
    }
  }
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file: i.file ?? workbook.file })));
  const entries: UnitEntry[] = stored.map((u) => ({ ...unitEntry(u) }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rowOf = new Map<string, TableRow<LineageColumn>>();
  const add = (list: string[] | undefined, id: string) => ((list ?? []).includes(id) ? list! : [...(list ?? []), id]);
  for (const r of rows) {
    const before = byId.get(r.from)!;
    const after = byId.get(r.to)!;
    rowOf.set(r.to, r.row);
    rowOf.set(r.from, rowOf.get(r.from) ?? r.row);
    after.predecessors = add(after.predecessors, r.from);
    before.successors = add(before.successors, r.to);
    const transfer = r.kind === 'transfer';
    if (!transfer) {
      after.validFrom = r.date;
      before.validTo = dayBefore(r.date);
    }
    const detail: LineageDetail = {
      from: r.from,
      ...(r.kind && { kind: r.kind }),
      ...(transfer && { date: r.date }),
      ...(r.population !== undefined && { population: r.population }),
      ...(r.area !== undefined && { area: r.area }),
    };
    const kept = (after.lineage ?? []).filter((l) => l.from !== r.from);
    after.lineage = Object.keys(detail).length > 1 ? [...kept, detail] : kept;
    if (!after.lineage.length) delete after.lineage;
  }
  const document = {
    kind: 'units' as const,
    province: {
      id: province.id,
      name: province.name,
      ...(province.seat && { seat: province.seat }),
      ...(province.body && { body: province.body }),
      ...(province.baseline && { baseline: province.baseline }),
    },
    ...(province.groups && { groups: province.groups }),
    units: entries,
  };
  let registry;
  try {
    registry = readUnits(document, workbook.file);
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    // A problem of the whole list placed at the row that wrote the unit it is about.
    throw new ParError(
      error.issues.map((i) => {
        const match = /^units\.(\d+)/.exec(i.field ?? '');
        const row = match ? rowOf.get(entries[Number(match[1])]!.id) : undefined;
        return row
          ? cellIssue(
              i.code,
              i.message,
              row.at(/validTo|successors/.test(i.field ?? '') ? 'from' : /lineage/.test(i.field ?? '') && row.has('population') ? 'population' : 'date'),
            )
          : { ...i, file: workbook.file };
      }),
    );
  }
  const changes = diffUnits(new Map(stored.map((u) => [u.id, u])), registry.units);
  return { kind: 'units', document, units: registry.units, changes, notices: workbook.notices, ignoredColumns: table.ignored };
}
