import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { openDatabase } from '../store/index.ts';
import { run } from './testing.ts';

let folder: string;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'parindex-cli-'));
  // The commands find the embedded database the way the server does.
  process.env.PARINDEX_DATA_DIR = folder;
  delete process.env.DATABASE_URL;
});
after(() => {
  delete process.env.PARINDEX_DATA_DIR;
  rmSync(folder, { recursive: true, force: true });
});

test('an installation is run from the command line: load data, first admin, open a cycle, verify the audit trail', async () => {
  const first = await run('migrate');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Đã áp dụng \d+ bản cập nhật \(1, 2, 3/);
  assert.match((await run('migrate')).out, /đã mới nhất/);
  const load = await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'));
  assert.equal(load.code, 0, load.err);
  const bad = await run('load', join(projectRoot, 'data/demo/lai-chau/results/district-2023.yaml'), '--dry-run');
  assert.equal(bad.code, 0);
  const admin = await run('user', 'create', '--role', 'admin', '--username', 'sonoivu', '--name', 'Sở Nội vụ');
  assert.equal(admin.code, 0, admin.err);
  assert.match(admin.out, /Mật khẩu \(chỉ hiện một lần\): \S{16}/);
  assert.equal((await run('user', 'create', '--role', 'unitEditor', '--username', 'khongdonvi')).code, 3, 'a unit editor needs a unit');
  const wrongYear = await run('cycle', 'open', '--year', '2024', '--framework', 'lai-chau-district-2023');
  assert.equal(wrongYear.code, 3);
  assert.match(wrongYear.err, /dùng cho năm 2023/);
  assert.equal((await run('cycle', 'open', '--year', '2024', '--framework', 'lai-chau-district-2024')).code, 0);
  assert.match((await run('cycle', 'list')).out, /lai-chau-district-2024\s+2024\s+assessment\s+8/);
  const verify = await run('audit', 'verify');
  assert.equal(verify.code, 0);
  assert.match(verify.out, /nguyên vẹn: \d+ mục/);
  const head = /--head\): (\d+:[0-9a-f]{64})/.exec(verify.out)![1]!;
  assert.equal((await run('audit', 'verify', '--head', head)).code, 0);
  assert.equal(
    (await run('audit', 'verify', '--head', `${head.split(':')[0]}:${'0'.repeat(64)}`)).code,
    1,
    'an entry written down before must still be there, unchanged',
  );
  // The trail exported: to the terminal, and to files (written a page at a time, whole or not at all).
  const shown = await run('audit', 'export');
  assert.equal(shown.code, 0);
  const entries = JSON.parse(shown.out) as { sequence: number; action: string }[];
  assert.ok(entries.length > 3 && entries.some((e) => e.action === 'cycle.open'));
  assert.equal((await run('audit', 'export', '--out', join(folder, 'trail.json'))).code, 0);
  assert.equal(readFileSync(join(folder, 'trail.json'), 'utf8'), shown.out);
  assert.equal((await run('audit', 'export', '--out', join(folder, 'trail.csv'))).code, 0);
  assert.match(readFileSync(join(folder, 'trail.csv'), 'utf8'), /^\uFEFF/);
  assert.deepEqual(
    readdirSync(folder).filter((f) => f.endsWith('.tmp')),
    [],
    'no half-written file left',
  );
});

test('audit verify catches entries cut off the end and an emptied trail, without a head kept by hand', async () => {
  // The commands above wrote keyed entries with the key made in the data folder, and anchored each commit.
  assert.equal(statSync(join(folder, 'audit.key')).mode & 0o777, 0o600);
  const anchors = readFileSync(join(folder, 'audit-anchors.log'), 'utf8').trim().split('\n');
  const last = Number(anchors.at(-1)!.split(' ')[1]);
  assert.ok(last > 1);
  const tamper = async (sql: string) => {
    // The embedded engine's role is a superuser: it can switch the triggers off.
    const db = await openDatabase({ folder: join(folder, 'pglite') });
    try {
      await db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await tx.query(sql);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      });
    } finally {
      await db.close();
    }
  };
  await tamper(`DELETE FROM audit_log WHERE sequence >= ${last - 1}`);
  const cut = await run('audit', 'verify');
  assert.equal(cut.code, 1);
  assert.match(cut.err, new RegExp(`Nhật ký bị sửa tại mục ${last - 1}: mục đã ghi mốc bên ngoài không còn trong bảng`));
  assert.match(cut.err, /audit-anchors\.log/);
  await tamper('TRUNCATE audit_log');
  const emptied = await run('--lang', 'en', 'audit', 'verify');
  assert.equal(emptied.code, 1);
  assert.match(emptied.err, /Audit trail altered at entry 1: an entry anchored outside is gone/);
});
