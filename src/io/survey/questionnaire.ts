/**
 * The questionnaire as an Excel workbook, both ways: four sheets — «Thông tin» (key, value),
 * «Nhóm» (respondent groups and their sample rule), «Câu hỏi» (one question a row) and
 * «Tiêu chí» (one rule part a row; rows with the same code are one criterion's groups). The
 * reader builds the same document as the YAML file and leaves every check to the core; a
 * problem it finds is placed back at the row and column it came from.
 */
import { ParError, decimalNumber, issue, toDecimalString, type Issue } from '../../core/index.ts';
import type { Questionnaire } from '../../core/survey/index.ts';
import { parseWrittenDate } from '../../core/dates.ts';
import { cellIssue, headerKey, type CellAt } from '../table/cells.ts';
import type { OutTable } from '../table/output.ts';
import type { CellValue, Sheet, Workbook } from '../table/types.ts';

const INFO: [string, string][] = [
  ['id', 'Mã phiếu'],
  ['framework', 'Bộ tiêu chí'],
  ['title', 'Tiêu đề'],
  ['illustrative', 'Minh họa'],
  ['intro', 'Lời giới thiệu'],
  ['privacy.purpose', 'Mục đích thu thập'],
  ['privacy.retention', 'Thời gian lưu trữ'],
  ['privacy.contact', 'Liên hệ'],
  ['window.from', 'Từ ngày'],
  ['window.to', 'Đến ngày'],
  ['checks.identicalAtLeast', 'Đánh dấu khi số phiếu giống hệt nhau từ'],
  ['checks.burst.count', 'Đánh dấu khi số phiếu từ một mạng từ'],
  ['checks.burst.minutes', 'trong vòng (phút)'],
];
const GROUP_COLUMNS: [string, string][] = [
  ['id', 'Mã nhóm'],
  ['name', 'Tên nhóm'],
  ['fixed', 'Số phiếu cố định'],
  ['percent', 'Tỷ lệ %'],
  ['of', 'Của số liệu'],
  ['min', 'Tối thiểu'],
  ['max', 'Tối đa'],
];
const QUESTION_COLUMNS: [string, string][] = [
  ['id', 'Mã câu'],
  ['type', 'Loại'],
  ['text', 'Nội dung'],
  ['groups', 'Nhóm'],
  ['required', 'Bắt buộc'],
  ['options', 'Phương án'],
  ['scale', 'Số mức'],
  ['labels', 'Nhãn các mức'],
  ['min', 'Nhỏ nhất'],
  ['max', 'Lớn nhất'],
  ['maxLength', 'Độ dài tối đa'],
  ['illustrative', 'Minh họa'],
];
const CRITERION_COLUMNS: [string, string][] = [
  ['code', 'Mã tiêu chí'],
  ['name', 'Tên'],
  ['node', 'Thuộc tiêu chí'],
  ['maxPoints', 'Điểm tối đa'],
  ['minResponses', 'Số phiếu tối thiểu'],
  ['group', 'Nhóm'],
  ['weight', 'Trọng số'],
  ['type', 'Cách đo'],
  ['question', 'Câu hỏi'],
  ['atLeast', 'Từ mức'],
  ['options', 'Phương án'],
  ['says', 'Diễn giải'],
];
const SHEETS = { info: 'Thông tin', groups: 'Nhóm', questions: 'Câu hỏi', criteria: 'Tiêu chí' };

const yes = (v: boolean | undefined) => (v === undefined ? null : v ? 'có' : 'không');
const text = (columns: [string, string][]) => columns.map(([, label]) => ({ header: [label], format: 'text' as const, width: label.length > 12 ? 24 : 14 }));

/** The workbook of a questionnaire (or an empty template to fill). */
export function questionnaireTables(q?: Questionnaire): OutTable[] {
  const info: OutTable = {
    name: SHEETS.info,
    keyValue: true,
    columns: [
      { header: ['Mục'], format: 'text', width: 22 },
      { header: ['Giá trị'], format: 'text', width: 80 },
    ],
    rows: INFO.map(([key, label]) => [label, q ? infoValue(q, key) : null]),
  };
  const groups: OutTable = {
    name: SHEETS.groups,
    columns: text(GROUP_COLUMNS),
    rows: (q?.groups ?? []).map((g) => [
      g.id,
      g.name,
      g.sample.type === 'fixed' ? g.sample.count : null,
      g.sample.type === 'share' ? percentText(g.sample.percent) : null,
      g.sample.type === 'share' ? g.sample.of : null,
      g.sample.type === 'share' ? (g.sample.min ?? null) : null,
      g.sample.type === 'share' ? (g.sample.max ?? null) : null,
    ]),
  };
  const questions: OutTable = {
    name: SHEETS.questions,
    title: [
      'Loại: single (một lựa chọn), likert (thang đo), multiple (nhiều lựa chọn), number (số), text (chữ). Phương án: «A: nhãn; B: nhãn». Nhóm: mã nhóm cách nhau bằng ; (để trống: mọi nhóm).',
    ],
    columns: text(QUESTION_COLUMNS),
    rows: (q?.questions ?? []).map((x) => [
      x.id,
      x.type,
      x.text,
      x.groups.join('; '),
      yes(x.required),
      x.type === 'single' || x.type === 'multiple' ? x.options.map((o) => `${o.value}: ${o.label}`).join('; ') : null,
      x.points ?? null,
      x.type === 'likert' ? x.options.map((o) => o.label).join('; ') : null,
      x.min ?? null,
      x.max ?? null,
      x.type === 'text' ? x.maxLength : null,
      yes(x.illustrative),
    ]),
  };
  const criteria: OutTable = {
    name: SHEETS.criteria,
    title: [
      'Cách đo: scaleMean (điểm trung bình thang đo), shareAtLeast (tỷ lệ chọn từ mức), shareOf (tỷ lệ chọn các phương án). Mỗi nhóm đối tượng một dòng; các dòng cùng mã là một tiêu chí.',
    ],
    columns: text(CRITERION_COLUMNS),
    rows: (q?.criteria ?? []).flatMap((c) =>
      c.parts.map((p) => {
        const m = p.measure;
        return [
          c.code,
          c.name,
          c.node === c.code ? null : c.node,
          toDecimalString(c.maxPoints),
          c.minResponses,
          p.group,
          percentText(p.weight, 1n),
          m.type,
          m.question,
          m.type === 'shareAtLeast' ? m.atLeast : null,
          m.type === 'shareOf' ? m.options.join('; ') : null,
          m.type === 'scaleMean' ? null : (m.says ?? null),
        ];
      }),
    ),
  };
  return [info, groups, questions, criteria];
}

function percentText(f: { n: bigint; d: bigint }, scale = 1n): string {
  const micro = (f.n * 1_000_000n * scale) / f.d;
  return toDecimalString(Number(micro) as never);
}

function infoValue(q: Questionnaire, key: string): string | null {
  switch (key) {
    case 'id':
      return q.id;
    case 'framework':
      return q.framework;
    case 'title':
      return q.title;
    case 'illustrative':
      return yes(q.illustrative);
    case 'intro':
      return q.intro ?? null;
    case 'privacy.purpose':
      return q.privacy.purpose;
    case 'privacy.retention':
      return q.privacy.retention;
    case 'privacy.contact':
      return q.privacy.contact;
    case 'window.from':
      return q.window?.from ?? null;
    case 'window.to':
      return q.window?.to ?? null;
    case 'checks.identicalAtLeast':
      return String(q.checks.identicalAtLeast);
    case 'checks.burst.count':
      return String(q.checks.burst.count);
    case 'checks.burst.minutes':
      return String(q.checks.burst.minutes);
  }
  return null;
}

interface Table {
  sheet: Sheet;
  header: number;
  columns: Map<string, number>;
}

function tableOf(workbook: Workbook, name: string, columns: [string, string][]): Table | undefined {
  const sheet = workbook.sheets.find((s) => headerKey(s.name) === headerKey(name));
  if (!sheet) return undefined;
  const first = headerKey(columns[0]![1]);
  const header = sheet.rows.findIndex((r) => r.some((c) => typeof c === 'string' && headerKey(c) === first));
  if (header < 0) return undefined;
  const map = new Map<string, number>();
  sheet.rows[header]!.forEach((c, i) => {
    const found = columns.find(([, label]) => typeof c === 'string' && headerKey(c) === headerKey(label));
    if (found) map.set(found[0], i);
  });
  return { sheet, header, columns: map };
}

const cellText = (value: CellValue | undefined) =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'object'
        ? value.raw
        : String(value).trim();
const bool = (t: string) => (t ? ['co', 'x', 'yes', 'true', '1'].includes(headerKey(t)) : undefined);
/** A number cell ("0,8"); text that is not one is kept for the core to refuse in words. */
const num = (t: string) => (t ? (decimalNumber(t) ?? t) : undefined);
const list = (t: string) =>
  t
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

export interface QuestionnaireWorkbook {
  document: Record<string, unknown>;
  /** The cell a document path came from, for placing the core's findings. */
  place(field: string | undefined): CellAt | undefined;
}

export function readQuestionnaireWorkbook(workbook: Workbook): QuestionnaireWorkbook {
  const issues: Issue[] = [];
  const places = new Map<string, CellAt>();
  const info = workbook.sheets.find((s) => headerKey(s.name) === headerKey(SHEETS.info));
  const groups = tableOf(workbook, SHEETS.groups, GROUP_COLUMNS);
  const questions = tableOf(workbook, SHEETS.questions, QUESTION_COLUMNS);
  const criteria = tableOf(workbook, SHEETS.criteria, CRITERION_COLUMNS);
  for (const [found, name] of [
    [info, SHEETS.info],
    [groups, SHEETS.groups],
    [questions, SHEETS.questions],
    [criteria, SHEETS.criteria],
  ] as const) {
    if (!found)
      issues.push(
        issue(
          'survey.sheet',
          { vi: `thiếu trang «${name}» (hoặc dòng tiêu đề của nó)`, en: `the sheet «${name}» (or its header row) is missing` },
          { ...(workbook.file && { file: workbook.file }) },
        ),
      );
  }
  if (issues.length) throw new ParError(issues);
  const document: Record<string, any> = { kind: 'questionnaire', privacy: {} };
  info!.rows.forEach((row, r) => {
    const key = INFO.find(([, label]) => headerKey(label) === headerKey(cellText(row[0])))?.[0];
    if (!key) return;
    const value = cellText(row[1]);
    places.set(key, { sheet: info!.name, row: r + 1, column: 1, header: cellText(row[0]), value: row[1] ?? null });
    if (!value) return;
    if (key === 'illustrative') document.illustrative = bool(value);
    else if (key.startsWith('privacy.')) document.privacy[key.slice(8)] = value;
    else if (key === 'checks.identicalAtLeast') (document.checks ??= {}).identicalAtLeast = num(value);
    else if (key.startsWith('checks.burst.')) ((document.checks ??= {}).burst ??= {})[key.slice(13)] = num(value);
    else if (key.startsWith('window.'))
      // A day written d/m/yyyy is stored as ISO; anything else is left for the core to refuse in words.
      (document.window ??= {})[key.slice(7)] = parseWrittenDate(value) ?? value;
    else document[key] = value;
  });
  const rowsOf = (t: Table, path: (i: number) => string, columns: [string, string][]) =>
    t.sheet.rows
      .slice(t.header + 1)
      .flatMap((row, k) => {
        if (!row.some((c) => cellText(c))) return [];
        return [{ row, r: t.header + 1 + k }];
      })
      .map(({ row, r }, i) => {
        const get = (key: string) => cellText(row[t.columns.get(key) ?? -1]);
        for (const [key, label] of columns) {
          const c = t.columns.get(key);
          places.set(`${path(i)}.${key}`, {
            sheet: t.sheet.name,
            row: r + 1,
            column: c ?? 0,
            header: label,
            ...(c !== undefined && { value: row[c] ?? null }),
          });
        }
        places.set(path(i), { sheet: t.sheet.name, row: r + 1, column: 0, header: columns[0]![1], value: row[t.columns.get(columns[0]![0]) ?? 0] ?? null });
        return get;
      });
  document.groups = rowsOf(groups!, (i) => `groups.${i}`, GROUP_COLUMNS).map((get, i) => {
    const fixed = num(get('fixed'));
    places.set(`groups.${i}.sample`, places.get(`groups.${i}.${fixed !== undefined ? 'fixed' : 'percent'}`)!);
    places.set(`groups.${i}.sample.percent`, places.get(`groups.${i}.percent`)!);
    return {
      id: get('id'),
      name: get('name'),
      sample:
        fixed !== undefined
          ? { fixed }
          : { of: get('of'), percent: get('percent'), ...(get('min') && { min: num(get('min')) }), ...(get('max') && { max: num(get('max')) }) },
    };
  });
  document.questions = rowsOf(questions!, (i) => `questions.${i}`, QUESTION_COLUMNS).map((get) => {
    const type = get('type');
    const options = list(get('options')).map((o) => {
      const [value, ...label] = o.split(':');
      return { value: value!.trim(), label: label.join(':').trim() || value!.trim() };
    });
    const labels = list(get('labels'));
    return {
      id: get('id'),
      type,
      text: get('text'),
      ...(get('groups') && { groups: list(get('groups')) }),
      ...(get('required') && { required: bool(get('required')) }),
      ...(options.length && { options }),
      ...((type === 'likert' || get('scale')) && { scale: { points: num(get('scale')) ?? 5, ...(labels.length && { labels }) } }),
      ...(get('min') && { min: num(get('min')) }),
      ...(get('max') && { max: num(get('max')) }),
      ...(get('maxLength') && { maxLength: num(get('maxLength')) }),
      ...(get('illustrative') && { illustrative: bool(get('illustrative')) }),
    };
  });
  const byCode = new Map<string, Record<string, any>>();
  rowsOf(criteria!, (i) => `row.${i}`, CRITERION_COLUMNS).forEach((get, i) => {
    const code = get('code');
    let criterion = byCode.get(code);
    if (!criterion) {
      criterion = {
        code,
        ...(get('name') && { name: get('name') }),
        ...(get('node') && { node: get('node') }),
        maxPoints: get('maxPoints'),
        ...(get('minResponses') && { minResponses: num(get('minResponses')) }),
        parts: [],
      };
      byCode.set(code, criterion);
      const index = byCode.size - 1;
      for (const [key] of CRITERION_COLUMNS) places.set(`criteria.${index}.${key}`, places.get(`row.${i}.${key}`)!);
      places.set(`criteria.${index}`, places.get(`row.${i}`)!);
    }
    const index = [...byCode.keys()].indexOf(code);
    const part = criterion.parts.length;
    const type = get('type');
    criterion.parts.push({
      group: get('group'),
      ...(get('weight') && { weight: get('weight') }),
      measure: {
        type,
        question: get('question'),
        ...(type === 'shareAtLeast' && { atLeast: num(get('atLeast')) }),
        ...(type === 'shareOf' && { options: list(get('options')) }),
        ...(type !== 'scaleMean' && get('says') && { says: get('says') }),
      },
    });
    for (const [key] of CRITERION_COLUMNS) {
      places.set(`criteria.${index}.parts.${part}.${key}`, places.get(`row.${i}.${key}`)!);
      places.set(`criteria.${index}.parts.${part}.measure.${key}`, places.get(`row.${i}.${key}`)!);
    }
    places.set(`criteria.${index}.parts.${part}`, places.get(`row.${i}.group`)!);
  });
  document.criteria = [...byCode.values()];
  return {
    document,
    place(field) {
      if (!field) return undefined;
      for (let parts = field.split('.'); parts.length; parts = parts.slice(0, -1)) {
        const at = places.get(parts.join('.'));
        if (at) return at;
      }
      return undefined;
    },
  };
}

/** The core's findings on the document, placed at their cells. */
export function placeIssues(error: ParError, read: QuestionnaireWorkbook): ParError {
  return new ParError(
    error.issues.map((i) => {
      const at = read.place(i.field);
      return at ? cellIssue(i.code, i.message, at, { ...(i.node && { node: i.node }) }) : i;
    }),
  );
}
