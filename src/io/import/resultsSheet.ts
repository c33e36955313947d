/**
 * The main results table (one row per unit): scores per criterion, published figures,
 * notes. For a survey import the same table gives the survey part of each criterion.
 */
import { ParError, formatPoints, issue, parsePoints, type Framework, type FrameworkNode, type Issue } from '../../core/index.ts';
import { atCell, cellIssue, cellName, headerKey, type CellAt } from '../table/cells.ts';
import { findHeader, type HeaderBlock } from '../table/header.ts';
import type { CellValue, Sheet } from '../table/types.ts';
import {
  decimalMarkOf,
  readBoolean,
  readDecimal,
  readPointsCell,
  readInteger,
  readPrintedFigure,
  readText,
  type DecimalMark,
  type NumberKind,
} from '../table/values.ts';
import { matchTerm, notApplicableIn, NOT_APPLICABLE, SUMMARY_ROWS, UNIT_COLUMNS } from '../table/vocabulary.ts';
import type { GivenFile, ResultsPatch, UnitPatch } from './patch.ts';
import { classifyResultColumn, componentByName, roleKey, type ResultColumn, type ScorePart } from './resultsColumns.ts';
import type { UnitMatcher } from './units.ts';

interface Located {
  column: ResultColumn;
  index: number;
  label: string;
  /** The column's decimal mark, decided from all its cells (see `decimalMarkOf`). */
  mark?: DecimalMark;
}

export interface SheetOutcome {
  ignored: string[];
  skippedRows: number;
}

const isUnitHeader = (key: string) => {
  const term = matchTerm(UNIT_COLUMNS, key);
  return term?.key === 'unit' || term?.key === 'unitId';
};

export function readResultsSheet(sheet: Sheet, patch: ResultsPatch, context: { matcher: UnitMatcher; issues: Issue[]; file?: string }): SheetOutcome {
  const { framework, provenance } = patch;
  const { issues } = context;
  const header = findHeader(sheet, isUnitHeader, { maxRow: true });
  if (!header) {
    throw new ParError(
      issue(
        'import.headerMissing',
        {
          vi: `trang «${sheet.name}» không có dòng tiêu đề với cột «Đơn vị» trong 30 dòng đầu`,
          en: `sheet "${sheet.name}" has no header row with a "Đơn vị" (unit) column in its first 30 rows`,
        },
        { file: context.file, field: sheet.name },
      ),
    );
  }
  const columns: Located[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, Located>();
  const headerAt = (index: number, label: string): CellAt => ({ sheet: sheet.name, row: header.top + 1, column: index, header: label });
  for (const c of header.columns) {
    const column = classifyResultColumn(c) ?? componentByName(c, framework);
    if (!column) {
      ignored.push(c.label);
      continue;
    }
    if ((column.role === 'score' || column.role === 'publishedComponent') && !framework.nodes.has(column.code)) {
      issues.push(
        cellIssue(
          'import.unknownCriterion',
          {
            vi: `cột ghi mã ${column.code} nhưng bộ tiêu chí ${framework.id} không có tiêu chí này`,
            en: `the column names code ${column.code}, which framework ${framework.id} does not have`,
          },
          headerAt(c.index, c.label),
          { node: column.code },
        ),
      );
      continue;
    }
    const located = { column, index: c.index, label: c.label };
    const key = roleKey(column);
    const first = seen.get(key);
    if (first) {
      issues.push(
        cellIssue(
          'import.duplicateColumn',
          { vi: `hai cột cùng ghi một nội dung (cột «${first.label}» đã có)`, en: `two columns hold the same thing (see column "${first.label}")` },
          headerAt(c.index, c.label),
        ),
      );
      continue;
    }
    seen.set(key, located);
    columns.push(located);
    if (
      column.role === 'published' ||
      column.role === 'publishedComponent' ||
      column.role === 'notes' ||
      column.role === 'illustrative' ||
      column.role === 'notApplicableReason'
    )
      patch.columns.add(key);
  }
  const unitColumn = columns.find((c) => c.column.role === 'unit');
  const idColumn = columns.find((c) => c.column.role === 'unitId');
  const scoreColumns = columns.filter((c) => c.column.role === 'score');
  if (!columns.some((c) => c.column.role === 'score' || c.column.role === 'published' || c.column.role === 'publishedComponent')) {
    issues.push(
      issue(
        'import.columnMissing',
        {
          vi: `trang «${sheet.name}» không có cột điểm nào: tiêu đề cột phải ghi mã tiêu chí (1, 1.2, 1.2.1 hoặc «Chỉ số 1»)`,
          en: `sheet "${sheet.name}" has no score column: a column header must give a criterion code (1, 1.2, 1.2.1 or "Chỉ số 1")`,
        },
        { file: context.file, field: sheet.name },
      ),
    );
  }
  const conflicting = decideMarks(sheet, header, columns, issues);
  checkMaxRow(
    sheet,
    header,
    scoreColumns.filter((c) => !header.maxRow || !conflicting.has(`${header.maxRow.index}:${c.index}`)),
    framework,
    issues,
  );
  if (issues.length) return { ignored, skippedRows: 0 };

  let skippedRows = 0;
  const rowsOfUnit = new Map<string, number>();
  for (let r = header.dataStart; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const at = (c: Located): CellAt => ({ sheet: sheet.name, row: r + 1, column: c.index, header: c.label, value: cells[c.index] ?? null });
    const valueOf = (c: Located | undefined): CellValue => (c ? (cells[c.index] ?? null) : null);
    if (cells.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
    const name = unitColumn && readText(typeof valueOf(unitColumn) === 'object' ? null : valueOf(unitColumn));
    if (!readText(typeof valueOf(idColumn) === 'object' ? null : valueOf(idColumn)) && name !== undefined && SUMMARY_ROWS.includes(headerKey(name))) {
      skippedRows++;
      continue;
    }
    const figures = columns.some(
      (c) =>
        c.column.role !== 'stt' &&
        c.column.role !== 'unit' &&
        c.column.role !== 'unitId' &&
        c.column.role !== 'notes' &&
        c.column.role !== 'notApplicableReason' &&
        valueOf(c) !== null,
    );
    // A line under the table (a note, «KT. CHỦ TỊCH», a signature) holds no figure: nothing to import, nothing to match.
    if (!figures) {
      skippedRows++;
      continue;
    }
    const unitId = context.matcher.match(
      unitColumn && { value: valueOf(unitColumn), at: at(unitColumn) },
      idColumn && { value: valueOf(idColumn), at: at(idColumn) },
      issues,
    );
    if (unitId === undefined) {
      const named = (unitColumn && valueOf(unitColumn) !== null) || (idColumn && valueOf(idColumn) !== null);
      if (!named) {
        issues.push(
          cellIssue(
            'import.unitMissing',
            { vi: 'dòng có số liệu nhưng không ghi đơn vị', en: 'the row has figures but names no unit' },
            { sheet: sheet.name, row: r + 1, column: unitColumn?.index ?? 0, header: unitColumn?.label },
          ),
        );
      }
      continue;
    }
    const unitAt = at(unitColumn ?? idColumn!);
    const earlier = rowsOfUnit.get(unitId);
    if (earlier !== undefined) {
      issues.push(
        cellIssue('import.duplicateUnit', { vi: `đơn vị ${unitId} đã có ở dòng ${earlier}`, en: `unit ${unitId} is already on row ${earlier}` }, unitAt),
      );
      continue;
    }
    rowsOfUnit.set(unitId, r + 1);
    const unit = readUnitRow(unitId, columns, at, (c) => (conflicting.has(`${r}:${c.index}`) ? null : valueOf(c)), patch, issues);
    if (!unit) {
      skippedRows++;
      continue;
    }
    provenance.unit(unitId, '', unitAt);
    provenance.unit(unitId, 'unit', unitAt);
    patch.units.set(unitId, unit);
  }
  return { ignored, skippedRows };
}

/** A row's values; undefined when the row has none (a template row left blank). */
function readUnitRow(
  unitId: string,
  columns: Located[],
  at: (c: Located) => CellAt,
  valueOf: (c: Located) => CellValue,
  patch: ResultsPatch,
  issues: Issue[],
): UnitPatch | undefined {
  const { framework, provenance } = patch;
  const unit: UnitPatch = { unitId };
  const parts = new Map<string, Partial<Record<ScorePart, number>>>();
  const cellOfCode = new Map<string, CellAt>();
  // Criteria the row marks «Không áp dụng», with the reason their cell gives ('' when none) and the cell.
  const notApplicable = new Map<string, { reason: string; cell: CellAt }>();
  let reasons: { text: string; cell: CellAt } | undefined;
  let hasValue = false;
  for (const c of columns) {
    const value = valueOf(c);
    if (value === null) continue;
    const cell = at(c);
    const column = c.column;
    switch (column.role) {
      case 'score': {
        const mark = patch.kind === 'results' && typeof value === 'string' ? notApplicableIn(value) : undefined;
        if (mark !== undefined) {
          hasValue = true;
          if (!notApplicable.has(column.code)) notApplicable.set(column.code, { reason: mark, cell });
          break;
        }
        const n = atCell(cell, issues, () => readPointsCell(value, c.mark));
        if (n === undefined) break;
        hasValue = true;
        parts.set(column.code, { ...parts.get(column.code), [column.part]: n });
        if (!cellOfCode.has(column.code)) cellOfCode.set(column.code, cell);
        const part = column.part === 'given' || column.part === 'total' ? '' : `.${column.part}`;
        provenance.unit(unitId, `scores.${column.code}${part}`, cell);
        provenance.unit(unitId, `scores.${column.code}`, cell);
        break;
      }
      case 'published': {
        const field = patch.kind === 'survey' && column.field === 'total' ? 'survey' : column.field;
        const published = (unit.published ??= {});
        if (field === 'rank' || field === 'of') {
          const n = atCell(cell, issues, () => readInteger(value, { min: 1, mark: c.mark }));
          if (n !== undefined) published[field] = n;
        } else if (field === 'classification') {
          const text = atCell(cell, issues, () => readText(value));
          if (text !== undefined) published.classification = text;
        } else {
          const printed = atCell(cell, issues, () => readPrintedFigure(value, c.mark));
          if (printed !== undefined) published[field] = printed;
        }
        hasValue ||= published[field] !== undefined;
        provenance.unit(unitId, `published.${field}`, cell);
        break;
      }
      case 'publishedComponent': {
        const figures = ((unit.published ??= {}).components ??= {});
        const entry = (figures[column.code] ??= {});
        if (column.field === 'rank') {
          const n = atCell(cell, issues, () => readInteger(value, { min: 1, mark: c.mark }));
          if (n !== undefined) entry.rank = n;
        } else {
          const printed = atCell(cell, issues, () => readPrintedFigure(value, c.mark));
          if (printed !== undefined) entry[column.field] = printed;
        }
        hasValue = true;
        provenance.unit(unitId, `published.components.${column.code}.${column.field}`, cell);
        break;
      }
      case 'notes': {
        const text = atCell(cell, issues, () => readText(value));
        if (text !== undefined)
          unit.notes = text
            .split(/\r?\n/)
            .map((n) => n.trim())
            .filter(Boolean);
        break;
      }
      case 'notApplicableReason': {
        const text = atCell(cell, issues, () => readText(value));
        if (text !== undefined) reasons = { text, cell };
        break;
      }
      case 'illustrative': {
        const flag = atCell(cell, issues, () => readBoolean(value));
        if (flag !== undefined) unit.illustrative = flag;
        break;
      }
    }
  }
  if (!hasValue) return undefined;
  if (notApplicable.size) unit.notApplicable = notApplicableOf(unitId, notApplicable, reasons, patch, issues);
  for (const [code, given] of parts) {
    const node = framework.nodes.get(code)!;
    if (patch.kind === 'survey') {
      const survey = given.survey ?? given.given ?? given.total;
      if (given.appraisal !== undefined || node.source === 'appraisal') {
        issues.push(
          cellIssue(
            'import.notSurvey',
            { vi: `tiêu chí ${code} không có phần điều tra xã hội học`, en: `criterion ${code} has no survey part` },
            cellOfCode.get(code)!,
            { node: code },
          ),
        );
        continue;
      }
      if (survey !== undefined) (unit.surveyScores ??= {})[code] = survey;
      continue;
    }
    (unit.scores ??= {})[code] = givenOf(given, node);
  }
  return unit;
}

/**
 * The row's «Không áp dụng» criteria with their reasons: the cell's own («Không áp dụng: lý do»),
 * else the «Lý do không áp dụng» column's — one reason for the row, or «3.2: lý do; 4.1: lý do».
 */
function notApplicableOf(
  unitId: string,
  marked: Map<string, { reason: string; cell: CellAt }>,
  reasons: { text: string; cell: CellAt } | undefined,
  patch: ResultsPatch,
  issues: Issue[],
): { code: string; reason: string }[] {
  const byCode = new Map<string, string>();
  let shared: string | undefined;
  if (reasons) {
    for (const part of reasons.text
      .split(/[;\n]+/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^(\d+(?:\.\d+)*)\s*[:\-–]\s*(.+)$/.exec(part);
      if (match && marked.has(match[1]!)) byCode.set(match[1]!, match[2]!.trim());
      else shared = shared === undefined ? part : `${shared}; ${part}`;
    }
  }
  const out: { code: string; reason: string }[] = [];
  for (const [code, { reason, cell }] of marked) {
    const why = reason || byCode.get(code) || shared;
    if (!why) {
      issues.push(
        cellIssue(
          'import.notApplicableReason',
          {
            vi: `đơn vị ${unitId}: tiêu chí ${code} ghi «${NOT_APPLICABLE.label}» nhưng không có lý do; ghi «${NOT_APPLICABLE.label}: lý do» hoặc điền cột «Lý do không áp dụng»`,
            en: `unit ${unitId}: criterion ${code} is marked «${NOT_APPLICABLE.label}» (not applicable) without a reason; write «${NOT_APPLICABLE.label}: reason» or fill the «Lý do không áp dụng» column`,
          },
          cell,
          { node: code },
        ),
      );
      continue;
    }
    patch.provenance.unit(unitId, `notApplicable.${out.length}`, reason ? cell : (reasons?.cell ?? cell));
    out.push({ code, reason: why });
  }
  return out;
}

/**
 * The score in the form a results document writes it: a plain number when the columns give
 * the node's only value, parts when they split it (mirrors the core's reading of documents).
 */
function givenOf(parts: Partial<Record<ScorePart, number>>, node: FrameworkNode): GivenFile {
  const { given, total, appraisal, survey } = parts;
  const whole = given ?? total;
  if (appraisal === undefined && survey === undefined && whole !== undefined) return whole;
  if (node.source !== 'mixed' && whole === undefined) {
    const only = node.source === 'appraisal' ? appraisal : survey;
    const other = node.source === 'appraisal' ? survey : appraisal;
    if (only !== undefined && other === undefined) return only;
  }
  return { ...(whole !== undefined && { total: whole }), ...(appraisal !== undefined && { appraisal }), ...(survey !== undefined && { survey }) };
}

/** How a column's cells are numbers: points (scores, totals, percents), counts (ranks), or none (names, bands, notes). */
function kindOf(column: ResultColumn): NumberKind | undefined {
  switch (column.role) {
    case 'score':
      return 'points';
    case 'published':
      return column.field === 'rank' || column.field === 'of' ? 'count' : column.field === 'classification' ? undefined : 'points';
    case 'publishedComponent':
      return column.field === 'rank' ? 'count' : 'points';
    default:
      return undefined;
  }
}

/**
 * Each number column's decimal mark, from all its cells (the maximum row's included): a total
 * written "15.753" beside scores written "1,978" is read as 15,753 like the scores are, not as
 * 15753. A count column that says nothing takes the mark of the sheet's points columns when
 * they agree. A cell whose value the column does not settle is an issue at that cell; the
 * cells returned ("row:column", 0-based) are not read further.
 */
function decideMarks(sheet: Sheet, header: HeaderBlock, columns: Located[], issues: Issue[]): Set<string> {
  const rows = [...(header.maxRow ? [header.maxRow.index] : []), ...[...sheet.rows.keys()].filter((r) => r >= header.dataStart)];
  const conflicting = new Set<string>();
  const decide = (c: Located, kind: NumberKind, sheetMark?: DecimalMark) => {
    const decided = decimalMarkOf(
      rows.map((r) => ({ value: sheet.rows[r]?.[c.index] ?? null, cell: cellName({ row: r + 1, column: c.index }) })),
      kind,
      sheetMark,
    );
    for (const conflict of decided.conflicts) {
      const r = rows[conflict.index]!;
      conflicting.add(`${r}:${c.index}`);
      issues.push(
        cellIssue('import.decimalMark', conflict.message, {
          sheet: sheet.name,
          row: r + 1,
          column: c.index,
          header: c.label,
          value: sheet.rows[r]?.[c.index] ?? null,
        }),
      );
    }
    c.mark = decided.mark;
  };
  for (const c of columns) if (kindOf(c.column) === 'points') decide(c, 'points');
  const marks = new Set(columns.filter((c) => kindOf(c.column) === 'points' && c.mark).map((c) => c.mark!));
  const sheetMark = marks.size === 1 ? [...marks][0] : undefined;
  for (const c of columns) if (kindOf(c.column) === 'count') decide(c, 'count', sheetMark);
  return conflicting;
}

/** A row "Điểm tối đa" under the header must agree with the framework: else the file was made for another one. */
function checkMaxRow(sheet: Sheet, header: HeaderBlock, columns: Located[], framework: Framework, issues: Issue[]): void {
  if (!header.maxRow) return;
  for (const c of columns) {
    if (c.column.role !== 'score' || (c.column.part !== 'given' && c.column.part !== 'total')) continue;
    const value = header.maxRow.cells[c.index] ?? null;
    const at: CellAt = { sheet: sheet.name, row: header.maxRow.index + 1, column: c.index, header: c.label, value };
    const n = atCell(at, issues, () => readDecimal(value, c.mark));
    const node = framework.nodes.get(c.column.code)!;
    if (n === undefined || node.maxPoints === undefined) continue;
    const inFile = atCell(at, issues, () => parsePoints(n));
    if (inFile !== undefined && inFile !== node.maxPoints) {
      issues.push(
        cellIssue(
          'import.maxMismatch',
          {
            vi: `điểm tối đa trong tệp là ${formatPoints(inFile)} nhưng bộ tiêu chí ${framework.id} ghi ${formatPoints(node.maxPoints)}: tệp có thể được lập theo bộ tiêu chí khác`,
            en: `the file's maximum is ${formatPoints(inFile, { locale: 'en' })} but framework ${framework.id} says ${formatPoints(node.maxPoints, { locale: 'en' })}: the file may follow another framework`,
          },
          at,
          { node: node.code },
        ),
      );
    }
  }
}
