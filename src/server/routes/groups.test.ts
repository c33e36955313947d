import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { groupedDocuments, GROUPED_YEAR, LONG_GROUP_NAME } from '../../io/testGroups.ts';
import { testEngines } from '../../store/testing.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const Y = GROUPED_YEAR;

for (const engine of testEngines()) {
  describe(`levels and groups over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
      await server.store.importDocuments(groupedDocuments(), SYSTEM);
    });
    after(() => server.close());

    const download = async (path: string) => {
      const response = await fetch(server.url + path);
      return { status: response.status, type: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
    };

    test('the groups of a year are listed, named; results are asked by level and group, or nationally', async () => {
      const groups = await server.request('GET', `/api/results/groups?year=${Y}`);
      assert.equal(groups.status, 200);
      assert.deepEqual(
        groups.body.map((g: { level: string; group: string; name: string }) => [g.level, g.group, g.name]),
        [
          ['department', 'so-khoi-1', 'Khối sở, ban, ngành 1'],
          ['department', 'so-khoi-2', LONG_GROUP_NAME],
          ['department', 'tinh-b-department', 'Tỉnh B — cấp sở, ban, ngành'],
        ],
      );
      const ambiguous = await server.request('GET', `/api/results?year=${Y}&level=department`);
      assert.equal(ambiguous.status, 422);
      assert.equal(ambiguous.body.error.issues[0].field, 'group');
      const second = await server.request('GET', `/api/results?year=${Y}&level=department&group=so-khoi-2`);
      assert.equal(second.status, 200);
      assert.equal(second.body.groupName, LONG_GROUP_NAME);
      assert.equal(second.body.groupNameEn, 'Branches of central bodies');
      assert.deepEqual(
        second.body.units.map((u: { unit: { id: string }; rank: number }) => [u.unit.id, u.rank]),
        [
          ['cong-an-tinh', 1],
          ['thue-tinh', 2],
        ],
      );
      const national = await server.request('GET', `/api/results?year=${Y}&level=department&scope=national`);
      assert.equal(national.status, 200);
      assert.equal(national.body.group, '*');
      assert.equal(national.body.of, 7);
      assert.deepEqual(
        national.body.units.slice(0, 3).map((u: { unit: { id: string } }) => u.unit.id),
        ['so-tu-phap', 'b-so-tu-phap', 'cong-an-tinh'],
      );
      assert.deepEqual((await server.request('GET', `/api/results?year=${Y}&group=*`)).body.of, 7);
      // A province's own level is a level like the others; a level that is not a slug is refused, naming the field.
      const own = await server.request('GET', `/api/results?year=${Y}&level=khu-kinh-te`);
      assert.equal(own.status, 422);
      assert.match(own.body.error.issues[0].message.vi, /cấp khu-kinh-te/);
      const bad = await server.request('GET', `/api/results?year=${Y}&level=C%E1%BA%A5p%20x%C3%A3`);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.issues[0].field, 'level');
      const analysis = await server.request('GET', `/api/units/thue-tinh/analysis?year=${Y}`);
      assert.deepEqual(analysis.body.group, { id: 'so-khoi-2', name: LONG_GROUP_NAME, nameEn: 'Branches of central bodies' });
      assert.equal((await server.request('GET', '/api/units?level=khu-kinh-te')).body[0].id, 'kkt-cua-khau');
      assert.deepEqual(
        (await server.request('GET', '/api/units?group=so-khoi-2')).body.map((u: { id: string }) => u.id),
        ['cong-an-tinh', 'thue-tinh'],
      );
      const all = (await server.request('GET', '/api/groups')).body as { id: string; name: string; levels: string[]; units: number; provinceId: string }[];
      assert.deepEqual(
        all.find((g) => g.id === 'so-khoi-1'),
        { id: 'so-khoi-1', name: 'Khối sở, ban, ngành 1', nameEn: 'Departments group 1', provinceId: 'tinh-a', levels: ['department'], units: 3 },
      );
      assert.deepEqual(all.find((g) => g.id === 'tinh-a-khu-kinh-te')?.levels, ['khu-kinh-te']);
      assert.equal(all.find((g) => g.id === 'lai-chau-district')?.name, 'Lai Châu — cấp huyện');
    });

    test('the ranking export has a sheet per group named after it (fitted to Excel), a group column in CSV, and a group filter', async () => {
      const xlsx = await download(`/api/export?what=ranking&year=${Y}`);
      assert.equal(xlsx.status, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const names = workbook.worksheets.map((w) => w.name);
      assert.deepEqual(names, ['Khối sở, ban, ngành 1', 'Khối cơ quan ngành dọc- Trung ư', 'Tỉnh B — cấp sở, ban, ngành']);
      assert.ok(names.every((n) => n.length <= 31 && !/[:\\/?*[\]]/.test(n)));
      const csv = (await download(`/api/export?what=ranking&year=${Y}&format=csv`)).bytes.toString('utf8');
      const lines = csv.trim().split(/\r?\n/);
      assert.ok(lines[0]!.endsWith(';Mã nhóm;Nhóm xếp hạng'), lines[0]);
      assert.equal(lines.length, 8, 'every group’s units in one CSV');
      assert.ok(
        lines.some((l) => l.startsWith('1;cong-an-tinh;Công an tỉnh;15;') && l.endsWith(`;so-khoi-2;${LONG_GROUP_NAME}`)),
        csv,
      );
      const one = await download(`/api/export?what=ranking&year=${Y}&group=so-khoi-1`);
      assert.equal(one.status, 200);
      const single = new ExcelJS.Workbook();
      await single.xlsx.load(one.bytes as unknown as ArrayBuffer);
      assert.deepEqual(
        single.worksheets.map((w) => w.name),
        ['Khối sở, ban, ngành 1'],
      );
      const unknown = await server.request('GET', `/api/export?what=ranking&year=${Y}&group=khoi-9`);
      assert.equal(unknown.status, 422);
      assert.match(unknown.body.error.issues[0].message.vi, /các nhóm có kết quả: so-khoi-1 \(Khối sở, ban, ngành 1\)/);
      const results = await download(`/api/export?what=results&year=${Y}&group=so-khoi-2&format=csv`);
      assert.equal(results.status, 200);
      const text = results.bytes.toString('utf8');
      assert.match(text, /cong-an-tinh/);
      assert.doesNotMatch(text, /so-tu-phap/);
    });

    test('rankings and results as JSON (500 before: an exact percentage has no JSON form), per group and on the demo year', async () => {
      for (const path of [
        `/api/export?what=ranking&year=${Y}&format=json`,
        `/api/export?what=results&year=${Y}&format=json`,
        '/api/export?what=ranking&year=2023&format=json',
        '/api/export?what=results&year=2023&format=json',
      ]) {
        const json = await server.request('GET', path);
        assert.equal(json.status, 200, `${path}: ${JSON.stringify(json.body).slice(0, 300)}`);
        assert.ok(Array.isArray(json.body));
      }
      const ranking = await server.request('GET', `/api/export?what=ranking&year=${Y}&format=json&group=so-khoi-1`);
      assert.equal(ranking.body.length, 1);
      const [table] = ranking.body;
      assert.equal(table.name, 'Khối sở, ban, ngành 1');
      const percent = table.columns.findIndex((c: { header: string[] }) => c.header[0] === 'Tỷ lệ %');
      const first = table.rows[0];
      // Points and percentages as decimal text (a repeating percentage to 12 decimals); counts and ranks as numbers.
      assert.deepEqual([first[0], first[1], first[3], first[percent]], [1, 'so-tu-phap', '16.5', '91.666666666667']);
      assert.deepEqual(first.slice(-2), ['so-khoi-1', 'Khối sở, ban, ngành 1']);
      const demo = await server.request('GET', '/api/export?what=ranking&year=2023&format=json');
      const tamDuong = demo.body[0].rows.find((r: unknown[]) => r[1] === 'tam-duong');
      assert.equal(tamDuong[3], '78.119875');
      assert.equal(tamDuong[4], '78.119875');
      const results = await server.request('GET', '/api/export?what=results&year=2023&format=json');
      const maxima = results.body.find((t: { maxRow?: unknown }) => t.maxRow).maxRow.values.filter((v: unknown) => v !== null);
      assert.ok(maxima.length > 0 && maxima.every((v: unknown) => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)), JSON.stringify(maxima));
    });
  });
}
