import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeUnit, ParError, type Issue, type Points } from '../../core/index.ts';
import { importWorkbook, readWorkbook, type ImportOptions, type ResultsImport } from '../index.ts';
import { demoDataset, withoutResults, xlsxOf, type SheetSpec } from '../testFiles.ts';

const dataset = demoDataset();

async function importSheets(sheets: SheetSpec[], options: Partial<ImportOptions> = {}, store = withoutResults(dataset)) {
  const workbook = await readWorkbook(await xlsxOf(sheets), { file: 'tinh.xlsx' });
  return importWorkbook(workbook, store, { kind: 'results', year: 2023, ...options } as ImportOptions) as ResultsImport;
}

async function issuesOf(sheets: SheetSpec[], options: Partial<ImportOptions> = {}): Promise<Issue[]> {
  try {
    await importSheets(sheets, options);
  } catch (error) {
    if (error instanceof ParError) return error.issues;
    throw error;
  }
  assert.fail('expected the import to be refused');
}

const header = [
  'STT',
  'Tên đơn vị',
  'Chỉ số 1',
  'Chỉ số 2',
  'Chỉ số 3',
  'Chỉ số 4',
  'Chỉ số 5',
  'Chỉ số 6',
  'Chỉ số 7',
  '8. Tác động',
  null,
  'Tổng điểm',
  'Xếp hạng',
];
const sub = [null, null, null, null, null, null, null, null, null, 'Thẩm định', 'ĐTXHH', null, null];
const tamDuong = [1, 'Huyện Tam Duong', '9,52', 5, '13,4753', 7.409775, '5,5', 2.5371, '10.8734', 1.5043, '22,30', '78,12', 4];

test("a province's decision table: title lines, merged group header, names without diacritics, decimal commas", async () => {
  const imported = await importSheets([
    {
      name: 'Sheet1',
      rows: [['BẢNG TỔNG HỢP KẾT QUẢ CHỈ SỐ CCHC NĂM 2023'], ['(Kèm theo Quyết định số 684/QĐ-UBND)'], header, sub, tamDuong, ['', 'Tổng cộng', 70]],
      merges: ['J3:K3', 'A3:A4', 'B3:B4'],
    },
  ]);
  const unit = imported.results.units[0]!;
  assert.equal(unit.unitId, 'tam-duong');
  assert.equal(unit.scores.get('1')!.total, 9_520_000);
  assert.deepEqual(unit.scores.get('8'), { total: 23_804_300, appraisal: 1_504_300, survey: 22_300_000 });
  assert.equal(unit.published?.total?.text, '78,12');
  assert.equal(unit.published?.rank, 4);
  assert.equal(imported.skippedRows, 1, 'the total line is not a unit');
});

test('a score above the maximum is reported at its cell with the column and the value', async () => {
  const row = [...tamDuong];
  row[2] = '14,2';
  const [found] = await issuesOf([{ name: 'Kết quả', rows: [header, sub, row] }]);
  assert.equal(found!.code, 'results.aboveMax');
  assert.equal(found!.field, 'Kết quả!C3');
  assert.equal(found!.file, 'tinh.xlsx');
  assert.match(found!.message.vi, /vượt điểm tối đa 13,5.*ô C3, cột «Chỉ số 1», giá trị «14,2»/);
  assert.match(found!.message.en, /exceeds the maximum 13\.5.*cell C3, column "Chỉ số 1", value "14,2"/);
});

test('text in a number cell, an unknown unit and a repeated unit: every problem at once', async () => {
  const rows = [header, sub, [...tamDuong], [2, 'Hà Nội', 9], [3, 'Tam Đường', 9], [4, 'Than Uyên', 'chín']];
  const issues = await issuesOf([{ name: 'Kết quả', rows }]);
  assert.deepEqual(
    issues.map((i) => [i.code, i.field]),
    [
      ['import.unitNotFound', 'Kết quả!B4'],
      ['import.duplicateUnit', 'Kết quả!B5'],
      ['import.notANumber', 'Kết quả!C6'],
    ],
  );
  assert.match(issues[1]!.message.vi, /đã có ở dòng 3/);
});

test('an ambiguous unit name is reported with the candidates', async () => {
  const store = withoutResults(dataset);
  const units = new Map(store.units);
  units.set('tam-duong-2', { ...units.get('tam-duong')!, id: 'tam-duong-2', fullName: 'UBND huyện Tam Đường (bản sao)' });
  try {
    await importSheets([{ name: 'Kết quả', rows: [header, sub, tamDuong] }], {}, { ...store, units });
    assert.fail('expected a refusal');
  } catch (error) {
    assert.ok(error instanceof ParError);
    assert.equal(error.issues[0]!.code, 'import.unitAmbiguous');
    assert.match(error.issues[0]!.message.vi, /khớp nhiều đơn vị/);
  }
});

test('the wrong sheet and a table without the unit column are refused by name', async () => {
  const wrong = await issuesOf([
    { name: 'Báo cáo', rows: [['x']] },
    { name: 'Ghi chú', rows: [['y']] },
  ]);
  assert.equal(wrong[0]!.code, 'import.sheetMissing');
  assert.match(wrong[0]!.message.vi, /không có trang tính «Kết quả» \(tệp có: «Báo cáo», «Ghi chú»\)/);
  const headerless = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['STT', 'Huyện', 'Chỉ số 1'],
        [1, 'Tam Đường', 9],
      ],
    },
  ]);
  assert.equal(headerless[0]!.code, 'import.headerMissing');
  const scoreless = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['STT', 'Đơn vị', 'Ghi chú'],
        [1, 'Tam Đường', 'x'],
      ],
    },
  ]);
  assert.equal(scoreless[0]!.code, 'import.columnMissing');
});

test('a column naming a criterion the framework lacks, and a maximum row from another framework', async () => {
  const unknown = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Tiêu chí 9.9'],
        ['Tam Đường', 1],
      ],
    },
  ]);
  assert.deepEqual([unknown[0]!.code, unknown[0]!.field], ['import.unknownCriterion', 'Kết quả!B1']);
  const other = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Điểm tối đa', 14],
        ['Tam Đường', 9],
      ],
    },
  ]);
  assert.deepEqual([other[0]!.code, other[0]!.field], ['import.maxMismatch', 'Kết quả!B2']);
});

test('formulas: the value Excel stored is used and said; a formula without one is refused at its cell', async () => {
  const withCache = await importSheets([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1', 'Chỉ số 2'],
        ['Tam Đường', { formula: '4+5.52', result: 9.52 }, 5],
      ],
    },
  ]);
  assert.equal(withCache.results.units[0]!.scores.get('1')!.total, 9_520_000);
  assert.match(withCache.notices[0]!.vi, /1 ô có công thức/);
  const issues = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', { formula: 'SUM(A1:A2)' } as never],
      ],
    },
  ]);
  assert.deepEqual([issues[0]!.code, issues[0]!.field], ['import.cellProblem', 'Kết quả!B2']);
  assert.match(issues[0]!.message.vi, /chưa có giá trị tính sẵn/);
  const error = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', { error: '#DIV/0!' } as never],
      ],
    },
  ]);
  assert.match(error[0]!.message.vi, /#DIV\/0!/);
});

test('survey scores are merged into the stored results: the appraisal part stays, totals follow', async () => {
  const imported = await importSheets(
    [
      {
        name: 'Điều tra XHH',
        rows: [
          ['Đơn vị', '8. Tác động | Điều tra XHH', 'Tổng điểm điều tra XHH'],
          ['tam duong', '22,5', '22,50'],
        ],
      },
    ],
    { kind: 'survey' },
    dataset,
  );
  const unit = imported.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.deepEqual(unit.scores.get('8'), { total: 24_004_300, appraisal: 1_504_300, survey: 22_500_000 });
  assert.equal(unit.published?.survey?.text, '22,50');
  assert.equal(unit.deductions.length, 16, 'deductions are kept');
  assert.deepEqual(
    imported.changes.map((c) => [c.unitId, c.item, c.code, c.part, c.before, c.after]),
    [
      ['tam-duong', 'score', '8', 'total', '23.8043', '24.0043'],
      ['tam-duong', 'score', '8', 'survey', '22.3', '22.5'],
      ['tam-duong', 'published', undefined, 'survey', '22,30', '22,50'],
    ],
  );
});

test('survey scores imported before the appraisal part: accepted, the total waits; the appraisal part imported later completes it', async () => {
  const surveyFirst = await importSheets(
    [
      {
        name: 'Điều tra XHH',
        rows: [
          ['Đơn vị', '8. Tác động | Điều tra XHH'],
          ['tam duong', '22,3'],
        ],
      },
    ],
    { kind: 'survey' },
  );
  const unit = surveyFirst.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.deepEqual(unit.scores.get('8'), { survey: 22_300_000 });
  assert.deepEqual(
    surveyFirst.changes.filter((c) => c.item === 'score').map((c) => [c.code, c.part, c.before, c.after]),
    [['8', 'survey', undefined, '22.3']],
  );
  const stored = { ...dataset, results: [surveyFirst.results] };
  const appraisal = await importSheets(
    [
      {
        name: 'Kết quả',
        rows: [
          ['Đơn vị', '8. Tác động | Thẩm định'],
          ['Tam Đường', '1,5043'],
        ],
      },
    ],
    {},
    stored,
  );
  assert.deepEqual(appraisal.results.units.find((u) => u.unitId === 'tam-duong')!.scores.get('8'), {
    total: 23_804_300,
    appraisal: 1_504_300,
    survey: 22_300_000,
  });
});

test('a survey import over a stored total and survey part keeps the appraisal part they imply', async () => {
  const base = demoDataset();
  const set = base.results.find((s) => s.year === 2023)!;
  const tamDuong = set.units.find((u) => u.unitId === 'tam-duong')!;
  const stored = {
    ...base,
    results: base.results.map((s) =>
      s !== set
        ? s
        : {
            ...s,
            units: s.units.map((u) =>
              u !== tamDuong ? u : { ...u, scores: new Map([...u.scores, ['8', { total: 23_804_300 as Points, survey: 22_300_000 as Points }]]) },
            ),
          },
    ),
  };
  const imported = await importSheets(
    [
      {
        name: 'Điều tra XHH',
        rows: [
          ['Đơn vị', '8. Tác động | Điều tra XHH'],
          ['tam duong', '22,5'],
        ],
      },
    ],
    { kind: 'survey' },
    stored as typeof base,
  );
  assert.deepEqual(imported.results.units.find((u) => u.unitId === 'tam-duong')!.scores.get('8'), {
    total: 24_004_300,
    appraisal: 1_504_300,
    survey: 22_500_000,
  });
});

test('indicator values: a rule that cannot read them is reported at the row; good ones are put in value by value', async () => {
  const head = ['Đơn vị', 'Mã tiêu chí', 'Tử số', 'Mẫu số', 'Số lần'];
  const bad = await issuesOf([{ name: 'Chỉ tiêu', rows: [head, ['Tam Đường', '7.3.6.', 50, 46, null]] }], { kind: 'indicators' });
  assert.equal(bad[0]!.code, 'indicator.invalid');
  assert.match(bad[0]!.field!, /^Chỉ tiêu!/);
  const sheets = [{ name: 'Chỉ tiêu', rows: [head, ['Tam Đường', '7.3.6.', 12, 46, null], ['Tam Đường', '1.7', null, null, 0]] }];
  const imported = await importSheets(sheets, { kind: 'indicators' }, dataset);
  const unit = imported.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.equal(unit.indicators.get('7.3.6')!.numerator, 12);
  assert.equal(unit.indicators.get('7.3.7')!.numerator, 1339, 'other indicators are kept');
  // The file has no «Ghi chú» column: the stored notes of 7.3.6 and 1.7 stay.
  assert.deepEqual(
    imported.changes
      .filter((c) => c.item === 'indicator')
      .map((c) => [c.change, c.code, c.part])
      .sort(),
    [
      ['changed', '1.7', 'count'],
      ['changed', '7.3.6', 'numerator'],
    ],
  );
  // With --replace a row is the criterion's whole indicator: the notes go.
  const replaced = await importSheets(sheets, { kind: 'indicators', replace: true }, dataset);
  assert.deepEqual(
    replaced.changes
      .filter((c) => c.item === 'indicator' && c.change === 'removed')
      .map((c) => [c.code, c.part])
      .sort(),
    [
      ['1.7', 'note'],
      ['7.3.6', 'note'],
    ],
  );
});

test('deductions: each needs a reason; documents continue on the rows below', async () => {
  const head = ['Đơn vị', 'Mã tiêu chí', 'Điểm trừ', 'Lý do', 'Số văn bản', 'Ngày văn bản'];
  const rows = [
    head,
    ['Tam Đường', '1.4', '0,5', 'Hạn chế tuyên truyền', '12/BC', '01/02/2023'],
    [null, null, null, null, '13/BC', '02/02/2023'],
    ['Tam Đường', '1.7', 2, null],
  ];
  const issues = await issuesOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', 9],
      ],
    },
    { name: 'Điểm trừ', rows },
  ]);
  assert.deepEqual(
    issues.map((i) => [i.code, i.field]),
    [['import.required', 'Điểm trừ!D4']],
  );
  const imported = await importSheets([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', 9],
      ],
    },
    { name: 'Điểm trừ', rows: rows.slice(0, 3) },
  ]);
  assert.deepEqual(imported.results.units[0]!.deductions[0]!.documents, [
    { number: '12/BC', date: '2023-02-01' },
    { number: '13/BC', date: '2023-02-02' },
  ]);
});

test('replace drops stored units the file does not list; the default keeps them', async () => {
  const sheets = [
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', 9.52],
      ],
    },
  ];
  const kept = await importSheets(sheets, {}, dataset);
  assert.equal(kept.results.units.length, 8);
  const replaced = await importSheets(sheets, { replace: true }, dataset);
  assert.equal(replaced.results.units.length, 1);
  assert.equal(replaced.changes.filter((c) => c.item === 'unit' && c.change === 'removed').length, 7);
});

test('the annex of a publication decision: components headed by name (TTHC, CCHC spelled out), a numbering row, an average line and the signature under it', async () => {
  const names = [
    'Công tác chỉ đạo điều hành',
    'Cải cách thể chế',
    'Cải cách TTHC',
    'Cải cách tổ chức bộ máy',
    'Cải cách chế độ công vụ',
    'Cải cách tài chính công',
    'Chính quyền điện tử, chính quyền số',
    'Tác động của CCHC',
  ];
  const tam = [9.52, 5, 13.4753, 7.409775, 5.5, 2.5371, 10.8734, 23.8043];
  const than = [10.75, 4.75, 13.2, 7.25, 5.5, 3.85, 11.45, 24.9];
  const imported = await importSheets([
    {
      name: 'Phụ lục',
      rows: [
        ['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA UBND CÁC HUYỆN, THÀNH PHỐ'],
        ['(Kèm theo Quyết định số 684/QĐ-UBND ngày 15/5/2024 của UBND tỉnh Lai Châu)'],
        ['STT', 'Đơn vị', 'Điểm các chỉ số thành phần', null, null, null, null, null, null, null, 'Tổng điểm', 'Xếp hạng'],
        [null, null, ...names, null, null],
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)'],
        [1, 'Huyện Than Uyên', ...than, 81.65, 2],
        [2, 'Huyện Tam Đường', ...tam, '78,12', 4],
        [null, 'Trung bình', null, null, null, null, null, null, null, null, 79.89],
        [],
        [null, 'KT. CHỦ TỊCH'],
        [null, 'PHÓ CHỦ TỊCH'],
      ],
      merges: ['C3:J3', 'A3:A4', 'B3:B4', 'K3:K4', 'L3:L4'],
    },
  ]);
  assert.deepEqual(imported.ignoredColumns, []);
  assert.deepEqual(
    imported.results.units.map((u) => u.unitId),
    ['than-uyen', 'tam-duong'],
  );
  const unit = imported.results.units[1]!;
  assert.deepEqual([...unit.scores.keys()], ['1', '2', '3', '4', '5', '6', '7', '8']);
  assert.equal(unit.scores.get('3')!.total, 13_475_300);
  assert.equal(unit.scores.get('8')!.total, 23_804_300);
  assert.equal(unit.published?.total?.text, '78,12');
  assert.equal(imported.skippedRows, 3, 'the average and the two signature lines');
});

/** A province's published table as a CSV: «;» between fields, scores with decimal commas, totals with a dot and three decimals. */
const publishedCsv = (totals: string[]) =>
  [
    'STT;Tên đơn vị;Chỉ số 1;Chỉ số 3;Tổng điểm;Xếp hạng',
    ...[
      ['TP. Lai Châu', '11,3', '13,4753'],
      ['Than Uyên', '10,75', '13,2'],
      ['Tân Uyên', '10,2', '13,35'],
      ['Tam Đường', '9,52', '13,4753'],
      ['Phong Thổ', '9,1', '12,95'],
      ['Mường Tè', '8,6', '12,6'],
      ['Sìn Hồ', '8,85', '12,8'],
      ['Nậm Nhùn', '7,95', '12,15'],
    ].map(([name, one, three], i) => `${i + 1};${name};${one};${three};${totals[i]};${i + 1}`),
  ].join('\n');

async function importCsv(text: string): Promise<ResultsImport> {
  const workbook = await readWorkbook(new TextEncoder().encode(`\uFEFF${text}\n`), { file: 'cong-bo.csv' });
  return importWorkbook(workbook, dataset, { kind: 'results', year: 2023 }) as ResultsImport;
}

test('totals written «78.120» beside scores written «9,52» are read per column: 78,12 with three decimals, and check finds no false error', async () => {
  const totals = ['85.525', '81.650', '80.300', '78.120', '77.600', '74.150', '73.770', '70.200'];
  const imported = await importCsv(publishedCsv(totals));
  const tamDuong = imported.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.equal(tamDuong.scores.get('1')!.total, 9_520_000, 'the scores on the row read with their decimal commas');
  assert.deepEqual([tamDuong.published?.total?.text, tamDuong.published?.total?.decimals, tamDuong.published?.rank], ['78,120', 3, 4]);
  const checked = { ...dataset, results: dataset.results.map((s) => (s.year === 2023 ? imported.results : s)) };
  for (const unit of imported.results.units) {
    // (Tam Đường's stored appraisal and survey parts, printed with two decimals, are another matter: not compared here.)
    const wrong = analyzeUnit(checked, unit.unitId, 2023).findings.filter(
      (f) => (f.id === 'published.total' || f.id === 'published.rank') && f.severity !== 'info',
    );
    assert.deepEqual(wrong, [], unit.unitId);
  }
});

test('a total column that writes «78.120» and «77,600» is refused at the cell, the two readings said', async () => {
  const totals = ['85.525', '81.650', '80.300', '78.120', '77,600', '74.150', '73.770', '70.200'];
  try {
    await importCsv(publishedCsv(totals));
    assert.fail('expected a refusal');
  } catch (error) {
    assert.ok(error instanceof ParError);
    assert.deepEqual(
      error.issues.map((i) => [i.code, i.field]),
      [['import.decimalMark', 'cong-bo!E6']],
    );
    assert.equal(
      error.issues[0]!.message.vi,
      'cột này viết «85.525» (ô E2) bằng dấu chấm nhưng ô này viết bằng dấu phẩy: không rõ «77,600» là 77,600 hay 77600; hãy viết cả cột cùng một kiểu (ô E6, cột «Tổng điểm», giá trị «77,600»)',
    );
  }
});

test('a survey cell written "20%" is refused at its cell: points are asked, not a share', async () => {
  const sheets = [
    {
      name: 'Điều tra XHH',
      rows: [
        ['Đơn vị', '8. Tác động | Điều tra XHH'],
        ['tam duong', '20%'],
      ],
    },
  ];
  let issues: Issue[] = [];
  try {
    await importSheets(sheets, { kind: 'survey' }, dataset);
    assert.fail('expected the import to be refused');
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    issues = error.issues;
  }
  const refused = issues.find((i) => i.code === 'import.percentInPoints');
  assert.ok(refused, JSON.stringify(issues.map((i) => i.code)));
  assert.equal(refused.cell?.row, 2);
  assert.match(refused.message.vi, /«20%» là tỷ lệ phần trăm, không phải số điểm/);
});
