/**
 * Issue 19: the council record lists every problem at once — a blank number and a date that does
 * not read (its schema) with the vote's own checks (fewer than 3 members, more approvals than
 * members), each at its field, in one answer. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

for (const engine of testEngines()) {
  describe(`the council record: every problem at once, on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server.close());

    test('a blank number, a date that does not read, two members and five approvals: four problems, one answer', async () => {
      const admin = await server.login('admin');
      const body = {
        decision: ' ',
        meetingOn: '31/02/2025',
        members: [{ name: 'Nguyễn Văn A' }, { name: 'Trần Thị B' }],
        scope: 'whole',
        items: [{ subject: 'Toàn bộ kết quả thẩm định', approve: 5 }],
        version: 0,
      };
      const refused = await server.request('PUT', '/api/cycles/lai-chau-district-2024/council', body, admin);
      assert.equal(refused.status, 422);
      const said = refused.body.error.issues as { field: string; message: { vi: string } }[];
      assert.deepEqual(
        said.map((i) => i.field),
        ['decision', 'meetingOn', 'members', 'items.0.approve'],
      );
      assert.match(said[2]!.message.vi, /ít nhất 3 thành viên/);
      assert.match(said[3]!.message.vi, /số tán thành phải từ 0 đến 2/);
      // An approval that is not a number: the schema's words at the item, the members' problem beside it.
      const words = await server.request(
        'PUT',
        '/api/cycles/lai-chau-district-2024/council',
        { ...body, items: [{ subject: 'Toàn bộ', approve: 'năm' }] },
        admin,
      );
      assert.deepEqual(
        (words.body.error.issues as { field: string }[]).map((i) => i.field),
        ['decision', 'meetingOn', 'items.0.approve', 'members'],
      );
    });
  });
}
