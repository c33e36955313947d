import assert from 'node:assert/strict';
import { test } from 'node:test';
import { xlsxOf, zipOf } from '../io/testFiles.ts';
import { ACCEPTED, detectFileType } from './fileType.ts';

test('office files are told apart by their zip entries, read by the one zip reader; a broken zip is no type', async () => {
  assert.deepEqual(await detectFileType(await xlsxOf([{ name: 'A', rows: [['x']] }])), ACCEPTED.xlsx);
  const docx = zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
  ]);
  assert.deepEqual(await detectFileType(docx), ACCEPTED.docx);
  assert.equal(await detectFileType(docx.subarray(0, docx.length - 10)), undefined);
  assert.equal(await detectFileType(zipOf([{ name: 'a.txt', data: Buffer.from('a') }])), undefined);
});
