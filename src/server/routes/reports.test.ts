import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const REPORT = '/api/units/tam-duong/report?year=2023';
const hasLibreOffice = !spawnSync('soffice', ['--version']).error;

for (const engine of testEngines()) {
  describe(`the report over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    /** The unit's own officer: its report texts are its drafts (the public gets the figures only). */
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    test('the preview is HTML by default, Markdown on request, both from the stored texts', async () => {
      const html = await server.request('GET', REPORT, undefined, unit);
      assert.equal(html.status, 200);
      assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(html.headers.get('content-disposition'), null);
      assert.match(html.body, /^<!doctype html><html lang="vi">/);
      assert.match(html.body, /Số: 729\/BC-UBND/);
      assert.match(html.body, /Đạt 9,52\/13,5 điểm \(bằng 70,52%\)/);
      const md = await server.request('GET', `${REPORT}&format=md`, undefined, unit);
      assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
      assert.equal(md.headers.get('content-disposition'), 'inline; filename="bao-cao-par-index-2023-tam-duong.md"');
      assert.match(md.body, /### 2\. Phòng Nội vụ/);
    });

    test('DOCX (and PDF when LibreOffice is there) download under a safe ASCII file name', async () => {
      const docx = await fetch(`${server.url}${REPORT}&format=docx`);
      assert.equal(docx.status, 200);
      assert.equal(docx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(docx.headers.get('content-disposition'), 'attachment; filename="bao-cao-par-index-2023-tam-duong.docx"');
      assert.equal(
        Buffer.from(await docx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
        'PK',
      );
      const city = await fetch(`${server.url}/api/units/lai-chau-city/report?year=2023&format=docx`);
      assert.match(city.headers.get('content-disposition')!, /^attachment; filename="[a-z0-9.-]+"$/);
      // The conversion does not depend on the engine: once is enough.
      if (!hasLibreOffice || engine.name !== 'pglite') return;
      const pdf = await fetch(`${server.url}${REPORT}&format=pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="bao-cao-par-index-2023-tam-duong.pdf"');
      assert.equal(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
    });

    test('an unknown unit is 404, a year without results or a bad format 422, in Vietnamese', async () => {
      const unknown = await server.request('GET', '/api/units/khong-co/report?year=2023');
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error.message, /không tìm thấy đơn vị/);
      const year = await server.request('GET', '/api/units/tam-duong/report?year=2019');
      assert.equal(year.status, 422);
      assert.match(year.body.error.message, /không có kết quả năm 2019/);
      const format = await server.request('GET', `${REPORT}&format=odt`);
      assert.equal(format.status, 422);
      assert.equal(format.body.error.issues[0].field, 'format');
    });
  });
}
