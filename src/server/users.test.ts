/**
 * What the administration screen does with accounts, over HTTP on both engines: change a
 * role and unit, reset a password (old one refused, sessions ended, lock-out lifted), disable
 * and re-enable, never lock oneself out; and the next steps an assessment offers each role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

const NEW_PASSWORD = 'mat-khau-moi-2026';

for (const engine of testEngines()) {
  describe(`user administration on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
    });
    after(() => server.close());
    const idOf = async (username: string) =>
      ((await server.request('GET', '/api/users', undefined, admin)).body as { id: string; username: string }[]).find((u) => u.username === username)!.id;
    const change = async (username: string, body: unknown, headers = admin) => server.request('PUT', `/api/users/${await idOf(username)}`, body, headers);

    test('creating a user: every problem of the form at once, each at its field, in words', async () => {
      const all = await server.request('POST', '/api/users', { username: '', displayName: '', role: 'unitEditor', password: 'short' }, admin);
      assert.equal(all.status, 422);
      const fields = (all.body.error.issues as { field: string; message: { vi: string } }[]).map((i) => i.field).sort();
      assert.deepEqual(fields, ['displayName', 'password', 'unitId', 'username']);
      for (const i of all.body.error.issues) assert.doesNotMatch(i.message.vi, /expected|mong đợi|Too small|Quá nhỏ/);
      const taken = await server.request(
        'POST',
        '/api/users',
        { username: 'tamduong', displayName: 'X', role: 'unitEditor', unitId: 'khong-co', password: 'du-dai-roi-2026' },
        admin,
      );
      assert.deepEqual((taken.body.error.issues as { field: string }[]).map((i) => i.field).sort(), ['unitId', 'username']);
      // The taken username with the form's own problems (a blank name, a short password): one answer, every field.
      const takenAndWrong = await server.request(
        'POST',
        '/api/users',
        { username: ' TamDuong ', displayName: ' ', role: 'unitEditor', unitId: 'khong-co', password: 'ngan' },
        admin,
      );
      assert.equal(takenAndWrong.status, 422);
      const byField = new Map((takenAndWrong.body.error.issues as { field: string; message: { vi: string } }[]).map((i) => [i.field, i.message.vi]));
      assert.deepEqual([...byField.keys()].sort(), ['displayName', 'password', 'unitId', 'username']);
      assert.equal(byField.get('username'), 'tên đăng nhập tamduong đã có');
      assert.equal(byField.get('unitId'), 'không có đơn vị khong-co');
      // Nobody else may learn which usernames exist from a refused form.
      const editor = await server.login('tamduong');
      assert.equal((await server.request('POST', '/api/users', { username: 'tamduong', password: 'x' }, editor)).status, 403);
    });

    test('the administrator changes a role and unit; a unit role without a unit is refused at the field', async () => {
      const moved = await change('thanuyen', { role: 'unitViewer', displayName: 'Lãnh đạo Than Uyên' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.role, moved.body.unitId, moved.body.displayName], ['unitViewer', 'than-uyen', 'Lãnh đạo Than Uyên']);
      const noUnit = await change('thanuyen', { unitId: null });
      assert.equal(noUnit.status, 422);
      assert.equal(noUnit.body.error.issues[0].field, 'unitId');
      const appraiser = await change('thanuyen', { role: 'appraiser', unitId: null });
      assert.equal(appraiser.body.unitId, undefined);
      const unknown = await change('thanuyen', { role: 'unitEditor', unitId: 'khong-co' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.issues[0].field, 'unitId');
      const audit = (await server.request('GET', '/api/audit', undefined, admin)).body as {
        action: string;
        subject: string;
        before?: { role: string };
        after?: { role: string };
      }[];
      assert.ok(
        audit.some((e) => e.action === 'user.update' && e.subject === 'user/thanuyen' && e.before?.role === 'unitEditor' && e.after?.role === 'unitViewer'),
      );
    });

    test('a password reset refuses the old password, ends open sessions and lifts a lock-out', async () => {
      const session = await server.login('tamduong-view');
      for (let i = 0; i < 5; i++) await server.request('POST', '/api/session', { username: 'tamduong-view', password: 'sai-mat-khau-1' });
      const reset = await change('tamduong-view', { password: NEW_PASSWORD });
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      assert.deepEqual((await server.request('GET', '/api/session', undefined, session)).body, { user: null }, 'the open session ended');
      assert.equal((await server.request('POST', '/api/session', { username: 'tamduong-view', password: 'mat-khau-thu-2026' })).status, 401);
      assert.equal((await server.request('POST', '/api/session', { username: 'tamduong-view', password: NEW_PASSWORD })).status, 200);
      const short = await change('tamduong-view', { password: 'ngan' });
      assert.equal(short.status, 422);
      assert.equal(short.body.error.issues[0].field, 'password');
    });

    test('a disabled user cannot log in and loses the open session; enabling restores access', async () => {
      const session = await server.login('appraiser');
      assert.equal((await change('appraiser', { disabled: true })).body.disabled, true);
      assert.deepEqual((await server.request('GET', '/api/session', undefined, session)).body, { user: null }, 'the open session ended');
      assert.equal((await server.request('POST', '/api/session', { username: 'appraiser', password: 'mat-khau-thu-2026' })).status, 401);
      assert.equal((await change('appraiser', { disabled: false })).body.disabled, false);
      assert.equal((await server.request('POST', '/api/session', { username: 'appraiser', password: 'mat-khau-thu-2026' })).status, 200);
    });

    test('an administrator cannot disable or demote themselves, and nobody else may change users', async () => {
      const self = await change('admin', { disabled: true });
      assert.equal(self.status, 422);
      assert.equal(self.body.error.issues[0].field, 'disabled');
      assert.equal((await change('admin', { role: 'appraiser' })).status, 422);
      const editor = await server.login('tamduong');
      assert.equal((await change('tamduong', { role: 'admin', unitId: null }, editor)).status, 403);
      assert.equal((await server.request('PUT', '/api/users/999999', { disabled: true }, admin)).status, 404);
    });

    test('an assessment lists the steps each role may take from its state', async () => {
      const path = '/api/cycles/lai-chau-district-2024/units/tam-duong/assessment';
      const editor = await server.login('tamduong');
      const viewer = await server.request('GET', path, undefined, editor);
      assert.deepEqual(viewer.body.allowed, ['submit']);
      assert.deepEqual((await server.request('GET', path, undefined, admin)).body.allowed, []);
      await server.store.db.query("UPDATE unit_results SET state = 'underAppraisal' WHERE cycle_id = 'lai-chau-district-2024' AND unit_id = 'tam-duong'");
      const appraiser = await server.login('appraiser');
      assert.deepEqual((await server.request('GET', path, undefined, appraiser)).body.allowed, ['returnToUnit', 'completeAppraisal']);
      assert.deepEqual((await server.request('GET', path, undefined, editor)).body.allowed, []);
    });
  });
}
