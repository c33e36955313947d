/**
 * Importing a framework: one row per node (code, name, maximum, source, department, rule and
 * its parameters), nested by code (1.2.1 under 1.2), with the framework's own fields on the
 * "Thông tin" sheet or given as options. The document goes through the core's checks, whose
 * findings come back at the node's row and the column concerned.
 */
import {
  ParError,
  frameworkChanges,
  frameworkDocument,
  issue,
  readFramework,
  type Change,
  type Dataset,
  type Framework,
  type FrameworkFile,
  type Issue,
  type Message,
  type NodeFile,
  type RuleFile,
  type UnitLevel,
} from '../../core/index.ts';
import { atCell, cellField, cellIssue, placedAt, type CellAt } from '../table/cells.ts';
import { mainSheet, sheetFor } from '../table/sheets.ts';
import type { Workbook } from '../table/types.ts';
import { readBoolean, readCode, readDate, readDecimal, readInteger, readPairs, readText } from '../table/values.ts';
import { readBand } from '../table/bands.ts';
import {
  DOCUMENT_KINDS,
  FRAMEWORK_COLUMNS,
  FRAMEWORK_INFO,
  readLevel,
  MEASURES,
  NODE_KINDS,
  RANK_BY,
  ROUNDING,
  RULE_TYPES,
  SOURCES,
  TIE_RULES,
  ZERO_DENOMINATOR,
  readChoice,
} from '../table/vocabulary.ts';
import { readKeyedTable, rowsOf, type TableRow } from './columns.ts';
import { infoText, readInfoSheet, type InfoEntry } from './infoSheet.ts';

type Key = (typeof FRAMEWORK_COLUMNS)[number]['key'];
type InfoKey = (typeof FRAMEWORK_INFO)[number]['key'];

export interface FrameworkImportOptions {
  id?: string;
  name?: string;
  level?: UnitLevel;
  year?: number;
  sheet?: string;
}

export interface FrameworkImport {
  kind: 'framework';
  document: FrameworkFile;
  framework: Framework;
  stored?: Framework;
  changes: Change[];
  notices: Message[];
  ignoredColumns: string[];
}

/** Which column a core finding on a node's field concerns. */
function columnOfField(tail: string): Key {
  const [first, second] = tail.split('.');
  if (first === 'rule') {
    if (second === 'bands' || second === 'grades' || second === 'options') return 'levels';
    if (second === 'pointsEach' || second === 'pointsPerLate') return 'pointsEach';
    if (second === 'targetPercent') return 'target';
    if (second === 'floor' || second === 'falsePoints' || second === 'graceDays' || second === 'measure' || second === 'zeroDenominator') return second;
    return 'rule';
  }
  if (
    first === 'maxPoints' ||
    first === 'source' ||
    first === 'cap' ||
    first === 'kind' ||
    first === 'name' ||
    first === 'department' ||
    first === 'incomplete'
  )
    return first;
  if (first === 'children') return 'maxPoints';
  if (first === 'from' || first === 'new') return 'from';
  return 'code';
}

const INFO_OF_FIELD: [RegExp, InfoKey][] = [
  [/^id/, 'id'],
  [/^name/, 'name'],
  [/^level/, 'level'],
  [/^year/, 'year'],
  [/^totalPoints|^components$/, 'totalPoints'],
  [/^index\.shortNameEn/, 'indexShortNameEn'],
  [/^index\.nameEn/, 'indexNameEn'],
  [/^index\.shortName/, 'indexShortName'],
  [/^index/, 'indexName'],
  [/^levelNames\.singular\.en/, 'levelSingularEn'],
  [/^levelNames\.plural\.en/, 'levelPluralEn'],
  [/^levelNames\.singular/, 'levelSingular'],
  [/^levelNames/, 'levelPlural'],
  [/^settings\.precision/, 'precision'],
  [/^decision/, 'decision'],
  [/^settings\.split/, 'splitAppraisal'],
  [/^settings\.tieRule/, 'tieRule'],
  [/^settings\.rankBy/, 'rankBy'],
  [/^settings\.withoutSurvey/, 'withoutSurvey'],
  [/^settings\.classification/, 'classification'],
  [/^settings\.pointsRounding/, 'pointsRounding'],
  [/^derivedFrom/, 'derivedFrom'],
  [/^dropped/, 'dropped'],
];

export function importFramework(workbook: Workbook, dataset: Dataset, options: FrameworkImportOptions = {}): FrameworkImport {
  const file = workbook.file;
  const issues: Issue[] = [];
  const infoSheet = sheetFor(workbook, 'info');
  const info = infoSheet ? readInfoSheet(infoSheet, FRAMEWORK_INFO) : new Map<InfoKey, InfoEntry[]>();
  const entry = (key: InfoKey) => info.get(key)?.[0];
  const read = <T>(key: InfoKey, reader: (e: InfoEntry) => T | undefined): T | undefined => {
    const e = entry(key);
    return e && atCell(e.at, issues, () => reader(e));
  };
  const declared = read('kind', (e) => readChoice(DOCUMENT_KINDS, readText(e.value) ?? ''));
  if (declared !== undefined && declared !== 'framework') {
    issues.push(cellIssue('import.kindMismatch', { vi: 'tệp này không phải bộ tiêu chí', en: 'this file is not a framework' }, entry('kind')!.at));
  }
  const doc: Record<string, unknown> = { kind: 'framework' };
  doc.id = options.id ?? infoText(info, 'id');
  doc.name = options.name ?? infoText(info, 'name');
  const province = infoText(info, 'province');
  if (province) doc.province = province;
  doc.level = options.level ?? read('level', (e) => readLevel(readText(e.value) ?? ''));
  doc.year = options.year ?? read('year', (e) => readInteger(e.value, { min: 2000 }));
  const decision = infoText(info, 'decision');
  if (decision) {
    const date = read('decisionDate', (e) => readDate(e.value));
    doc.decision = { number: decision, ...(date && { date }), ...(infoText(info, 'issuedBy') && { issuedBy: infoText(info, 'issuedBy') }) };
  }
  const indexName = infoText(info, 'indexName');
  const indexParts = { shortName: infoText(info, 'indexShortName'), nameEn: infoText(info, 'indexNameEn'), shortNameEn: infoText(info, 'indexShortNameEn') };
  if (indexName || Object.values(indexParts).some(Boolean)) {
    doc.index = { name: indexName, ...Object.fromEntries(Object.entries(indexParts).filter(([, v]) => v !== undefined)) };
  }
  const nouns = {
    singular: infoText(info, 'levelSingular'),
    plural: infoText(info, 'levelPlural'),
    singularEn: infoText(info, 'levelSingularEn'),
    pluralEn: infoText(info, 'levelPluralEn'),
  };
  if (Object.values(nouns).some(Boolean))
    doc.levelNames = { singular: { vi: nouns.singular, en: nouns.singularEn }, plural: { vi: nouns.plural, en: nouns.pluralEn } };
  const total = read('totalPoints', (e) => readDecimal(e.value));
  if (total !== undefined) doc.totalPoints = total;
  const settings: Record<string, unknown> = {};
  const tieRule = read('tieRule', (e) => readChoice(TIE_RULES, readText(e.value) ?? ''));
  if (tieRule) settings.tieRule = tieRule;
  const rankBy = read('rankBy', (e) => readChoice(RANK_BY, readText(e.value) ?? ''));
  if (rankBy) settings.rankBy = rankBy;
  const withoutSurvey = read('withoutSurvey', (e) => {
    const text = readText(e.value) ?? '';
    const to = /(\d+(?:[.,]\d+)?)/.exec(text);
    return to ? { mode: 'rescale', to: readDecimal(to[1]!) } : { mode: 'none' };
  });
  if (withoutSurvey) settings.withoutSurvey = withoutSurvey;
  const appraisal = read('splitAppraisal', (e) => readDecimal(e.value));
  const survey = read('splitSurvey', (e) => readDecimal(e.value));
  if (appraisal !== undefined || survey !== undefined) settings.split = { appraisal, survey };
  const classification = read('classification', (e) => readPairs(e.value));
  if (classification)
    settings.classification = classification.map(([label, at]) => atCell(entry('classification')!.at, issues, () => readBand(label, at)) ?? { label });
  const precision = read('precision', (e) => readInteger(e.value, { min: 0 }));
  if (precision !== undefined) settings.precision = precision;
  const rounding = read('pointsRounding', (e) => readChoice(ROUNDING, readText(e.value) ?? ''));
  if (rounding) settings.pointsRounding = rounding;
  if (Object.keys(settings).length) doc.settings = settings;
  const notes = (info.get('notes') ?? []).map((e) => readText(e.value)).filter((n): n is string => n !== undefined);
  if (notes.length) doc.notes = notes;
  const derivedFrom = infoText(info, 'derivedFrom');
  if (derivedFrom) doc.derivedFrom = derivedFrom;
  const dropped = infoText(info, 'dropped');
  if (dropped) doc.dropped = codesIn(dropped);
  for (const [key, label] of [
    ['id', 'Mã bộ tiêu chí'],
    ['name', 'Tên bộ tiêu chí'],
    ['level', 'Cấp đơn vị'],
    ['year', 'Năm đánh giá'],
  ] as const) {
    if (doc[key] === undefined && !issues.some((i) => i.field === (entry(key) && cellField(entry(key)!.at)))) {
      issues.push(
        issue(
          'import.infoMissing',
          {
            vi: `thiếu «${label}»: ghi ở trang «Thông tin» hoặc nêu khi nhập`,
            en: `"${label}" is missing: give it on the "Thông tin" sheet or when importing`,
          },
          { field: key },
        ),
      );
    }
  }

  const sheet = mainSheet(workbook, 'framework', options.sheet);
  const table = readKeyedTable(sheet, FRAMEWORK_COLUMNS, { anchors: ['code', 'stt'], required: [['code', 'stt'], 'name'], file });
  const codeKey: Key = table.columns.has('code') ? 'code' : 'stt';
  const nodes = new Map<string, NodeFile>();
  const rowOfCode = new Map<string, TableRow<Key>>();
  const components: NodeFile[] = [];
  for (const row of rowsOf(table)) {
    const code = atCell(row.at(codeKey), issues, () => readCode(row.value(codeKey)));
    const name = atCell(row.at('name'), issues, () => readText(row.value('name')));
    if (code === undefined) {
      if (row.value(codeKey) === null && name !== undefined)
        issues.push(cellIssue('import.required', { vi: 'dòng có tên nhưng không có mã', en: 'the row has a name but no code' }, row.at(codeKey)));
      continue;
    }
    if (nodes.has(code)) {
      issues.push(
        cellIssue(
          'import.duplicateCode',
          { vi: `mã ${code} đã có ở dòng ${rowOfCode.get(code)!.row}`, en: `code ${code} is already on row ${rowOfCode.get(code)!.row}` },
          row.at(codeKey),
          { node: code },
        ),
      );
      continue;
    }
    const node = readNode(row, code, name ?? '', issues);
    nodes.set(code, node);
    rowOfCode.set(code, row);
    const parentCode = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : undefined;
    if (parentCode === undefined) components.push(node);
    else {
      const parent = nodes.get(parentCode);
      if (parent) (parent.children ??= []).push(node);
      else
        issues.push(
          cellIssue(
            'import.parentMissing',
            { vi: `chưa có dòng của ${parentCode} phía trên ${code}`, en: `no row for ${parentCode} above ${code}` },
            row.at(codeKey),
            { node: code },
          ),
        );
    }
  }
  doc.components = components;
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file })));

  let framework: Framework;
  try {
    framework = readFramework(doc);
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    throw new ParError(
      error.issues.map((i) => {
        let at: CellAt | undefined;
        const row = i.node ? rowOfCode.get(i.node) : undefined;
        if (row) at = row.at(columnOfField((i.field ?? '').replace(/^.*(?:components|children)\.\d+\.?/, '')));
        else {
          const key = INFO_OF_FIELD.find(([pattern]) => pattern.test(i.field ?? ''))?.[1];
          at = key ? entry(key)?.at : undefined;
        }
        return at ? { ...placedAt(i, at), file } : { ...i, file };
      }),
    );
  }
  const stored = dataset.frameworks.get(framework.id);
  return {
    kind: 'framework',
    document: frameworkDocument(framework),
    framework,
    stored,
    changes: frameworkChanges(dataset.frameworks, framework).changes,
    notices: workbook.notices,
    ignoredColumns: table.ignored.map((c) => `${sheet.name}: ${c}`),
  };
}

/** Codes written in one cell: «1.7; 1.8», «4.1, 4.2». */
const codesIn = (text: string): string[] => text.split(/[;,\s]+/).filter(Boolean);

function readNode(row: TableRow<Key>, code: string, name: string, issues: Issue[]): NodeFile {
  const get = <T>(key: Key, reader: (value: ReturnType<TableRow<Key>['value']>) => T | undefined): T | undefined =>
    atCell(row.at(key), issues, () => reader(row.value(key)));
  const choice = <K extends string>(key: Key, terms: Parameters<typeof readChoice<K>>[0]) =>
    get(key, (v) => (readText(v) === undefined ? undefined : readChoice(terms, readText(v)!)));
  const node: NodeFile = { code, name };
  const maxPoints = get('maxPoints', readDecimal);
  if (maxPoints !== undefined) node.maxPoints = maxPoints;
  const source = choice('source', SOURCES);
  if (source) node.source = source;
  const kind = choice('kind', NODE_KINDS);
  if (kind && kind !== 'regular') node.kind = kind;
  const cap = get('cap', readDecimal);
  if (cap !== undefined) node.cap = cap;
  const department = get('department', readText);
  if (department) node.department = department;
  if (get('incomplete', readBoolean)) node.incomplete = true;
  const assumption = get('assumption', readText);
  if (assumption) node.assumption = assumption;
  const note = get('note', readText);
  if (note) node.note = note;
  // The crosswalk: «mới» (new), or the code(s) the node had in the framework this one derives from.
  const from = get('from', readText);
  if (from && /^(mới|moi|new)$/i.test(from.trim())) node.new = true;
  else if (from) {
    const codes = codesIn(from);
    node.from = codes.length === 1 ? codes[0]! : codes;
  }
  const type = choice('rule', RULE_TYPES);
  if (type) {
    const rule = readRule(type, row, get, choice, issues);
    if (rule) node.rule = rule;
  }
  return node;
}

function readRule(
  type: RuleFile['type'],
  row: TableRow<Key>,
  get: <T>(key: Key, reader: (value: ReturnType<TableRow<Key>['value']>) => T | undefined) => T | undefined,
  choice: <K extends string>(key: Key, terms: Parameters<typeof readChoice<K>>[0]) => K | undefined,
  issues: Issue[],
): RuleFile | undefined {
  const required = <T>(key: Key, value: T | undefined, what: Message): T | undefined => {
    if (value === undefined && row.value(key) === null) issues.push(cellIssue('import.ruleParameter', what, row.at(key)));
    return value;
  };
  const levels = () => {
    const pairs = required('levels', get('levels', readPairs), {
      vi: 'quy tắc này cần các mức, dạng «mức: điểm; mức: điểm»',
      en: 'this rule needs levels, as "level: points; level: points"',
    });
    return pairs?.map(([k, v]) => [k, atCell(row.at('levels'), issues, () => readDecimal(v))] as const);
  };
  switch (type) {
    case 'manual':
      return { type };
    case 'boolean': {
      const falsePoints = get('falsePoints', readDecimal);
      return { type, ...(falsePoints !== undefined && { falsePoints }) };
    }
    case 'ratio': {
      const targetPercent = get('target', readDecimal);
      const zeroDenominator = choice('zeroDenominator', ZERO_DENOMINATOR);
      return { type, ...(targetPercent !== undefined && { targetPercent }), ...(zeroDenominator && { zeroDenominator }) };
    }
    case 'bands': {
      const measure = choice('measure', MEASURES);
      const bands = levels();
      if (!bands) return undefined;
      return {
        type,
        ...(measure && { measure }),
        bands: bands.map(([k, points]) => ({ atLeast: atCell(row.at('levels'), issues, () => readDecimal(k)) ?? 0, points: points ?? 0 })),
      };
    }
    case 'perOccurrence': {
      const pointsEach = required('pointsEach', get('pointsEach', readDecimal), {
        vi: 'quy tắc trừ theo số lần cần «Điểm trừ mỗi lần»',
        en: 'a per-occurrence rule needs the points per occurrence',
      });
      const floor = get('floor', readDecimal);
      return pointsEach === undefined ? undefined : { type, pointsEach, ...(floor !== undefined && { floor }) };
    }
    case 'deadline': {
      const pointsPerLate = required('pointsEach', get('pointsEach', readDecimal), {
        vi: 'quy tắc đúng hạn cần «Điểm trừ mỗi lần» (mỗi báo cáo trễ)',
        en: 'a deadline rule needs the points per late report',
      });
      const graceDays = get('graceDays', (v) => readInteger(v));
      return pointsPerLate === undefined ? undefined : { type, pointsPerLate, ...(graceDays !== undefined && { graceDays }) };
    }
    case 'grades': {
      const grades = levels();
      return grades && { type, grades: Object.fromEntries(grades.map(([k, p]) => [k, p ?? 0])) };
    }
    case 'surveyAnswers': {
      const options = levels();
      return options && { type, options: Object.fromEntries(options.map(([k, p]) => [k, p ?? 0])) };
    }
  }
}
