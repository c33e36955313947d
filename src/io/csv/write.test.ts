import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../limits.ts';
import { readCsv } from './read.ts';
import { writeCsv } from './write.ts';

test('a field with a bare line feed or a carriage return is quoted and reads back as one row', () => {
  const notes = ['10/05/2024: đã trình\n20/05/2024: đã ban hành', 'một dòng\rhai dòng', 'dòng một\r\ndòng hai'];
  const bytes = writeCsv({
    name: 'Nhiệm vụ',
    columns: [
      { header: ['Nhiệm vụ'], format: 'text' },
      { header: ['Tiến độ'], format: 'text' },
    ],
    rows: notes.map((note, i) => [`Nhiệm vụ ${i + 1}`, note]),
  });
  const text = new TextDecoder().decode(bytes);
  for (const note of notes) assert.ok(text.includes(`"${note}"`), JSON.stringify(note));
  const rows = readCsv(bytes, DEFAULT_LIMITS).sheets[0]!.rows;
  assert.equal(rows.length, 4);
  assert.deepEqual(
    rows.slice(1).map((r) => r[1]),
    notes,
  );
});
