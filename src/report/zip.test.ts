import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import { pack, toDocx } from './docx.ts';
import { docxParts } from './docxText.ts';
import { zipFiles } from './zip.ts';

test('a zip of compressible, incompressible, empty and Vietnamese-named files reads back unchanged, in order', async () => {
  const files: [string, Uint8Array][] = [
    ['[Content_Types].xml', Buffer.from('<Types>'.repeat(500))],
    ['word/media/image1.png', new Uint8Array(randomBytes(5000))],
    ['empty.xml', new Uint8Array()],
    ['tệp/báo-cáo.xml', Buffer.from('<w:t>Tam Đường</w:t>', 'utf8')],
  ];
  const zip = zipFiles(files);
  const back = unzipSync(zip);
  assert.deepEqual(
    Object.keys(back),
    files.map(([name]) => name),
  );
  for (const [name, data] of files) assert.deepEqual(back[name], new Uint8Array(data), name);
  // yauzl (as the report's readers use) checks the central directory against the local headers.
  const parts = await docxParts(zip);
  assert.equal(parts.get('tệp/báo-cáo.xml'), '<w:t>Tam Đường</w:t>');
  assert.throws(() => zipFiles([files[0]!, files[0]!]), /given twice/);
});

test('a document packed by Node’s zlib has the parts docx’s Packer gives, in the same order, byte for byte', async () => {
  assert.equal(typeof (Packer as unknown as { compiler?: { compile?: unknown } }).compiler?.compile, 'function', 'docx still has its compiler');
  const document = () => new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Báo cáo kết quả Chỉ số')] })] }] });
  const ours = unzipSync(await pack(document()));
  const packer = unzipSync(new Uint8Array(await Packer.toBuffer(document())));
  assert.deepEqual(Object.keys(ours), Object.keys(packer));
  // docProps/core.xml says when each was written, to the second.
  const undated = (name: string, data: Uint8Array) =>
    name === 'docProps/core.xml'
      ? Buffer.from(data)
          .toString('utf8')
          .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'DATE')
      : Buffer.from(data).toString('base64');
  for (const name of Object.keys(packer)) assert.equal(undated(name, ours[name]!), undated(name, packer[name]!), name);
});

test('a unit’s report packs into the parts docx writes, its chart included', async () => {
  const parts = unzipSync(await toDocx(buildReport(loadDataset(), 'tam-duong', 2023)));
  assert.ok(parts['word/document.xml'] && parts['[Content_Types].xml'] && parts['word/styles.xml']);
  const media = Object.keys(parts).filter((p) => p.startsWith('word/media/'));
  assert.equal(media.length, 1);
  assert.deepEqual([...parts[media[0]!]!.subarray(1, 4)], [0x50, 0x4e, 0x47]);
});

test('a unit’s report compiled while its chart is drawn has the parts of one compiled after, byte for byte', async () => {
  const doc = buildReport(loadDataset(), 'tam-duong', 2023);
  // Dates aside, and the drawing's number, which docx counts across the documents a process writes.
  const undated = (parts: Record<string, Uint8Array>) =>
    Object.entries(parts).map(([name, data]) => [
      name,
      /\.xml$/.test(name)
        ? Buffer.from(data)
            .toString('utf8')
            .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'DATE')
            .replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="N"')
        : Buffer.from(data).toString('base64'),
    ]);
  const early = unzipSync(await toDocx(doc));
  const after = unzipSync(await toDocx(doc, false));
  assert.deepEqual(undated(early), undated(after));
  assert.ok(Object.keys(early).includes('word/media/image1.png'));
});
