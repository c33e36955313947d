import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWorkbook, writeTables } from '../index.ts';
import { auditTable } from './audit.ts';

test('the audit trail exported: Vietnam time to read, the stored UTC instant to verify, before → after as JSON', async () => {
  const entry = {
    sequence: 1,
    at: '2024-01-10T23:30:00.000Z',
    actorId: 'appraiser',
    action: 'score.appraise',
    subject: 'cycle/x/unit/tam-duong/criterion/6.2.2',
    before: { appraised: null },
    after: { appraised: '0' },
    reason: 'không tăng mức tự chủ',
    previousHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await writeTables([auditTable([entry])], { format: 'csv' }));
  assert.match(csv, /^\uFEFFSTT;Thời điểm \(giờ Việt Nam\);Thời điểm \(UTC, trong chuỗi băm\);/);
  assert.match(csv, /\r\n1;11\/01\/2024 06:30:00;2024-01-10T23:30:00\.000Z;appraiser;score\.appraise;/);
  const sheet = (await readWorkbook(await writeTables([auditTable([entry])], { format: 'xlsx' }))).sheets[0]!;
  assert.deepEqual(sheet.rows[2]!.slice(0, 3), [1, '11/01/2024 06:30:00', '2024-01-10T23:30:00.000Z']);
});
