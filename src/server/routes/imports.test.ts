import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DRAFT = 'lai-chau-district-2024';

for (const engine of testEngines()) {
  describe(`Excel/CSV over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
    });
    after(() => server.close());

    const download = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(server.url + path, { headers });
      return {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        disposition: response.headers.get('content-disposition') ?? '',
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    };
    const upload = (query: string, bytes: Uint8Array, headers = admin) =>
      server.request('POST', `/api/import/file?${query}`, bytes, { ...headers, 'content-type': XLSX });
    const storedScores = async () =>
      (await server.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE cycle_id = $1 AND final_total IS NOT NULL', [DRAFT]))[0]!.n;

    test('a template downloaded, filled the way an officer does, previewed, refused whole when wrong, then imported', async () => {
      const template = await download(`/api/templates?kind=results&framework=${DRAFT}&year=2024`, admin);
      assert.equal(template.status, 200);
      assert.equal(template.type, XLSX);
      assert.match(template.disposition, /attachment; filename="mau-results-2024\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Kết quả')!;
      const fill = (unit: string, value: ExcelJS.CellValue, name?: string) =>
        sheet.eachRow((row) => {
          if (row.getCell(2).value !== unit) return;
          row.getCell(4).value = value;
          if (name) [row.getCell(2).value, row.getCell(3).value] = [null, name];
        });
      fill('tam-duong', '9,75');
      fill('than-uyen', 10.5, 'Than Uyen');
      fill('sin-ho', '9,5 điểm');
      const before = await storedScores();
      const wrong = await upload(`kind=results&year=2024&framework=${DRAFT}&name=ket-qua.xlsx`, new Uint8Array(await workbook.xlsx.writeBuffer()));
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.error.issues[0].field, 'Kết quả!D12');
      assert.match(wrong.body.error.issues[0].message.vi, /«9,5 điểm» không phải là số/);
      // The same place as data, for the import screen's table.
      const place = wrong.body.error.issues[0].cell;
      assert.deepEqual(
        { sheet: place.sheet, row: place.row, column: place.column, value: place.value },
        { sheet: 'Kết quả', row: 12, column: 'D', value: '9,5 điểm' },
      );
      assert.match(place.reason.vi, /không phải là số$/);
      assert.equal(await storedScores(), before, 'nothing written');
      fill('sin-ho', null);
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const preview = await upload(`kind=results&year=2024&framework=${DRAFT}&dryRun=true`, bytes);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.dryRun, true);
      assert.ok(
        preview.body.changes.some((c: { unitId: string; code: string; after: string }) => c.unitId === 'than-uyen' && c.code === '1' && c.after === '10.5'),
      );
      assert.equal(await storedScores(), before, 'a preview writes nothing');
      // A province-wide file has a million changes: the answer lists as many as asked, with the whole counts.
      const short = await upload(`kind=results&year=2024&framework=${DRAFT}&dryRun=true&changes=1`, bytes);
      assert.equal(short.body.changes.length, 1);
      assert.equal(short.body.changesTotal, preview.body.changes.length);
      assert.deepEqual(short.body.counts, preview.body.counts);
      assert.deepEqual([...short.body.unitsChanged].sort(), ['tam-duong', 'than-uyen']);
      const negative = await upload(`kind=results&year=2024&framework=${DRAFT}&dryRun=true&changes=-1`, bytes);
      assert.equal(negative.status, 422);
      assert.equal(negative.body.error.issues[0].field, 'changes');
      assert.equal((await upload(`kind=results&year=2024&framework=${DRAFT}`, bytes, await server.login('tamduong'))).status, 403);
      const done = await upload(`kind=results&year=2024&framework=${DRAFT}`, bytes);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const [row] = await server.store.db.query<{ final_total: bigint }>(
        "SELECT final_total FROM scores WHERE cycle_id = $1 AND unit_id = 'tam-duong' AND code = '1'",
        [DRAFT],
      );
      assert.equal(row!.final_total, 9_750_000n);
      // Taken as the whole truth, a file with only Than Uyên filled would drop Tam Đường: the database keeps it, and says so.
      fill('tam-duong', null);
      const whole = await upload(`kind=results&year=2024&framework=${DRAFT}&replace=true&dryRun=true`, new Uint8Array(await workbook.xlsx.writeBuffer()));
      assert.equal(whole.status, 200, JSON.stringify(whole.body));
      assert.ok(!whole.body.changes.some((c: { unitId?: string }) => c.unitId === 'tam-duong'), 'no change listed for a unit the store keeps');
      assert.ok(
        whole.body.notices.some((n: { vi: string }) => /vẫn giữ kết quả đã lưu \(.*Tam Đường/.test(n.vi)),
        JSON.stringify(whole.body.notices),
      );
    });

    test('exports: the ranking as CSV (BOM, «;», decimal commas), the results as .xlsx with numbers as numbers, any table as JSON; the public sees published years only', async () => {
      const csv = await download('/api/export?what=ranking&year=2023&format=csv');
      assert.equal(csv.status, 200);
      assert.match(csv.type, /^text\/csv/);
      const text = csv.bytes.toString('utf8');
      assert.ok(text.startsWith('\uFEFFXếp hạng;Mã đơn vị;Đơn vị;Tổng điểm'));
      assert.match(text, /\n4;tam-duong;Tam Đường;78,119875;/);
      const xlsx = await download('/api/export?what=results&year=2023', admin);
      assert.equal(xlsx.status, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Kết quả')!;
      let cell: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(2).value === 'tam-duong') cell = row.getCell(4);
      });
      assert.equal(cell!.value, 9.52);
      assert.equal(cell!.numFmt, '#,##0.00####');
      const json = await server.request('GET', '/api/export?what=deductions&year=2023&format=json');
      assert.equal(json.status, 200);
      assert.ok(json.body[0].rows.some((r: unknown[]) => r.includes('7.3.6')));
      const unpublished = await server.request('GET', '/api/export?what=results&year=2024');
      assert.equal(unpublished.status, 422);
    });

    test('the limit the server states is the one it enforces: a file one byte above it is refused before it is read, naming the limit', async () => {
      const limits = await server.request('GET', '/api/import/limits');
      assert.equal(limits.status, 200);
      assert.equal(limits.body.maxBytes, 20 * 1024 * 1024);
      const tooLarge = await upload('kind=results&year=2024&dryRun=true', new Uint8Array(limits.body.maxBytes + 1));
      assert.equal(tooLarge.status, 413);
      assert.match(tooLarge.body.error.issues[0].message.vi, /giới hạn 20 MB/);
    });
  });
}
